//! Database URLs: `sqlite:PATH`, `sqlite://PATH` or a plain path.

use crate::error::{Error, ErrorKind, Result};
use std::path::PathBuf;

/// Where the library lives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DbUrl {
    /// An SQLite database file.
    Sqlite(PathBuf),
}

/// The database used when none is given: `juesuan.db` in the current directory.
pub const DEFAULT_DB: &str = "juesuan.db";

impl DbUrl {
    /// Parses `sqlite:PATH`, `sqlite://PATH` or a plain path. PostgreSQL
    /// URLs are recognised and refused with a clear message until that
    /// backend is built.
    pub fn parse(s: &str) -> Result<DbUrl> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::new(ErrorKind::Url, "数据库地址为空"));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Err(Error::new(
                ErrorKind::Url,
                format!("暂不支持 PostgreSQL 数据库（{s}），请使用 SQLite 文件路径"),
            ));
        }
        let path = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
            .unwrap_or(s);
        if path.is_empty() {
            return Err(Error::new(
                ErrorKind::Url,
                format!("数据库地址缺少文件路径：{s}"),
            ));
        }
        Ok(DbUrl::Sqlite(PathBuf::from(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            DbUrl::parse("sqlite:a/b.db").ok(),
            Some(DbUrl::Sqlite("a/b.db".into()))
        );
        assert_eq!(
            DbUrl::parse("sqlite:///tmp/x.db").ok(),
            Some(DbUrl::Sqlite("/tmp/x.db".into()))
        );
        assert_eq!(
            DbUrl::parse("lib.db").ok(),
            Some(DbUrl::Sqlite("lib.db".into()))
        );
        assert!(DbUrl::parse("postgres://u@h/db").is_err());
        assert!(DbUrl::parse("sqlite:").is_err());
        assert!(DbUrl::parse("").is_err());
    }
}
