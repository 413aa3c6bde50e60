//! Scans as they come: one page of the 财政局 report (its 收入决算表, 35
//! figures) scanned at 150 dpi in grey, at 300 dpi in colour, and in
//! colour with a red seal (红章) stamped over its figures, each read back
//! through OCR and compared figure by figure with the text layer of the
//! same page.
//!
//! Skipped, with a message, when pdftoppm, pdfseparate, img2pdf or
//! tesseract (with chi_sim) is not installed; fails instead under
//! `JUESUAN_REQUIRE_TOOLS=1`.

mod scan;

use juesuan_audit::{audit, Rulebook, Severity};
use juesuan_model::{CellAddr, Report};
use std::collections::BTreeSet;

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";
/// The page of the 收入决算表.
const PAGE: u32 = 8;

fn value_of(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr)?;
    r.cell(&a).and_then(|(_, c)| c.value).map(|v| v.to_string())
}

fn errors(r: &Report) -> BTreeSet<(String, Option<String>)> {
    let book = Rulebook::builtin().unwrap();
    audit(r, &book)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.clone(), f.primary.clone()))
        .collect()
}

/// Reads the scan of the page made at `dpi` (in colour, with a seal at
/// `seal`) and checks every figure and the error findings against the
/// page's text layer.
fn check(name: &str, dpi: u32, colour: bool, seal: Option<(f64, f64)>) {
    if !scan::tools_present() || !juesuan_testkit::tools(&["pdfseparate"]) {
        return;
    }
    let pdf = scan::sample(FINANCE);
    let truth = juesuan_read::read_path(&scan::text_page(&pdf, PAGE, name))
        .unwrap_or_else(|e| panic!("{e}"));
    let scanned = scan::scan_page(&pdf, PAGE, name, dpi, colour, seal);
    let ocr = juesuan_read::read_path(&scanned).unwrap_or_else(|e| panic!("{e}"));
    let mut total = 0;
    let mut wrong = Vec::new();
    for (addr, _, cell) in truth.numeric_cells() {
        let Some(v) = cell.value else { continue };
        total += 1;
        let got = value_of(&ocr, &addr.to_string());
        if got.as_deref() != Some(v.to_string().as_str()) {
            wrong.push((addr.to_string(), got, v.to_string()));
        }
    }
    for (addr, _, cell) in ocr.numeric_cells() {
        if cell.value.is_some() && value_of(&truth, &addr.to_string()).is_none() {
            total += 1;
            wrong.push((
                addr.to_string(),
                cell.value.map(|v| v.to_string()),
                "空".into(),
            ));
        }
    }
    println!("{name}: {}/{total} figures exact", total - wrong.len());
    for (a, got, want) in &wrong {
        println!("  wrong: {a}: read {got:?}, printed {want}");
    }
    assert!(total >= 30, "only {total} figures compared");
    assert!(wrong.is_empty(), "{name}: {} figures misread", wrong.len());
    let own = errors(&truth);
    let new: Vec<_> = errors(&ocr)
        .into_iter()
        .filter(|e| !own.contains(e))
        .collect();
    assert!(new.is_empty(), "{name}: new error findings {new:?}");
}

#[test]
fn a_red_seal_over_the_figures_reads_the_same() {
    // Over the figure columns of the table's upper rows.
    check("seal", 200, true, Some((0.5, 0.42)));
}

#[test]
fn a_grey_page_at_150_dpi() {
    check("grey-150", 150, false, None);
}

#[test]
fn a_colour_page_at_300_dpi() {
    check("colour-300", 300, true, None);
}
