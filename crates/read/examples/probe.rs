//! Prints what the reader makes of a file: profile, tables with their
//! columns and filled-cell counts, reader notes:
//! `cargo run -p juesuan-read --example probe -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: probe FILE");
        std::process::exit(2);
    };
    let report = match juesuan_read::read_path(std::path::Path::new(&path)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!(
        "profile {} · department {} · year {:?} · absent {:?}",
        report.profile, report.meta.department, report.meta.year, report.absent_tables
    );
    for t in report.tables.values() {
        let keys: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("C{}={}", c.number, c.key))
            .collect();
        println!(
            "{} {} rows={} filled={} [{}]",
            t.id,
            t.title,
            t.rows.len(),
            t.filled_cells().count(),
            keys.join(" ")
        );
    }
    for n in &report.notes {
        println!("note line {}: {}", n.line, n.message);
    }
    println!(
        "performance {} · paragraphs {} · figures {} · glossary {}",
        report.performance.len(),
        report.narrative.len(),
        report.figures.len(),
        report.glossary.len()
    );
}
