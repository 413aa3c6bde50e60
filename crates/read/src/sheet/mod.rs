//! Spreadsheet front end (.xlsx, .xls): one sheet per table as 久其 exports
//! and departments publish them. Every row becomes a source line; a row
//! with at most one filled cell (titles, "单位：万元", notes, merged
//! paragraphs) becomes prose, other rows keep one slot per column, blanks
//! included, so merged header cells read exactly like the PDF conversion.

use crate::error::{Error, ErrorKind};
use crate::source::{SourceCell, SourceLine};
use calamine::{open_workbook_auto_from_rs, Data, Reader};
use juesuan_model::Span;
use rust_decimal::Decimal;
use std::io::Cursor;
use std::str::FromStr;

/// Largest number of rows read from one workbook.
const MAX_ROWS: usize = 200_000;
/// Largest total decompressed size of an .xlsx container (a zip bomb guard).
const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;
/// Most entries an .xlsx container may hold.
const MAX_ENTRIES: usize = 10_000;

/// Whether the bytes look like a workbook: a ZIP container (xlsx) or an OLE2 compound file (xls).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads every sheet, in workbook order, into numbered source lines.
pub fn workbook_to_lines(file: &str, bytes: &[u8]) -> Result<Vec<SourceLine>, Error> {
    if bytes.starts_with(b"PK") {
        check_container(file, bytes)?;
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::new(
            ErrorKind::NotText,
            file,
            None,
            format!("无法读取电子表格：{e}"),
        )
    })?;
    let mut lines: Vec<SourceLine> = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| {
            Error::new(
                ErrorKind::NotText,
                file,
                None,
                format!("无法读取工作表“{name}”：{e}"),
            )
        })?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            if lines.len() >= MAX_ROWS {
                return Err(Error::new(
                    ErrorKind::TooLarge,
                    file,
                    None,
                    format!("电子表格行数超过上限 {MAX_ROWS}"),
                ));
            }
            let number = lines.len() as u32 + 1;
            let texts: Vec<String> = row.iter().map(cell_text).collect();
            let last = texts
                .iter()
                .rposition(|t| !t.is_empty())
                .map_or(0, |p| p + 1);
            let texts = &texts[..last];
            let filled = texts.iter().filter(|t| !t.is_empty()).count();
            if filled <= 1 {
                let text = texts
                    .iter()
                    .find(|t| !t.is_empty())
                    .cloned()
                    .unwrap_or_default();
                lines.push(SourceLine {
                    number,
                    page: None,
                    text,
                    cells: Vec::new(),
                    flow: None,
                });
                continue;
            }
            let mut text = String::new();
            let mut cells = Vec::with_capacity(texts.len());
            for (c, t) in texts.iter().enumerate() {
                if c > 0 {
                    text.push('\t');
                }
                let start = text.len() as u32;
                text.push_str(t);
                let mut span = Span::new(number, start, text.len() as u32);
                span.cell_ref = Some(format!(
                    "{name}!{}{}",
                    column_letters(col0 + c as u32),
                    row0 + r as u32 + 1
                ));
                cells.push(SourceCell {
                    text: t.clone(),
                    span,
                });
            }
            lines.push(SourceLine {
                number,
                page: None,
                text,
                cells,
                flow: None,
            });
        }
        // Sheets are separated like pages.
        lines.push(SourceLine {
            number: lines.len() as u32 + 1,
            page: None,
            text: String::new(),
            cells: Vec::new(),
            flow: None,
        });
    }
    Ok(lines)
}

/// Refuses a container whose entries would decompress beyond the limits,
/// before any of it is inflated.
fn check_container(file: &str, bytes: &[u8]) -> Result<(), Error> {
    let bad = |m: String| Error::new(ErrorKind::TooLarge, file, None, m);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        Error::new(
            ErrorKind::NotText,
            file,
            None,
            format!("无法读取电子表格：{e}"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(format!(
            "电子表格包含 {} 个部件，超过上限 {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            Error::new(
                ErrorKind::NotText,
                file,
                None,
                format!("无法读取电子表格：{e}"),
            )
        })?;
        total = total.saturating_add(entry.size());
        if total > MAX_UNZIPPED_BYTES {
            return Err(bad(format!(
                "电子表格解压后超过 {} MiB 上限",
                MAX_UNZIPPED_BYTES / 1024 / 1024
            )));
        }
    }
    Ok(())
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
