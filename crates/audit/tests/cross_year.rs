//! Cross-year audit (`Y.*`): the Jilin 2024 report against a 2023 report
//! generated from it (`juesuan_testkit::years`), once consistent and once
//! with a broken carry-forward and a wrong 上年数.

use juesuan_audit::cross_year::{audit_pair, audit_pair_outcomes};
use juesuan_audit::{Finding, Severity, Status};
use juesuan_model::Report;
use juesuan_testkit::years::{jilin_2023, JILIN_2024};

fn read(name: &str, text: &str) -> Report {
    juesuan_read::read_text(name, text).unwrap_or_else(|e| panic!("{name} must read: {e}"))
}

fn pair(consistent: bool) -> (Report, Report) {
    (
        read("jilin-2024.txt", JILIN_2024),
        read("jilin-2023.txt", &jilin_2023(consistent)),
    )
}

fn of<'f>(findings: &'f [Finding], rule: &str, sev: Severity) -> Vec<&'f Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule && f.severity == sev)
        .collect()
}

#[test]
fn generated_prior_year_reads_as_2023() {
    let (cur, prior) = pair(true);
    assert_eq!(cur.meta.year, Some(2024));
    assert_eq!(prior.meta.year, Some(2023));
    assert_eq!(prior.meta.department, cur.meta.department);
}

#[test]
fn a_consistent_pair_gives_no_error_and_every_rule_runs() {
    let (cur, prior) = pair(true);
    let (outcomes, findings) = audit_pair_outcomes(&cur, &prior);
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let ran = |id: &str| {
        outcomes
            .iter()
            .find(|o| o.rule == id)
            .filter(|o| o.status == Status::Ran)
            .map_or(0, |o| o.instances)
    };
    // 公开01表, 公开04表 total and its three funds.
    assert_eq!(ran("Y.carry_forward"), 5);
    // The 13 year-on-year changes the 2024 narrative states.
    assert_eq!(ran("Y.prior_stated"), 13);
    assert!(ran("Y.classification") > 50);
}

#[test]
fn a_broken_carry_forward_and_a_wrong_prior_figure_are_errors_naming_both_reports() {
    let (cur, prior) = pair(false);
    let findings = audit_pair(&cur, &prior);
    let carry = of(&findings, "Y.carry_forward", Severity::Error);
    assert_eq!(carry.len(), 1, "{findings:#?}");
    let f = carry[0];
    assert_eq!(f.actual.as_deref(), Some("3223.44"));
    assert_eq!(f.expected.as_deref(), Some("3380.11"));
    assert_eq!(f.difference.as_deref(), Some("-156.67"));
    let addrs: Vec<&str> = f.cells.iter().map(|c| c.addr.as_str()).collect();
    assert_eq!(addrs, ["T01[R12,C1]", "T01[R26,C2]@2023"]);
    // Both cells point at their own report's line.
    assert_eq!(f.cells[0].span.as_ref().map(|s| s.line), Some(134));
    assert_eq!(f.cells[1].span.as_ref().map(|s| s.line), Some(134));
    assert!(
        f.message.contains("jilin-2024.txt，2024 年度"),
        "{}",
        f.message
    );
    assert!(
        f.message.contains("jilin-2023.txt，2023 年度"),
        "{}",
        f.message
    );

    let stated = of(&findings, "Y.prior_stated", Severity::Error);
    assert_eq!(stated.len(), 1, "{findings:#?}");
    let f = stated[0];
    // 38236.47 + 3508.99 = 41745.46 stated of 2023 in 2024; 41700.00 in 2023.
    assert_eq!(f.actual.as_deref(), Some("41745.46"));
    assert_eq!(f.expected.as_deref(), Some("41700.00"));
    assert_eq!(f.line, Some(1200));
    assert!(f.cells.iter().any(|c| c.addr.ends_with("@2023")), "{f:#?}");
}

#[test]
fn years_that_do_not_follow_each_other_are_not_compared() {
    let (cur, _) = pair(true);
    let findings = audit_pair(&cur, &cur);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, "Y.pair");
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn a_renamed_code_is_information_only() {
    let (cur, _) = pair(true);
    let renamed = jilin_2023(true).replacen("\t行政单位离退休", "\t机关离退休", 1);
    let prior = read("jilin-2023.txt", &renamed);
    let findings = audit_pair(&cur, &prior);
    let info = of(&findings, "Y.classification", Severity::Info);
    assert!(!info.is_empty(), "{findings:#?}");
    assert!(
        findings.iter().all(|f| f.severity != Severity::Error),
        "{findings:#?}"
    );
}

#[test]
fn without_last_year_a_rule_with_last_does_not_apply() {
    let mut book = juesuan_audit::Rulebook::builtin().unwrap();
    book.add_text(
        "user.rules",
        "Z.carry  error \"年初结转和结余应等于上年年末\"  T01[年初结转和结余, 收入决算数] = last(T01[年末结转和结余, 支出决算数])\n",
    )
    .unwrap();
    let report = read("jilin-2024.txt", JILIN_2024);
    let a = juesuan_audit::audit(&report, &book);
    let o = a.outcomes.iter().find(|o| o.rule == "Z.carry").unwrap();
    assert_eq!(o.status, Status::NotApplicable);
    assert_eq!(o.reason.as_deref(), Some("没有同一部门上一年度的报告"));
    assert!(a.findings.iter().all(|f| f.rule != "Z.carry"));
}

/// The 2022 of the bundled university report (2023): its model with the
/// year moved back and its 年末结转和结余 (T01 C2) set to `year_end`.
fn university_pair(year_end: &str) -> Option<(Report, Report)> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let name = "chongqing-southwest-university-2023.pdf";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    let bytes = std::fs::read(path).unwrap();
    let current = juesuan_read::read_bytes(name, &bytes).unwrap();
    let mut prior = current.clone();
    prior.source = "university-2022.json".to_string();
    prior.meta.year = Some(2022);
    let t01 = prior.tables.get_mut(&juesuan_model::TableId::T01).unwrap();
    let row = t01
        .rows
        .iter_mut()
        .find(|r| r.key == "年末结转和结余")
        .unwrap();
    let cell = row.cells.iter_mut().find(|c| c.column == 2).unwrap();
    cell.value = Some(year_end.parse().unwrap());
    cell.raw = year_end.to_string();
    Some((current, prior))
}

#[test]
fn a_university_opening_balance_is_last_years_closing_one() {
    // The 2023 report prints 上年结转和结余 93,660.54.
    let Some((cur, prior)) = university_pair("93660.54") else {
        return;
    };
    let (outcomes, findings) = audit_pair_outcomes(&cur, &prior);
    assert!(
        of(&findings, "Y.carry_forward", Severity::Error).is_empty(),
        "{findings:#?}"
    );
    let o = outcomes
        .iter()
        .find(|o| o.rule == "Y.carry_forward")
        .unwrap();
    assert_eq!(o.status, Status::Ran);
    let (cur, prior) = university_pair("93512.53").unwrap();
    let findings = audit_pair(&cur, &prior);
    let carry = of(&findings, "Y.carry_forward", Severity::Error);
    assert_eq!(carry.len(), 1, "{findings:#?}");
    // 93,660.54 − 93,512.53 = 148.01, the size of the gap the issue cites.
    assert_eq!(carry[0].difference.as_deref(), Some("148.01"));
}
