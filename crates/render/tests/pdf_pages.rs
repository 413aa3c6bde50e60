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
    // The fonts are embedded (TrueType, not Type 3).
    let fonts = std::process::Command::new("pdffonts").arg(&file).output();
    if let Ok(o) = fonts {
        let list = String::from_utf8_lossy(&o.stdout);
        println!("{list}");
        assert!(!list.contains("Type 3"), "Type 3 fonts: {list}");
    }
}
