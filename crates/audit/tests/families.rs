//! Checks that depend on the report's template family: which tables must be
//! published, and the identities run on tables no family knows.

mod common;

use common::fixture::{add_table, report};
use juesuan_audit::{audit, Audit, Rulebook, Severity, Status};
use juesuan_model::{Family, TableId};

fn check(r: &juesuan_model::Report) -> Audit {
    audit(r, &Rulebook::builtin().expect("builtin rulebook"))
}

fn outcome<'a>(a: &'a Audit, id: &str) -> &'a juesuan_audit::RuleOutcome {
    a.outcomes.iter().find(|o| o.rule == id).expect("outcome")
}

#[test]
fn presence_follows_the_family() {
    // One table of a 13-table 单位决算: twelve are missing, each by its number.
    let mut r = report(Family::Unit13, "表\n合计\t\t1.00\t1.00\t\n");
    add_table(
        &mut r,
        TableId::T14,
        &["合计", "基本支出", "项目支出"],
        2,
        2,
    );
    let a = check(&r);
    let missing: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule == "tables.present")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(missing.len(), 12, "{missing:#?}");
    assert!(
        missing.iter().any(|m| m.contains("（公开05表）")),
        "{missing:#?}"
    );
    assert!(
        missing.iter().any(|m| m.contains("（公开13表）")),
        "{missing:#?}"
    );
    assert!(missing.iter().all(|m| !m.contains("九张")));
    assert_eq!(outcome(&a, "T14.row_sum").status, Status::Ran);
    // An unknown template: nothing can be said to be missing.
    let r = report(Family::Unknown, "");
    let a = check(&r);
    let o = outcome(&a, "tables.present");
    assert_eq!(o.status, Status::NotApplicable);
    assert!(
        o.reason.as_deref().unwrap_or("").contains("未知模板"),
        "{o:?}"
    );
    assert_eq!(outcome(&a, "T02.row_sum").status, Status::NotApplicable);
}

/// A table recognised by its title and header only, with 科目 rows.
fn generic(rows: &[&str]) -> juesuan_model::Report {
    let text = format!("某某决算表\n{}\n", rows.join("\n"));
    let mut r = report(Family::Unknown, &text);
    add_table(
        &mut r,
        TableId::Other(1),
        &["甲", "乙"],
        2,
        rows.len() as u32 + 1,
    );
    r
}

#[test]
fn generic_tables_run_only_certain_sums() {
    let rows = [
        "合计\t\t30.00\t3.00",
        "205\t教育支出\t30.00\t3.00",
        "20502\t普通教育\t20.00\t2.00",
        "2050201\t学前教育\t5.00\t",
        "2050202\t小学教育\t15.00\t2.00",
        "20599\t其他教育支出\t10.00\t1.00",
    ];
    let a = check(&generic(&rows));
    let o = outcome(&a, "tables.generic_sums");
    assert_eq!(o.status, Status::Ran);
    assert!(a.findings.iter().all(|f| f.rule != "tables.generic_sums"));
    // 小学教育 乙 printed 2.50: 20502 no longer adds up in that column.
    let mut rows = rows.to_vec();
    rows[4] = "2050202\t小学教育\t15.00\t2.50";
    let a = check(&generic(&rows));
    let f: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == "tables.generic_sums")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].cells[0].addr, "X01[20502,C2]");
    assert_eq!(f[0].difference.as_deref(), Some("-0.50"));
    assert!(f[0].message.contains("科目 20502"), "{}", f[0].message);
    // Without 科目 rows nothing is certain.
    let a = check(&generic(&["甲\t\t1.00\t2.00"]));
    assert_eq!(
        outcome(&a, "tables.generic_sums").status,
        Status::NotApplicable
    );
}

/// The synthetic 13-table 单位决算 through the reader: its tables are
/// consistent, so only its deliberately short 情况说明 draws errors; the
/// rules of the family's own tables run.
#[test]
fn unit13_report_through_the_reader() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/unit13-synthetic-2024.txt");
    let r = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.profile, Family::Unit13);
    let a = check(&r);
    let errors: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert!(
        errors.iter().all(|r| *r == "narrative.sections"),
        "{errors:?}"
    );
    for rule in [
        "tables.present",
        "T11.hierarchy",
        "T12.total_classes",
        "X.T01_T02.income",
        "tables.empty_note",
    ] {
        assert_eq!(outcome(&a, rule).status, Status::Ran, "{rule}");
    }
}
