//! Reports printed without table borders: the 财政局 report is rasterised
//! at 200 dpi with its ruling lines erased ([`scan::rules`]), wrapped into
//! an image-only PDF and read back through OCR, so its tables are found
//! from their words alone (the layout profile's titles and headers, and
//! columns of figures). Compared cell by cell with the text-layer reading
//! of the same report: at least 99 % of cells exact, and no error finding
//! the text-layer reading does not have; every figure read carries its
//! OCR confidence and the reader's doubt about its column (so that an
//! identity failing on a column misjudged is a reading question).
//!
//! Skipped, with a message, when pdftoppm, img2pdf or tesseract (with
//! chi_sim) is not installed; fails instead under `JUESUAN_REQUIRE_TOOLS=1`.

mod scan;

use scan::compare;

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";

/// Scans the report without its rules (straight, or turned, blurred,
/// speckled and JPEG-compressed), reads it back and checks it against the
/// text-layer reading.
fn check(distorted: bool) {
    if !scan::tools_present() {
        return;
    }
    let pdf = scan::sample(FINANCE);
    let truth = juesuan_read::read_path(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let name = format!(
        "{}-unruled-{}",
        FINANCE.trim_end_matches(".pdf"),
        if distorted { "rough" } else { "straight" }
    );
    let seed = distorted.then(|| scan::seed_for(&name));
    let ocr = scan::scan_and_read(FINANCE, &name, seed, true);
    let (total, wrong) = compare::cells(&truth, &ocr);
    // Every figure of an unruled table carries its confidence, as a ruled
    // table's cells do, and the reader's doubt about its column, for the
    // audit's review of machine readings: a failing identity on them is a
    // reading question, never an error.
    for (addr, _, cell) in ocr.numeric_cells() {
        let c = cell.span.confidence;
        assert!(c.is_some_and(|c| c <= 100), "{addr} has no OCR confidence");
        assert!(cell.doubt.is_some(), "{addr}: no doubt about its column");
    }
    compare::assert_exact(&name, "cells", total, &wrong);
    compare::assert_no_new_errors(&name, &truth, &ocr);
}

#[test]
fn finance_bureau_unruled_straight_scan() {
    check(false);
}

#[test]
#[ignore = "not yet every seed: seed 12134427546515342397 reads 192/195 cells (98.46 %; T04 names dropped by the sparse reading, a T06 name), seed 3727238669357885870 172/196 (87.76 %; T04 read one column off); since the cells of unruled tables carry the reader's doubt about their columns, neither gives a new error finding"]
fn finance_bureau_unruled_rough_scan() {
    check(true);
}
