//! A blotted digit per table, on the image: the table pages of the 财政局
//! report are rasterised at 200 dpi and, on each table, one digit of one
//! amount is covered by an ink blot ([`scan::blot`]) before the pages are
//! wrapped into an image-only PDF and read back through OCR. Each blotted
//! cell must end one of three honest ways: read right; chosen by the
//! identities (the choice recorded on the cell); or named in a warning
//! with its candidate reading. No error finding may come out beyond those
//! of the text-layer reading of the same pages.
//!
//! Skipped, with a message, when poppler-utils, img2pdf or tesseract (with
//! chi_sim) is not installed; fails instead under `JUESUAN_REQUIRE_TOOLS=1`.

mod scan;

use juesuan_audit::{audit, Audit, Rulebook, Severity};
use juesuan_model::amount::parse_amount;
use juesuan_model::{CellAddr, Decimal, Report};
use scan::blot::{self, Target};
use std::collections::BTreeSet;
use std::time::Instant;

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";

/// What became of a blotted cell.
#[derive(Debug, PartialEq, Eq)]
enum Fate {
    /// OCR read the printed value.
    ReadRight,
    /// The identities chose the printed value; OCR had read this.
    Chosen(String),
    /// A warning names the cell with the printed value as its candidate.
    Questioned(String),
}

/// One blotted cell: where, what was printed.
struct Blotted {
    addr: String,
    printed: String,
    value: Decimal,
    target: Target,
}

/// Per table, one amount of three digits or more whose text stands once
/// on its page (so its box is known) and whose value no other blotted cell
/// has (tables repeat each other's totals); a 科目 row of the lowest
/// levels first, where row and column sums both read the cell.
fn targets(pdf: &std::path::Path, truth: &Report) -> Vec<Blotted> {
    let mut out: Vec<Blotted> = Vec::new();
    for (id, table) in &truth.tables {
        let mut cells: Vec<_> = table
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(move |c| (r, c)))
            .filter(|(_, c)| {
                c.value.is_some() && c.raw.chars().filter(char::is_ascii_digit).count() >= 3
            })
            .collect();
        cells.sort_by_key(|(r, _)| std::cmp::Reverse(r.code.as_ref().map_or(0, String::len)));
        for (row, cell) in cells {
            let (Some(page), Some(value)) = (cell.span.page, cell.value) else {
                continue;
            };
            if out.iter().any(|b| b.value == value) {
                continue;
            }
            let words = blot::words(pdf, page);
            let same: Vec<_> = words.iter().filter(|w| w.text == cell.raw).collect();
            let [word] = same.as_slice() else { continue };
            // The middle digit: never the sign, rarely a leading one.
            let digits: Vec<usize> = cell
                .raw
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i)
                .collect();
            let at = digits[digits.len() / 2];
            out.push(Blotted {
                addr: format!("{id}[{},C{}]", row.key, cell.column),
                printed: cell.raw.clone(),
                value,
                target: Target {
                    page,
                    word: (*word).clone(),
                    at,
                },
            });
            break;
        }
    }
    out
}

/// Error findings as (rule, primary cell).
fn errors(a: &Audit) -> BTreeSet<(String, Option<String>)> {
    a.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.clone(), f.primary.clone()))
        .collect()
}

fn fate(ocr: &Report, a: &Audit, b: &Blotted) -> Option<Fate> {
    let addr = CellAddr::parse(&b.addr)?;
    let cell = ocr.cell(&addr).map(|(_, c)| c);
    if let Some(c) = cell.filter(|c| c.value == Some(b.value)) {
        return Some(match c.span.chosen.as_deref() {
            Some(ch) => Fate::Chosen(ch.read.clone()),
            None => Fate::ReadRight,
        });
    }
    let named = a.findings.iter().find(|f| {
        f.severity == Severity::Warning
            && f.cells.iter().any(|c| c.addr == b.addr)
            && ((f.rule == "ocr.review"
                && f.expected.as_deref().and_then(parse_amount) == Some(b.value))
                || f.reading.as_ref().is_some_and(|d| {
                    d.cell.as_deref() == Some(b.addr.as_str())
                        && d.candidate.as_deref().and_then(parse_amount) == Some(b.value)
                }))
    })?;
    Some(Fate::Questioned(named.message.clone()))
}

#[test]
fn a_blotted_digit_per_table_is_read_chosen_or_questioned() {
    if !blot::tools_present() {
        return;
    }
    let pdf = scan::sample(FINANCE);
    let whole = juesuan_read::read_path(&pdf).unwrap_or_else(|e| panic!("{e}"));
    let blotted = targets(&pdf, &whole);
    assert!(blotted.len() >= 6, "only {} tables to blot", blotted.len());
    // The table pages only: what the tables span, nothing else.
    let pages: BTreeSet<u32> = whole
        .tables
        .values()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter().filter_map(|c| c.span.page))
        .collect();
    let pages: Vec<u32> = pages.into_iter().collect();
    let seed = scan::seed_for("finance-blotted");
    println!("blotted scan: seed {seed} (JUESUAN_SCAN_SEED), pages {pages:?}");
    let targets: Vec<Target> = blotted.iter().map(|b| b.target.clone()).collect();
    let made = blot::scan_blotted(&pdf, "finance-blotted", &pages, &targets, seed);
    let book = Rulebook::builtin().unwrap();
    let text = juesuan_read::read_path(&made.text).unwrap_or_else(|e| panic!("{e}"));
    let own = errors(&audit(&text, &book));
    let started = Instant::now();
    let mut ocr = juesuan_read::read_path(&made.scan).unwrap_or_else(|e| panic!("{e}"));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "blotted scan: {} pages in {secs:.1} s = {:.2} pages/s",
        made.pages,
        made.pages as f64 / secs
    );
    let choices = juesuan_audit::reading::choose(&mut ocr, &book);
    let a = audit(&ocr, &book);
    let mut lost = Vec::new();
    let mut touched = 0;
    for b in &blotted {
        let fate = fate(&ocr, &a, b);
        match &fate {
            Some(Fate::ReadRight) => println!("{} {}: read right", b.addr, b.printed),
            Some(Fate::Chosen(read)) => {
                touched += 1;
                println!(
                    "{} {}: read {read}, chosen by the identities",
                    b.addr, b.printed
                );
            }
            Some(Fate::Questioned(why)) => {
                touched += 1;
                println!("{} {}: questioned: {why}", b.addr, b.printed);
            }
            None => {
                let read =
                    CellAddr::parse(&b.addr).and_then(|x| ocr.cell(&x).map(|(_, c)| c.raw.clone()));
                println!("{} {}: read {read:?}, NOT named", b.addr, b.printed);
                for f in a
                    .findings
                    .iter()
                    .filter(|f| f.cells.iter().any(|c| c.addr == b.addr))
                {
                    println!("    {:?} {} {}", f.severity, f.rule, f.message);
                }
                lost.push(b.addr.clone());
            }
        }
    }
    println!(
        "blotted {} cells: {touched} misread and chosen or questioned, {} choices in all",
        blotted.len(),
        choices.len()
    );
    let new: Vec<_> = errors(&a)
        .into_iter()
        .filter(|e| !own.contains(e))
        .collect();
    for (rule, at) in &new {
        println!("  new error: {rule} at {at:?}");
    }
    assert!(
        lost.is_empty(),
        "blotted cells neither read right nor named: {lost:?}"
    );
    // A blot OCR reads through proves nothing: some must have bitten.
    assert!(touched > 0, "no blot made OCR misread its digit");
    assert!(
        new.is_empty(),
        "{} error findings the text-layer reading of the same pages does not have",
        new.len()
    );
}
