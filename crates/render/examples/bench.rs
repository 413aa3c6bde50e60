//! Prints the time to render the Jilin sample as HTML (and PDF with `--pdf`).
//! `cargo run --release -p juesuan-render --example bench [-- --pdf]`; the PDF
//! is timed 5 times, next to an empty page (the cold start of Chromium).

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
        // The cost of a cold browser alone: an empty page, same switches.
        let empty = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>空白页</p></body></html>";
        let runs = 5;
        let time = |page: &str| -> Option<(Vec<std::time::Duration>, Vec<u8>)> {
            let mut times = Vec::new();
            let mut last = Vec::new();
            for _ in 0..runs {
                let start = Instant::now();
                match juesuan_render::pdf::render(page, &Default::default()) {
                    Ok(pdf) => last = pdf,
                    Err(e) => {
                        println!("PDF：{e}");
                        return None;
                    }
                }
                times.push(start.elapsed());
            }
            times.sort();
            Some((times, last))
        };
        let Some((base, _)) = time(empty) else { return };
        let Some((times, pdf)) = time(&html) else {
            return;
        };
        println!(
            "PDF（空白页，冷启动 Chromium）：最短 {:?}，中位 {:?}",
            base[0],
            base[runs / 2]
        );
        println!(
            "PDF（样本）：最短 {:?}，中位 {:?}，{} 字节",
            times[0],
            times[runs / 2],
            pdf.len()
        );
        let _ = std::fs::write("/tmp/juesuan-sample.pdf", pdf);
        let _ = std::fs::write("/tmp/juesuan-sample.html", &html);
    }
}
