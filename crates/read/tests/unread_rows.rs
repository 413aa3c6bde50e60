//! A table line the reader cannot read as a row is never lost in silence:
//! a machine-read code cut short is found by the row's name, and what still
//! cannot be read leaves a note and its amounts on the table
//! (`Table::unread`), so the audit knows the table may lack a row.
//!
//! The input is the 财政局 report's text layer (公开06表 prints its codes in
//! 类 and 款 cells, two column groups side by side) with one 款 cell read
//! short, as OCR read `11` as `1` on a rough scan; and with a 公开04表 name
//! that OCR saw print of but could not read (`□`).

use juesuan_model::{Report, TableId};
use juesuan_read::pdf::pdf_to_lines;
use juesuan_read::source::SourceLine;

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";

/// The report's lines with the 款 cell of 302 11 差旅费 read as `1`, its
/// line's cells marked machine-read (`confidence`) or not. `None` when
/// pdftotext is not installed.
fn with_short_code(confidence: Option<u8>) -> Option<Vec<SourceLine>> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(FINANCE);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = pdf_to_lines(FINANCE, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let line = lines
        .iter_mut()
        .find(|l| l.cells.iter().any(|c| c.text == "差旅费"))
        .expect("the 差旅费 line of 公开06表");
    let at = line
        .cells
        .iter()
        .position(|c| c.text == "差旅费")
        .expect("差旅费 cell");
    assert_eq!(line.cells[at - 1].text, "11", "{:?}", line.cells);
    line.cells[at - 1].text = "1".into();
    for c in &mut line.cells {
        c.span.confidence = confidence;
    }
    Some(lines)
}

fn read(lines: Vec<SourceLine>) -> Report {
    juesuan_read::read_lines(FINANCE, lines).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_machine_read_code_cut_short_is_found_by_its_name() {
    let Some(lines) = with_short_code(Some(60)) else {
        return;
    };
    let r = read(lines);
    let t06 = r.table(TableId::T06).expect("公开06表");
    let row = t06.row("30211").expect("30211 found by its name 差旅费");
    assert_eq!(row.value(1).map(|v| v.to_string()).as_deref(), Some("1.20"));
    assert!(t06.unread.is_empty(), "{:?}", t06.unread);
}

#[test]
fn a_group_left_unread_leaves_a_note_and_its_amount_on_the_table() {
    // In a text layer a code printed wrong is the document's: no repair.
    let Some(lines) = with_short_code(None) else {
        return;
    };
    let r = read(lines);
    let t06 = r.table(TableId::T06).expect("公开06表");
    assert!(t06.row("30211").is_none());
    // The row beside it on the same line is still read.
    assert!(t06.row("30112").is_some() || t06.row("30110").is_some());
    assert_eq!(t06.unread.len(), 1, "{:?}", t06.unread);
    let span = &t06.unread[0];
    assert_eq!(span.page, Some(16), "{span:?}");
    assert_eq!(
        r.source_line(span.page, span.line)
            .map(|l| l.contains("1.20")),
        Some(true)
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.message.contains("一组单元格“302 1 差旅费 1.20”无法识别")),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_name_ocr_could_not_read_leaves_its_amounts_unread_not_a_row() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(FINANCE);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = pdf_to_lines(FINANCE, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let truth = read(lines.clone());
    let row = truth
        .table(TableId::T04)
        .and_then(|t| t.row_by_label("一般公共服务支出"))
        .expect("公开04表 一般公共服务支出");
    let printed = row.cells.iter().filter(|c| c.value.is_some()).count();
    assert!(printed >= 2);
    // That line of 公开04表: print OCR could not read for the name.
    let line = lines
        .iter_mut()
        .find(|l| l.page == row.span.page && l.number == row.span.line)
        .expect("the 一般公共服务支出 line of 公开04表");
    for c in &mut line.cells {
        c.span.confidence = Some(90);
        if c.text.ends_with("一般公共服务支出") {
            c.text = juesuan_read::ocr::UNREAD_MARK.into();
            c.span.confidence = Some(0);
        }
    }
    let r = read(lines);
    let t04 = r.table(TableId::T04).expect("公开04表");
    assert!(t04.row_by_label("一般公共服务支出").is_none());
    assert!(t04.rows.iter().all(|row| !row.name.contains('□')));
    assert_eq!(t04.unread.len(), printed, "{:?}", t04.unread);
}
