//! Amounts beyond what a report can mean (see
//! [`juesuan_model::amount::MAX_MAGNITUDE`]) are read errors, never values:
//! a checker that took them would report its own overflow as the
//! department's error, and the bound is what keeps all later arithmetic
//! exact.

use crate::error::{Error, ErrorKind};
use juesuan_model::amount::{read_amount, NotAnAmount, MAX_MAGNITUDE, MAX_PRINTED_DECIMALS};
use juesuan_model::{Report, Span};

/// A printed amount out of range, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    /// Where it was read.
    pub span: Span,
    /// The text as printed.
    pub text: String,
}

impl OutOfRange {
    /// The read error for `file`.
    pub fn error(&self, file: &str) -> Error {
        let page = self
            .span
            .page
            .map(|p| format!("第 {p} 页："))
            .unwrap_or_default();
        let digits = MAX_MAGNITUDE.to_string().len() - 1;
        Error::new(
            ErrorKind::OutOfRange,
            file,
            Some(self.span.line),
            format!(
                "{page}金额“{}”超出可处理范围（绝对值须小于 10^{digits}，小数不超过 {MAX_PRINTED_DECIMALS} 位），无法读取",
                self.text
            ),
        )
    }
}

/// The first table cell whose text is an amount out of range (such cells
/// were read as blank by the table readers, which use `parse_amount`).
pub fn check_tables(report: &Report) -> Result<(), OutOfRange> {
    let cells = report
        .tables
        .values()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter());
    for cell in cells.filter(|c| c.value.is_none() && !c.raw.is_empty()) {
        if read_amount(&cell.raw) == Err(NotAnAmount::OutOfRange) {
            return Err(OutOfRange {
                span: cell.span.clone(),
                text: cell.raw.clone(),
            });
        }
    }
    Ok(())
}
