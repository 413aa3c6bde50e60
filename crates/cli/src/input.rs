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

/// Settles machine-read cells the identities choose between candidate
/// readings ([`juesuan_audit::reading::choose`], built-in rules; the choice
/// is recorded on the cell). Nothing happens to a report without OCR.
pub fn settle(report: &mut Report) {
    // The rulebook is only fetched (a copy of the parsed one) for a scan.
    if !juesuan_audit::reading::has_ocr(report) {
        return;
    }
    if let Ok(book) = juesuan_audit::Rulebook::builtin() {
        juesuan_audit::reading::choose(report, &book);
    }
}

/// Whether a rule checks the parts `render` drafts (情况说明: N…,
/// narrative.…, text.…; 名词解释: glossary.…): a fill-in workbook has none
/// of its own, so what the audit says of them is no one's error.
pub fn about_drafted_parts(rule: &str) -> bool {
    rule.starts_with("narrative.")
        || rule.starts_with("text.")
        || rule.starts_with("glossary.")
        || (rule.starts_with('N')
            && rule[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.'))
}

/// Whether `path` is a fill-in workbook made by `juesuan template` (it has
/// the template's 情况说明 sheet).
pub fn is_template(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let name = path.display().to_string();
    juesuan_read::sheet::template::has_texts_sheet(&name, &bytes)
}
