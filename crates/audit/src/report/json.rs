//! `check --format json`, exactly as design.md specifies (plus `page` for
//! paged inputs), keys in the documented order.

use crate::finding::{Finding, ReadingDoubt};
use crate::{Audit, Coverage};
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
    files: Vec<FileOut<'a>>,
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
    expected: Option<&'a str>,
    actual: Option<&'a str>,
    difference: Option<&'a str>,
    /// Present when the finding may be a reading artefact (or rests on OCR).
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Option<&'a ReadingDoubt>,
}

/// One finding as its JSON object.
pub fn finding(f: &Finding) -> FindingOut<'_> {
    FindingOut {
        rule: &f.rule,
        severity: f.severity.as_str(),
        message: &f.message,
        cells: f.cells.iter().map(|c| c.addr.as_str()).collect(),
        line: f.line,
        page: f.page,
        expected: f.expected.as_deref(),
        actual: f.actual.as_deref(),
        difference: f.difference.as_deref(),
        reading: f.reading.as_deref(),
    }
}

/// The whole document: `{"files": [...]}`.
pub fn render(files: &[FileResult<'_>]) -> String {
    let doc = Doc {
        files: files
            .iter()
            .map(|r| FileOut {
                file: r.file,
                profile: r.profile,
                findings: r.audit.findings.iter().map(finding).collect(),
                coverage: r.audit.coverage,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{\"files\":[]}"))
}
