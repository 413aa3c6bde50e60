//! Errors of the renderers.

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The workbook writer failed.
    Workbook,
    /// Chromium is not installed.
    BrowserMissing,
    /// Chromium failed or timed out.
    Browser,
    /// A file could not be written or read.
    Io,
}

/// A rendering error with a Chinese message for users.
#[derive(Debug, Clone)]
pub struct Error {
    /// The kind.
    pub kind: ErrorKind,
    /// The message (Chinese).
    pub message: String,
}

impl Error {
    /// A new error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
