//! Reading one input file into the model, with the CLI's error reporting.

use juesuan_model::Report;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Reads `path`; on failure prints the reason naming the file to stderr and returns `None`.
pub fn load(path: &Path) -> Option<Report> {
    match read(path) {
        Ok(report) => Some(report),
        Err(message) => {
            eprintln!("错误：{message}");
            None
        }
    }
}

/// Reads `path`; on failure the reason, naming the file.
///
/// A panic while reading (a defect, in juesuan or a library it uses) is
/// that file's failure: the other files of the command go on.
pub fn read(path: &Path) -> Result<Report, String> {
    match catch_unwind(AssertUnwindSafe(|| juesuan_read::read_path(path))) {
        Ok(Ok(report)) => Ok(report),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!(
            "{}: 读取时发生内部错误（程序缺陷，请报告），已跳过该文件",
            path.display()
        )),
    }
}
