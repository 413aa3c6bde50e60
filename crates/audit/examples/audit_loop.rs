//! Runs only the audit of the sample in a loop (for profilers):
//! `cargo run --release -p juesuan-audit --example audit_loop -- N`.

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let (Ok(report), Ok(book)) = (
        juesuan_read::read_text("sample.txt", SAMPLE),
        juesuan_audit::Rulebook::builtin(),
    ) else {
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        k += juesuan_audit::audit(&report, &book).findings.len();
    }
    println!(
        "audit {:.3} ms ({k})",
        t.elapsed().as_secs_f64() * 1e3 / f64::from(n)
    );
}
