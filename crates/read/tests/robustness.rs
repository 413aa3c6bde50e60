//! Mangled inputs never panic and never yield a silently partial model.

use juesuan_model::TableId;
use juesuan_read::{read_bytes, read_text, ErrorKind};
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

#[test]
fn no_tables_is_an_error_naming_the_file() {
    let e = read_text("notes.txt", "这是一份会议纪要。\n没有表格。\n").unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotAReport);
    assert_eq!(e.file, "notes.txt");
    assert!(e.to_string().starts_with("notes.txt: 未找到任何决算表"));
    assert!(read_text("empty.txt", "")
        .unwrap_err()
        .message
        .contains("文件为空"));
}

#[test]
fn binary_input_is_an_error() {
    let e = read_bytes("x.bin", &[0x00, 0x01, 0x02, 0x80, 0xff, 0x03, 0x04, 0x05]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotText);
    // A UTF-16 BOM makes the same kind of bytes text (here one character,
    // which is no report).
    let e = read_bytes("x.txt", &[0xff, 0xfe, 0x00, 0x41]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NotAReport);
}

#[test]
fn a_missing_table_is_recorded() {
    // Drop 公开05表 (its heading, title and body: lines 287–343).
    let text: String = SAMPLE
        .lines()
        .enumerate()
        .filter(|(i, _)| !(286..343).contains(i))
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let r = read_text("x.txt", &text).unwrap();
    assert_eq!(r.absent_tables, vec![TableId::T05]);
    assert!(r.notes.iter().any(|n| n
        .message
        .contains("未找到一般公共预算财政拨款支出决算表（公开05表）")));
    assert!(r.table(TableId::T06).is_some());
}

#[test]
fn huge_line_is_refused() {
    let text = format!("{SAMPLE}\n{}", "9".repeat(2 * 1024 * 1024));
    let e = read_text("big.txt", &text).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooLarge);
    assert_eq!(e.line, Some(SAMPLE.lines().count() as u32 + 1));
}

#[test]
fn thousand_separators_do_not_change_values() {
    let plain = read_text("a.txt", SAMPLE).unwrap();
    let text = SAMPLE.replace("33608.20\t12874.92", "33,608.20\t12,874.92");
    let sep = read_text("b.txt", &text).unwrap();
    assert_eq!(plain.numeric_cells().len(), sep.numeric_cells().len());
    for ((a, _, c), (b, _, d)) in plain.numeric_cells().iter().zip(sep.numeric_cells().iter()) {
        assert_eq!((a, c.value), (b, d.value));
    }
}

fn char_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn truncated_never_panics(cut in 0usize..SAMPLE.len()) {
        let _ = read_text("t.txt", &SAMPLE[..char_boundary(SAMPLE, cut)]);
    }

    #[test]
    fn shuffled_lines_never_panic(seed in any::<u64>()) {
        let mut lines: Vec<&str> = SAMPLE.lines().collect();
        // Deterministic Fisher–Yates from the seed.
        let mut x = seed | 1;
        for i in (1..lines.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            lines.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let _ = read_text("s.txt", &lines.join("\n"));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = read_bytes("r.bin", &bytes);
    }

    #[test]
    fn spliced_garbage_never_panics(at in 0usize..SAMPLE.len(), junk in "[\\t0-9.,合计总计项目名称总分栏次\\-]{0,200}") {
        let i = char_boundary(SAMPLE, at);
        let text = format!("{}{}{}", &SAMPLE[..i], junk, &SAMPLE[i..]);
        if let Ok(r) = read_text("g.txt", &text) {
            // A model always says which tables it lacks.
            prop_assert_eq!(r.tables.len() + r.absent_tables.len(), 9);
        }
    }
}

/// A code printed wrong in a text layer is the document's: the reader does
/// not put the code its name belongs to in its place (that repair is for
/// OCR readings only), so the audit still sees the row as printed.
#[test]
fn a_code_printed_wrong_in_text_is_not_repaired_by_its_name() {
    let good = "2080505\t机关事业单位基本养老保险缴费支出\t932.31\t932.31\t932.31\t0.00\t0.00";
    assert!(SAMPLE.contains(good));
    let text = SAMPLE.replace(
        good,
        "208055\t机关事业单位基本养老保险缴费支出\t932.31\t932.31\t932.31\t0.00\t0.00",
    );
    let r = read_text("x.txt", &text).unwrap();
    let t05 = r.table(TableId::T05).unwrap();
    assert!(
        t05.row("2080505").is_none(),
        "the misprinted code was repaired"
    );
    assert!(read_text("y.txt", SAMPLE)
        .unwrap()
        .table(TableId::T05)
        .unwrap()
        .row("2080505")
        .is_some());
}
