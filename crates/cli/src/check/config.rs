//! `juesuan.toml`: a project's audit settings, found upward from the
//! first path checked (or given with `--config`), as linters find theirs.
//!
//! ```toml
//! select = ["T", "N"]                # only these rules (ids or prefixes)
//! ignore = ["narrative.wording"]     # never these
//! fail_on = "warning"                # the least severity that fails the run
//! rules = ["本单位.rules"]            # extra rulebooks, relative to this file
//!
//! [severity]                         # re-grade or turn off rules by id
//! "performance.paragraphs" = "warning"
//! "N.completion" = "off"
//! ```

use juesuan_audit::{Rulebook, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file's name.
pub const FILE_NAME: &str = "juesuan.toml";

/// The settings of one configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Only these rules (ids or id prefixes).
    #[serde(default)]
    pub select: Vec<String>,
    /// Never these rules.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// `error` or `warning`.
    pub fail_on: Option<String>,
    /// Extra rulebooks, relative to the configuration file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule id → `off`, `error`, `warning` or `info`.
    #[serde(default)]
    pub severity: BTreeMap<String, String>,
    /// Where the file was found (set after reading).
    #[serde(skip)]
    pub dir: PathBuf,
}

impl Config {
    /// The configuration given, or the nearest `juesuan.toml` above the
    /// first path; none found is the empty configuration.
    pub fn load(given: Option<&Path>, first: Option<&Path>) -> Result<Config, String> {
        let path = match given {
            Some(p) => Some(p.to_path_buf()),
            None => first.and_then(find_upward),
        };
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
        let mut config: Config =
            toml::from_str(&text).map_err(|e| format!("{}: 配置文件有误：{e}", path.display()))?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    /// Adds the configured rulebooks to `book` and applies the severities.
    pub fn apply(&self, book: &mut Rulebook) -> Result<(), String> {
        for r in &self.rules {
            book.add_file(&self.dir.join(r))
                .map_err(|e| e.to_string())?;
        }
        for (id, level) in &self.severity {
            let severity = match level.as_str() {
                "off" => None,
                other => Some(Severity::parse(other).ok_or_else(|| {
                    format!("配置文件中规则 {id} 的级别“{other}”无效（应为 off、error、warning 或 info）")
                })?),
            };
            book.set(id, severity)
                .map_err(|e| format!("配置文件：{e}"))?;
        }
        Ok(())
    }
}

/// The nearest `juesuan.toml` in `start` (a folder) or its ancestors.
fn find_upward(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let first = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    first
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}
