//! Narrative checks that are not formulas: 大于/小于/持平 wording against
//! the sign, a completion rate against a zero budget, the 类/款/项 names of
//! 五（三）, and garbled direction words ("增降低").

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::eval::narrative::{code_of_names, item_names};
use crate::finding::{CellRef, Finding};
use juesuan_model::{Figure, FigureKind, FigureRole, Report, TableId};

fn fig_ref(f: &Figure) -> CellRef {
    CellRef {
        addr: f.addr.clone(),
        printed: Some(format!("{}{}", f.value, f.unit)),
        span: Some(f.span.clone()),
    }
}

/// (budget, actual) figure pairs of each paragraph, by paragraph address.
fn pairs(report: &Report) -> Vec<(&Figure, &Figure)> {
    let figs = &report.figures;
    let mut out = Vec::new();
    for (i, a) in figs.iter().enumerate() {
        if a.role != FigureRole::Actual || a.kind != FigureKind::Amount {
            continue;
        }
        if let Some(b) = figs[..i]
            .iter()
            .rev()
            .take_while(|b| b.paragraph == a.paragraph)
            .find(|b| b.role == FigureRole::Budget && b.kind == FigureKind::Amount)
        {
            out.push((b, a));
        }
    }
    out
}

const STATED: [(&str, std::cmp::Ordering); 7] = [
    ("大于", std::cmp::Ordering::Greater),
    ("高于", std::cmp::Ordering::Greater),
    ("超过", std::cmp::Ordering::Greater),
    ("小于", std::cmp::Ordering::Less),
    ("低于", std::cmp::Ordering::Less),
    ("持平", std::cmp::Ordering::Equal),
    ("等于", std::cmp::Ordering::Equal),
];

/// 大于/小于/持平 wording about 决算数 and 预算数 matches the sign of the difference.
pub(crate) fn direction(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let all = pairs(report);
    if all.is_empty() {
        return CheckResult::skipped(
            Status::InsufficientData,
            "情况说明中没有成对的预算数与决算数".into(),
        );
    }
    let mut findings = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (b, a) in all {
        if seen.contains(&a.paragraph.as_str()) {
            continue;
        }
        seen.push(a.paragraph.as_str());
        let Some(p) = report.narrative.iter().find(|p| p.addr == a.paragraph) else {
            continue;
        };
        if !p.text.contains("预算") {
            continue;
        }
        let text: String = p.text.chars().filter(|c| !c.is_whitespace()).collect();
        let stated = STATED.iter().find_map(|(w, o)| {
            [("决算数", "预算数"), ("决算", "预算")]
                .iter()
                .find_map(|(a, b)| {
                    let at = text.find(a)?;
                    let rest = &text[at + a.len()..];
                    (rest.starts_with(w) && rest[w.len()..].starts_with(b)
                        || rest.starts_with("与预算数") && rest["与预算数".len()..].starts_with(w))
                    .then_some((*w, *o))
                })
        });
        let Some((word, said)) = stated else { continue };
        let actual = a.value.cmp(&b.value);
        if actual != said {
            let real = match actual {
                std::cmp::Ordering::Greater => "大于",
                std::cmp::Ordering::Less => "小于",
                std::cmp::Ordering::Equal => "等于",
            };
            let mut f = Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：情况说明称“决算数{word}预算数”，但决算数 {} 万元{real}预算数 {} 万元（相差 {}）",
                    check.message,
                    a.value,
                    b.value,
                    a.value - b.value
                ),
                vec![fig_ref(a), fig_ref(b)],
            );
            f.expected = Some(real.to_string());
            f.actual = Some(word.to_string());
            f.difference = Some((a.value - b.value).to_string());
            findings.push(f);
        }
    }
    CheckResult::ran(findings)
}

/// A completion rate stated against a zero (or blank) budget is an error.
pub(crate) fn zero_budget(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let figs = &report.figures;
    let mut findings = Vec::new();
    let mut ran = false;
    for (i, c) in figs.iter().enumerate() {
        if c.role != FigureRole::Completion {
            continue;
        }
        let Some(b) = figs[..i]
            .iter()
            .rev()
            .take_while(|b| b.paragraph == c.paragraph)
            .find(|b| b.role == FigureRole::Budget && b.kind == FigureKind::Amount)
        else {
            continue;
        };
        ran = true;
        if b.value.is_zero() {
            findings.push(Finding::note(
                check.id,
                check.severity,
                format!(
                    "{}：预算数为 {} 万元，却称完成预算的 {}%（以零为分母的完成率没有意义）",
                    check.message, b.value, c.value
                ),
                vec![fig_ref(c), fig_ref(b)],
            ));
        }
    }
    if !ran {
        return CheckResult::skipped(
            Status::InsufficientData,
            "情况说明中没有完成预算的百分比".into(),
        );
    }
    CheckResult::ran(findings)
}

/// Each 五（三） item's "X（类）Y（款）Z（项）" names a 科目 of 公开05表 or of the 2024 list.
pub(crate) fn item_codes(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let nidx = ctx.narrative;
    let Some(t05) = report.table(TableId::T05) else {
        return CheckResult::skipped(Status::InsufficientData, "报告中没有公开05表".into());
    };
    let items = nidx.items(report, "5.3");
    if items.is_empty() {
        return CheckResult::skipped(
            Status::InsufficientData,
            "情况说明五（三）没有编号的科目段落".into(),
        );
    }
    let mut findings = Vec::new();
    for i in items {
        let Some(p) = nidx.paragraph(report, &format!("5.3.{i}")) else {
            continue;
        };
        let mut span = juesuan_model::Span::line(p.line, p.text.len().min(60));
        span.page = p.page;
        let cell = CellRef {
            addr: p.addr.clone(),
            printed: None,
            span: Some(span),
        };
        match item_names(&p.text) {
            None => findings.push(Finding::note(
                check.id,
                crate::lang::Severity::Warning,
                format!(
                    "{}：第 {i} 项没有按“X（类）Y（款）Z（项）”写明科目",
                    check.message
                ),
                vec![cell],
            )),
            Some(names) if code_of_names(t05, names, report.meta.year).is_none() => {
                // A reference compiled from published reports is not the
                // complete official list: a name missing from it is
                // unverifiable, not wrong.
                let reference = juesuan_model::classification::functional(report.meta.year);
                let (severity, tail) = if reference.is_complete() {
                    (check.severity, String::new())
                } else {
                    (
                        crate::lang::Severity::Warning,
                        format!(
                            "（{} 年科目参考表只收录已公开报告印出的科目，不全，无法核对）",
                            reference.year()
                        ),
                    )
                };
                findings.push(Finding::note(
                    check.id,
                    severity,
                    format!(
                        "{}：第 {i} 项“{}（类）{}（款）{}（项）”在公开05表和 {} 年支出功能分类科目中都找不到{tail}",
                        check.message,
                        names[0],
                        names[1],
                        names[2],
                        reference.year()
                    ),
                    vec![cell],
                ));
            }
            _ => {}
        }
    }
    CheckResult::ran(findings)
}

/// Direction words garbled together ("增降低", "减增加").
pub(crate) fn wording(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    const GARBLES: &[(&str, &str)] = &[
        ("增", "降低"),
        ("增", "下降"),
        ("增", "减少"),
        ("减", "增加"),
        ("减", "增长"),
        ("降", "增加"),
        ("降", "增长"),
    ];
    let mut findings = Vec::new();
    for p in report.narrative.iter().filter(|p| !p.is_heading) {
        for (pre, word) in GARBLES {
            let pat = format!("{pre}{word}");
            let mut from = 0;
            while let Some(k) = p.text[from..].find(&pat) {
                let at = from + k;
                from = at + pat.len();
                // "增减少" inside "增减少许" etc. is rare; "增加减少" is two words.
                findings.push(Finding::note(
                    check.id,
                    check.severity,
                    format!(
                        "{}：“{pat}”的增减方向自相矛盾，应为“{word}”或“{}”",
                        check.message,
                        opposite(word)
                    ),
                    vec![CellRef {
                        addr: p.addr.clone(),
                        printed: Some(pat.clone()),
                        span: Some(p.span_at(at, pat.len())),
                    }],
                ));
            }
        }
    }
    if report.narrative.is_empty() {
        return CheckResult::skipped(Status::InsufficientData, "报告中没有情况说明".into());
    }
    CheckResult::ran(findings)
}

fn opposite(word: &str) -> &'static str {
    match word {
        "降低" | "下降" => "增长",
        "减少" => "增加",
        "增加" => "减少",
        _ => "下降",
    }
}
