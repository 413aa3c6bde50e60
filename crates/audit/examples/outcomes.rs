//! Prints every rule's outcome on a report: `cargo run -p juesuan-audit --example outcomes -- FILE`.

use juesuan_audit::{audit, Rulebook};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let report = match juesuan_read::read_path(std::path::Path::new(&path)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Ok(book) = Rulebook::builtin() else {
        std::process::exit(2);
    };
    let a = audit(&report, &book);
    for o in &a.outcomes {
        println!(
            "{:<22} {:?} {} {}",
            o.rule,
            o.status,
            o.instances,
            o.reason.as_deref().unwrap_or("")
        );
    }
}
