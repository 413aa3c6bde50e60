//! Shared helpers: the Jilin sample, text mutation, audit.
#![allow(dead_code)]

use juesuan_audit::{audit, Audit, Finding, Rulebook, Severity};
use juesuan_model::Report;

pub const SAMPLE: &str = include_str!("../../../../tests/data/jilin-hrss-2024-final-accounts.txt");
pub const NAME: &str = "jilin-hrss-2024-final-accounts.txt";

pub fn read(text: &str) -> Report {
    match juesuan_read::read_text(NAME, text) {
        Ok(r) => r,
        Err(e) => panic!("the sample must read: {e}"),
    }
}

pub fn check(text: &str) -> (Report, Audit) {
    let report = read(text);
    let book = Rulebook::builtin().expect("builtin rulebook");
    let a = audit(&report, &book);
    (report, a)
}

/// Replaces tab-separated field `field` (0-based) of 1-based line `line`,
/// asserting it held `old`.
pub fn mutate(text: &str, line: usize, field: usize, old: &str, new: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    let mut fields: Vec<String> = l.split('\t').map(str::to_string).collect();
    assert_eq!(fields[field], old, "line {line} field {field}: {l}");
    fields[field] = new.to_string();
    *l = fields.join("\t");
    lines.join("\n")
}

/// The identity of a finding regardless of message wording and spans.
pub fn key(
    f: &Finding,
) -> (
    String,
    Severity,
    Vec<String>,
    Option<String>,
    Option<String>,
) {
    (
        f.rule.clone(),
        f.severity,
        f.cells.iter().map(|c| c.addr.clone()).collect(),
        f.expected.clone(),
        f.actual.clone(),
    )
}
