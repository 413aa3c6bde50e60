//! Identity-chosen readings (`juesuan_audit::reading::choose`): a
//! machine-read cell takes a candidate reading only when exactly one makes
//! every identity it is in hold; the choice is recorded on the cell and
//! reported as a 提示. Each report is built by hand with the value the
//! document printed known, and OCR's reading put in its place.

mod common;

use common::fixture::{add_table, cell_mut, report, t05};
use juesuan_audit::reading::choose;
use juesuan_audit::report::json;
use juesuan_audit::{audit, Rulebook, Severity};
use juesuan_model::amount::parse_amount;
use juesuan_model::{CellAddr, Family, Report, TableId};

fn builtin() -> Rulebook {
    Rulebook::builtin().expect("builtin rulebook")
}

fn value(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr)?;
    r.cell(&a).and_then(|(_, c)| c.value).map(|v| v.to_string())
}

/// Printed 20101 项目支出 4.00; OCR read 4.60 with confidence 62. Its row
/// (10.00 = 6.00 + 项目支出) and its column (201 = 20101) both say 4.00.
fn misread_in_row_and_column() -> Report {
    let mut r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t4.00",
        "20101\t人大事务\t10.00\t6.00\t4.60",
    ]);
    cell_mut(&mut r, "T05[20101,C3]").span.confidence = Some(62);
    r
}

#[test]
fn the_one_reading_that_makes_row_and_column_hold_is_chosen_and_recorded() {
    let book = builtin();
    let mut r = misread_in_row_and_column();
    // Before: the identities fail on the reading.
    let before = audit(&r, &book);
    assert!(
        before
            .findings
            .iter()
            .any(|f| f.rule == "T05.row_sum" && f.severity > Severity::Info),
        "{:#?}",
        before.findings
    );
    let choices = choose(&mut r, &book);
    assert_eq!(choices.len(), 1, "{choices:#?}");
    let c = &choices[0];
    assert_eq!(
        (c.addr.as_str(), c.read.as_str(), c.confidence),
        ("T05[20101,C3]", "4.60", 62)
    );
    assert_eq!(parse_amount(&c.chosen), parse_amount("4.00"));
    assert!(
        c.rules.contains(&"T05.row_sum".to_string())
            && c.rules.contains(&"T05.hierarchy".to_string()),
        "{:?}",
        c.rules
    );
    // The model holds the printed value and records how it was chosen.
    assert_eq!(value(&r, "T05[20101,C3]").as_deref(), Some("4.00"));
    let cell = cell_mut(&mut r, "T05[20101,C3]").clone();
    let rec = cell.span.chosen.as_deref().expect("the choice recorded");
    assert_eq!((rec.read.as_str(), rec.confidence), ("4.60", 62));
    assert_eq!(rec.rules, c.rules);
    let model = serde_json::to_value(&r).expect("model JSON");
    assert!(model.to_string().contains("\"chosen\""), "{model}");
    // The audit: no error or warning on T05, a 提示 naming the choice, counted apart.
    let a = audit(&r, &book);
    let t05: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("T05") && f.severity > Severity::Info)
        .collect();
    assert!(t05.is_empty(), "{t05:#?}");
    let note = a
        .findings
        .iter()
        .find(|f| f.rule == "ocr.chosen")
        .expect("an ocr.chosen finding");
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(note.primary.as_deref(), Some("T05[20101,C3]"));
    assert!(
        note.message.starts_with(
            "按恒等式选定读数：T05[20101,C3]（人大事务）识读为 4.60（置信度 62），取 4.00，使 "
        ),
        "{}",
        note.message
    );
    assert_eq!(note.line, Some(4));
    assert_eq!(a.coverage.chosen_readings, 1);
    // JSON carries the recorded choice.
    let out = json::render(&[json::FileResult {
        file: "scan.pdf",
        profile: "central",
        audit: &a,
    }]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let f = v["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "ocr.chosen")
        .expect("ocr.chosen in JSON");
    assert_eq!(f["chosen"]["read"], "4.60");
    assert_eq!(f["chosen"]["confidence"], 62);
    assert_eq!(v["files"][0]["coverage"]["chosen_readings"], 1);
}

#[test]
fn a_reading_that_fits_only_some_identities_is_not_chosen() {
    // The row says 4.00, the column 4.50 (201 was printed 10.50 / 4.50):
    // no candidate makes both hold, so the reading stays and is questioned.
    let book = builtin();
    let mut r = t05(&[
        "合计\t\t10.50\t6.00\t4.50",
        "201\t一般公共服务支出\t10.50\t6.00\t4.50",
        "20101\t人大事务\t10.00\t6.00\t4.60",
    ]);
    cell_mut(&mut r, "T05[20101,C3]").span.confidence = Some(62);
    let copy = r.clone();
    assert!(choose(&mut r, &book).is_empty());
    assert_eq!(r, copy);
    let a = audit(&r, &book);
    assert_eq!(a.coverage.chosen_readings, 0);
    assert!(a.findings.iter().all(|f| f.rule != "ocr.chosen"));
    let row = a
        .findings
        .iter()
        .find(|f| f.rule == "T05.row_sum" && f.primary.as_deref() == Some("T05[20101,C1]"))
        .expect("the row sum finding");
    assert_eq!(row.severity, Severity::Warning, "{}", row.message);
    assert!(row.message.contains("T05[20101,C3]"), "{}", row.message);
}

/// 甲 printed 153.52, read 15352 (confidence 50), under `rules`.
fn scanned(rules: &str) -> (Report, Rulebook) {
    let mut r = report(Family::Unknown, "其他表\n甲\t\t15352\n");
    add_table(&mut r, TableId::Other(1), &["金额"], 2, 2);
    cell_mut(&mut r, "X01[甲,C1]").span.confidence = Some(50);
    let mut book = builtin();
    book.add_text("user.rules", rules).expect("user rules");
    (r, book)
}

#[test]
fn one_identity_alone_chooses_nothing() {
    // Only 153.52 makes the rule hold, but one identity cannot tell which
    // of its figures was misread: a warning with the candidate, no choice.
    let (mut r, book) = scanned("U.eq error \"甲应为 153.52\" X01[甲, 金额] == 153.52\n");
    assert!(choose(&mut r, &book).is_empty());
    assert_eq!(value(&r, "X01[甲,C1]").as_deref(), Some("15352"));
    let a = audit(&r, &book);
    let review = a
        .findings
        .iter()
        .find(|f| f.rule == "ocr.review")
        .expect("ocr.review warning");
    assert_eq!(review.expected.as_deref(), Some("153.52"));
    assert_eq!(a.count(Severity::Error), 0, "{:#?}", a.findings);
}

#[test]
fn two_readings_that_fit_choose_nothing() {
    // Between 100 and 2,000: 153.52 (a lost point) and 1535, 1552 (a speck
    // read as a digit) all fit both bounds.
    let (mut r, book) = scanned(
        "U.low error \"甲不应少于 100\" X01[甲, 金额] >= 100\n\
         U.high error \"甲不应超过 2000\" X01[甲, 金额] <= 2000\n",
    );
    assert!(choose(&mut r, &book).is_empty());
    assert_eq!(value(&r, "X01[甲,C1]").as_deref(), Some("15352"));
    assert_eq!(audit(&r, &book).coverage.chosen_readings, 0);
}

#[test]
fn a_report_without_ocr_is_never_touched() {
    // The same misprint in a text-layer report is the document's error.
    let book = builtin();
    let mut r = misread_in_row_and_column();
    cell_mut(&mut r, "T05[20101,C3]").span.confidence = None;
    let copy = r.clone();
    assert!(choose(&mut r, &book).is_empty());
    assert_eq!(r, copy);
    let a = audit(&r, &book);
    assert!(a
        .findings
        .iter()
        .any(|f| f.rule == "T05.row_sum" && f.severity == Severity::Error));
}
