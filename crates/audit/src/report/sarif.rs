//! `check --format sarif`: SARIF 2.1.0, the format code-scanning tools
//! read. Rules carry their message and `##` explanation; results their
//! level and physical location: the line of a text report, and for paged
//! or tabular inputs the page, sheet and cell as location properties
//! (SARIF regions count lines and columns of a text file only).

use super::json::FileResult;
use crate::finding::Finding;
use crate::registry::RuleInfo;
use crate::Severity;
use serde_json::{json, Value};

/// The SARIF log of a run: one result per finding of every file; files
/// that could not be read are tool notifications of a failed execution.
pub fn render(files: &[FileResult<'_>], unreadable: &[(&str, &str)], rules: &[RuleInfo]) -> String {
    let index = |id: &str| rules.iter().position(|r| r.id == id);
    let results: Vec<Value> = files
        .iter()
        .flat_map(|f| f.audit.findings.iter().map(move |x| (f.file, x)))
        .map(|(file, f)| result(file, f, index(&f.rule)))
        .collect();
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|(file, error)| {
            json!({
                "level": "error",
                "message": { "text": error },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(file) } } }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "juesuan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/juesuan/juesuan",
                "rules": rules.iter().map(rule).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": unreadable.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(r: &RuleInfo) -> Value {
    let mut v = json!({
        "id": r.id,
        "shortDescription": { "text": r.message },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "origin": r.origin },
    });
    if !r.doc.is_empty() {
        v["fullDescription"] = json!({ "text": r.doc });
    }
    v
}

fn result(file: &str, f: &Finding, rule_index: Option<usize>) -> Value {
    let mut location = json!({ "physicalLocation": { "artifactLocation": { "uri": uri(file) } } });
    let mut place = serde_json::Map::new();
    match (f.line, f.page) {
        (Some(line), None) if line > 0 => {
            location["physicalLocation"]["region"] = json!({ "startLine": line });
        }
        (Some(line), Some(page)) => {
            place.insert("page".into(), json!(page));
            place.insert("lineOnPage".into(), json!(line));
        }
        _ => {}
    }
    if let Some(cell) = f.primary_span().and_then(|s| s.cell_ref.as_deref()) {
        place.insert("cell".into(), json!(cell));
    }
    if let Some(addr) = &f.primary {
        place.insert("address".into(), json!(addr));
    }
    if !place.is_empty() {
        location["properties"] = Value::Object(place);
    }
    let mut v = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": { "text": f.message },
        "locations": [location],
    });
    if let Some(i) = rule_index {
        v["ruleIndex"] = json!(i);
    }
    v
}

/// A file name as a relative URI reference: path separators kept, the
/// characters a URI cannot hold percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for b in file.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
