//! PDF text-layer front end on the real Shanghai reports.
//!
//! Every expected cell below was read off the rendered page images
//! (`pdftoppm -r 70`), not taken from this crate's output.

use juesuan_read::pdf::{debug_text, pdf_to_lines};
use juesuan_read::source::SourceLine;
use std::path::PathBuf;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

/// Lines of a sample, or `None` when pdftotext is not installed (see
/// [`juesuan_testkit::tool`]).
fn lines_of(name: &str) -> Option<Vec<SourceLine>> {
    if !juesuan_testkit::tool("pdftotext") {
        return None;
    }
    let path = sample(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match pdf_to_lines(name, &bytes) {
        Ok(l) => Some(l),
        Err(e) => panic!("{e}"),
    }
}

fn cells(l: &SourceLine) -> Vec<&str> {
    l.cells.iter().map(|c| c.text.as_str()).collect()
}

/// The tabular line on `page` whose cells are exactly `want`.
fn assert_row(lines: &[SourceLine], page: u32, want: &[&str]) {
    let found = lines
        .iter()
        .any(|l| l.page == Some(page) && cells(l) == want);
    if !found {
        let near: Vec<String> = lines
            .iter()
            .filter(|l| l.page == Some(page) && l.is_tabular())
            .map(|l| l.text.replace('\t', "⇥"))
            .collect();
        panic!(
            "第 {page} 页没有行 {:?}；该页表格行：\n{}",
            want.join("⇥"),
            near.join("\n")
        );
    }
}

const FINANCE: &str = "shanghai-putuo-finance-bureau-2024.pdf";
const SOCIAL: &str = "shanghai-putuo-social-work-dept-2024.pdf";

#[test]
fn finance_bureau_t01_rows() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    assert_row(
        &lines,
        6,
        &[
            "一、一般公共预算财政拨款收入",
            "2,940.05",
            "一、一般公共服务支出",
            "2,106.66",
        ],
    );
    assert_row(
        &lines,
        6,
        &["七、附属单位上缴收入", "", "七、文化旅游体育与传媒支出", ""],
    );
    assert_row(
        &lines,
        6,
        &["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"],
    );
    assert_row(&lines, 6, &["", "", "十九、住房保障支出", "445.69"]);
    assert_row(
        &lines,
        6,
        &["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
    );
}

#[test]
fn finance_bureau_cell_provenance() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    let row = lines
        .iter()
        .find(|l| {
            l.cells
                .first()
                .is_some_and(|c| c.text == "一、一般公共预算财政拨款收入")
        })
        .expect("T01 first row");
    let cell = &row.cells[1];
    assert_eq!(cell.text, "2,940.05");
    assert_eq!(cell.span.page, Some(6));
    assert_eq!(row.page, Some(6));
    assert_eq!(cell.span.line, row.number);
    assert_eq!(
        &row.text[cell.span.start as usize..cell.span.end as usize],
        "2,940.05"
    );
    // Line numbers count within the page.
    let first_on_page = lines.iter().find(|l| l.page == Some(6)).expect("page 6");
    assert_eq!(first_on_page.number, 1);
}

#[test]
fn finance_bureau_t02_blank_middle_columns_and_wrapped_name() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    // 类 款 项 | 科目名称 | 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位上缴收入 | 其他收入
    assert_row(
        &lines,
        8,
        &[
            "201",
            "06",
            "02",
            "一般行政管理事务",
            "16.19",
            "10.00",
            "",
            "",
            "",
            "",
            "6.19",
        ],
    );
    assert_row(
        &lines,
        8,
        &[
            "208",
            "05",
            "05",
            "机关事业单位基本养老保险缴费支出",
            "160.75",
            "160.75",
            "",
            "",
            "",
            "",
            "",
        ],
    );
    // The table runs on to page 9 without a repeated header.
    assert_row(
        &lines,
        9,
        &[
            "221",
            "02",
            "03",
            "购房补贴",
            "258.50",
            "258.50",
            "",
            "",
            "",
            "",
            "",
        ],
    );
}

#[test]
fn finance_bureau_t03_top_aligned_amount() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    assert_row(
        &lines,
        10,
        &[
            "201",
            "06",
            "01",
            "行政运行",
            "1,511.89",
            "1,503.52",
            "8.37",
            "",
            "",
            "",
        ],
    );
}

#[test]
fn finance_bureau_t05_rows_and_total_last() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    assert_row(
        &lines,
        15,
        &["201", "06", "02", "一般行政管理事务", "10.00", "", "10.00"],
    );
    let last = lines
        .iter()
        .rfind(|l| l.page == Some(15) && l.is_tabular())
        .expect("T05 rows");
    assert_eq!(
        cells(last),
        ["", "", "", "合计", "2,940.05", "2,336.91", "603.14"]
    );
}

#[test]
fn finance_bureau_t07_three_public_interleaved_columns() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    let budget_actual: Vec<&str> = ["预算数", "决算数"].repeat(6);
    assert_row(&lines, 18, &budget_actual);
    let mut row = vec![""; 12];
    row[0] = "0.95";
    row[10] = "0.95";
    assert_row(&lines, 18, &row);
}

#[test]
fn finance_bureau_t09_empty_with_note() {
    let Some(lines) = lines_of(FINANCE) else {
        return;
    };
    assert!(lines.iter().any(|l| l.page == Some(20)
        && !l.is_tabular()
        && l.text == "注：上海市普陀区财政局无国有资本经营预算财政拨款支出，故本表无数据。"));
}

#[test]
fn social_work_rows() {
    let Some(lines) = lines_of(SOCIAL) else {
        return;
    };
    // T05: names wrapped over two and three lines inside their cells.
    assert_row(
        &lines,
        12,
        &["201", "一般公共服务支出", "264.87", "62.63", "202.24"],
    );
    assert_row(
        &lines,
        12,
        &[
            "2080505",
            "机关事业单位基本养老保险缴费支出",
            "6.18",
            "6.18",
            "",
        ],
    );
    assert_row(&lines, 12, &["", "合计", "307.82", "105.58", "202.24"]);
}

#[test]
fn social_work_empty_three_public_table_note() {
    let Some(lines) = lines_of(SOCIAL) else {
        return;
    };
    let budget_actual: Vec<&str> = ["预算数", "决算数"].repeat(6);
    assert_row(&lines, 14, &budget_actual);
    assert!(lines.iter().any(|l| {
        l.page == Some(14)
        && l.text
            == "说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出，故本表无数据。"
    }));
}

#[test]
fn not_a_pdf_is_a_clear_error() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    let err = pdf_to_lines("坏.pdf", b"%PDF-1.4 garbage").unwrap_err();
    assert!(err.file == "坏.pdf");
    assert!(err.message.contains("pdftotext"), "{}", err.message);
}

/// `PDF_DUMP=file.pdf cargo test -p juesuan-read --test pdf_lines dump -- --ignored --nocapture`
/// prints a document's lines for comparison with the PDF.
#[test]
#[ignore = "a probe, not a test: run with PDF_DUMP=file.pdf and --ignored"]
fn dump() {
    let path = std::env::var("PDF_DUMP").expect("PDF_DUMP=file.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        panic!("无法读取 {path}")
    };
    match pdf_to_lines(&path, &bytes) {
        Ok(lines) => print!("{}", debug_text(&lines)),
        Err(e) => panic!("{e}"),
    }
}

/// `PDF_READ=file.pdf cargo test -p juesuan-read --test pdf_lines read_probe -- --ignored --nocapture`
/// prints what the assembler makes of a PDF.
#[test]
#[ignore = "a probe, not a test: run with PDF_READ=file.pdf and --ignored"]
fn read_probe() {
    let path = std::env::var("PDF_READ").expect("PDF_READ=file.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        panic!("无法读取 {path}")
    };
    match juesuan_read::read_bytes(&path, &bytes) {
        Ok(r) => {
            println!("profile={} absent={:?}", r.profile, r.absent_tables);
            for (id, t) in &r.tables {
                println!("{id:?}: {} rows", t.rows.len());
            }
            for n in &r.notes {
                println!("note: {n:?}");
            }
        }
        Err(e) => println!("error: {e}"),
    }
}

/// `PDF_TIME=file.pdf cargo test --release -p juesuan-read --test pdf_lines time_probe -- --ignored --nocapture`
/// prints how long turning the PDF into lines takes (best of five).
#[test]
#[ignore = "a probe, not a test: run with PDF_TIME=file.pdf and --ignored"]
fn time_probe() {
    let path = std::env::var("PDF_TIME").expect("PDF_TIME=file.pdf");
    let Ok(bytes) = std::fs::read(&path) else {
        panic!("无法读取 {path}")
    };
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        if let Err(e) = pdf_to_lines(&path, &bytes) {
            panic!("{e}");
        }
        best = best.min(t.elapsed());
    }
    println!("pdf_to_lines: {best:?}");
}
