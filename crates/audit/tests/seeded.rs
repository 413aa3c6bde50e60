//! Seeded errors: changing one printed cell by a non-rounding amount yields a
//! new error finding naming that cell; adding thousand separators yields none.

mod common;

use common::{check, key, mutate, SAMPLE};
use juesuan_audit::Severity;

/// (line, tab field, printed text, seeded text, the cell's address), read off the sample.
const SEEDS: &[(usize, usize, &str, &str, &str)] = &[
    // 公开01表
    (127, 2, "43.64", "53.64", "T01[R5,C1]"),
    (125, 5, "31,060.36", "31,070.36", "T01[R17,C2]"),
    (134, 5, "3,380.11", "3,390.11", "T01[R26,C2]"),
    (136, 2, "38,236.47", "38,236.74", "T01[R14,C1]"),
    // 公开02表
    (153, 2, "34,951.33", "34,961.33", "T02[合计,C1]"),
    (157, 8, "0.20", "1.20", "T02[20503,C7]"),
    (166, 3, "4,657.90", "4,667.90", "T02[2080101,C2]"),
    (176, 2, "14,445.09", "14,455.09", "T02[2080199,C1]"),
    // 公开03表
    (213, 3, "13,184.48", "13,194.48", "T03[合计,C2]"),
    (227, 4, "1,264.92", "1,274.92", "T03[2080102,C3]"),
    (247, 3, "175.28", "175.82", "T03[2080801,C2]"),
    // 公开04表
    (273, 2, "33,597.66", "33,507.66", "T04[R1,C1]"),
    (279, 6, "35.91", "45.91", "T04[R18,C3]"),
    (280, 2, "46.45", "56.45", "T04[R8,C1]"),
    (283, 5, "33,644.11", "33,654.11", "T04[R22,C2]"),
    // 公开05表
    (300, 6, "20733.28", "20733.82", "T05[合计,C11]"),
    (310, 5, "868.28", "878.28", "T05[2080101,C10]"),
    (318, 2, "3240.37", "3250.37", "T05[2080150,C7]"),
    (335, 4, "391.40", "391.50", "T05[2101101,C9]"),
    // 公开06表
    (355, 2, "3,646.80", "3,656.80", "T06[30101,C1]"),
    (359, 8, "68.20", "68.02", "T06[31002,C1]"),
    (370, 5, "0.55", "5.55", "T06[30217,C1]"),
    (383, 2, "10,814.21", "10,824.21", "T06[人员经费合计,C1]"),
    (383, 8, "2,060.70", "2,060.07", "T06[公用经费合计,C1]"),
    // 公开07表 and 公开08表 (empty: a figure appears)
    (399, 4, "", "5.00", "T07[合计,C3]"),
    (417, 2, "", "5.00", "T08[合计,C1]"),
    // 公开09表
    (437, 1, "123.54", "133.54", "T09[R1,C2]"),
    (437, 6, "151.58", "115.58", "T09[R1,C7]"),
    (437, 10, "27.51", "37.51", "T09[R1,C11]"),
];

#[test]
fn each_seeded_cell_yields_a_new_error_naming_it() {
    let (_, base) = check(SAMPLE);
    let before: Vec<_> = base.findings.iter().map(key).collect();
    let mut failures = Vec::new();
    for (line, field, old, new, addr) in SEEDS {
        let text = mutate(SAMPLE, *line, *field, old, new);
        let (_, a) = check(&text);
        let hit = a.findings.iter().any(|f| {
            f.severity == Severity::Error
                && !before.contains(&key(f))
                && f.cells.iter().any(|c| c.addr == *addr)
        });
        if !hit {
            failures.push(format!("line {line}: {old} → {new} ({addr})"));
        }
    }
    assert!(failures.is_empty(), "not caught:\n{}", failures.join("\n"));
}

#[test]
fn thousand_separators_change_nothing() {
    let (_, base) = check(SAMPLE);
    let mut before: Vec<_> = base.findings.iter().map(key).collect();
    // 公开05表 (lines 300–340) prints no separators: add them to every amount ≥ 1000.
    let text: String = SAMPLE
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            if !(299..340).contains(&i) {
                return l.to_string();
            }
            l.split('\t')
                .map(|f| match f.split_once('.') {
                    Some((int, frac))
                        if int.len() > 3 && int.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        let (head, tail) = int.split_at(int.len() - 3);
                        format!("{head},{tail}.{frac}")
                    }
                    _ => f.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("33,608.20") && text.contains("14,330.84"));
    let (_, a) = check(&text);
    let mut after: Vec<_> = a.findings.iter().map(key).collect();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

#[test]
fn a_one_cent_change_stays_within_rounding() {
    // 公开05表 line 300: 基本支出 12874.92 → 12874.91 (= 10814.21 + 2060.70); 合计 33608.20
    // is then one cent above 12874.91 + 20733.28: a rounding note, not an error.
    let text = mutate(SAMPLE, 300, 3, "12874.92", "12874.91");
    let (_, a) = check(&text);
    let (_, base) = check(SAMPLE);
    let before: Vec<_> = base.findings.iter().map(key).collect();
    let errors: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !before.contains(&key(f)))
        .map(|f| f.rule.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "T05.row_sum" && f.cells[0].addr == "T05[合计,C7]")
        .expect("rounding note on 合计");
    assert_eq!(f.severity, Severity::Info);
    assert_eq!(f.difference.as_deref(), Some("0.01"));
}
