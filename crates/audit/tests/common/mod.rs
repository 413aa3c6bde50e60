//! Shared helpers: the Jilin sample, text mutation, audit, synthetic reports.
#![allow(dead_code)]

pub mod fixture;

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

/// Replaces the first occurrence of `old` on 1-based line `line` (asserting it is there).
pub fn replace_on_line(text: &str, line: usize, old: &str, new: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    assert!(l.contains(old), "line {line} lacks {old:?}: {l}");
    *l = l.replacen(old, new, 1);
    lines.join("\n")
}

/// Replaces the tab-separated field equal to `old` (the last such field) on `line`.
pub fn replace_field(text: &str, line: usize, old: &str, new: &str) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let l = &mut lines[line - 1];
    let mut fields: Vec<String> = l.split('\t').map(str::to_string).collect();
    let Some(i) = fields.iter().rposition(|f| f == old) else {
        panic!("line {line} has no field {old:?}: {l}");
    };
    fields[i] = new.to_string();
    *l = fields.join("\t");
    lines.join("\n")
}

/// The new error findings of `a` (not in the sample's own audit) at `line`.
pub fn new_errors_at<'a>(base: &Audit, a: &'a Audit, line: u32) -> Vec<&'a Finding> {
    let before: Vec<_> = base.findings.iter().map(key).collect();
    a.findings
        .iter()
        .filter(|f| {
            f.severity == Severity::Error && f.line == Some(line) && !before.contains(&key(f))
        })
        .collect()
}
