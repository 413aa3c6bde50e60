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

/// Prints how many of `total` cells (or rows, as `what` says) a scan read
/// exactly and which it missed, and asserts more than 100 were compared
/// and at least 99 % exact.
pub fn assert_exact(name: &str, what: &str, total: usize, wrong: &[Wrong]) {
    let exact = total - wrong.len();
    let ratio = exact as f64 / total.max(1) as f64;
    println!(
        "{name}: {what} exact {exact}/{total} = {:.2} %",
        ratio * 100.0
    );
    for (a, got, want) in wrong {
        println!("  wrong: {a}: read {got:?}, printed {want}");
    }
    assert!(total > 100, "only {total} {what} compared");
    assert!(
        ratio >= 0.99,
        "{name}: OCR accuracy {:.2} % below 99 %",
        ratio * 100.0
    );
}

/// Prints the error findings of the scan's reading that the text layer's
/// reading does not have, and asserts there are none.
pub fn assert_no_new_errors(name: &str, truth: &Report, ocr: &Report) {
    let new = new_errors(truth, ocr);
    for ((rule, at), message) in &new {
        println!("  new error: {rule} at {at:?}: {message}");
    }
    assert!(
        new.is_empty(),
        "{name}: {} error findings the printed report does not have",
        new.len()
    );
}
