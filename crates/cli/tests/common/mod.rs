//! Shared by the tests that render the sample.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_juesuan"))
}

/// A scratch directory removed at the end of the test.
pub struct Scratch(pub PathBuf);

impl Scratch {
    /// `juesuan-cli-{tag}-{pid}` under the temporary directory.
    pub fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("juesuan-cli-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The bundled sample as published.
pub fn published_sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/jilin-hrss-2024-final-accounts.txt")
}

/// The sample as its preparer renders it once the one error `render` cannot
/// draft away is corrected: 自评表 38 gives its 33 万元 cost 维修维护费用 as
/// `=33元` (line 1189; `performance.indicator_unit`). Written once per test
/// binary under the sample's own file name.
pub fn corrected_sample() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let text =
            std::fs::read_to_string(published_sample()).unwrap_or_else(|e| panic!("sample: {e}"));
        assert!(text.contains("=33元\t33元"));
        let text = text.replacen("=33元\t33元", "=33万元\t33万元", 1);
        let dir = std::env::temp_dir().join(format!("juesuan-corrected-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.join("jilin-hrss-2024-final-accounts.txt");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    })
    .clone()
}
