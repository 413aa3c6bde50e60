//! Assembly: from source lines to the model.

use crate::error::{Error, ErrorKind};
use crate::source::SourceLine;
use juesuan_model::Report;

/// Builds the report model from source lines.
pub fn assemble(file: &str, lines: &[SourceLine]) -> Result<Report, Error> {
    let _ = lines;
    Err(Error::new(
        ErrorKind::NotAReport,
        file,
        None,
        "未找到公开01表",
    ))
}
