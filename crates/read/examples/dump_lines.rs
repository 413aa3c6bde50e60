//! Prints the source lines a front end produces (⇥ for cell boundaries):
//! `cargo run -p juesuan-read --example dump_lines -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump_lines FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match juesuan_read::pdf::pdf_to_lines(&path, &bytes) {
        Ok(lines) => print!("{}", juesuan_read::pdf::debug_text(&lines)),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
