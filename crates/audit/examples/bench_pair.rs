//! Times the cross-year audit (`audit_pair`) and the score of the Jilin
//! sample against its generated 2023 (`juesuan_testkit::years`), N times:
//! what the library adds to an import when last year is stored.
//!
//! `cargo run --release -p juesuan-audit --example bench_pair [-- N]`

use juesuan_audit::cross_year::audit_pair;
use juesuan_audit::score::{score, Method};
use juesuan_audit::{audit, Rulebook};
use juesuan_testkit::years::{jilin_2023, JILIN_2024};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let read = |name: &str, text: &str| match juesuan_read::read_text(name, text) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let current = read("jilin-2024.txt", JILIN_2024);
    let prior = read("jilin-2023.txt", &jilin_2023(false));
    let book = match Rulebook::builtin() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let findings = audit(&current, &book).findings;
    let mut pair = Vec::with_capacity(n as usize);
    let mut scored = Vec::with_capacity(n as usize);
    let mut found = 0;
    for _ in 0..n {
        let t = Instant::now();
        found = audit_pair(&current, &prior).len();
        pair.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let s = score(Method::builtin(), &current, &findings, false);
        std::hint::black_box(s);
        scored.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "audit_pair: {found} findings, median {:.3} ms; score: median {:.3} ms ({n} runs)",
        median(&mut pair),
        median(&mut scored)
    );
}
