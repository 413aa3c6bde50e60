//! `check --format json`, exactly as design.md specifies (plus `page` for
//! paged inputs), keys in the documented order.

use crate::finding::{Finding, ReadingDoubt};
use crate::{Audit, Coverage};
use juesuan_model::Chosen;
use serde::Serialize;

/// One audited file.
pub struct FileResult<'a> {
    /// The file name as given.
    pub file: &'a str,
    /// The report's template family (`central`, `shanghai`, `university`, `unit13`, `unknown`).
    pub profile: &'a str,
    /// The audit.
    pub audit: &'a Audit,
}

#[derive(Serialize)]
struct Doc<'a> {
    files: Vec<Entry<'a>>,
}

/// A file read and audited, or a file that could not be read.
#[derive(Serialize)]
#[serde(untagged)]
enum Entry<'a> {
    Audited(FileOut<'a>),
    Unreadable { file: &'a str, error: &'a str },
}

#[derive(Serialize)]
struct FileOut<'a> {
    file: &'a str,
    profile: &'a str,
    findings: Vec<FindingOut<'a>>,
    coverage: Coverage,
}

/// One finding in the JSON contract's shape.
#[derive(Serialize)]
pub struct FindingOut<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    cells: Vec<&'a str>,
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    /// The worksheet of the primary cell, for spreadsheets (`公开01表`).
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    /// The primary cell in the worksheet (`C9`).
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<&'a str>,
    /// The primary cell in a web page: table, row and column, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<HtmlCell>,
    expected: Option<&'a str>,
    actual: Option<&'a str>,
    difference: Option<&'a str>,
    /// Present when the finding may be a reading artefact (or rests on OCR).
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Option<&'a ReadingDoubt>,
    /// Present when the primary cell's value was chosen by the identities
    /// between OCR's candidate readings (what OCR read, its confidence, the
    /// rules that decided).
    #[serde(skip_serializing_if = "Option::is_none")]
    chosen: Option<&'a Chosen>,
}

/// Where a cell stands in a web page.
#[derive(Serialize)]
pub struct HtmlCell {
    table: u32,
    row: u32,
    column: u32,
}

/// One finding as its JSON object.
pub fn finding(f: &Finding) -> FindingOut<'_> {
    let cell_ref = f.primary_span().and_then(|s| s.cell_ref.as_deref());
    let (sheet, cell) = cell_ref
        .and_then(|r| r.rsplit_once('!'))
        .map_or((None, None), |(s, c)| (Some(s), Some(c)));
    FindingOut {
        rule: &f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        cells: f.cells.iter().map(|c| c.addr.as_str()).collect(),
        line: f.line,
        page: f.page,
        sheet,
        cell,
        html: cell_ref.and_then(html_cell),
        expected: f.expected.as_deref(),
        actual: f.actual.as_deref(),
        difference: f.difference.as_deref(),
        reading: f.reading.as_deref(),
        chosen: f.primary_span().and_then(|s| s.chosen.as_deref()),
    }
}

/// The place a web-page cell reference names: the HTML reader writes
/// them as "表3 第5行 第2列" (`juesuan_read::html`).
fn html_cell(r: &str) -> Option<HtmlCell> {
    let mut numbers = r
        .split(['表', '第', '行', '列', ' '])
        .filter(|p| !p.is_empty())
        .map(str::parse::<u32>);
    let (table, row, column) = (numbers.next()?, numbers.next()?, numbers.next()?);
    r.starts_with('表').then_some(HtmlCell {
        table: table.ok()?,
        row: row.ok()?,
        column: column.ok()?,
    })
}

/// The whole document: `{"files": [...]}`.
pub fn render(files: &[FileResult<'_>]) -> String {
    render_all(files, &[])
}

/// The whole document, with the files that could not be read (file name
/// and the reader's message) after the audited ones.
pub fn render_all(files: &[FileResult<'_>], unreadable: &[(&str, &str)]) -> String {
    let audited = files.iter().map(|r| {
        Entry::Audited(FileOut {
            file: r.file,
            profile: r.profile,
            findings: r.audit.findings.iter().map(finding).collect(),
            coverage: r.audit.coverage,
        })
    });
    let failed = unreadable
        .iter()
        .map(|(file, error)| Entry::Unreadable { file, error });
    let doc = Doc {
        files: audited.chain(failed).collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{\"files\":[]}"))
}
