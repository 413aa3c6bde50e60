//! Layout fuzzing: random consistent reports (a few 科目, every identity of
//! domain.md §3 exact: `common/layout_report.rs`) printed with random layout
//! knobs — the ways real reports are printed (`common/layout_case.rs`) —
//! and read back:
//!
//! - through the native PDF writer and the project's PDF reader
//!   (`juesuan_read::read_bytes`, which runs `pdftotext`);
//! - as the space-separated text pdfplumber makes of that PDF
//!   ([`juesuan_render::txt_spaced`]), with or without CRLF, BOM, footers.
//!
//! Every numeric cell of every table must come back at its address with
//! its value (tables printed in 元 read back in 万元), and the audit of the
//! read-back report must give no error finding.
//!
//! Knobs the reader does not read yet stand in [`NOT_YET`], each with its
//! reproduction in `/work/briefs/repro/` (written by `layout_fuzz_repro.rs`);
//! the strategies never draw them, so the test is green with what the
//! reader reads today. Strike a knob off when the reader learns it. While
//! the text form is gated its property is weaker than exactness: the
//! writer's promises hold (every printed amount a word of the text, pages
//! form feeds), the audit gives no error finding, and every cell read
//! wrong stands in a row the reader marked as doubtful — never a silent
//! misreading.
//!
//! Cases: the first [`PDF_CASES`] (120) PDFs and [`TEXT_CASES`] (200) texts
//! of the random stream of seed [`SEED`] (20250825), the two properties in
//! parallel: about 25 s of CPU for the PDFs (`pdftotext` included) and 15 s
//! for the texts in a debug build, so under a minute on two cores.
//! `LAYOUT_FUZZ_SEED=<n>` explores another stream; a failure persists its
//! case under `proptest-regressions/`, which replays it first.
//! `cargo test -p juesuan-render --test layout_fuzz -- --ignored --nocapture`
//! prints, for every knob alone on fixed reports, what the reader gets wrong.

mod common;
#[path = "common/layout_case.rs"]
mod layout_case;
#[path = "common/layout_report.rs"]
mod layout_report;

use juesuan_render::document::GridKind;
use juesuan_render::{txt_spaced, Block};
use layout_case::*;
use proptest::prelude::*;
use proptest::test_runner::RngSeed;

/// PDF cases per run (about 0.2 s of CPU each in a debug build).
const PDF_CASES: u32 = 120;
/// Text cases per run (about 0.07 s each).
const TEXT_CASES: u32 = 200;
/// The seed of the cases' random stream; `LAYOUT_FUZZ_SEED=<n>` draws
/// another stream.
const SEED: u64 = 20_250_825;

fn config(cases: u32) -> ProptestConfig {
    let seed = std::env::var("LAYOUT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        ..ProptestConfig::default()
    }
}

/// Knobs the reader does not read yet, with their reproductions (under
/// `/work/briefs/repro/`, one note each). Strike one off when it reads.
const NOT_YET: &[Knob] = &[
    // pdf-narrow-*.pdf: wrapped names and header words lose or shift cells
    // (T06's three groups always; T01/T04/T02/T03/T05 at narrower widths).
    Knob::NarrowNames,
    // pdf-valign-top.pdf: a 类 name wrapped under its amount is cut, so
    // T01's class row loses its code.
    Knob::TopAligned,
    // pdf-valign-bottom.pdf: amounts on the last line of a wrapped row are
    // lost in T01/T04.
    Knob::BottomAligned,
    // text-spaced.txt, text-spaced-tables.txt: blank cells print nothing,
    // so rows with fewer amounts than columns are placed by their
    // identities only; where these leave the placement open the cells are
    // marked doubtful (a reading question, not an error), not exact. The
    // text property checks that much (see `text_silent_misreadings`).
    Knob::SpacedText,
    // pdf-short-names*.pdf: 科目 names of a character or two beside wide
    // amount columns lose the table's 科目 rows (T03).
    Knob::ShortNames,
];

fn allowed(k: Knob) -> bool {
    !NOT_YET.contains(&k)
}

fn has_pdftotext() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

/// What the text writer promises whatever a reader makes of it: no tabs,
/// one form feed between pages, the line ends and BOM asked for, and every
/// amount printed in a table standing as a word of its own.
fn text_form_holds(case: &Case) -> Result<(), String> {
    let source = case.source();
    let doc = case.document(&source);
    let text = txt_spaced::render(&doc, &case.layout, &case.text).map_err(|e| e.to_string())?;
    let pages = juesuan_render::pdf::native::pages(&doc, &case.layout)
        .map_err(|e| e.to_string())?
        .len();
    if text.contains('\t') {
        return Err("正文含制表符".into());
    }
    if text.matches('\u{c}').count() + 1 != pages {
        return Err(format!(
            "{pages} 页，换页符 {} 个",
            text.matches('\u{c}').count()
        ));
    }
    if text.starts_with('\u{feff}') != case.text.bom {
        return Err("字节顺序标记与选项不符".into());
    }
    let lf = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    if (case.text.crlf && crlf != lf) || (!case.text.crlf && crlf != 0) {
        return Err(format!("换行 {lf} 个，其中 CRLF {crlf} 个"));
    }
    let words: std::collections::BTreeSet<&str> = text
        .split(|c: char| c.is_whitespace() || c == '\u{feff}')
        .collect();
    for b in &case.layout.document(&doc).blocks {
        let Block::Table(g) = b else { continue };
        if !matches!(g.kind, GridKind::Statutory(_)) {
            continue;
        }
        for cell in g.body.iter().flatten() {
            if cell.value.is_some() && !words.contains(cell.text.as_str()) {
                return Err(format!("{}：金额 {} 不是单独的词", g.title, cell.text));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(PDF_CASES))]

    #[test]
    fn pdf_layouts_read_back_exactly(case in case(allowed)) {
        if juesuan_render::font::locate().is_none() || !has_pdftotext() {
            println!("跳过：未安装中文 TrueType 字体或 pdftotext");
            return Ok(());
        }
        let diffs = pdf_round_trip(&case);
        prop_assert!(
            diffs.as_ref().is_ok_and(Vec::is_empty),
            "{:?}: {:?}", case.knobs(), diffs
        );
    }
}

proptest! {
    #![proptest_config(config(TEXT_CASES))]

    #[test]
    fn spaced_text_reads_back_exactly(case in case(allowed)) {
        if juesuan_render::font::locate().is_none() {
            println!("跳过：未安装中文 TrueType 字体");
            return Ok(());
        }
        let form = text_form_holds(&case);
        prop_assert!(form.is_ok(), "{:?}: {:?}", case.knobs(), form);
        let diffs = if allowed(Knob::SpacedText) {
            text_round_trip(&case)
        } else {
            text_silent_misreadings(&case)
        };
        prop_assert!(
            diffs.as_ref().is_ok_and(Vec::is_empty),
            "{:?}: {:?}", case.knobs(), diffs
        );
    }
}

/// For every knob alone on the fixed reports, what the reader gets wrong,
/// as PDF and as text: the list to keep [`NOT_YET`] up to date with.
#[test]
#[ignore = "a report for the gate list, not a check"]
fn each_knob_alone() {
    let show = |r: Result<Vec<String>, String>| match r {
        Ok(d) if d.is_empty() => "ok".to_string(),
        Ok(d) => format!("{} 处不同：{}", d.len(), d[..d.len().min(3)].join("；")),
        Err(e) => format!("读不出：{e}"),
    };
    for (i, base) in fixed_cases().iter().enumerate() {
        for k in every_knob() {
            let c = with_knob(base, k);
            let pdf = if text_only(k) {
                "—".to_string()
            } else {
                show(pdf_round_trip(&c))
            };
            let gate = if allowed(k) { "" } else { "（未启用）" };
            println!(
                "#{i} {k:?}{gate}  PDF {pdf}  文本 {}",
                show(text_round_trip(&c))
            );
        }
    }
}
