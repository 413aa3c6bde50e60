//! Which rules and checks cost the most on the sample (for profiling):
//! `cargo run --release -p juesuan-audit --example rule_times`.

use juesuan_audit::{audit_timed, Rulebook};
use std::time::Duration;

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn main() {
    let (Ok(report), Ok(book)) = (
        juesuan_read::read_text("sample.txt", SAMPLE),
        Rulebook::builtin(),
    ) else {
        eprintln!("sample or rulebook unreadable");
        std::process::exit(2);
    };
    let n = 50u32;
    let mut totals: Vec<(String, Duration)> = Vec::new();
    for _ in 0..n {
        let (_, times) = audit_timed(&report, &book);
        for (id, t) in times {
            match totals.iter_mut().find(|(i, _)| *i == id) {
                Some(e) => e.1 += t,
                None => totals.push((id, t)),
            }
        }
    }
    let mut times: Vec<(f64, String)> = totals
        .into_iter()
        .map(|(id, t)| (t.as_secs_f64() * 1e3 / f64::from(n), id))
        .collect();
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = times.iter().map(|t| t.0).sum();
    println!("total {total:.3} ms");
    for (ms, id) in times.iter().take(20) {
        println!("{ms:8.3} ms  {id}");
    }
}
