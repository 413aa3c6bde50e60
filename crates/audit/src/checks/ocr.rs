//! `ocr.review`: a warning per machine-read (OCR) cell that has a plausible
//! misreading under which the failing identities it is in hold ("请核对识别
//! 结果", with the candidate value). The search is in
//! `reading/ocr.rs`; the review of the findings themselves (an error
//! so explained becomes a `疑似识读问题` warning) runs inside
//! [`crate::audit`], with the same suggestions.

use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::{CellRef, Finding};
use crate::reading::ocr::{has_ocr, Suggestion};
use juesuan_model::{CellAddr, Report};

fn suggestion_text(s: &Suggestion) -> String {
    format!(
        "请核对识别结果：{}（{}）识别为 {}（置信度 {}），若为 {} 则 {} 成立",
        s.addr,
        s.name,
        s.read,
        s.confidence,
        s.candidate,
        s.repairs
            .iter()
            .map(|(r, p)| match p {
                Some(p) => format!("{r}（{p}）"),
                None => r.clone(),
            })
            .collect::<Vec<_>>()
            .join("、")
    )
}

/// The check: a warning per machine-read cell with a plausible correction.
pub(crate) fn run(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if !has_ocr(report) {
        return CheckResult::skipped(
            Status::NotApplicable,
            "没有经文字识别（OCR）读取的数值".to_string(),
        );
    }
    let out = ctx
        .suggestions()
        .iter()
        .map(|s| {
            let span = CellAddr::parse(&s.addr).and_then(|a| report.span_of(&a).cloned());
            let mut f = Finding::note(
                check.id,
                check.severity,
                suggestion_text(s),
                vec![CellRef {
                    addr: s.addr.clone(),
                    printed: Some(s.read.clone()),
                    span,
                }],
            );
            f.expected = Some(s.candidate.clone());
            f.actual = Some(s.read.clone());
            f
        })
        .collect();
    CheckResult::ran(out)
}

/// The check `ocr.chosen`: a 提示 per machine-read cell whose value the
/// identities chose between candidate readings ([`crate::reading::choose`]),
/// naming what OCR read, its confidence, the value taken and the rules
/// that decided.
pub(crate) fn chosen(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if !has_ocr(report) {
        return CheckResult::skipped(
            Status::NotApplicable,
            "没有经文字识别（OCR）读取的数值".to_string(),
        );
    }
    let out = crate::reading::recorded(report)
        .into_iter()
        .map(|(addr, name, taken, ch)| {
            let addr = addr.to_string();
            let span = CellAddr::parse(&addr).and_then(|a| report.span_of(&a).cloned());
            let mut f = Finding::note(
                check.id,
                check.severity,
                format!(
                    "按恒等式选定读数：{addr}（{name}）识读为 {}（置信度 {}），取 {taken}，使 {} 成立",
                    ch.read,
                    ch.confidence,
                    ch.rules.join("、")
                ),
                vec![CellRef {
                    addr,
                    printed: Some(taken.to_string()),
                    span,
                }],
            );
            f.expected = Some(taken.to_string());
            f.actual = Some(ch.read.clone());
            f
        })
        .collect();
    CheckResult::ran(out)
}

/// Reviews findings for reading artefacts without a rulebook.
///
/// [`crate::audit`] already reviews its findings with the rulebook it was
/// given (OCR corrections included), so calling this on an audit's result
/// changes nothing: a finding already reviewed is left alone. On other
/// findings it applies the shapes that need no rule evaluation (cells in
/// doubt, stray amounts, names cut by a wrap, differences carried up the
/// hierarchy) and notes errors resting on machine-read cells.
pub fn review(report: &Report, findings: &mut [Finding]) {
    crate::reading::review(report, &[], findings);
}
