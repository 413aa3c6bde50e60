//! Provenance of a value: where in the source document it was read.

use serde::{Deserialize, Serialize};

/// Where a value was read: 1-based line (within the page for paged input),
/// byte range within that line, and optionally page, spreadsheet cell and
/// OCR confidence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// 1-based page for paged inputs (PDF); `None` for plain text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// 1-based line number (within the page for paged inputs).
    pub line: u32,
    /// Byte offset of the value's first byte within the line.
    pub start: u32,
    /// Byte offset one past the value's last byte within the line.
    pub end: u32,
    /// Spreadsheet cell reference ("Sheet1!B5") for workbook inputs.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub cell_ref: Option<String>,
    /// OCR confidence in percent (0–100) for values read from images.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub confidence: Option<u8>,
    /// For a machine-read value the identities chose between candidate
    /// readings: what OCR read and why the value differs from it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub chosen: Option<Box<Chosen>>,
}

/// A machine-read value replaced by the one candidate reading under which
/// every identity the value is in holds (`juesuan_audit::reading::choose`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Chosen {
    /// The text OCR read (the value now held is the candidate).
    pub read: String,
    /// OCR's confidence in that reading, in percent.
    pub confidence: u8,
    /// The ids of the rules that decided: each holds with the candidate.
    pub rules: Vec<String>,
}

impl Span {
    /// A span covering bytes `start..end` of 1-based `line`.
    pub fn new(line: u32, start: u32, end: u32) -> Span {
        Span {
            line,
            start,
            end,
            ..Span::default()
        }
    }

    /// A span for a whole line whose text is `len` bytes long.
    pub fn line(line: u32, len: usize) -> Span {
        Span::new(line, 0, len as u32)
    }
}
