//! The Jilin sample: what holds, what is rounding, what is genuinely wrong.

mod common;

use common::{check, SAMPLE};
use juesuan_audit::{Severity, Status};

#[test]
fn the_only_table_error_is_the_truncated_name_in_t05() {
    // The narrative and self-evaluation findings are in narrative.rs and performance.rs.
    let (_, a) = check(SAMPLE);
    let of_tables = |f: &&juesuan_audit::Finding| {
        f.rule.starts_with("T0") || f.rule.starts_with("X.") || f.rule.starts_with("names.")
    };
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(of_tables)
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert_eq!(e.rule, "names.functional");
    assert_eq!(e.cells[0].addr, "T05[2080199]");
    assert_eq!(e.line, Some(319));
    assert!(e.message.contains("其他人力资源和社会保障管理事务支”"));
    assert!(e.message.contains("其他人力资源和社会保障管理事务支出”"));
    assert_eq!(
        a.findings
            .iter()
            .filter(of_tables)
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        0
    );
}

#[test]
fn rounding_differences_are_info_with_the_printed_values() {
    let (_, a) = check(SAMPLE);
    let find = |rule: &str, primary: &str| {
        a.findings
            .iter()
            .find(|f| f.rule == rule && f.cells[0].addr == primary)
            .unwrap_or_else(|| panic!("no {rule} finding on {primary}"))
    };
    // 公开01表 line 132: 本年收入合计 34,951.33; rows 1–8: 33,597.66 + 43.64 + 1,310.04 = 34,951.34.
    let f = find("T01.income_total", "T01[R10,C1]");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.actual.as_deref(), Some("34951.33"));
    assert_eq!(f.expected.as_deref(), Some("34951.34"));
    assert_eq!(f.difference.as_deref(), Some("-0.01"));
    assert_eq!(f.line, Some(132));
    assert_eq!(f.cells.len(), 9);
    // 公开05表 line 300: 基本支出 12874.92; 人员经费 10814.21 + 公用经费 2060.70 = 12874.91.
    let f = find("T05.row_basic", "T05[合计,C8]");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(
        (f.actual.as_deref(), f.expected.as_deref()),
        (Some("12874.92"), Some("12874.91"))
    );
    assert_eq!(f.tolerance.as_deref(), Some("0.015"));
    // 公开09表 line 437: 决算合计 151.58; 123.53 + 27.51 + 0.55 = 151.59.
    let f = find("T09.total", "T09[R1,C7]");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(
        (f.actual.as_deref(), f.expected.as_deref()),
        (Some("151.58"), Some("151.59"))
    );
    // 公开06表 line 354: 301 工资福利支出 9,818.86 vs its 13 款 summing to 9,818.85.
    let f = find("T06.hierarchy", "T06[301,C1]");
    assert_eq!(f.expected.as_deref(), Some("9818.85"));
    // Every info is a difference of one cent, within its tolerance.
    for f in a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Info && !f.rule.starts_with('N'))
    {
        if let Some(d) = &f.difference {
            assert!(d == "0.01" || d == "-0.01", "{f:#?}");
        }
    }
}

#[test]
fn identities_that_hold_give_no_finding() {
    let (_, a) = check(SAMPLE);
    // 收支平衡 in T01 (38,236.47 both sides) and T04 (33,644.11), the T01↔T02/T03
    // totals, T04↔T05 and T05↔T06 personnel/public: all exact in the sample.
    for rule in [
        "T01.balance",
        "T01.income_grand",
        "T01.expense_grand",
        "T04.balance",
        "T04.fund_balance",
        "X.T01_T02.income",
        "X.T01_T03.expense",
        "X.T01_T03.classes",
        "X.T04_T05.total",
        "X.T04_T05.classes",
        "X.T05_T06.personnel",
        "X.T05_T06.public",
        "X.T05_T03.total",
        "X.T06_T09.reception",
        "T09.within_budget",
    ] {
        assert!(
            a.findings.iter().all(|f| f.rule != rule),
            "{rule} should hold"
        );
        let o = a.outcomes.iter().find(|o| o.rule == rule).unwrap();
        assert_eq!(o.status, Status::Ran, "{rule}");
    }
}

#[test]
fn coverage_counts_empty_fund_tables_as_not_applicable() {
    let (_, a) = check(SAMPLE);
    let c = a.coverage;
    assert_eq!(
        c.ran + c.not_applicable + c.insufficient_data,
        c.rules_total
    );
    // Only narrative rules whose figure the text does not state lack data.
    for o in a
        .outcomes
        .iter()
        .filter(|o| o.status == Status::InsufficientData)
    {
        assert!(o.rule.starts_with('N'), "{o:?}");
        assert!(
            o.reason.as_deref().unwrap_or("").contains("情况说明"),
            "{o:?}"
        );
    }
    let na: Vec<&str> = a
        .outcomes
        .iter()
        .filter(|o| o.status == Status::NotApplicable)
        .map(|o| o.rule.as_str())
        .collect();
    for o in a
        .outcomes
        .iter()
        .filter(|o| o.status == Status::NotApplicable)
    {
        let r = o.rule.as_str();
        let reason = o.reason.as_deref().unwrap_or("");
        // Rules of other families, and on tables the nine-table family does
        // not publish (T10–T14), say so.
        let other_family = r.starts_with("U.")
            || ["T10.", "T11.", "T12.", "T13.", "T14.", "X.T10_"]
                .iter()
                .any(|p| r.starts_with(p));
        if other_family {
            assert!(
                reason.starts_with("本报告的模板（中央及省级部门决算（9 张表））不含"),
                "{r}: {reason}"
            );
            continue;
        }
        assert!(
            r.starts_with("T07.")
                || r.starts_with("T08.")
                || r == "names.across_tables"
                // No “其中” column or row, no table read from its header alone.
                || r == "amounts.of_which"
                || r == "tables.generic_sums"
                // Nothing in a text report was machine-read.
                || r == "ocr.review"
                || r == "ocr.chosen",
            "{r} should run on the sample"
        );
    }
    assert!(na.contains(&"T07.row_sum") && na.contains(&"T08.hierarchy"));
    // The T04↔T07/T08 chains do run: both sides are empty, which is consistent.
    let ran = |id: &str| {
        a.outcomes
            .iter()
            .any(|o| o.rule == id && o.status == Status::Ran)
    };
    assert!(ran("X.T04_T07.expense") && ran("X.T04_T08.expense") && ran("funds.empty_iff"));
}

#[test]
fn an_absent_table_is_an_error_and_its_rules_lack_data() {
    // Drop 公开07表 (lines 387–404 of the sample).
    let text: String = SAMPLE
        .split('\n')
        .enumerate()
        .filter(|(i, _)| !(386..404).contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let (report, a) = check(&text);
    assert!(report.table(juesuan_model::TableId::T07).is_none());
    assert!(a
        .findings
        .iter()
        .any(|f| f.rule == "tables.present" && f.severity == Severity::Error));
    for id in ["T07.row_sum", "X.T04_T07.expense", "X.T04_T07.classes"] {
        let o = a.outcomes.iter().find(|o| o.rule == id).unwrap();
        assert_eq!(o.status, Status::InsufficientData, "{id}");
        assert!(o.reason.as_deref().unwrap_or("").contains("T07"));
    }
}
