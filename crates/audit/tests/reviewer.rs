//! What a careful reviewer catches in the bundled Jilin report beyond the
//! tables' identities (issue: performance indicators vs funds, units,
//! member units, sentence arithmetic, level words, dates, headings). Each
//! case was checked by hand against the sample; each rule also gets a
//! passing example by correcting the sample's text.

mod common;

use common::{check, replace_on_line, SAMPLE};
use juesuan_audit::{Audit, Finding, Severity};

fn of<'a>(a: &'a Audit, rule: &str) -> Vec<&'a Finding> {
    a.findings.iter().filter(|f| f.rule == rule).collect()
}

fn lines_of(a: &Audit, rule: &str) -> Vec<u32> {
    of(a, rule).iter().filter_map(|f| f.line).collect()
}

/// 第 20 张 人社云平台服务经费: executed 1805 万元 (line 832), its cost
/// indicator 云平台服务费用 says 1900万元 (line 839). The other cost
/// indicators (培训费 24.48 万 of 年度资金 …) stay within their tables.
#[test]
fn cost_indicator_above_the_executed_funds() {
    let (_, a) = check(SAMPLE);
    let hits = of(&a, "P.cost_executed");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].severity, Severity::Warning);
    assert_eq!(hits[0].line, Some(839));
    assert!(hits[0]
        .cells
        .iter()
        .any(|c| c.addr == "P20.indicators[云平台服务费用].actual"));
    // Corrected to what was executed, the indicator holds.
    let fixed = replace_on_line(SAMPLE, 839, "\t1900万元", "\t1805万元");
    let (_, a) = check(&fixed);
    assert!(of(&a, "P.cost_executed").is_empty());
}

/// 第 38 张 职业教育发展项目补助经费 (33 万元): 维修维护费用 `=33元` (line 1189).
#[test]
fn cost_indicator_in_yuan_for_a_project_in_wan_yuan() {
    let (_, a) = check(SAMPLE);
    let hits = of(&a, "performance.indicator_unit");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].severity, Severity::Error);
    assert_eq!(hits[0].line, Some(1189));
    let fixed = replace_on_line(SAMPLE, 1189, "=33元\t33元", "=33万元\t33万元");
    let (_, a) = check(&fixed);
    assert!(of(&a, "performance.indicator_unit").is_empty());
}

/// 第一部分 lists 吉林省人力资源和社会保障信息管理中心 and
/// 吉林省退休人员管理服务服务中心; tables 19 and 22 print 信息中心 (lines 807,
/// 870), table 31 prints 退休人员管理服务中心 (line 1045). A space inside a
/// name (line 1010, 厅 机关事务管理中心) is not a difference.
#[test]
fn implementers_against_member_units() {
    let (_, a) = check(SAMPLE);
    assert_eq!(lines_of(&a, "performance.implementer"), [807, 870, 1045]);
    let first = of(&a, "performance.implementer")[0];
    assert!(
        first
            .message
            .contains("吉林省人力资源和社会保障信息管理中心"),
        "{}",
        first.message
    );
    let fixed = replace_on_line(SAMPLE, 807, "保障信息中心", "保障信息管理中心");
    let (_, a) = check(&fixed);
    assert_eq!(lines_of(&a, "performance.implementer"), [870, 1045]);
}

/// 138 人（机关 78 人，事业单位 60 人）… 其中 62 人（机关 37，事业单位 25）、
/// 76 人（机关 42，事业单位 34）: 37 + 42 = 79 ≠ 78 and 25 + 34 = 59 ≠ 60,
/// in the 自评表 (line 513) and in 十（二） (line 1350).
#[test]
fn parts_of_a_total_in_a_sentence() {
    let (_, a) = check(SAMPLE);
    assert_eq!(lines_of(&a, "text.sum_parts"), [1350, 1350, 513, 513]);
    let fixed = replace_on_line(SAMPLE, 1350, "机关 37 人", "机关 36 人");
    let fixed = replace_on_line(&fixed, 1350, "事业单位 25 人", "事业单位 26 人");
    let (_, a) = check(&fixed);
    assert_eq!(lines_of(&a, "text.sum_parts"), [513, 513]);
}

/// A provincial department's 自评表 says 我市 four times (line 968).
#[test]
fn city_words_in_a_provincial_report() {
    let (_, a) = check(SAMPLE);
    assert_eq!(lines_of(&a, "text.level"), [968, 968, 968, 968]);
    let fixed = SAMPLE.replace("我市", "我省");
    let (_, a) = check(&fixed);
    assert!(of(&a, "text.level").is_empty());
}

/// Line 1513 dates the vehicles 截至 2024 年 12 月 31 日; a year earlier is
/// an error, a half-year date is not a balance date.
#[test]
fn balance_date_of_another_year() {
    let (_, a) = check(SAMPLE);
    assert!(of(&a, "text.date_year").is_empty());
    let seeded = replace_on_line(SAMPLE, 1513, "截至 2024 年", "截至 2023 年");
    let (_, a) = check(&seeded);
    assert_eq!(lines_of(&a, "text.date_year"), [1513]);
    assert_eq!(of(&a, "text.date_year")[0].severity, Severity::Error);
}

/// Placeholders and years in part headings and the contents (lines 16, 109).
#[test]
fn part_headings_and_contents() {
    let (_, a) = check(SAMPLE);
    for rule in ["text.placeholders", "text.heading_year", "text.contents"] {
        assert!(of(&a, rule).is_empty(), "{rule}");
    }
    let seeded = replace_on_line(SAMPLE, 109, "2024 年度", "2023 年度");
    let (_, a) = check(&seeded);
    assert_eq!(lines_of(&a, "text.heading_year"), [109]);
    assert_eq!(lines_of(&a, "text.contents"), [109]);
    let seeded = replace_on_line(SAMPLE, 16, "2024 年度", "XX 年度");
    let (_, a) = check(&seeded);
    assert_eq!(lines_of(&a, "text.placeholders"), [16]);
    // A stray quote before the title (OCR reads one from a speck) is no
    // other title; a word changed is.
    let seeded = replace_on_line(SAMPLE, 1515, "名词解释", "”名词解释");
    let (_, a) = check(&seeded);
    assert!(of(&a, "text.contents").is_empty());
    let seeded = replace_on_line(SAMPLE, 1515, "名词解释", "名词说明");
    let (_, a) = check(&seeded);
    assert_eq!(lines_of(&a, "text.contents"), [1515]);
}
