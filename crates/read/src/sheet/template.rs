//! The fill-in workbook's 情况说明 sheet (`juesuan template`): not part of
//! the disclosure's text, so the line reader skips it; its answers are
//! read here, each with its cell.

use super::{column_letters, SheetCell};
use crate::error::Error;
use calamine::Reader;
use juesuan_model::template::{TEXTS_HEADER, TEXTS_SHEET};

/// Whether a sheet's cells are a template's texts sheet: its name and header row.
pub(super) fn is_texts_sheet(name: &str, cells: &[SheetCell]) -> bool {
    name == TEXTS_SHEET
        && TEXTS_HEADER.iter().enumerate().all(|(c, h)| {
            cells
                .iter()
                .any(|(r, col, t)| *r == 0 && *col == c as u32 && t == h)
        })
}

/// The filled cells of the texts sheet, when the workbook has one.
fn texts_sheet_cells(file: &str, bytes: &[u8]) -> Result<Option<Vec<SheetCell>>, Error> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(None);
    }
    super::container::check(file, bytes)?;
    let mut book = super::open_xlsx(file, bytes)?;
    if !book.sheet_names().iter().any(|n| n == TEXTS_SHEET) {
        return Ok(None);
    }
    let Some(cells) = super::xlsx_sheet_cells(file, &mut book, TEXTS_SHEET, &mut 0)? else {
        return Ok(None);
    };
    Ok(is_texts_sheet(TEXTS_SHEET, &cells).then_some(cells))
}

/// One answer: 类别, 键, the text typed, and its cell (`情况说明!E5`).
pub type Answer = (String, String, String, String);

/// Whether the bytes are a fill-in workbook: an .xlsx with the template's
/// texts sheet (its name and header row).
pub fn has_texts_sheet(file: &str, bytes: &[u8]) -> bool {
    texts_sheet_cells(file, bytes).is_ok_and(|c| c.is_some())
}

/// The answers of a template's texts sheet; empty when the workbook has none.
pub fn texts_answers(file: &str, bytes: &[u8]) -> Result<Vec<Answer>, Error> {
    let Some(cells) = texts_sheet_cells(file, bytes)? else {
        return Ok(Vec::new());
    };
    let by_cell: std::collections::HashMap<(u32, u32), &str> = cells
        .iter()
        .map(|(r, c, t)| ((*r, *c), t.as_str()))
        .collect();
    let at = |row: u32, col: u32| -> String {
        by_cell
            .get(&(row, col))
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    let mut rows: Vec<u32> = cells.iter().map(|x| x.0).filter(|r| *r > 0).collect();
    rows.sort_unstable();
    rows.dedup();
    let answer_col = (TEXTS_HEADER.len() - 1) as u32;
    Ok(rows
        .into_iter()
        .filter(|r| !at(*r, 1).is_empty())
        .map(|r| {
            (
                at(r, 0),
                at(r, 1),
                at(r, answer_col),
                format!("{TEXTS_SHEET}!{}{}", column_letters(answer_col), r + 1),
            )
        })
        .collect())
}
