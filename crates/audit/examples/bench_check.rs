//! Times `check` of the Jilin sample: read + rulebook parse + audit, N times.
//!
//! `cargo run --release -p juesuan-audit --example bench_check [-- N]`

use juesuan_audit::{audit, Rulebook};

// The `juesuan` binary's allocator, so the numbers are the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let mut findings = 0;
    let mut read_ns = 0u128;
    let mut each: Vec<f64> = Vec::with_capacity(n as usize);
    let start = Instant::now();
    for _ in 0..n {
        let one = Instant::now();
        let t = Instant::now();
        let report = match juesuan_read::read_text("sample.txt", SAMPLE) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        read_ns += t.elapsed().as_nanos();
        let book = match Rulebook::builtin() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        };
        findings += audit(&report, &book).findings.len();
        each.push(one.elapsed().as_secs_f64() * 1000.0);
    }
    // The machine is shared: the median and the minimum say more than the mean.
    each.sort_by(f64::total_cmp);
    let median = each.get(each.len() / 2).copied().unwrap_or(0.0);
    let min = each.first().copied().unwrap_or(0.0);
    println!("check of the sample per run: median {median:.3} ms, min {min:.3} ms");
    let total = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    let report = juesuan_read::read_text("sample.txt", SAMPLE).ok();
    let t = Instant::now();
    for _ in 0..n {
        let _ = Rulebook::builtin();
    }
    let parse = t.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    if let (Some(report), Ok(book)) = (report, Rulebook::builtin()) {
        let t = Instant::now();
        for _ in 0..n {
            let _ = audit(&report, &book);
        }
        let audit_ms = t.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
        println!("rulebook parse {parse:.3} ms, audit {audit_ms:.3} ms");
    }
    let read = read_ns as f64 / 1e6 / f64::from(n);
    println!(
        "check of the sample: {total:.3} ms mean over {n} runs (read {read:.3} ms, rulebook parse + audit {:.3} ms); {} findings",
        total - read,
        findings / n as usize
    );
}
