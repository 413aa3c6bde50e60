//! Times the identity choice and the audit of a model given as JSON
//! (`juesuan parse scan.pdf > model.json`): what settling a scanned
//! report's readings costs beside its audit.
//! `cargo run --release -p juesuan-audit --example choose_time -- model.json`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: choose_time MODEL.json");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let (Ok(mut report), Ok(book)) = (
        serde_json::from_str::<juesuan_model::Report>(&text),
        juesuan_audit::Rulebook::builtin(),
    ) else {
        eprintln!("{path}: not a model");
        std::process::exit(2);
    };
    let t = std::time::Instant::now();
    let choices = juesuan_audit::reading::choose(&mut report, &book);
    let chose = t.elapsed();
    let t = std::time::Instant::now();
    let audit = juesuan_audit::audit(&report, &book);
    println!(
        "choose {:.1} ms ({} chosen), audit {:.1} ms ({} findings)",
        chose.as_secs_f64() * 1e3,
        choices.len(),
        t.elapsed().as_secs_f64() * 1e3,
        audit.findings.len()
    );
}
