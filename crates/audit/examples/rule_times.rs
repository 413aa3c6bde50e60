//! Which rules and checks cost the most on the sample (for profiling):
//! `cargo run --release -p juesuan-audit --example rule_times`.

use juesuan_audit::{checks, eval, Rulebook};
use std::time::Instant;

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn main() {
    let (Ok(report), Ok(book)) = (
        juesuan_read::read_text("sample.txt", SAMPLE),
        Rulebook::builtin(),
    ) else {
        eprintln!("sample or rulebook unreadable");
        std::process::exit(2);
    };
    let n = 50;
    let mut times: Vec<(f64, String)> = Vec::new();
    let t = Instant::now();
    for _ in 0..n {
        let _ = eval::narrative::NarrIndex::new(&report);
    }
    times.push((
        t.elapsed().as_secs_f64() * 1e3 / f64::from(n),
        "(narrative index)".into(),
    ));
    let index = std::rc::Rc::new(eval::narrative::NarrIndex::new(&report));
    for rule in &book.rules {
        let t = Instant::now();
        for _ in 0..n {
            let _ = eval::narrative::NarrIndex::scoped(&report, index.clone(), || {
                eval::run_rule_indexed(&report, &index, rule)
            });
        }
        times.push((
            t.elapsed().as_secs_f64() * 1e3 / f64::from(n),
            rule.id.clone(),
        ));
    }
    for check in checks::CHECKS {
        let t = Instant::now();
        for _ in 0..n {
            let _ = (check.run)(&report, check);
        }
        times.push((
            t.elapsed().as_secs_f64() * 1e3 / f64::from(n),
            check.id.to_string(),
        ));
    }
    times.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total: f64 = times.iter().map(|t| t.0).sum();
    println!("total {total:.3} ms");
    for (ms, id) in times.iter().take(20) {
        println!("{ms:8.3} ms  {id}");
    }
}
