//! 项目支出绩效自评表 checks that are not formulas: the 十（二） paragraph of
//! each project against its table, and a 偏差原因 for every missed indicator.

use crate::check::{without_performance, Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::{CellRef, Finding};
use crate::lang::Severity;
use crate::tolerance::half_unit_of;
use juesuan_model::{
    Comparator, Decimal, Figure, FigureKind, FigureRole, Paragraph, Performance, Report, Span,
};
use rust_decimal::RoundingStrategy;

/// A project name for matching: no numbering, quotes, spaces, "项目" or "绩效自评情况".
fn norm_name(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '《' | '》')
        })
        .collect();
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let s = s.trim_start_matches(['.', '．', '、']);
    let s = s.split("绩效自评情况").next().unwrap_or(s);
    s.trim_end_matches("项目").to_string()
}

/// The project a 十（二） paragraph is about: its text up to "绩效自评情况".
fn paragraph_name(p: &Paragraph) -> Option<String> {
    let head = p.text.split(['：', ':']).next()?;
    head.contains("绩效自评").then(|| norm_name(head))
}

/// Pairs each 十（二） paragraph with its table: by name, else by position.
fn matched<'r>(
    report: &'r Report,
    paras: &[&'r Paragraph],
) -> Vec<(&'r Paragraph, &'r Performance, bool)> {
    let names: Vec<String> = report
        .performance
        .iter()
        .map(|p| norm_name(&p.name))
        .collect();
    let same_count = paras.len() == report.performance.len();
    let mut out = Vec::new();
    for (pos, p) in paras.iter().enumerate() {
        let pname = paragraph_name(p).unwrap_or_default();
        let by_name = (!pname.is_empty())
            .then(|| {
                names.iter().position(|n| *n == pname).or_else(|| {
                    names.iter().position(|n| {
                        n.chars().count() >= 4
                            && pname.chars().count() >= 4
                            && (n.contains(pname.as_str()) || pname.contains(n.as_str()))
                    })
                })
            })
            .flatten();
        match by_name {
            Some(k) => out.push((*p, &report.performance[k], true)),
            None if same_count => out.push((*p, &report.performance[pos], false)),
            None => {}
        }
    }
    out
}

fn fig_ref(f: &Figure) -> CellRef {
    CellRef {
        addr: f.addr.clone(),
        printed: Some(format!("{}{}", f.value, f.unit)),
        span: Some(f.span.clone()),
    }
}

/// What to compare: the term, the stated figure, the table value, its address and span.
type Compared<'a> = (
    &'static str,
    Option<&'a &'a Figure>,
    Option<Decimal>,
    String,
    Option<Span>,
);

/// Compares a stated figure with its table value at the figure's printed precision.
fn compare(stated: Decimal, table: Decimal) -> Option<Severity> {
    if stated == table
        || table.round_dp_with_strategy(stated.scale(), RoundingStrategy::MidpointAwayFromZero)
            == stated
    {
        return None;
    }
    let tol = half_unit_of(&stated) + half_unit_of(&table);
    Some(if (stated - table).abs() <= tol {
        Severity::Info
    } else {
        Severity::Error
    })
}

/// Each project paragraph of 十（二）: score, 全年预算数, 执行数 and 完成预算 % equal its table.
pub(crate) fn paragraphs(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let nidx = ctx.narrative;
    let items = nidx.items(report, "10.2");
    let paras: Vec<&Paragraph> = items
        .iter()
        .filter_map(|i| nidx.paragraph(report, &format!("10.2.{i}")))
        .collect();
    if paras.is_empty() || report.performance.is_empty() {
        return CheckResult::skipped(
            Status::InsufficientData,
            "没有项目绩效自评结果段落或项目支出绩效自评表".into(),
        );
    }
    let mut findings = Vec::new();
    for (p, perf, by_name) in matched(report, &paras) {
        let figs: Vec<&Figure> = report
            .figures
            .iter()
            .filter(|f| f.paragraph == p.addr)
            .collect();
        let total = perf.fund("年度资金总额");
        let score = figs.iter().find(|f| f.kind == FigureKind::Score);
        let budget = figs
            .iter()
            .find(|f| f.role == FigureRole::Budget && f.kind == FigureKind::Amount);
        let actual = figs
            .iter()
            .find(|f| f.role == FigureRole::Actual && f.kind == FigureKind::Amount);
        let rate = figs.iter().find(|f| f.role == FigureRole::Completion);
        let k = perf.index;
        if !by_name {
            findings.push(Finding::note(
                check.id,
                Severity::Warning,
                format!(
                    "{}：第 {} 个项目段落所述项目“{}”与第 {k} 张绩效自评表的项目名称“{}”不一致，按顺序对应核对",
                    check.message,
                    p.item.unwrap_or(0),
                    paragraph_name(p).unwrap_or_default(),
                    perf.name
                ),
                vec![CellRef {
                    addr: p.addr.clone(),
                    printed: None,
                    span: Some(Span { page: p.page, ..Span::line(p.line, 0) }),
                }],
            ));
        }
        let how = if by_name {
            format!("第 {k} 张绩效自评表“{}”", perf.name)
        } else {
            format!(
                "第 {k} 张绩效自评表“{}”（按顺序对应，项目名称不一致）",
                perf.name
            )
        };
        let checks: [Compared; 4] = [
            (
                "自评得分",
                score,
                perf.score,
                format!("P{k}.score"),
                Some(Span {
                    page: perf.page,
                    ..Span::line(perf.score_line, 0)
                }),
            ),
            (
                "全年预算数",
                budget,
                total.and_then(|t| t.full_year_budget),
                format!("P{k}.funds[年度资金总额].full_year_budget"),
                total.and_then(|t| t.spans.get(1).cloned()),
            ),
            (
                "执行数",
                actual,
                total.and_then(|t| t.executed),
                format!("P{k}.funds[年度资金总额].executed"),
                total.and_then(|t| t.spans.get(2).cloned()),
            ),
            (
                "完成预算的百分比（执行率）",
                rate,
                total.and_then(|t| t.rate),
                format!("P{k}.funds[年度资金总额].rate"),
                total.and_then(|t| t.spans.get(3).cloned()),
            ),
        ];
        for (what, fig, table, addr, span) in checks {
            let Some(table) = table else { continue };
            let cell = CellRef {
                addr,
                printed: Some(table.to_string()),
                span,
            };
            let Some(fig) = fig else {
                findings.push(Finding::note(
                    check.id,
                    Severity::Warning,
                    format!(
                        "{}：第 {} 个项目的绩效自评情况没有写明{what}（{how}为 {table}）",
                        check.message,
                        p.item.unwrap_or(0)
                    ),
                    vec![
                        CellRef {
                            addr: p.addr.clone(),
                            printed: None,
                            span: Some(Span {
                                page: p.page,
                                ..Span::line(p.line, 0)
                            }),
                        },
                        cell,
                    ],
                ));
                continue;
            };
            let Some(sev) = compare(fig.value, table) else {
                continue;
            };
            let diff = fig.value - table;
            let tail = if sev == Severity::Info {
                "，在所印精度的尾数误差之内（尾数误差）"
            } else {
                "，超出尾数误差"
            };
            let mut f = Finding::note(
                check.id,
                sev,
                format!(
                    "{}：第 {} 个项目所述{what} {} 与{how}的 {table} 不一致，相差 {diff}{tail}",
                    check.message,
                    p.item.unwrap_or(0),
                    fig.value
                ),
                vec![fig_ref(fig), cell],
            );
            f.expected = Some(table.to_string());
            f.actual = Some(fig.value.to_string());
            f.difference = Some(diff.to_string());
            findings.push(f);
        }
    }
    CheckResult::ran(findings)
}

/// Units of an indicator value, normalised ("百分比" is "%").
fn unit_norm(u: &str) -> String {
    let u: String = u.chars().filter(|c| !c.is_whitespace()).collect();
    match u.as_str() {
        "百分比" | "％" => "%".to_string(),
        _ => u,
    }
}

/// Every indicator whose 实际完成值 misses its 年度指标值 carries a 偏差原因.
pub(crate) fn deviations(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if report.performance.is_empty() {
        return without_performance();
    }
    let mut findings = Vec::new();
    let (mut compared, mut skipped) = (0usize, 0usize);
    for perf in &report.performance {
        for ind in &perf.indicators {
            let (Some(cmp), Some(target), Some(actual)) =
                (ind.target.comparator, ind.target.value, ind.actual.value)
            else {
                skipped += 1;
                continue;
            };
            if ind.actual.comparator.is_some()
                || unit_norm(&ind.target.unit) != unit_norm(&ind.actual.unit)
            {
                skipped += 1;
                continue;
            }
            compared += 1;
            if cmp.holds(actual, target) || !ind.deviation_reason.trim().is_empty() {
                continue;
            }
            let verb = match cmp {
                Comparator::Ge | Comparator::Gt => "低于",
                Comparator::Le | Comparator::Lt => "高于",
                Comparator::Eq => "不等于",
            };
            let len = report.line_text(ind.line).map_or(0, str::len);
            findings.push(Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：第 {} 张绩效自评表“{}”指标“{}”实际完成值 {} {verb}年度指标值 {}，但未填写偏差原因",
                    check.message, perf.index, perf.name, ind.level3, ind.actual.raw, ind.target.raw
                ),
                vec![CellRef {
                    addr: format!("P{}.indicators[{}]", perf.index, ind.level3),
                    printed: Some(ind.actual.raw.clone()),
                    span: Some(Span { page: perf.page, ..Span::line(ind.line, len) }),
                }],
            ));
        }
    }
    if compared == 0 {
        return CheckResult::skipped(
            Status::InsufficientData,
            format!("{skipped} 项指标均无法比较（无比较符、非数值或单位不同）"),
        );
    }
    CheckResult {
        status: Status::Ran,
        findings,
        reason: (skipped > 0).then(|| {
            format!("已比较 {compared} 项指标；{skipped} 项无法比较（无比较符、非数值或单位不同），计为数据不足")
        }),
    }
}
