//! The two real Shanghai reports (tests/data, PDF text layer, Shanghai
//! profile): their tables hold together, so the audit reports no error.
//! Rounding notes (info) are expected: both print totals computed in 元.

use juesuan_audit::{audit, Rulebook, Severity};
use std::path::PathBuf;

fn check(name: &str) -> Option<juesuan_audit::Audit> {
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("pdftotext not installed: skipping (scripts/setup.sh installs poppler-utils)");
        return None;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    let report = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.profile, "shanghai");
    Some(audit(
        &report,
        &Rulebook::builtin().unwrap_or_else(|e| panic!("{e}")),
    ))
}

#[test]
fn finance_bureau_has_no_error() {
    let Some(a) = check("shanghai-putuo-finance-bureau-2024.pdf") else {
        return;
    };
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| &f.message)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
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

#[test]
fn social_work_department_has_no_error() {
    let Some(a) = check("shanghai-putuo-social-work-dept-2024.pdf") else {
        return;
    };
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| &f.message)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
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
