//! Each rule is evaluated once per report: the checks and the review of
//! the findings reuse what the audit computed, and only trial corrections
//! of machine-read cells are evaluated again.

#[path = "../tests/common/fixture.rs"]
mod fixture;

use super::*;
use juesuan_model::{Family, TableId};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn runs(report: &Report, book: &Rulebook) -> (Audit, usize) {
    run(report, book, None)
}

#[test]
fn a_text_report_evaluates_each_rule_once() {
    let report = juesuan_read::read_text("sample.txt", SAMPLE).expect("the sample reads");
    let book = Rulebook::builtin().expect("builtin rulebook");
    let in_scope = book
        .rules
        .iter()
        .filter(|r| r.scope.includes(report.profile))
        .count();
    assert!(
        in_scope < book.rules.len(),
        "university rules are out of scope"
    );
    let (a, n) = runs(&report, &book);
    assert_eq!(n, in_scope);
    assert_eq!(a.outcomes.len(), book.rules.len() + book.checks().len());
}

#[test]
fn a_scanned_report_evaluates_only_trial_corrections_again() {
    // 甲 printed 153.52 and read 15352 (a lost decimal point).
    let mut report = fixture::report(Family::Unknown, "表\n甲\t\t15352\n乙\t\t153.52\n");
    fixture::add_table(&mut report, TableId::Other(1), &["金额"], 2, 3);
    for addr in ["X01[甲,C1]", "X01[乙,C1]"] {
        fixture::cell_mut(&mut report, addr).span.confidence = Some(91);
    }
    let mut book = Rulebook::default();
    book.add_text(
        "user.rules",
        "U.cap error \"m\" X01[甲, 金额] <= 200\nU.eq error \"m\" X01[甲, 金额] = X01[乙, 金额]\nU.other error \"m\" X01[乙, 金额] <= 1000\n",
    )
    .expect("rules");
    let (a, n) = runs(&report, &book);
    // The three rules once; then each of the six candidates of 甲's "15352"
    // (153.52; 75352; 16352, 15362; 15852; 15357) against the two rules it
    // fails, and all three rules against the best one; 乙 is machine-read and
    // in the failing U.eq too: its five candidates (753.52; 163.52, 153.62;
    // 158.52; 153.57) against U.eq, none repairing it. The audit's own
    // findings are the baseline: never evaluated again.
    assert_eq!(n, 3 + (6 * 2 + 3) + 5);
    let suggested = a.findings.iter().find(|f| f.rule == "ocr.review").unwrap();
    assert_eq!(suggested.expected.as_deref(), Some("153.52"));
    assert_eq!(a.coverage.reading_doubts, 2);
    // Read right, nothing fails: the rules once.
    let c = fixture::cell_mut(&mut report, "X01[甲,C1]");
    c.raw = "153.52".into();
    c.value = Some("153.52".parse().unwrap());
    assert_eq!(runs(&report, &book).1, 3);
}

#[test]
fn a_rule_out_of_the_reports_family_does_not_apply() {
    let mut book = Rulebook::default();
    book.add_text(
        "u.rules",
        "scope university\nU.x error \"m\" T01[合计, 收入决算数] = 0\n",
    )
    .expect("rules");
    let report = Report::default();
    let (a, n) = runs(&report, &book);
    assert_eq!(n, 0);
    let o = &a.outcomes[0];
    assert_eq!(o.status, Status::NotApplicable);
    assert_eq!(
        o.reason.as_deref(),
        Some("本报告的模板（中央及省级部门决算（9 张表））不含此项")
    );
}
