//! `juesuan import PATH... [--db URL]` (being built for issue #7).

use std::path::PathBuf;

/// Imports files and folders into the library; exit 2 while the store is not built.
pub fn run(_paths: &[PathBuf], _db: Option<&str>) -> u8 {
    eprintln!("错误：import 尚未实现");
    2
}
