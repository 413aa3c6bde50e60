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

use scan::compare;

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";
/// The page of the 收入决算表.
const PAGE: u32 = 8;

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
    let (total, wrong) = compare::cells(&truth, &ocr);
    println!("{name}: {}/{total} figures exact", total - wrong.len());
    for (a, got, want) in &wrong {
        println!("  wrong: {a}: read {got:?}, printed {want}");
    }
    assert!(total >= 30, "only {total} figures compared");
    assert!(wrong.is_empty(), "{name}: {} figures misread", wrong.len());
    let new = compare::new_errors(&truth, &ocr);
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
