//! 绩效自评表 against the report's own facts: an amount indicator's unit
//! against the table's funding, and the 实施单位 against the member units
//! listed in 第一部分 (部门决算单位构成).

use crate::check::{without_performance, Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::{CellRef, Finding};
use juesuan_model::amount::half_unit;
use juesuan_model::{Decimal, Indicator, Measure, Performance, Report, Span};

/// The whole line of an indicator, as a cell reference.
fn indicator_ref(report: &Report, p: &Performance, ind: &Indicator, field: &str) -> CellRef {
    let page = p.page_of_line(ind.line);
    let len = report.source_line(page, ind.line).map_or(0, str::len);
    CellRef {
        addr: format!("P{}.indicators[{}].{field}", p.index, ind.level3),
        printed: Some(
            match field {
                "target" => &ind.target.raw,
                _ => &ind.actual.raw,
            }
            .clone(),
        ),
        span: Some(Span {
            page,
            ..Span::line(ind.line, len)
        }),
    }
}

/// Whether `v` equals `f` within the rounding of both printed figures.
fn same(v: Decimal, f: Decimal) -> bool {
    let tol = half_unit(v.scale()) + half_unit(f.scale().max(2));
    (v - f).abs() <= tol
}

/// An amount indicator printed in the wrong unit: a figure in 元 that is the
/// table's funding in 万元 (`=33元` on a project of 33 万元), or a figure in
/// 万元 that is the funding ×10⁴ (the amount in 元 labelled 万元).
pub(crate) fn indicator_units(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if report.performance.is_empty() {
        return without_performance();
    }
    let mut findings = Vec::new();
    for p in &report.performance {
        let Some(total) = p.fund("年度资金总额") else {
            continue;
        };
        let funding: Vec<Decimal> = [total.initial_budget, total.full_year_budget, total.executed]
            .into_iter()
            .flatten()
            .filter(|f| *f >= Decimal::ONE)
            .collect();
        for ind in p.indicators.iter().filter(|i| !per_unit(i)) {
            for (field, m) in [("target", &ind.target), ("actual", &ind.actual)] {
                if let Some(f) = wrong_unit(m, &funding) {
                    let (said, meant) = if m.unit.trim() == "元" {
                        ("元", "万元")
                    } else {
                        ("万元", "元")
                    };
                    findings.push(Finding::note(
                        check.id,
                        check.severity,
                        format!(
                            "{}：第 {} 张绩效自评表“{}”的指标“{}”{}为“{}”，以{said}计，但其数值与本表年度资金总额 {f} 万元{}，单位应为{meant}",
                            check.message,
                            p.index,
                            p.name,
                            ind.level3,
                            if field == "target" { "年度指标值" } else { "实际完成值" },
                            m.raw,
                            if said == "元" { "相同" } else { "的一万倍相同" },
                        ),
                        vec![indicator_ref(report, p, ind, field)],
                    ));
                    // One finding per indicator: target and actual share the unit.
                    break;
                }
            }
        }
    }
    CheckResult::ran(findings)
}

/// Words of a cost per person, per item or per standard (人均 200 元): such
/// an amount is rightly in 元 whatever the project's total.
const PER_UNIT: &[&str] = &[
    "人均",
    "平均",
    "单价",
    "每",
    "标准",
    "户均",
    "次均",
    "均价",
    "单位成本",
    "/",
    "／",
];

fn per_unit(ind: &Indicator) -> bool {
    [&ind.level3, &ind.target.raw, &ind.actual.raw]
        .iter()
        .any(|s| PER_UNIT.iter().any(|w| s.contains(w)))
}

/// The funding figure a money measure matches only under the other unit.
fn wrong_unit(m: &Measure, funding: &[Decimal]) -> Option<Decimal> {
    let v = m.value?;
    let ten_thousand = Decimal::from(10_000);
    match m.unit.trim() {
        "元" => funding.iter().copied().find(|f| same(v, *f)),
        "万元" | "万" => funding
            .iter()
            .copied()
            .find(|f| f.checked_mul(ten_thousand).is_some_and(|big| same(v, big))),
        _ => None,
    }
}

/// A unit name for comparison: no spaces, one kind of brackets, no ordinal.
fn unit_key(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit());
    s.trim_start_matches(['.', '．', '、']).to_string()
}

/// Every 实施单位 is one of the member units listed in 第一部分 (or the
/// department itself), spelled as listed; otherwise the nearest listed name
/// is offered.
pub(crate) fn implementers(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if report.performance.is_empty() {
        return without_performance();
    }
    if report.meta.member_units.is_empty() {
        return CheckResult::skipped(
            Status::InsufficientData,
            "未能读出第一部分的部门决算单位构成".into(),
        );
    }
    let members: Vec<String> = report
        .meta
        .member_units
        .iter()
        .map(|u| unit_key(u))
        .collect();
    let dept = unit_key(&report.meta.department);
    let mut known = members.clone();
    if !dept.is_empty() {
        for suffix in ["", "（本级）", "本级", "机关", "（机关）"] {
            known.push(format!("{dept}{suffix}"));
        }
    }
    let mut findings = Vec::new();
    for p in &report.performance {
        let name = unit_key(&p.implementer);
        if name.is_empty() || known.contains(&name) {
            continue;
        }
        let nearest = members
            .iter()
            .zip(&report.meta.member_units)
            .map(|(k, printed)| {
                (
                    strsim::levenshtein(k, &name),
                    shared_ends(k, &name),
                    printed,
                )
            })
            .min_by_key(|(d, shared, _)| (*d, std::cmp::Reverse(*shared)))
            .map(|(d, _, printed)| (d, printed));
        let close = nearest
            .as_ref()
            .is_some_and(|(d, _)| *d * 3 <= name.chars().count());
        let what = match (&nearest, close) {
            (Some((_, printed)), true) => format!(
                "与第一部分部门决算单位构成中的“{}”写法不一致",
                printed.trim()
            ),
            (Some((_, printed)), false) => format!(
                "不在第一部分列出的部门决算单位中（最接近的是“{}”）",
                printed.trim()
            ),
            (None, _) => "不在第一部分列出的部门决算单位中".to_string(),
        };
        let (line, page, at) = implementer_place(report, p).unwrap_or((p.lines.0, p.page, 0));
        let printed = p.implementer.trim().to_string();
        let mut span = Span::new(line, at as u32, (at + printed.len()) as u32);
        span.page = page;
        findings.push(Finding::note(
            check.id,
            check.severity,
            format!(
                "{}：第 {} 张绩效自评表“{}”的实施单位“{printed}”{what}",
                check.message, p.index, p.name
            ),
            vec![CellRef {
                addr: format!("P{}.implementer", p.index),
                printed: Some(printed.clone()),
                span: Some(span),
            }],
        ));
    }
    CheckResult::ran(findings)
}

/// Characters two names share at their start and at their end: among names
/// as far from a misspelling, the one that keeps most of it in place.
fn shared_ends(a: &str, b: &str) -> usize {
    let head = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let tail = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    head + tail
}

/// The line, page and byte offset where a table prints its 实施单位.
fn implementer_place(report: &Report, p: &Performance) -> Option<(u32, Option<u32>, usize)> {
    let printed = p.implementer.trim();
    if printed.is_empty() {
        return None;
    }
    (p.lines.0..p.lines.0.saturating_add(12)).find_map(|line| {
        let page = p.page_of_line(line);
        let text = report.source_line(page, line)?;
        text.find(printed).map(|at| (line, page, at))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(value: &str, unit: &str) -> Measure {
        Measure {
            raw: format!("{value}{unit}"),
            comparator: None,
            value: value.parse().ok(),
            unit: unit.into(),
        }
    }

    #[test]
    fn units_against_funding() {
        let f = ["33".parse().unwrap()];
        assert!(wrong_unit(&money("33", "元"), &f).is_some());
        assert!(wrong_unit(&money("330000", "万元"), &f).is_some());
        assert!(wrong_unit(&money("33", "万元"), &f).is_none());
        assert!(wrong_unit(&money("330000", "元"), &f).is_none());
        assert!(wrong_unit(&money("33", "人"), &f).is_none());
    }

    #[test]
    fn costs_per_person_are_in_yuan_rightly() {
        let ind = |name: &str, raw: &str| Indicator {
            level1: "成本指标".into(),
            level2: "经济成本指标".into(),
            level3: name.into(),
            target: money("33", "元"),
            actual: Measure {
                raw: raw.into(),
                ..money("33", "元")
            },
            deviation_reason: String::new(),
            line: 1,
        };
        assert!(per_unit(&ind("人均培训成本", "33元")));
        assert!(per_unit(&ind("培训成本", "33元/人")));
        assert!(!per_unit(&ind("维修维护费用", "33元")));
    }

    #[test]
    fn unit_names_compare_without_spacing() {
        assert_eq!(
            unit_key("吉林省人力资源和社会保障厅 机关事务管理中心"),
            unit_key("12.吉林省人力资源和社会保障厅机关事务管理中心")
        );
        assert_eq!(unit_key("某中心(本级)"), "某中心（本级）");
    }
}
