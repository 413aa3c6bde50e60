//! Reader errors: what could not be read, naming the file and the place.

use std::fmt;

/// What went wrong while reading one input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not valid UTF-8 text (or not a format we read).
    NotText,
    /// The input is empty or holds nothing recognisable as a 部门决算 report.
    NotAReport,
    /// A limit against hostile input was breached.
    TooLarge,
    /// A printed amount is beyond what a report can mean.
    OutOfRange,
    /// An external tool (pdftotext, tesseract) failed or is missing.
    Tool,
    /// Any other I/O failure.
    Io,
}

/// A reader error. `message` is in Chinese and names what was missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The category.
    pub kind: ErrorKind,
    /// The file as named by the caller.
    pub file: String,
    /// 1-based line (or page) where the problem was found, if any.
    pub line: Option<u32>,
    /// Human-readable explanation in Chinese.
    pub message: String,
}

impl Error {
    /// Builds an error.
    pub fn new(
        kind: ErrorKind,
        file: &str,
        line: Option<u32>,
        message: impl Into<String>,
    ) -> Error {
        Error {
            kind,
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for Error {}
