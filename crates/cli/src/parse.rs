//! `juesuan parse FILE --format json`.

use crate::input;
use std::io::Write;
use std::path::Path;

/// Prints the model as JSON; exit 2 when the file cannot be read.
pub fn run(path: &Path) -> u8 {
    let Some(mut report) = input::load(path) else {
        return 2;
    };
    input::settle(&mut report);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (e.g. `| head`) is not an error of ours.
            let _ = writeln!(out, "{json}");
            0
        }
        Err(e) => {
            eprintln!("错误：{}: 无法输出 JSON：{e}", path.display());
            2
        }
    }
}
