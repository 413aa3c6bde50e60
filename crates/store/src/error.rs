//! Errors of the store.

use std::fmt;

/// What went wrong in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The database URL is not understood (or names a backend not built in).
    Url,
    /// The database could not be opened or queried.
    Database,
    /// The database was written by a newer juesuan (unknown schema version).
    SchemaTooNew,
    /// A stored value could not be decoded (a damaged row).
    Corrupt,
    /// A request the library refuses (a department linked with itself, an
    /// invalid scoring method).
    Invalid,
    /// A department or report the library does not hold.
    NotFound,
}

/// A store error: its kind and a message in Chinese for users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The kind.
    pub kind: ErrorKind,
    /// The message shown to users.
    pub message: String,
}

impl Error {
    /// Builds an error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::new(ErrorKind::Database, format!("数据库错误：{e}"))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::new(ErrorKind::Corrupt, format!("存储的数据无法解析：{e}"))
    }
}

/// Result with the store's error.
pub type Result<T> = std::result::Result<T, Error>;
