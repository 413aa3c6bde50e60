//! Real reports as other converters print them (pdfplumber text, no cell
//! borders): the audit reports the reports' own inconsistencies, and what
//! the converter's text leaves unsure only as reading questions.

use juesuan_audit::{audit, Rulebook, Severity};
use std::path::PathBuf;

fn errors(name: &str) -> (Vec<String>, usize) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name);
    let r = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let book = Rulebook::builtin().unwrap_or_else(|e| panic!("{e}"));
    let a = audit(&r, &book);
    let mut e: Vec<String> = a
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {}", f.rule, f.primary.clone().unwrap_or_default()))
        .collect();
    e.sort();
    (e, a.coverage.reading_doubts)
}

/// The one error is the report's: 机关运行经费 185.41 万元, "比2024年度增加
/// 4.68 万元，增长 2.60%" — 4.68 ÷ 180.73 is 2.59 % at the printed precision.
#[test]
fn ecology_bureau_2025() {
    let (e, doubts) = errors("shanghai-putuo-ecology-environment-2025-pdfplumber.txt");
    assert_eq!(e, vec!["N.yoy N11.1.p1#3".to_string()]);
    // Names the converter cut or scrambled are reading questions.
    assert!(doubts >= 4, "{doubts}");
}

/// The report's own errors: 五（三） states 支出决算 245.53 万元 against a
/// budget of 274.82 万元 as "完成年初预算的 93.57%" (that is 257.14, the
/// amount stated at the start of the item); 20805 printed as
/// "行政事业单位离退休" and 2111101 as "减排专项支出" (2025 names:
/// 行政事业单位养老支出, 生态环境监测与信息) in 公开02/03/05表.
#[test]
fn shiquan_street_2025() {
    let (e, doubts) = errors("shanghai-putuo-shiquan-street-2025-pdfplumber.txt");
    let rules: Vec<&str> = e
        .iter()
        .map(|x| x.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        rules.iter().filter(|r| **r == "N.completion").count(),
        1,
        "{e:#?}"
    );
    assert!(
        rules
            .iter()
            .all(|r| matches!(*r, "N.completion" | "names.functional")),
        "{e:#?}"
    );
    for code in ["20805", "2111101"] {
        assert!(
            e.iter().any(|x| x.contains(&format!("[{code}]"))),
            "{code}: {e:#?}"
        );
    }
    // Rows whose blank cells print nothing stay unsure, never errors.
    assert!(doubts >= 20, "{doubts}");
}
