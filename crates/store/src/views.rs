//! What the store returns: library rows, report summaries, stored findings
//! and cells, comparisons. All serializable for the JSON API.

use crate::record::{Counts, FindingCell};
use serde::Serialize;

/// The outcome of importing one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "id", rename_all = "snake_case")]
pub enum Imported {
    /// Newly stored under this id.
    Imported(String),
    /// The same file (same content hash) was already stored under this id.
    Unchanged(String),
}

impl Imported {
    /// The report id.
    pub fn id(&self) -> &str {
        match self {
            Imported::Imported(id) | Imported::Unchanged(id) => id,
        }
    }
}

/// Coverage counts as stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CoverageCounts {
    /// Rules and checks in the rulebook.
    pub rules_total: u32,
    /// Rules that ran.
    pub ran: u32,
    /// Rules that did not apply.
    pub not_applicable: u32,
    /// Rules that lacked data.
    pub insufficient_data: u32,
}

/// A stored report, without its model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportSummary {
    /// Report id.
    pub id: String,
    /// SHA-256 of the source file.
    pub content_hash: String,
    /// Source file name (a label).
    pub source_name: String,
    /// File size in bytes.
    pub byte_size: u64,
    /// Department key (links years).
    pub dept_key: String,
    /// The department as printed in this report.
    pub department: String,
    /// Fiscal year.
    pub year: Option<u32>,
    /// Reader profile.
    pub profile: String,
    /// Money unit.
    pub unit: String,
    /// Finding counts.
    pub counts: Counts,
    /// Audit coverage.
    pub coverage: CoverageCounts,
    /// Rulebooks used.
    pub rulebook: String,
    /// Import time (RFC 3339, UTC).
    pub imported_at: String,
}

/// A department with its reports' years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Department {
    /// Key.
    pub key: String,
    /// Name (as first imported).
    pub name: String,
    /// Its reports, oldest year first.
    pub reports: Vec<ReportSummary>,
}

/// A finding as stored in `findings` and as read back (the audit's
/// `Finding` flattened: severity as text, the quoted source line kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredFinding {
    /// Order within the report's audit.
    pub seq: u32,
    /// Rule or check id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Message (Chinese).
    pub message: String,
    /// Primary cell address.
    pub primary: Option<String>,
    /// Source line.
    pub line: Option<u32>,
    /// Source page.
    pub page: Option<u32>,
    /// Expected value.
    pub expected: Option<String>,
    /// Printed value.
    pub actual: Option<String>,
    /// Difference.
    pub difference: Option<String>,
    /// Tolerance.
    pub tolerance: Option<String>,
    /// Every cell the rule read.
    pub cells: Vec<FindingCell>,
    /// Quoted source line.
    pub source_line: Option<String>,
}

/// A stored numeric cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCell {
    /// `T01` … `T09`.
    pub table: String,
    /// Row key.
    pub row: String,
    /// 栏次.
    pub column: u32,
    /// Exact value.
    pub value: String,
    /// Row name.
    pub name: String,
    /// Source line.
    pub line: u32,
    /// Source page.
    pub page: Option<u32>,
}

impl StoredCell {
    /// The cell address `T02[2080101,C2]`.
    pub fn addr(&self) -> String {
        format!("{}[{},C{}]", self.table, self.row, self.column)
    }
}

/// One department across its reports: per cell address, each report's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Department key.
    pub dept_key: String,
    /// Department name.
    pub department: String,
    /// The reports compared, in column order (by year, then import).
    pub reports: Vec<ReportSummary>,
    /// One row per cell address present in any report.
    pub rows: Vec<ComparedCell>,
}

/// One cell address across reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedCell {
    /// Address.
    pub addr: String,
    /// `T01` … `T09`.
    pub table: String,
    /// Row key.
    pub row: String,
    /// 栏次.
    pub column: u32,
    /// Row name (from the latest report holding it).
    pub name: String,
    /// Value per report (`None`: blank or absent).
    pub values: Vec<Option<String>>,
    /// Change from the previous report's value (`None` for the first report
    /// or when either side is missing).
    pub changes: Vec<Option<String>>,
    /// Whether the value differs between any two consecutive reports (a cell
    /// appearing or disappearing counts).
    pub changed: bool,
}
