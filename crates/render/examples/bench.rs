//! Prints the time to render the Jilin sample as HTML (and PDF with `--pdf`).
//! `cargo run --release -p juesuan-render --example bench [-- --pdf]`

use juesuan_render::{build, texts_for, Inputs, Texts};
use std::time::Instant;

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/jilin-hrss-2024-final-accounts.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("样本文件不存在：{path}");
        return;
    };
    let Ok(report) = juesuan_read::read_text("jilin.txt", &text) else {
        eprintln!("样本无法读取");
        return;
    };
    let texts = texts_for(&report, Texts::default());
    let runs = 50;
    let start = Instant::now();
    let mut len = 0;
    for _ in 0..runs {
        let doc = build(&Inputs {
            report: &report,
            prior: None,
            texts: &texts,
        });
        len = juesuan_render::html::render(&doc).len();
    }
    let per = start.elapsed() / runs;
    println!("HTML（构建 + 渲染）：{per:?} / 次，{len} 字节");
    if std::env::args().any(|a| a == "--pdf") {
        let doc = build(&Inputs {
            report: &report,
            prior: None,
            texts: &texts,
        });
        let html = juesuan_render::html::render(&doc);
        let start = Instant::now();
        match juesuan_render::pdf::render(&html, &Default::default()) {
            Ok(pdf) => {
                println!("PDF：{:?}，{} 字节", start.elapsed(), pdf.len());
                let _ = std::fs::write("/tmp/juesuan-sample.pdf", pdf);
            }
            Err(e) => println!("PDF：{e}"),
        }
    }
}
