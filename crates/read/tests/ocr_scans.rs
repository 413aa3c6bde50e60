//! Real scans: each bundled Shanghai PDF is rasterised at 200 dpi into an
//! image-only PDF ([`scan`]), straight and turned by a random angle of up
//! to ±2° with slight blur, speckle and JPEG compression, then read back
//! through OCR and compared cell by cell with the text-layer reading of the
//! same report. No error finding may come out of the scan beyond those the
//! text-layer reading of the report itself has.
//!
//! Skipped, with a message, when pdftoppm, img2pdf or tesseract (with
//! chi_sim) is not installed; fails instead under `JUESUAN_REQUIRE_TOOLS=1`.
//!
//! The rough scans run in two ways. Three seeds once drawn fresh, under
//! which the reader failed before, are kept and run with the other tests
//! (`*_rough_scan_kept_seed`). The `*_rough_scan` tests draw a fresh seed
//! each run (replay one with `JUESUAN_SCAN_SEED=…`); they are run by hand
//! (`--ignored`) to try new distortions, and kept out of CI so that an
//! untried distortion cannot stop a change from landing. Seeds tried, with
//! cells (rows for the template) exact and no new error finding (the
//! earlier seeds with earlier code; each "was" gives the reading before
//! the fix named):
//! - 社会工作部: 11878415902994385181 205/205 (a speck was read as the
//!   minus of -29.42), 15752494560135692924 205/205 (lost T06 to a speck
//!   before its 注 line), 15641781906980778081 204/205 (a wrapped 科目名称
//!   lost its first line), 5697234776794554777 205/205,
//!   9664524097476927357 204/205, 10883306339036509844 205/205,
//!   313096584287174717 205/205, 9347399983933302505 205/205 (kept; was
//!   102/205: its 单位：万元 read as `单位：广元`, a speck read as `“`
//!   before T06's 注 line), 13023196018386769553 204/205 (was 189/207:
//!   T04's title read with a trailing `，`, its rows taken for T03's),
//!   2652165333144811160 203/205, 166540215655500119 204/205,
//!   9492386099897098306 204/205, 4535467209137995223 205/205,
//!   12796401491575829105 204/205, 7808804482200118975 204/205 (the cells
//!   missed are figures that lost their point, `1131` for 11.31, or a
//!   digit; the review names them).
//! - 财政局: 5026654944012158871 195/195, 72221804253828891 194/195,
//!   18279521648452578692 195/195, 4041473523890513991 195/195,
//!   3135482285513919143 194/195, 10220746171293815355 195/195 (a blot
//!   read as 了 before a figure, 合计 read as 台计), 13976045980272530761
//!   195/195 (kept; its codes `11` read as `1` lost two rows of T06 before
//!   unsure figures were read again), 11135161525128968045 195/195,
//!   5886986523767528444 195/195 (T07's note read `…故本表无雪据` is a
//!   reading question, was an error), 16093179124075570551 195/195 (a
//!   code read `210了11`), 3628196120813650946 and 942017588668606570
//!   195/195.
//! - template: 12001313844413396714, 11925946924321228154,
//!   5852600239503273815, 17259266913130600302 and 72933090899317148
//!   163/163, 6625825834477727620, 16445519702683927810,
//!   4314677616157125264, 1210699289092834957 162/163,
//!   3427811686546720560 162/163 (was 161/163: T08's title read as
//!   `国有资本经营预算财政收入支出决算总表`), 9417319270080500806 162/163
//!   (T06 lost 55 rows before a vertical rule running on into the note
//!   below was cut at the table's last rule), 3264206735227610877 162/163
//!   (kept; was 152/163: T02's title read `收入决算表-`, T04's faint
//!   ordinals cut off by the crops), 14474436592615403902 162/163 (was
//!   157/163: T03's codes and names read as one cell, `205教育支出`).
//!   The row most often missed is T06's 公用经费合计, read `公慌经费合`.

mod scan;

use juesuan_model::Report;
use scan::compare::{self, Wrong};
use std::sync::OnceLock;

/// Rows of every table (a template prints placeholders, not amounts):
/// rows compared and the ones the scan lacks, as `T05[2010601]`.
fn compare_rows(truth: &Report, ocr: &Report) -> (usize, Vec<Wrong>) {
    let mut total = 0usize;
    let mut wrong = Vec::new();
    for (id, t) in &truth.tables {
        for row in &t.rows {
            total += 1;
            let found = ocr.table(*id).is_some_and(|o| o.row(&row.key).is_some());
            if !found {
                wrong.push((format!("{id}[{}]", row.key), None, row.name.clone()));
            }
        }
    }
    (total, wrong)
}

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";
const SOCIAL_WORK: &str = "shanghai-putuo-social-work-dept-2024.pdf";
const TEMPLATE: &str = "shanghai-2024-final-accounts-template.pdf";

/// Which scan of a report a test reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Straight.
    Straight,
    /// Turned, blurred, speckled and JPEG-compressed, with a seed once
    /// drawn fresh and kept: a distortion that broke a reading before.
    Rough(u64),
    /// The same with a fresh seed each run (`JUESUAN_SCAN_SEED` replays one).
    Fresh,
}

fn scan_name(file: &str, kind: Kind) -> String {
    let how = match kind {
        Kind::Straight => "straight",
        Kind::Rough(_) => "rough-kept",
        Kind::Fresh => "rough",
    };
    format!("{}-{how}", file.trim_end_matches(".pdf"))
}

/// Scans `file` as `kind` says and reads the scan back, printing the seed
/// and the pages per second.
fn read_scan(file: &str, kind: Kind) -> Report {
    let name = scan_name(file, kind);
    let seed = match kind {
        Kind::Straight => None,
        Kind::Rough(seed) => Some(seed),
        Kind::Fresh => Some(scan::seed_for(&name)),
    };
    scan::scan_and_read(file, &name, seed, false)
}

/// The straight scan of the 财政局 report, read once for the tests that use it.
fn finance_straight() -> &'static Report {
    static READ: OnceLock<Report> = OnceLock::new();
    READ.get_or_init(|| read_scan(FINANCE, Kind::Straight))
}

/// Reads a scan of `file` and checks it against the text-layer reading:
/// at least 99 % of cells exact (of rows found, for a template without
/// amounts), and no error finding the text-layer reading does not have
/// when `findings` is set.
fn check(file: &str, kind: Kind, findings: bool) {
    if !scan::tools_present() {
        return;
    }
    let pdf = scan::sample(file);
    let truth = juesuan_read::read_path(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let ocr = if file == FINANCE && kind == Kind::Straight {
        finance_straight().clone()
    } else {
        read_scan(file, kind)
    };
    let name = scan_name(file, kind);
    let (mut total, mut wrong) = compare::cells(&truth, &ocr);
    let mut what = "cells";
    if total == 0 {
        (total, wrong) = compare_rows(&truth, &ocr);
        what = "rows";
    }
    compare::assert_exact(&name, what, total, &wrong);
    if findings {
        compare::assert_no_new_errors(&name, &truth, &ocr);
    }
}

#[test]
fn finance_bureau_straight_scan() {
    check(FINANCE, Kind::Straight, true);
}

/// Seeds tried and their figures: see the module's documentation.
#[test]
#[ignore = "a fresh distortion each run: run by hand with --ignored to try new ones (seeds tried: see the module's documentation); CI runs the kept seeds"]
fn finance_bureau_rough_scan() {
    check(FINANCE, Kind::Fresh, true);
}

/// A distortion under which OCR read T06's codes `11` as `1` and lost
/// their rows (one of them with an amount, a `T06.hierarchy` error then).
#[test]
fn finance_bureau_rough_scan_kept_seed() {
    check(FINANCE, Kind::Rough(13976045980272530761), true);
}

#[test]
fn social_work_dept_straight_scan() {
    check(SOCIAL_WORK, Kind::Straight, true);
}

/// Seeds tried and their figures: see the module's documentation.
#[test]
#[ignore = "a fresh distortion each run: run by hand with --ignored to try new ones (seeds tried: see the module's documentation); CI runs the kept seeds"]
fn social_work_dept_rough_scan() {
    check(SOCIAL_WORK, Kind::Fresh, true);
}

/// A distortion under which T02's 单位：万元 was read `单位：广元` (the
/// table taken as printed in 元) and a speck before T06's 注 line lost T06.
#[test]
fn social_work_dept_rough_scan_kept_seed() {
    check(SOCIAL_WORK, Kind::Rough(9347399983933302505), true);
}

/// The template prints placeholders, and so many findings: cells only.
#[test]
fn template_straight_scan() {
    check(TEMPLATE, Kind::Straight, false);
}

/// Rows only, as for the straight scan. Seeds tried and their figures:
/// see the module's documentation.
#[test]
#[ignore = "a fresh distortion each run: run by hand with --ignored to try new ones (seeds tried: see the module's documentation); CI runs the kept seeds"]
fn template_rough_scan() {
    check(TEMPLATE, Kind::Fresh, false);
}

/// A distortion under which T02's title was read `收入决算表-` and T04's
/// faint ordinals were cut off by the crops.
#[test]
fn template_rough_scan_kept_seed() {
    check(TEMPLATE, Kind::Rough(3264206735227610877), false);
}
