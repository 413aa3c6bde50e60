//! 第三部分 情况说明 against the tables, on the Jilin sample: what is right
//! stays silent, the genuine inconsistencies are reported, and a figure
//! changed anywhere in the text yields a new error at its line.

mod common;

use common::{check, new_errors_at, replace_on_line, SAMPLE};
use juesuan_audit::{Severity, Status};

fn find<'a>(a: &'a juesuan_audit::Audit, rule: &str, line: u32) -> &'a juesuan_audit::Finding {
    a.findings
        .iter()
        .find(|f| f.rule == rule && f.line == Some(line))
        .unwrap_or_else(|| panic!("no {rule} finding at line {line}"))
}

#[test]
fn no_narrative_rule_errs_on_the_sample() {
    let (_, a) = check(SAMPLE);
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule.starts_with('N'))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // Every narrative rule ran except the shares of 二/三 the sample does not state.
    for o in a.outcomes.iter().filter(|o| o.rule.starts_with('N')) {
        match o.rule.as_str() {
            "N2.shares" | "N3.shares" => assert_eq!(o.status, Status::InsufficientData),
            _ => assert_eq!(o.status, Status::Ran, "{o:?}"),
        }
    }
    let n = |id: &str| {
        a.outcomes
            .iter()
            .find(|o| o.rule == id)
            .map(|o| o.instances)
    };
    // 26 items of 五（三）, each bound to its T05 row through its 类/款/项 names
    // (item 4, 2060199 其他基础研究支出, is not printed in T05: its official code is used).
    assert_eq!(n("N5.3.items"), Some(26));
    // 13 year-on-year pairs: 一 1, 二 3, 三 2, 四 1, 五 1, 九 4, 十一 1.
    assert_eq!(n("N.yoy"), Some(13));
    assert_eq!(n("N5.2.shares"), Some(4));
}

#[test]
fn item_26_says_greater_although_the_outturn_is_smaller() {
    // Line 1284: 年初预算为 854.31 万元，支出决算为 822.94 万元 … 决算数大于预算数的主要原因…
    let (_, a) = check(SAMPLE);
    let f = find(&a, "narrative.direction", 1284);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells[0].addr, "N5.3.26#2");
    assert_eq!(f.cells[1].addr, "N5.3.26#1");
    assert_eq!(f.actual.as_deref(), Some("大于"));
    assert_eq!(f.expected.as_deref(), Some("小于"));
    assert_eq!(f.difference.as_deref(), Some("-31.37"));
    // The other 25 items' wording matches their sign: one finding only.
    assert_eq!(
        a.findings
            .iter()
            .filter(|f| f.rule == "narrative.direction")
            .count(),
        1
    );
}

#[test]
fn basic_expenditure_is_one_cent_off_within_rounding() {
    // Line 1288 says 12874.91 = 10814.21 + 2060.7; T05 合计 基本支出 (line 300) prints 12874.92.
    let (_, a) = check(SAMPLE);
    let f = find(&a, "N6.basic", 1288);
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.actual.as_deref(), Some("12874.91"));
    assert_eq!(f.expected.as_deref(), Some("12874.92"));
    assert_eq!(f.difference.as_deref(), Some("-0.01"));
    assert_eq!(f.cells[1].addr, "T05[合计,C8]");
}

#[test]
fn a_truncated_completion_rate_is_a_warning() {
    // Line 1314: 因公出国（境）费 123.53 / 123.54 = 99.992%, printed 99.9% (truncated, not rounded).
    let (_, a) = check(SAMPLE);
    let f = find(&a, "N.completion", 1314);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.actual.as_deref(), Some("99.9"));
    assert_eq!(f.expected.as_deref(), Some("99.9919"));
    assert!(f.message.contains("截尾"));
}

#[test]
fn garbled_direction_word_is_a_warning() {
    // Line 1503: 较 2023 年度减少 76.98 万元，增降低 8.1%.
    let (_, a) = check(SAMPLE);
    let f = find(&a, "narrative.wording", 1503);
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.cells[0].printed.as_deref(), Some("增降低"));
    // The pair itself is consistent: 76.98 / (868.28 + 76.98) = 8.14% → 8.1%.
    assert!(a
        .findings
        .iter()
        .all(|f| !(f.rule == "N.yoy" && f.line == Some(1503))));
}

#[test]
fn right_figures_stay_silent() {
    let (_, a) = check(SAMPLE);
    let silent = |rule: &str, line: u32| {
        assert!(
            a.findings
                .iter()
                .all(|f| !(f.rule == rule && f.line == Some(line))),
            "{rule} at {line}"
        )
    };
    // 九（一）: 151.58 − 93.56 = 58.02 last year; 93.56 / 58.02 = 161.25% → 161.3%.
    silent("N.yoy", 1308);
    // 五（二）: 社会保障和就业支出 30587.38 / 33608.2 = 91.01% → "占 91%" at its printed precision.
    silent("N5.2.shares", 1224);
    // 十一（二）: 149.11 + 4069.29 = 4218.40; 1810.4 / 4218.4 = 42.92% → 42.9%.
    silent("N11.2.total", 1507);
    silent("N11.2.sme", 1507);
    // 十一（三）: 0 + 1 + 2 + 3 + 5 + 22 = 33 辆.
    silent("N11.3.vehicles", 1513);
    // 十（一）: 38 projects, 9874.96 = Σ 年初预算数 of the 38 tables, 47.6% of T05 项目支出 20733.28.
    silent("N10.1.count", 1332);
    silent("N10.1.funds", 1332);
    silent("N10.1.share", 1334);
    // 十一（一）: 机关运行经费 868.28 = T05 2080101 行政运行 公用经费.
    silent("N11.1.running", 1503);
}

/// (line, printed text, seeded text) — amounts stated in the narrative.
const AMOUNTS: &[(u32, &str, &str)] = &[
    (1200, "38236.47", "38263.47"),
    (1204, "34951.33", "34961.33"),
    (1204, "33597.66", "33579.66"),
    (1204, "1310.04", "1301.04"),
    (1208, "34852.82", "34825.82"),
    (1208, "13184.48", "13148.48"),
    (1212, "33644.11", "33464.11"),
    (1220, "33608.2 万元，占", "33680.2 万元，占"),
    (1224, "1431.94", "1413.94"),
    (1224, "765.93", "756.93"),
    (1230, "支出决算为 287.33", "支出决算为 278.33"),
    (1260, "14330.84", "14303.84"),
    (1284, "822.94", "828.94"),
    (1290, "10814.21", "10841.21"),
    (1294, "2060.7", "2006.7"),
    (1298, "本年收入 0 万元", "本年收入 5 万元"),
    (1308, "151.58", "115.58"),
    (1314, "支出决算为 123.53", "支出决算为 132.53"),
    (1320, "27.51", "72.51"),
    (1326, "0.55", "5.55"),
    (1332, "9874.96", "9847.96"),
    (1332, "二级项目 38 个", "二级项目 37 个"),
    (1340, "143.11", "134.11"),
    (1418, "1061.4", "1016.4"),
    (1503, "868.28", "886.28"),
    (1507, "4218.4", "4281.4"),
    (1513, "共有车辆 33 辆", "共有车辆 34 辆"),
];

/// (line, printed text, seeded text) — percentages stated in the narrative.
const PERCENTS: &[(u32, &str, &str)] = &[
    (1200, "8.4%", "9.4%"),
    (1204, "下降 13.5%", "下降 15.3%"),
    (1208, "下降 13.8%", "下降 18.3%"),
    (1214, "8.6%", "6.8%"),
    (1220, "96.4%", "94.6%"),
    (1224, "占 2.3%", "占 3.2%"),
    (1228, "134.4%", "143.4%"),
    (1242, "79.1%", "71.9%"),
    (1260, "249.1%", "294.1%"),
    (1308, "161.3%", "116.3%"),
    (1316, "75.6%", "65.7%"),
    (1322, "39.3%", "93.3%"),
    (1334, "47.6%", "46.7%"),
    (1340, "86.73%", "87.63%"),
    (1503, "8.1%", "9.1%"),
    (1507, "42.9%", "49.2%"),
    (1509, "83.4%", "84.3%"),
];

fn seeded(cases: &[(u32, &str, &str)]) -> Vec<String> {
    let (_, base) = check(SAMPLE);
    let mut failures = Vec::new();
    for (line, old, new) in cases {
        let text = replace_on_line(SAMPLE, *line as usize, old, new);
        let (_, a) = check(&text);
        if new_errors_at(&base, &a, *line).is_empty() {
            failures.push(format!("line {line}: {old} → {new}"));
        }
    }
    failures
}

#[test]
fn each_seeded_amount_yields_a_new_error_at_its_line() {
    let failures = seeded(AMOUNTS);
    assert!(failures.is_empty(), "not caught:\n{}", failures.join("\n"));
}

#[test]
fn each_seeded_percentage_yields_a_new_error_at_its_line() {
    let failures = seeded(PERCENTS);
    assert!(failures.is_empty(), "not caught:\n{}", failures.join("\n"));
}

#[test]
fn a_rate_against_a_zero_budget_is_an_error() {
    // Item 3 (line 1236): 年初预算为 0 万元，支出决算为 30 万元 — add a completion rate.
    let text = replace_on_line(
        SAMPLE,
        1236,
        "支出决算为 30 万元。",
        "支出决算为 30 万元，完成年初预算的 100%。",
    );
    let (_, base) = check(SAMPLE);
    let (_, a) = check(&text);
    let new = new_errors_at(&base, &a, 1236);
    assert!(
        new.iter().any(|f| f.rule == "narrative.zero_budget"),
        "{new:#?}"
    );
}

#[test]
fn completeness_and_form() {
    let (_, base) = check(SAMPLE);
    for rule in [
        "narrative.sections",
        "narrative.sangong_details",
        "glossary.present",
        "text.placeholders",
        "text.punctuation",
        "text.heading_year",
        "narrative.item_codes",
    ] {
        assert!(base.findings.iter().all(|f| f.rule != rule), "{rule}");
        let o = base.outcomes.iter().find(|o| o.rule == rule).unwrap();
        assert_eq!(o.status, Status::Ran, "{rule}");
    }
    // A placeholder, doubled punctuation and a wrong year in a heading.
    let text = replace_on_line(SAMPLE, 1200, "主要原因：", "主要原因是：。XX");
    let text = replace_on_line(
        &text,
        1204,
        "主要是技校教育收入减少；",
        "主要是技校教育收入减少；。",
    );
    let text = replace_on_line(&text, 1328, "关于 2024 年度", "关于 2023 年度");
    let (_, a) = check(&text);
    let at = |rule: &str, line: u32| {
        a.findings
            .iter()
            .any(|f| f.rule == rule && f.line == Some(line))
    };
    assert!(at("text.placeholders", 1200));
    assert!(at("text.punctuation", 1204));
    assert!(at("text.heading_year", 1328));
    // Drop 十一（三） (lines 1511–1513) and the vehicle holdings of 九.
    let text = replace_on_line(SAMPLE, 1318, "公务用车保有量为 14 辆，", "");
    let text: String = text
        .split('\n')
        .enumerate()
        .filter(|(i, _)| !(1510..1513).contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let (_, a) = check(&text);
    let msgs: Vec<&str> = a
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("narrative."))
        .map(|f| f.message.as_str())
        .collect();
    assert!(msgs.iter().any(|m| m.contains("保有量")), "{msgs:#?}");
    assert!(msgs.iter().any(|m| m.contains("国有资产")), "{msgs:#?}");
    assert_eq!(
        a.outcomes
            .iter()
            .find(|o| o.rule == "N11.3.vehicles")
            .map(|o| o.status),
        Some(Status::InsufficientData)
    );
}
