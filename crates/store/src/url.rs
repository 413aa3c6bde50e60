//! Database URLs: `sqlite:PATH`, `sqlite://PATH` or a plain path for
//! SQLite; `postgres://…` or `postgresql://…` (libpq's URL form, e.g.
//! `postgres://user:password@127.0.0.1:5432/juesuan`) for PostgreSQL.

use crate::error::{Error, ErrorKind, Result};
use std::path::PathBuf;

/// Where the library lives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DbUrl {
    /// An SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL database: the URL as given.
    Postgres(String),
}

/// The database used when none is given: `juesuan.db` in the current directory.
pub const DEFAULT_DB: &str = "juesuan.db";

impl DbUrl {
    /// Parses `sqlite:PATH`, `sqlite://PATH`, a plain path, or a
    /// `postgres://` / `postgresql://` URL (checked when connecting).
    pub fn parse(s: &str) -> Result<DbUrl> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Error::new(ErrorKind::Url, "数据库地址为空"));
        }
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return Ok(DbUrl::Postgres(s.to_string()));
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

/// `url` fit to print: the password of a `postgres://user:password@host`
/// URL replaced by `***`; other URLs unchanged.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
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
        assert_eq!(
            DbUrl::parse(" postgres://u@h/db ").ok(),
            Some(DbUrl::Postgres("postgres://u@h/db".into()))
        );
        assert_eq!(
            DbUrl::parse("postgresql://h/db").ok(),
            Some(DbUrl::Postgres("postgresql://h/db".into()))
        );
        assert!(DbUrl::parse("sqlite:").is_err());
        assert!(DbUrl::parse("").is_err());
    }

    #[test]
    fn passwords_are_not_printed() {
        assert_eq!(
            redacted("postgres://juesuan:s3cret@127.0.0.1:5432/lib?sslmode=disable"),
            "postgres://juesuan:***@127.0.0.1:5432/lib?sslmode=disable"
        );
        assert_eq!(redacted("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redacted("sqlite:lib.db"), "sqlite:lib.db");
    }
}
