//! Random structure for every front end that needs no external tool
//! (text, HTML, .xlsx, .xls): nested tags, spans, sparse cells, huge and
//! tiny numbers, long lines. Each case must end in a report or an error —
//! never a panic — within a bounded time, and the whole run within a
//! bounded memory (the process's peak resident size). The numbers of
//! cases run are printed (`cargo test -- --nocapture`).

use juesuan_read::read_bytes;
use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");
const PER_CASE: Duration = Duration::from_secs(10);
const PEAK_KIB: u64 = 1024 * 1024;

/// Numbers of every kind a hostile file uses.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..1_000_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b:02}")),
        Just("79228162514264337593543950335".to_string()),
        Just("0.0000000000000000000000000001".to_string()),
        Just("-99999999999999999999999.99".to_string()),
        "[0-9]{1,40}(\\.[0-9]{1,30})?",
        "[0-9,]{1,30}",
    ]
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        number(),
        "[合计总计项目名称栏次收入支出本年万元]{0,12}",
        Just("公开01表".to_string()),
        Just("收入支出决算总表".to_string()),
        "[a-z<>&;\"' ]{0,8}",
    ]
}

/// A random element tree.
fn html_node() -> impl Strategy<Value = String> {
    let leaf = word();
    leaf.prop_recursive(6, 400, 12, |inner| {
        (
            prop::sample::select(vec![
                "div", "span", "table", "tr", "td", "th", "p", "font", "b", "li", "tbody",
            ]),
            0usize..2000,
            0usize..2000,
            prop::collection::vec(inner, 0..12),
            any::<bool>(),
        )
            .prop_map(|(tag, colspan, rowspan, children, close)| {
                let end = if close {
                    format!("</{tag}>")
                } else {
                    String::new()
                };
                format!(
                    "<{tag} colspan={colspan} rowspan={rowspan}>{}{end}",
                    children.concat()
                )
            })
    })
}

fn text_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(word(), 0..12).prop_map(|w| w.join("\t")),
        2 => prop::sample::select(SAMPLE.lines().collect::<Vec<_>>()).prop_map(str::to_string),
        1 => (1usize..20_000).prop_map(|n| "9".repeat(n)),
        1 => (1usize..2_000).prop_map(|n| "\t".repeat(n)),
    ]
}

/// Sparse cells anywhere in the sheet's range.
fn cells() -> impl Strategy<Value = Vec<(u32, u16, String)>> {
    prop::collection::vec(
        (
            prop_oneof![0u32..50, 0u32..1_048_576],
            prop_oneof![0u16..20, 0u16..16_384],
            word(),
        ),
        0..40,
    )
}

fn timed(what: &str, f: impl FnOnce()) {
    let start = Instant::now();
    f();
    assert!(start.elapsed() < PER_CASE, "{what}: {:?}", start.elapsed());
    check_peak();
}

/// The process's peak resident size, in KiB (Linux).
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn check_peak() {
    if let Some(kib) = peak_kib() {
        assert!(kib < PEAK_KIB, "peak resident size {kib} KiB");
    }
}

const HTML_CASES: u32 = 200;
const TEXT_CASES: u32 = 200;
const XLSX_CASES: u32 = 64;
const XLS_CASES: u32 = 400;

proptest! {
    #![proptest_config(ProptestConfig { cases: HTML_CASES, ..ProptestConfig::default() })]
    #[test]
    fn random_pages_never_panic(body in prop::collection::vec(html_node(), 1..6)) {
        let page = format!("<html><body>{}</body></html>", body.concat());
        timed("html", || { let _ = read_bytes("r.html", page.as_bytes()); });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: TEXT_CASES, ..ProptestConfig::default() })]
    #[test]
    fn random_texts_never_panic(lines in prop::collection::vec(text_line(), 0..150)) {
        let text = lines.join("\n");
        timed("text", || { let _ = read_bytes("r.txt", text.as_bytes()); });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: XLSX_CASES, ..ProptestConfig::default() })]
    #[test]
    fn random_sparse_workbooks_never_panic(cells in cells()) {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, c, w) in &cells {
            let _ = sheet.write_string(*r, *c, w);
        }
        let bytes = book.save_to_buffer().unwrap_or_default();
        timed("xlsx", || { let _ = read_bytes("r.xlsx", &bytes); });
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: XLS_CASES, ..ProptestConfig::default() })]
    #[test]
    fn random_compound_files_never_panic(
        header in prop::collection::vec(any::<u32>(), 128),
        sectors in prop::collection::vec(prop_oneof![Just(0xFFFF_FFFEu32), Just(0xFFFF_FFFF), 0u32..8, any::<u32>()], 0..1024),
        shift in prop_oneof![Just(9u16), Just(12u16)],
    ) {
        // A compound-file header with random fields, then random sectors
        // whose words are mostly small sector numbers and chain ends.
        let mut f: Vec<u8> = header.iter().flat_map(|w| w.to_le_bytes()).collect();
        f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        f[30..32].copy_from_slice(&shift.to_le_bytes());
        f[32..34].copy_from_slice(&6u16.to_le_bytes());
        if shift == 12 {
            f.resize(4096, 0);
        }
        f.extend(sectors.iter().flat_map(|w| w.to_le_bytes()));
        timed("xls", || { let _ = read_bytes("r.xls", &f); });
    }
}

#[test]
fn cases_run() {
    eprintln!(
        "hostile structure: {HTML_CASES} pages, {TEXT_CASES} texts, {XLSX_CASES} workbooks, {XLS_CASES} compound files per run"
    );
}
