//! Reading one input file into the model, with the CLI's error reporting.

use juesuan_model::Report;
use std::path::Path;

/// Reads `path`; on failure prints the reason naming the file to stderr and returns `None`.
pub fn load(path: &Path) -> Option<Report> {
    match juesuan_read::read_path(path) {
        Ok(report) => Some(report),
        Err(e) => {
            eprintln!("错误：{e}");
            None
        }
    }
}
