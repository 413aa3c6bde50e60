//! 项目支出绩效自评表 on the Jilin sample: the tables' own identities, the
//! 十（二） paragraphs against their tables, missed indicators without a
//! 偏差原因, and seeded 全年执行数 / 执行率 changes.

mod common;

use common::{check, new_errors_at, replace_field, SAMPLE};
use juesuan_audit::{Severity, Status};

#[test]
fn tables_hold_and_two_paragraph_scores_are_wrong() {
    let (_, a) = check(SAMPLE);
    // Every 年度资金总额 = 当年财政拨款 + 上年结转 + 其他, every 执行率, every score in 0–100.
    for rule in ["P.funds_total", "P.rate", "P.score_max", "P.score_min"] {
        assert!(a.findings.iter().all(|f| f.rule != rule), "{rule}");
        let o = a.outcomes.iter().find(|o| o.rule == rule).unwrap();
        assert_eq!(o.status, Status::Ran, "{rule}");
    }
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == "performance.paragraphs" && f.severity == Severity::Error)
        .collect();
    // Paragraph 36 (line 1444) says 97 分, P36 总分 is 90.00; paragraph 38 (line 1450) 100 vs 97.00.
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].line, Some(1444));
    assert_eq!(errors[0].cells[1].addr, "P36.score");
    assert_eq!(
        (errors[0].actual.as_deref(), errors[0].expected.as_deref()),
        (Some("97"), Some("90.00"))
    );
    assert_eq!(errors[1].line, Some(1450));
    assert_eq!(
        (errors[1].actual.as_deref(), errors[1].expected.as_deref()),
        (Some("100"), Some("97.00"))
    );
    // Paragraph 23: 21.1 / 11.3 / 53.7% vs P23 21.12 / 11.34 / 53.69 — each the table value
    // rounded to the printed one decimal: right at its precision, no value finding. Its
    // project name differs from the table's, so the pairing by position is a warning.
    let p23: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == "performance.paragraphs" && f.line == Some(1406))
        .collect();
    assert_eq!(p23.len(), 1, "{p23:#?}");
    assert_eq!(p23[0].severity, Severity::Warning);
    assert!(p23[0].message.contains("劳动人事争议调解仲裁补助"));
    // Paragraphs 27 (1061.4 / 460.3 / 43.4 vs 460.29 / 43.37) and 33 (82.6 / 97.2 vs
    // 82.58 / 97.15) are likewise rounding at the printed precision.
    for line in [1418, 1434] {
        assert!(a
            .findings
            .iter()
            .all(|f| !(f.rule == "performance.paragraphs" && f.line == Some(line))));
    }
    // Paragraph 25 states no 完成预算 %.
    assert!(a.findings.iter().any(|f| f.rule == "performance.paragraphs"
        && f.line == Some(1412)
        && f.severity == Severity::Warning));
}

#[test]
fn missed_indicators_without_a_reason_are_warnings() {
    let (_, a) = check(SAMPLE);
    let lines: Vec<u32> = a
        .findings
        .iter()
        .filter(|f| f.rule == "performance.deviation_reason")
        .filter_map(|f| f.line)
        .collect();
    // P9 =2004户 vs 0户, =12次 vs 0次; P25 ≥170000份 vs 165633份; P26 ≥200000人次 vs
    // 173906人次, ≥170000份 vs 165633份; P34 ≥10次 vs 7次; P35 ≥100000份 vs 72704份.
    assert_eq!(lines, vec![615, 616, 935, 952, 953, 1114, 1134]);
    // P19 ≥200万人次 vs 139.2938万人次 is missed but carries its reason; P1 ≥440人 vs 493人 is met.
    assert!(!lines.contains(&816) && !lines.contains(&454));
    let o = a
        .outcomes
        .iter()
        .find(|o| o.rule == "performance.deviation_reason")
        .unwrap();
    assert_eq!(o.status, Status::Ran);
    // Text targets ("有所提升") and unit mismatches are counted, never passed.
    assert!(o.reason.as_deref().unwrap_or("").contains("无法比较"));
}

/// (line, printed field, seeded field) — 全年执行数 and 执行率 of the self-evaluation tables.
const SEEDS: &[(u32, &str, &str)] = &[
    // 全年执行数
    (447, "143.11", "134.11"),
    (448, "143.11", "153.11"),
    (568, "37.8", "73.8"),
    (890, "11.34", "13.34"),
    (963, "460.29", "406.29"),
    (1083, "82.58", "85.28"),
    (1144, "6.44", "4.64"),
    (1182, "33", "30"),
    // 执行率
    (447, "86.73", "87.73"),
    (568, "18", "28"),
    (890, "53.69", "55.69"),
    (963, "43.37", "34.37"),
    (1083, "97.15", "91.75"),
    (1144, "80.5", "85.0"),
    (1182, "100", "90"),
];

#[test]
fn each_seeded_execution_and_rate_yields_a_new_error_at_its_line() {
    let (_, base) = check(SAMPLE);
    let mut failures = Vec::new();
    for (line, old, new) in SEEDS {
        let text = replace_field(SAMPLE, *line as usize, old, new);
        let (_, a) = check(&text);
        if new_errors_at(&base, &a, *line).is_empty() {
            failures.push(format!("line {line}: {old} → {new}"));
        }
    }
    assert!(failures.is_empty(), "not caught:\n{}", failures.join("\n"));
}

#[test]
fn a_score_above_100_is_an_error() {
    // P1 总分 (line 459) 97.00 → 107.00.
    let text = replace_field(SAMPLE, 459, "97.00", "107.00");
    let (_, base) = check(SAMPLE);
    let (_, a) = check(&text);
    assert!(new_errors_at(&base, &a, 459)
        .iter()
        .any(|f| f.rule == "P.score_max"));
}
