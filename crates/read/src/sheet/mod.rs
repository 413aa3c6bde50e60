//! Spreadsheet front end (.xlsx, .xls): one sheet per table as 久其 exports
//! and departments publish them. Every row becomes a source line; a row
//! with at most one filled cell (titles, "单位：万元", notes, merged
//! paragraphs) becomes prose, other rows keep one slot per column, blanks
//! included, so merged header cells read exactly like the PDF conversion.

mod cfb;
mod container;
pub mod template;

use crate::error::{Error, ErrorKind};
use crate::limits::{MAX_CELLS, MAX_LINES};
use crate::source::{SourceCell, SourceLine};
use calamine::{Data, Reader, Xls, Xlsx, XlsxError};
use juesuan_model::Span;
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

/// Most slots one row may have: a disclosure table has a few dozen columns.
const MAX_ROW_SLOTS: u32 = 256;
/// Blank rows beyond this many in a row read as one: more blank rows say
/// nothing more, and a stray cell a million rows down must not cost a
/// million lines.
const MAX_BLANK_RUN: u32 = 64;

/// Whether the bytes look like a workbook: a ZIP container (xlsx) or an OLE2 compound file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&cfb::MAGIC)
}

/// One filled cell of a sheet: 0-based row and column, and its text.
type SheetCell = (u32, u32, String);

/// Reads every sheet, in workbook order, into numbered source lines.
///
/// Cells are taken one by one as the workbook lists them, never as a
/// dense rectangle: a sheet with one cell at A1 and one at XFD1048576 costs
/// two cells, not 17 billion.
pub fn workbook_to_lines(file: &str, bytes: &[u8]) -> Result<Vec<SourceLine>, Error> {
    let sheets = if bytes.starts_with(&cfb::MAGIC) {
        cfb::check(bytes).map_err(|m| unreadable(file, format!("无法读取电子表格：{m}")))?;
        xls_cells(file, bytes)?
    } else {
        container::check(file, bytes)?;
        xlsx_cells(file, bytes)?
    };
    let mut lines: Vec<SourceLine> = Vec::new();
    for (name, cells) in sheets {
        sheet_lines(file, &name, cells, &mut lines)?;
        // Sheets are separated like pages.
        push_line(&mut lines, String::new(), Vec::new());
    }
    Ok(lines)
}

/// An .xlsx workbook opened for reading (its container checked before).
pub(super) fn open_xlsx<'b>(file: &str, bytes: &'b [u8]) -> Result<Xlsx<Cursor<&'b [u8]>>, Error> {
    Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(file, format!("无法读取电子表格：{e}")))
}

/// A workbook that cannot be read, naming the file.
fn unreadable(file: &str, message: String) -> Error {
    Error::new(ErrorKind::NotText, file, None, message)
}

/// The filled cells of one sheet of an .xlsx, read as a stream and counted
/// in `total` against [`MAX_CELLS`]; `None` for a chart sheet.
pub(super) fn xlsx_sheet_cells(
    file: &str,
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    total: &mut usize,
) -> Result<Option<Vec<SheetCell>>, Error> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // Chart sheets hold no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(unreadable(file, format!("无法读取工作表“{name}”：{e}"))),
    };
    let mut cells = Vec::new();
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| unreadable(file, format!("无法读取工作表“{name}”：{e}")))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        let text = cell_text(&Data::from(cell.get_value().clone()));
        keep(file, total, &mut cells, (r, c, text))?;
    }
    Ok(Some(cells))
}

/// The filled cells of every sheet of an .xlsx, read as a stream.
fn xlsx_cells(file: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<SheetCell>)>, Error> {
    let mut book = open_xlsx(file, bytes)?;
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let Some(cells) = xlsx_sheet_cells(file, &mut book, &name, &mut total)? else {
            continue;
        };
        // A fill-in template's 情况说明 answers are texts, not disclosure lines.
        if !template::is_texts_sheet(&name, &cells) {
            sheets.push((name, cells));
        }
    }
    Ok(sheets)
}

/// The filled cells of every sheet of an .xls. The format bounds a sheet
/// to 65,536 × 256 cells, and the compound file was checked before.
fn xls_cells(file: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<SheetCell>)>, Error> {
    let mut book = Xls::new(Cursor::new(bytes))
        .map_err(|e| unreadable(file, format!("无法读取电子表格：{e}")))?;
    let mut sheets = Vec::new();
    let mut total = 0usize;
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| unreadable(file, format!("无法读取工作表“{name}”：{e}")))?;
        let mut cells = Vec::new();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let at = (r0 + r as u32, c0 + c as u32, cell_text(d));
            keep(file, &mut total, &mut cells, at)?;
        }
        sheets.push((name, cells));
    }
    Ok(sheets)
}

/// Keeps a filled cell, counting the workbook's cells against [`MAX_CELLS`].
fn keep(
    file: &str,
    total: &mut usize,
    cells: &mut Vec<SheetCell>,
    cell: SheetCell,
) -> Result<(), Error> {
    if cell.2.is_empty() {
        return Ok(());
    }
    cells.push(cell);
    *total += 1;
    if *total > MAX_CELLS {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!("电子表格单元格超过上限 {MAX_CELLS}"),
        ));
    }
    Ok(())
}

/// Turns one sheet's filled cells into lines: a row with at most one
/// filled cell is prose; other rows keep one slot per column from the
/// sheet's first used column, blanks included.
fn sheet_lines(
    file: &str,
    name: &str,
    mut cells: Vec<SheetCell>,
    lines: &mut Vec<SourceLine>,
) -> Result<(), Error> {
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let col0 = cells.iter().map(|(_, c, _)| *c).min().unwrap_or(0);
    let mut previous: Option<u32> = None;
    let mut rest = cells.as_slice();
    while let Some((row, ..)) = rest.first() {
        let row = *row;
        let n = rest.iter().take_while(|(r, ..)| *r == row).count();
        let (here, after) = rest.split_at(n);
        rest = after;
        let blanks = previous.map_or(0, |p| row - p - 1).min(MAX_BLANK_RUN);
        for _ in 0..blanks {
            push_line(lines, String::new(), Vec::new());
        }
        previous = Some(row);
        if lines.len() >= MAX_LINES {
            return Err(Error::new(
                ErrorKind::TooLarge,
                file,
                None,
                format!("电子表格行数超过上限 {MAX_LINES}"),
            ));
        }
        if here.len() == 1 {
            push_line(lines, here[0].2.clone(), Vec::new());
            continue;
        }
        let last = here.last().map_or(col0, |(_, c, _)| *c);
        if last - col0 >= MAX_ROW_SLOTS {
            return Err(Error::new(
                ErrorKind::TooLarge,
                file,
                None,
                format!(
                    "工作表“{name}”第 {} 行超过 {MAX_ROW_SLOTS} 列，不是报告表格",
                    row + 1
                ),
            ));
        }
        let number = lines.len() as u32 + 1;
        let mut text = String::new();
        let mut slots = Vec::with_capacity((last - col0 + 1) as usize);
        let mut filled = here.iter().peekable();
        for col in col0..=last {
            let t = match filled.peek() {
                Some((_, c, t)) if *c == col => {
                    filled.next();
                    t.as_str()
                }
                _ => "",
            };
            if col > col0 {
                text.push('\t');
            }
            let start = text.len() as u32;
            text.push_str(t);
            let mut span = Span::new(number, start, text.len() as u32);
            span.cell_ref = Some(format!("{name}!{}{}", column_letters(col), row + 1));
            slots.push(SourceCell {
                text: t.to_string(),
                span,
            });
        }
        push_line(lines, text, slots);
    }
    Ok(())
}

fn push_line(lines: &mut Vec<SourceLine>, text: String, cells: Vec<SourceCell>) {
    lines.push(SourceLine {
        number: lines.len() as u32 + 1,
        page: None,
        text,
        cells,
        flow: None,
        columns_guessed: false,
    });
}

/// The text of a cell. Numbers are stored as binary floats: the shortest
/// decimal that reads back to the same float is what was typed; float
/// noise from formulas (33597.659999999996) is rounded away at 6 decimals.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(dt) => dt.to_string(),
    }
}

fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let shortest = format!("{f}");
    match Decimal::from_str(&shortest) {
        Ok(d) if d.scale() > 6 => d.round_dp(6).normalize().to_string(),
        Ok(d) => d.to_string(),
        Err(_) => shortest,
    }
}

/// 0 → "A", 26 → "AA".
fn column_letters(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_columns() {
        assert_eq!(float_text(33597.66), "33597.66");
        assert_eq!(float_text(33597.659999999996), "33597.66");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(1900.0), "1900");
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert!(is_workbook(b"PK\x03\x04rest"));
        assert!(!is_workbook(b"%PDF-1.7"));
    }
}
