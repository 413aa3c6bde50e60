//! What is written for one report: built from the file bytes, the model and
//! its audit (CPU work that import workers do in parallel), then stored in one
//! transaction by a single writer.

use crate::department;
use crate::views::StoredFinding;
use juesuan_audit::{Audit, Rulebook, Severity};
use juesuan_model::Report;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// SHA-256 of the file bytes as 64 lowercase hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 15)]));
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// The report id derived from a content hash: its first 16 hex digits.
pub fn report_id(hash: &str) -> String {
    hash.chars().take(16).collect()
}

/// One numeric cell as stored in `cells`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRecord {
    /// `T01` … `T09`.
    pub table: String,
    /// 0-based position of the row in its table (document order).
    pub row_pos: u32,
    /// The row part of the address (`2080101`, `R10`, `合计`).
    pub row_key: String,
    /// The 栏次 number.
    pub column: u32,
    /// The exact value as a plain decimal string.
    pub value: String,
    /// The printed text.
    pub raw: String,
    /// The row's printed name.
    pub name: String,
    /// Source line.
    pub line: u32,
    /// Source page (paged inputs).
    pub page: Option<u32>,
}

/// One cell a finding read, as stored in `findings.cells_json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingCell {
    /// The address (`T02[2080101,C2]`, or a row `T05[2080199]`).
    pub addr: String,
    /// The printed value, if any.
    pub printed: Option<String>,
    /// Source line, if known.
    pub line: Option<u32>,
    /// Source page, for paged inputs.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Byte range of the value within its line, if known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bytes: Option<(u32, u32)>,
}

/// Everything stored for one report.
#[derive(Debug, Clone)]
pub struct NewReport {
    /// Report id (from the hash).
    pub id: String,
    /// SHA-256 of the file bytes.
    pub content_hash: String,
    /// The file name as given (a label only, never opened by the store).
    pub source_name: String,
    /// Size of the file in bytes.
    pub byte_size: u64,
    /// The department as printed.
    pub department: String,
    /// The department key linking years.
    pub dept_key: String,
    /// Fiscal year.
    pub year: Option<u32>,
    /// Reader profile.
    pub profile: String,
    /// Money unit of the tables.
    pub unit: String,
    /// The model's JSON, deflated (`codec`).
    pub model_deflate: Vec<u8>,
    /// Finding counts: errors, warnings, infos.
    pub counts: Counts,
    /// Coverage of the audit.
    pub coverage: juesuan_audit::Coverage,
    /// Per-rule outcomes as JSON.
    pub outcomes_json: String,
    /// The rulebooks used, `name@version` joined by `, `.
    pub rulebook: String,
    /// Numeric cells.
    pub cells: Vec<CellRecord>,
    /// Findings.
    pub findings: Vec<StoredFinding>,
    /// Measures compared across departments.
    pub measures: Vec<crate::measure::MeasureRecord>,
    /// The disclosure quality score (without a prior year), in tenths of a point.
    pub score: i64,
    /// The score's parts as JSON ([`juesuan_audit::score::Score`]).
    pub score_json: String,
}

/// Finding counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// 错误.
    pub errors: u32,
    /// 警告.
    pub warnings: u32,
    /// 提示.
    pub infos: u32,
}

impl NewReport {
    /// Builds the record of a read and audited report from its file.
    pub fn new(
        source_name: &str,
        bytes: &[u8],
        report: &Report,
        audit: &Audit,
        book: &Rulebook,
    ) -> Result<NewReport, crate::Error> {
        let content_hash = content_hash(bytes);
        let department = report.meta.department.trim().to_string();
        let count = |s: Severity| audit.count(s) as u32;
        let outcomes_json = serde_json::to_string(&audit.outcomes)?;
        let method = crate::years::method()?;
        let score = juesuan_audit::score::score(method, report, &audit.findings, false);
        let rulebook = book
            .versions
            .iter()
            .map(|(n, v)| format!("{n}@{v}"))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(NewReport {
            id: report_id(&content_hash),
            content_hash,
            source_name: source_name.to_string(),
            byte_size: bytes.len() as u64,
            dept_key: department::key(&department),
            department,
            year: report.meta.year,
            profile: report.profile.as_str().to_string(),
            unit: report.meta.unit.label().to_string(),
            model_deflate: crate::codec::deflate(&serde_json::to_string(report)?)?,
            counts: Counts {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
            },
            coverage: audit.coverage,
            outcomes_json,
            rulebook,
            cells: cells_of(report),
            findings: findings_of(report, audit),
            measures: crate::measure::of_report(report),
            score: score.tenths(),
            score_json: serde_json::to_string(&score)?,
        })
    }
}

fn cells_of(report: &Report) -> Vec<CellRecord> {
    let mut out = Vec::new();
    for table in report.tables.values() {
        for (pos, row) in table.rows.iter().enumerate() {
            for cell in &row.cells {
                let Some(value) = cell.value else { continue };
                out.push(CellRecord {
                    table: table.id.as_str().to_string(),
                    row_pos: pos as u32,
                    row_key: row.key.clone(),
                    column: cell.column,
                    value: value.to_string(),
                    raw: cell.raw.clone(),
                    name: row.name.clone(),
                    line: cell.span.line,
                    page: cell.span.page,
                });
            }
        }
    }
    out
}

fn findings_of(report: &Report, audit: &Audit) -> Vec<StoredFinding> {
    stored_findings(report, &audit.findings, 0)
}

/// Findings as stored, numbered from `first`.
pub(crate) fn stored_findings(
    report: &Report,
    findings: &[juesuan_audit::Finding],
    first: u32,
) -> Vec<StoredFinding> {
    findings
        .iter()
        .enumerate()
        .map(|(i, f)| StoredFinding {
            seq: first + i as u32,
            rule: f.rule.clone(),
            severity: f.severity.as_str().to_string(),
            message: f.message.clone(),
            primary: f.primary.clone(),
            line: f.line,
            page: f.page,
            expected: f.expected.clone(),
            actual: f.actual.clone(),
            difference: f.difference.clone(),
            tolerance: f.tolerance.clone(),
            cells: f
                .cells
                .iter()
                .map(|c| FindingCell {
                    addr: c.addr.clone(),
                    printed: c.printed.clone(),
                    line: c.span.as_ref().map(|s| s.line),
                    page: c.span.as_ref().and_then(|s| s.page),
                    bytes: c.span.as_ref().map(|s| (s.start, s.end)),
                })
                .collect(),
            source_line: match (f.line, f.page) {
                (Some(n), None) => report.line_text(n).map(str::to_string),
                _ => None,
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            content_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(report_id(&content_hash(b"abc")), "ba7816bf8f01cfea");
    }
}
