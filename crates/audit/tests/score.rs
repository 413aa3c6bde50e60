//! The disclosure quality score on the bundled samples.

use juesuan_audit::score::{score, Method, Score};
use juesuan_audit::{audit, Rulebook};
use juesuan_model::Decimal;
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

fn scored(name: &str) -> Score {
    let bytes = std::fs::read(data(name)).unwrap();
    let report = juesuan_read::read_bytes(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let book = Rulebook::builtin().unwrap();
    let a = audit(&report, &book);
    score(Method::builtin(), &report, &a.findings, false)
}

fn part<'s>(s: &'s Score, item: &str) -> &'s juesuan_audit::score::Part {
    s.parts
        .iter()
        .find(|p| p.item == item)
        .unwrap_or_else(|| panic!("no part {item}: {s:#?}"))
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn jilin_is_complete_and_on_time() {
    let s = scored("jilin-hrss-2024-final-accounts.txt");
    // All nine 公开表, 26 绩效自评表, a glossary; printed 2025-08-25,
    // before 30 September of the year after 2024.
    assert_eq!(part(&s, "决算公开表").earned, d("12"));
    assert_eq!(part(&s, "决算数据").earned, d("10"));
    assert_eq!(part(&s, "占位文字已填写").earned, d("5"));
    assert_eq!(part(&s, "绩效自评表").earned, d("3"));
    assert_eq!(part(&s, "名词解释").earned, d("2"));
    assert_eq!(part(&s, "公开日期").earned, d("8"));
    // Without a prior year the cross-year class is not scored.
    assert!(s.parts.iter().all(|p| p.item != "跨年度衔接"));
    // Its four errors (a cut 科目名称, a 决算数大于预算数 sentence against
    // its figures, two 绩效 scores unlike their tables) cost points.
    assert!(
        s.value < Decimal::ONE_HUNDRED && s.value > d("80"),
        "{s:#?}"
    );
}

#[test]
fn the_blank_template_scores_below_a_filled_report() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let template = scored("shanghai-2024-final-accounts-template.pdf");
    let jilin = scored("jilin-hrss-2024-final-accounts.txt");
    let putuo = scored("shanghai-putuo-finance-bureau-2024.pdf");
    let street = scored("shanghai-putuo-shiquan-street-2025-pdfplumber.txt");
    // The template is the official blank form: its placeholders and empty
    // tables are what a report must fill in; it prints no date.
    assert!(template.value < jilin.value, "{template:#?}\n{jilin:#?}");
    assert!(template.value < putuo.value, "{template:#?}\n{putuo:#?}");
    // Even below the sample with the most errors of its own.
    assert!(template.value < street.value, "{template:#?}\n{street:#?}");
    // A blank form is not judged for consistency: no amount to agree.
    assert!(template.parts.iter().all(|p| p.group != "一致性"));
    assert!(template.parts.iter().all(|p| p.item != "公开日期"));
}
