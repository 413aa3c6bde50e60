//! Prints the time to render the Jilin sample as HTML (and PDF with `--pdf`).
//! `cargo run --release -p juesuan-render --example bench [-- --pdf]`; the
//! native PDF engine is timed 20 times, Chromium 3 times next to an empty
//! page (the cold start of the browser).

use juesuan_render::pdf::{Engine, Options};
use juesuan_render::{build, texts_for, Inputs, Texts};
use std::time::{Duration, Instant};

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
    if !std::env::args().any(|a| a == "--pdf") {
        return;
    }
    let doc = build(&Inputs {
        report: &report,
        prior: None,
        texts: &texts,
    });
    // Min and median of `runs` calls of `f`, and the last result.
    let time = |runs: usize,
                f: &dyn Fn() -> Result<Vec<u8>, juesuan_render::Error>|
     -> Option<(Duration, Duration, Vec<u8>)> {
        let mut times = Vec::new();
        let mut last = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            match f() {
                Ok(pdf) => last = pdf,
                Err(e) => {
                    println!("PDF：{e}");
                    return None;
                }
            }
            times.push(start.elapsed());
        }
        times.sort();
        Some((times[0], times[runs / 2], last))
    };
    let native = Options::default();
    if let Some((min, median, pdf)) = time(20, &|| juesuan_render::pdf::render(&doc, &native)) {
        println!(
            "PDF（原生引擎，样本）：最短 {min:?}，中位 {median:?}，{} 字节",
            pdf.len()
        );
        let _ = std::fs::write("/tmp/juesuan-sample.pdf", pdf);
    }
    if juesuan_render::pdf::find_browser().is_none() {
        println!("PDF（Chromium）：未安装 chromium，跳过");
        return;
    }
    let chromium = Options {
        engine: Engine::Chromium,
        ..Options::default()
    };
    // The cost of a cold browser alone: an empty page, same switches.
    let empty = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><p>空白页</p></body></html>";
    if let Some((min, median, _)) = time(3, &|| {
        juesuan_render::pdf::chromium::render_html(empty, &chromium)
    }) {
        println!("PDF（Chromium，空白页，冷启动）：最短 {min:?}，中位 {median:?}");
    }
    if let Some((min, median, pdf)) = time(3, &|| juesuan_render::pdf::render(&doc, &chromium)) {
        println!(
            "PDF（Chromium，样本）：最短 {min:?}，中位 {median:?}，{} 字节",
            pdf.len()
        );
        let _ = std::fs::write("/tmp/juesuan-sample-chromium.pdf", pdf);
    }
    let _ = std::fs::write(
        "/tmp/juesuan-sample.html",
        juesuan_render::html::render(&doc),
    );
}
