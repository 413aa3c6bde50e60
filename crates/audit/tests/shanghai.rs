//! The two real Shanghai reports (tests/data, PDF text layer, Shanghai
//! profile): their tables hold together; what the audit finds in their
//! narratives was checked by hand against the PDF.
//! Rounding notes (info) are expected: both print totals computed in 元.

use juesuan_audit::{audit, Rulebook, Severity};
use std::path::PathBuf;

fn check(name: &str) -> Option<juesuan_audit::Audit> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    let report = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.profile.as_str(), "shanghai");
    Some(audit(
        &report,
        &Rulebook::builtin().unwrap_or_else(|e| panic!("{e}")),
    ))
}

/// The tables hold together; the narrative has two real mistakes, checked
/// by hand on page 20–21 of the PDF: 四 says "财政拨款收入支出总计0.3万元"
/// where 公开04表 prints 总计 2,961.68; 五（二）says 一般公共服务支出
/// 2106.66万元 is 71.73% of 2940.05万元 (it is 71.65%; the four printed
/// shares add up to 100.07%).
#[test]
fn finance_bureau_tables_hold_and_two_narrative_errors() {
    let Some(a) = check("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    let flagged: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.severity, f.rule.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(flagged.len(), 2, "{flagged:#?}");
    assert!(flagged.iter().all(|(s, _, _)| *s == Severity::Error));
    assert!(flagged.iter().any(|(_, r, m)| *r == "N4.total"
        && m.contains("N4.p1#1 = 0.3")
        && m.contains("T04[总计,C1] = 2961.68")));
    assert!(flagged.iter().any(|(_, r, m)| *r == "N5.2.shares"
        && m.contains("一般公共服务支出")
        && m.contains("= 71.73")));
    // Table identities ran on this layout (no 栏次, split codes, 合计 last).
    for id in [
        "T01.income_total",
        "T02.hierarchy",
        "T05.total_classes",
        "X.T01_T03.classes",
        "X.T05_T06.basic",
        "T09.total",
    ] {
        assert!(
            a.outcomes
                .iter()
                .any(|o| o.rule == id && o.status == juesuan_audit::Status::Ran),
            "{id} ran"
        );
    }
}

/// No error; one warning: 五（二）prints 住房保障支出 as 9.55% of the total
/// where the amounts give 9.5575% (cut off, not rounded).
#[test]
fn social_work_department_has_no_error() {
    let Some(a) = check("shanghai-putuo-social-work-dept-2024.pdf") else {
        return;
    };
    let flagged: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| (f.severity, f.rule.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    assert_eq!(flagged[0].0, Severity::Warning);
    assert_eq!(flagged[0].1, "N5.2.shares");
    assert!(flagged[0].2.contains("住房保障支出") && flagged[0].2.contains("9.55"));
}

/// 七（一）of the 财政局 states the 三公 budget once and then only the
/// 决算 of each kind ("其中：…公务接待费支出决算为0.00万元"): that figure is
/// checked as the 决算 of 公务接待费 and never taken for its budget.
#[test]
fn finance_bureau_sangong_actuals_are_not_budgets() {
    let Some(a) = check("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    let status = |rule: &str| {
        a.outcomes
            .iter()
            .filter(|o| o.rule == rule)
            .map(|o| o.status)
            .collect::<Vec<_>>()
    };
    assert!(status("N9.item_actual").contains(&juesuan_audit::Status::Ran));
    assert!(!a.findings.iter().any(|f| f.rule == "N9.item_budget"));
}

/// A Shanghai 公开05表 has no 人员经费/公用经费 columns: rules on them do
/// not apply (not "insufficient data", which would mean a reading gap).
#[test]
fn rules_on_columns_the_layout_lacks_do_not_apply() {
    let Some(a) = check("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    for rule in ["T05.row_basic", "X.T05_T06.personnel", "N6.public"] {
        let o = a
            .outcomes
            .iter()
            .find(|o| o.rule == rule)
            .unwrap_or_else(|| panic!("{rule}"));
        assert_eq!(o.status, juesuan_audit::Status::NotApplicable, "{rule}");
    }
}

/// Every finding on the PDF names its page, and the narrative errors quote
/// the printed sentence: "…收入支出总计0.3万元…" is line 14 of page 21, the
/// 71.73% line 25 (lines of a page as `pdftotext -tsv -f 21 -l 21` gives
/// them, which is how juesuan numbers them).
#[test]
fn finance_bureau_findings_point_at_their_page() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    let report = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let a = audit(
        &report,
        &Rulebook::builtin().unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(!a.findings.is_empty());
    for f in &a.findings {
        assert!(
            f.page.is_some() && f.line.is_some(),
            "{} has no page",
            f.rule
        );
    }
    let quoted = |rule: &str| {
        let f = a.findings.iter().find(|f| f.rule == rule);
        let f = f.unwrap_or_else(|| panic!("{rule} missing"));
        let line = f.line.unwrap_or_default();
        (
            f.page,
            line,
            report.source_line(f.page, line).map(str::to_string),
        )
    };
    let (page, line, text) = quoted("N4.total");
    assert_eq!((page, line), (Some(21), 14));
    assert!(text.is_some_and(|t| t.contains("收入支出总计0.3万元")));
    let (page, line, text) = quoted("N5.2.shares");
    assert_eq!((page, line), (Some(21), 25));
    assert!(text.is_some_and(|t| t.contains("2106.66万元，占71.73%")));
}
