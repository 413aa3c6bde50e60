//! Findings as data: what a rule or check found, with the cells it read.

use crate::lang::Severity;
use juesuan_model::Span;
use serde::Serialize;

/// One cell (or figure) a finding involves, with where it was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// The address as shown to users: `T02[2080101,C2]`, `P3.funds[年度资金总额].executed`.
    pub addr: String,
    /// The value as printed (`None` for a blank or unprinted cell).
    pub printed: Option<String>,
    /// Where the cell was printed, when known.
    pub span: Option<Span>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule or check id (`T01.income_total`).
    pub rule: String,
    /// Severity of this finding (`info` for a difference within rounding).
    pub severity: Severity,
    /// The full message (Chinese), with both values and the difference.
    pub message: String,
    /// Every cell the rule read, the primary cell first.
    pub cells: Vec<CellRef>,
    /// The address of the cell the finding is about (the printed total, usually).
    pub primary: Option<String>,
    /// 1-based source line of the primary cell (within the page for paged input).
    pub line: Option<u32>,
    /// 1-based page of the primary cell, for paged inputs.
    pub page: Option<u32>,
    /// The value the identity calls for (the other side, computed exactly).
    pub expected: Option<String>,
    /// The value printed (the side holding the primary cell).
    pub actual: Option<String>,
    /// `actual − expected`.
    pub difference: Option<String>,
    /// The rounding tolerance applied (Σ half a unit of each printed operand).
    pub tolerance: Option<String>,
    /// When the finding may come from how the document was read rather
    /// than from the document: what points to a reading problem.
    pub reading: Option<Box<ReadingDoubt>>,
}

/// What makes a finding look like a reading artefact (the reader's
/// misreading) rather than an inconsistency of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadingShape {
    /// A machine-read (OCR) cell has a plausible misreading under which the identity holds.
    Ocr,
    /// A cell involved is marked by the reader as uncertain (`Cell::doubt`).
    Doubt,
    /// A source line of the row holds an amount that no cell took.
    StrayAmount,
    /// A row and its parent fail their row sums by the same amount (one
    /// misreading carried up the hierarchy).
    Propagated,
    /// A 科目名称 is cut short and its rest stands on a neighbouring line.
    CutName,
    /// A machine-read (OCR) value involved, in a table or in the narrative,
    /// was read with low confidence: its reading is a guess, and a guess
    /// never makes an error.
    LowConfidence,
    /// A sum over the rows of a table in which the reader left amounts it
    /// could not read as rows (or a row missing from such a table): the
    /// row the sum lacks may be one of them.
    UnreadRow,
    /// Only a note: the finding rests on machine-read (OCR) cells; its
    /// severity is kept.
    MachineRead,
}

impl ReadingShape {
    /// Whether the shape makes the finding a 疑似识读问题 (a warning instead
    /// of an error); [`ReadingShape::MachineRead`] is only a note.
    pub fn is_artefact(self) -> bool {
        self != ReadingShape::MachineRead
    }
}

/// A source line quoted by a reading doubt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLine {
    /// 1-based page, for paged inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// 1-based line (within the page for paged inputs).
    pub line: u32,
}

/// Why a finding may be the reader's doing, with what was read and what
/// was probably printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadingDoubt {
    /// The shape recognised.
    pub shape: ReadingShape,
    /// The cell (or row) in doubt, e.g. `T05[201,C1]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// What the reader took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<String>,
    /// What was probably printed (an OCR candidate, a stray amount, a whole name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
    /// OCR confidence of the cell, when machine-read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    /// The reason, in Chinese.
    pub why: String,
    /// The source lines that show it.
    pub lines: Vec<SourceLine>,
}

impl Finding {
    /// A finding without computed values (a check that is not a formula).
    pub fn note(rule: &str, severity: Severity, message: String, cells: Vec<CellRef>) -> Finding {
        let primary = cells.first().map(|c| c.addr.clone());
        let span = cells.first().and_then(|c| c.span.clone());
        Finding {
            rule: rule.to_string(),
            severity,
            message,
            cells,
            primary,
            line: span.as_ref().map(|s| s.line),
            page: span.as_ref().and_then(|s| s.page),
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            reading: None,
        }
    }

    /// A finding located at a source line that is not a cell (a note, a heading).
    pub fn at_line(mut self, line: u32, page: Option<u32>) -> Finding {
        self.line = Some(line);
        self.page = page;
        self
    }

    /// The span of the primary cell, if known.
    pub fn primary_span(&self) -> Option<&Span> {
        self.cells.first().and_then(|c| c.span.as_ref())
    }
}
