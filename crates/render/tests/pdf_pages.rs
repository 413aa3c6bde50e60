//! Renders the sample's PDF with Chromium and converts pages to PNG
//! (`pdftoppm -r 50 -png`) for looking at. Skips with a message when
//! Chromium or pdftoppm is absent.

mod common;

use juesuan_render::{build, texts_for, Inputs, Texts};

#[test]
fn sample_pdf_pages() {
    if juesuan_render::pdf::find_browser().is_none() {
        println!("跳过：未安装 chromium");
        return;
    }
    let source = common::sample();
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let html = juesuan_render::html::render(&doc);
    let pdf = juesuan_render::pdf::render(&html, &Default::default()).expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let dir = std::env::temp_dir().join("juesuan-render-pages");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("sample.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "50", "-png"])
        .arg(&file)
        .arg(dir.join("page"))
        .status();
    match status {
        Ok(s) if s.success() => {
            let pages = std::fs::read_dir(&dir)
                .map(|d| {
                    d.filter(|e| {
                        e.as_ref()
                            .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
                    })
                    .count()
                })
                .unwrap_or(0);
            println!("{pages} 页图像在 {}", dir.display());
            assert!(pages > 20);
        }
        _ => println!("跳过图像：未安装 pdftoppm"),
    }
    // The CJK font is embedded as a CID TrueType subset, never as Type 3
    // glyphs, and the file holds a subset, not the whole font collection.
    let fonts = std::process::Command::new("pdffonts").arg(&file).output();
    if let Ok(o) = fonts {
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
            assert!(n >= 6 && f[n - 5] == "yes" && f[n - 4] == "yes", "{l}");
        }
    }
    println!("PDF {} 字节", pdf.len());
    assert!(pdf.len() < 2_000_000, "PDF of {} bytes", pdf.len());
    if let Ok(o) = std::process::Command::new("pdfinfo").arg(&file).output() {
        let info = String::from_utf8_lossy(&o.stdout);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0);
        println!("{pages} 页");
        // Several 绩效自评表 share a page: the sample prints in fewer than 50 pages.
        assert!((20..50).contains(&pages), "{pages} pages");
    }
}

/// The Shanghai-profile report as a PDF, pages as images for looking at.
#[test]
fn shanghai_pdf_pages() {
    if juesuan_render::pdf::find_browser().is_none() {
        println!("跳过：未安装 chromium");
        return;
    }
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    let Ok(source) = juesuan_read::read_path(&path) else {
        println!("跳过：无法读取上海样本（未安装 pdftotext？）");
        return;
    };
    let texts = texts_for(&source, Texts::default());
    let doc = build(&Inputs {
        report: &source,
        prior: None,
        texts: &texts,
    });
    let html = juesuan_render::html::render(&doc);
    let pdf = juesuan_render::pdf::render(&html, &Default::default()).expect("pdf");
    let dir = std::env::temp_dir().join("juesuan-render-pages-shanghai");
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("shanghai.pdf");
    std::fs::write(&file, &pdf).expect("write pdf");
    let _ = std::process::Command::new("pdftoppm")
        .args(["-r", "50", "-png"])
        .arg(&file)
        .arg(dir.join("page"))
        .status();
    println!("页图像在 {}", dir.display());
    // The PDF's text layer reads back as a Shanghai-profile report.
    let back = juesuan_read::read_path(&file).expect("rendered PDF reads");
    assert_eq!(back.profile, "shanghai");
    assert_eq!(
        back.table(juesuan_model::TableId::T05)
            .and_then(|t| t.row("合计"))
            .and_then(|r| r.value(1))
            .map(|v| v.to_string())
            .as_deref(),
        Some("2940.05")
    );
}
