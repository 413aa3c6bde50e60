//! The sample's PDF from both engines. The native one (no browser) must
//! embed one CID TrueType subset with a `ToUnicode` map, render with
//! poppler, and read back through the project's own PDF reader to the
//! source's figures with an audit free of error findings. The pages are
//! converted to PNG (`pdftoppm -r 50 -png`) for looking at. Each test skips
//! with a message when a tool or the CJK font is not installed (and fails
//! instead under `JUESUAN_REQUIRE_TOOLS=1`, see [`juesuan_testkit`]).

mod common;

use common::*;
use juesuan_model::TableId;
use juesuan_render::pdf::{Engine, Options};
use juesuan_render::{build, texts_for, Document, Inputs, Texts};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample_doc() -> (juesuan_model::Report, Document) {
    let source = sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    (source, doc)
}

/// Whether the system CJK TrueType font is installed (the native engine's only need).
fn has_font() -> bool {
    juesuan_testkit::available(
        "中文 TrueType 字体",
        juesuan_render::font::locate().is_some(),
    )
}

/// Whether Chromium is installed (the other engine).
fn has_browser() -> bool {
    juesuan_testkit::available("Chromium", juesuan_render::pdf::find_browser().is_some())
}

/// A fresh scratch directory under the system temp directory.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-render-pages-{tag}"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn page_count(file: &Path) -> usize {
    Command::new("pdfinfo")
        .arg(file)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .and_then(|p| p.trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The CJK font is one CID TrueType subset (embedded, subset, with a
/// `ToUnicode` map), never Type 3 glyphs.
fn assert_cid_truetype(file: &Path) {
    let o = Command::new("pdffonts")
        .arg(file)
        .output()
        .expect("pdffonts");
    let list = String::from_utf8_lossy(&o.stdout);
    println!("{list}");
    assert!(!list.contains("Type 3"), "Type 3 fonts: {list}");
    let cjk: Vec<&str> = list
        .lines()
        .filter(|l| l.contains("CID TrueType"))
        .collect();
    assert!(!cjk.is_empty(), "no CID TrueType font: {list}");
    for l in cjk {
        let f: Vec<&str> = l.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = f.len();
        assert!(
            n >= 6 && f[n - 5] == "yes" && f[n - 4] == "yes" && f[n - 3] == "yes",
            "{l}"
        );
    }
}

/// Renders the pages as PNG; the number of images.
fn to_png(file: &Path, dir: &Path) -> usize {
    let ok = Command::new("pdftoppm")
        .args(["-r", "50", "-png"])
        .arg(file)
        .arg(dir.join("page"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "pdftoppm failed");
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
            })
            .count()
        })
        .unwrap_or(0)
}

#[test]
fn native_pdf_of_the_sample() {
    if !has_font() {
        return;
    }
    let (_, doc) = sample_doc();
    let start = std::time::Instant::now();
    let pdf = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    println!("原生 PDF：{:?}，{} 字节", start.elapsed(), pdf.len());
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 2_000_000, "PDF of {} bytes", pdf.len());
    // Deterministic: the same document gives the same bytes.
    let again = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    assert!(pdf == again, "two runs differ");
    if !juesuan_testkit::tools(&["pdffonts", "pdfinfo", "pdftoppm"]) {
        return;
    }
    let dir = scratch("native");
    let file = dir.join("sample.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    assert_cid_truetype(&file);
    let pages = page_count(&file);
    println!("{pages} 页");
    // Several 绩效自评表 share a page: the sample prints in fewer than 50 pages.
    assert!((20..50).contains(&pages), "{pages} pages");
    let images = to_png(&file, &dir);
    println!("{images} 页图像在 {}", dir.display());
    assert_eq!(images, pages);
}

/// The strongest check: the native PDF's text layer, read by the project's
/// own PDF front end (`pdftotext -tsv`), gives every numeric cell of the
/// nine tables as in the source, and the read-back report audits without
/// an error finding.
#[test]
fn native_pdf_reads_back_to_the_source() {
    if !(has_font() & juesuan_testkit::tool("pdftotext")) {
        return;
    }
    let (source, doc) = sample_doc();
    let pdf = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    let back = juesuan_read::read_bytes("rendered.pdf", &pdf).expect("rendered PDF reads");
    for id in juesuan_model::TableId::ALL {
        assert!(back.table(id).is_some(), "{id} read back");
    }
    // Every numeric cell of the nine tables, addressed by 行次/科目代码 and
    // column: the two-sided T01/T04 too (their 栏次 row leaves 行次 blank).
    assert_same(&cells(&source), &cells(&back), "table cells");
    assert!(cells(&back)
        .keys()
        .any(|k| k.0 == TableId::T01 && k.1 == "R1"));
    let book = juesuan_audit::Rulebook::builtin().expect("rulebook");
    let errors: Vec<String> = juesuan_audit::audit(&back, &book)
        .findings
        .iter()
        .filter(|f| f.severity == juesuan_audit::Severity::Error)
        // The sample's own unit error (自评表 38: `=33元` for 33 万元) and the
        // draft's 【待填写：…】 glossary placeholders stay in any rendering.
        .filter(|f| f.rule != "performance.indicator_unit")
        .filter(|f| !(f.rule == "text.placeholders" && f.message.contains("待填写")))
        .map(|f| format!("{}: {}", f.rule, f.message))
        .collect();
    assert!(errors.is_empty(), "audit errors: {errors:?}");
}

/// Text extraction keeps amounts whole (33,597.66, not 33,597. 66).
#[test]
fn native_pdf_text_layer_keeps_amounts() {
    if !(has_font() & juesuan_testkit::tool("pdftotext")) {
        return;
    }
    let (_, doc) = sample_doc();
    let pdf = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    let dir = scratch("native-text");
    let file = dir.join("sample.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "33,597.66",
        "收入支出决算总表",
        "公开01表",
        "单位：万元",
        "第三部分",
    ] {
        assert!(text.contains(want), "{want} missing from the text layer");
    }
}

/// The Chromium engine still prints the same document.
#[test]
fn chromium_pdf_of_the_sample() {
    if !has_browser() {
        return;
    }
    let (_, doc) = sample_doc();
    let options = Options {
        engine: Engine::Chromium,
        ..Options::default()
    };
    let pdf = juesuan_render::pdf::render(&doc, &options).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 2_000_000, "PDF of {} bytes", pdf.len());
    if !juesuan_testkit::tools(&["pdffonts", "pdfinfo"]) {
        return;
    }
    let dir = scratch("chromium");
    let file = dir.join("sample.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    assert_cid_truetype(&file);
    let pages = page_count(&file);
    assert!((20..50).contains(&pages), "{pages} pages");
}

/// The Shanghai-profile report as a native PDF reads back as one.
#[test]
fn shanghai_pdf_pages() {
    if !(has_font() & juesuan_testkit::tools(&["pdftotext", "pdftoppm"])) {
        return;
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    let source = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let pdf = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    let dir = scratch("shanghai");
    let file = dir.join("shanghai.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    to_png(&file, &dir);
    println!("页图像在 {}", dir.display());
    // The PDF's text layer reads back as a Shanghai-profile report.
    let back = juesuan_read::read_path(&file).expect("rendered PDF reads");
    assert_eq!(back.profile.as_str(), "shanghai");
    assert_eq!(
        back.table(juesuan_model::TableId::T05)
            .and_then(|t| t.row("合计"))
            .and_then(|r| r.value(1))
            .map(|v| v.to_string())
            .as_deref(),
        Some("2940.05")
    );
}

/// A table longer than a page runs on with its header (and 栏次 row)
/// repeated at the top of every page, and every row printed once.
#[test]
fn long_table_repeats_its_header() {
    use juesuan_render::document::{header_from_paths, BodyCell, Grid, GridKind};
    use juesuan_render::Block;
    if !(has_font() & juesuan_testkit::tools(&["pdftotext", "pdfinfo"])) {
        return;
    }
    let paths: Vec<Vec<String>> = [&["科目代码"][..], &["科目名称"], &["合计"]]
        .iter()
        .map(|p| p.iter().map(|s| s.to_string()).collect())
        .collect();
    let body: Vec<Vec<BodyCell>> = (0..150)
        .map(|i| {
            vec![
                BodyCell::text(format!("2080{i:03}")),
                BodyCell::text(format!("第{i}项支出，名称较长以便在单元格内折行显示的科目")),
                BodyCell::amount(Some(rust_decimal::Decimal::new(1_234_567 + i, 2)), |d| {
                    d.to_string()
                }),
            ]
        })
        .collect();
    let grid = Grid {
        kind: GridKind::Statutory(TableId::T05),
        title: "一般公共预算财政拨款支出决算表".into(),
        number_label: "公开05表".into(),
        unit_line: Some("单位：万元".into()),
        department_line: Some("部门：测试部门".into()),
        width: 3,
        header: header_from_paths(&paths),
        column_numbers: Some(vec!["栏次".into(), String::new(), "1".into()]),
        body,
        notes: vec!["注：本表反映测试情况。".into()],
        frozen_columns: 2,
    };
    let doc = Document {
        department: "测试部门".into(),
        year: 2024,
        date: None,
        blocks: vec![Block::Table(grid)],
    };
    let pdf = juesuan_render::pdf::render(&doc, &Options::default()).expect("pdf");
    let dir = scratch("long-table");
    let file = dir.join("long.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let pages = page_count(&file);
    assert!(pages >= 3, "{pages} pages");
    for p in 1..=pages {
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-f", &p.to_string(), "-l", &p.to_string()])
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("科目名称") && text.contains("栏次"),
            "page {p} lacks the header"
        );
    }
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    for i in [0, 75, 149] {
        assert_eq!(text.matches(&format!("2080{i:03}")).count(), 1, "row {i}");
    }
    assert!(text.contains("12346.16") && text.contains("注：本表反映测试情况。"));
}
