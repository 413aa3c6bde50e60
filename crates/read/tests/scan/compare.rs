//! A scan's reading against the text-layer reading of the same report:
//! cells compared, and the error findings the scan adds.

use juesuan_audit::{audit, Rulebook, Severity};
use juesuan_model::{CellAddr, Report};
use std::collections::BTreeMap;

/// A cell's value as text, if the report has it.
pub fn value_of(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr)?;
    r.cell(&a).and_then(|(_, c)| c.value).map(|v| v.to_string())
}

/// A wrong cell: (address, read, printed).
pub type Wrong = (String, Option<String>, String);

/// Cells compared and the wrong ones. Figures the scan invented where the
/// text has none count as wrong too.
pub fn cells(truth: &Report, ocr: &Report) -> (usize, Vec<Wrong>) {
    let mut total = 0usize;
    let mut wrong = Vec::new();
    for (addr, _, cell) in truth.numeric_cells() {
        let Some(v) = cell.value else { continue };
        total += 1;
        let a = addr.to_string();
        let got = value_of(ocr, &a);
        if got.as_deref() != Some(v.to_string().as_str()) {
            wrong.push((a, got, v.to_string()));
        }
    }
    for (addr, _, cell) in ocr.numeric_cells() {
        if cell.value.is_some() && value_of(truth, &addr.to_string()).is_none() {
            total += 1;
            wrong.push((
                addr.to_string(),
                cell.value.map(|v| v.to_string()),
                "空".into(),
            ));
        }
    }
    (total, wrong)
}

/// Error findings as (rule, primary cell): what identifies a finding
/// across two readings of one report; each with its message.
pub fn errors(r: &Report) -> BTreeMap<(String, Option<String>), String> {
    let book = Rulebook::builtin().unwrap();
    audit(r, &book)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| ((f.rule.clone(), f.primary.clone()), f.message.clone()))
        .collect()
}

/// The error findings of the scan's reading that the text-layer reading
/// does not have, with their messages.
pub fn new_errors(truth: &Report, ocr: &Report) -> Vec<((String, Option<String>), String)> {
    let own = errors(truth);
    errors(ocr)
        .into_iter()
        .filter(|(k, _)| !own.contains_key(k))
        .collect()
}
