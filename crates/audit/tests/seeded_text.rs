//! Text errors seeded into the real 普陀区财政局 2024 report (tests/data,
//! PDF text layer): each is reported at the page it was put on, and the
//! unaltered report has none of them. The text is altered after the PDF's
//! words are laid out into lines, as an editor would change the document.

use juesuan_audit::{audit, Audit, Rulebook, Severity};
use juesuan_read::source::SourceLine;
use std::path::PathBuf;

const NEW_TEXT_RULES: &[&str] = &[
    "text.placeholders",
    "text.heading_year",
    "text.date_year",
    "text.punctuation",
    "text.contents",
    "text.level",
    "text.sum_parts",
];

fn lines() -> Option<Vec<SourceLine>> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    Some(juesuan_read::pdf::pdf_to_lines("finance.pdf", &bytes).unwrap_or_else(|e| panic!("{e}")))
}

fn check(lines: Vec<SourceLine>) -> Audit {
    let report = juesuan_read::read_lines("finance.pdf", lines).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.meta.year, Some(2024));
    audit(
        &report,
        &Rulebook::builtin().unwrap_or_else(|e| panic!("{e}")),
    )
}

/// Replaces `old` by `new` in the `nth` (0-based) line containing `find`,
/// returning that line's page.
fn seed(lines: &mut [SourceLine], find: &str, nth: usize, old: &str, new: &str) -> u32 {
    let l = lines
        .iter_mut()
        .filter(|l| l.text.contains(find))
        .nth(nth)
        .unwrap_or_else(|| panic!("no line {nth} with {find}"));
    assert!(l.text.contains(old), "{}", l.text);
    l.text = l.text.replacen(old, new, 1);
    l.page.unwrap_or_else(|| panic!("no page"))
}

fn pages_of(a: &Audit, rule: &str) -> Vec<u32> {
    a.findings
        .iter()
        .filter(|f| f.rule == rule)
        .filter_map(|f| f.page)
        .collect()
}

#[test]
fn unaltered_report_has_no_text_finding() {
    let Some(lines) = lines() else { return };
    let a = check(lines);
    for rule in NEW_TEXT_RULES {
        let hits: Vec<_> = a.findings.iter().filter(|f| f.rule == *rule).collect();
        assert!(hits.is_empty(), "{rule}: {hits:#?}");
    }
    // Its two genuine errors stay the only ones (see tests/shanghai.rs).
    assert_eq!(a.count(Severity::Error), 2);
}

#[test]
fn placeholder_in_a_part_heading() {
    let Some(mut lines) = lines() else { return };
    // The body's heading, not the contents entry (its first printing).
    let page = seed(&mut lines, "第二部分", 1, "财政局", "XX局");
    let a = check(lines);
    assert!(
        pages_of(&a, "text.placeholders").contains(&page),
        "{:#?}",
        a.findings
    );
    // The contents still say 财政局: the two disagree.
    assert!(pages_of(&a, "text.contents").contains(&page));
}

#[test]
fn wrong_year_in_a_part_heading() {
    let Some(mut lines) = lines() else { return };
    let page = seed(&mut lines, "第二部分", 1, "2024", "2023");
    let a = check(lines);
    let hits: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == "text.heading_year")
        .collect();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].page, Some(page));
    assert_eq!(hits[0].severity, Severity::Error);
}

#[test]
fn asset_date_of_last_year() {
    let Some(mut lines) = lines() else { return };
    let page = seed(&mut lines, "截至2024年12月31日", 0, "2024", "2023");
    let a = check(lines);
    let hits: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule == "text.date_year")
        .collect();
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(hits[0].page, Some(page));
    assert!(
        hits[0].message.contains("截至2023年12月31日"),
        "{}",
        hits[0].message
    );
}

#[test]
fn doubled_full_stop_in_a_glossary_definition() {
    let Some(mut lines) = lines() else { return };
    let page = seed(
        &mut lines,
        "经营收入：",
        0,
        "专业业务活动",
        "专业业务活动。。",
    );
    let a = check(lines);
    assert!(
        pages_of(&a, "text.punctuation").contains(&page),
        "{:#?}",
        a.findings
    );
}
