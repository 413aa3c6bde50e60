//! Limits against hostile input: each breach is an error for that file only.

use crate::error::{Error, ErrorKind};

/// Largest input file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Largest text accepted after decoding (bytes).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Longest single line accepted (bytes); longer lines are not report text.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;

pub(crate) fn check_size(file: &str, len: usize) -> Result<(), Error> {
    if len > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!("文件过大（{len} 字节，上限 {MAX_FILE_BYTES} 字节）"),
        ));
    }
    Ok(())
}

pub(crate) fn check_text(file: &str, text: &str) -> Result<(), Error> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!(
                "文本过大（{} 字节，上限 {MAX_TEXT_BYTES} 字节）",
                text.len()
            ),
        ));
    }
    if let Some((i, _)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE_BYTES)
    {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            Some(i as u32 + 1),
            format!("行过长（超过 {MAX_LINE_BYTES} 字节），不是报告文本"),
        ));
    }
    Ok(())
}
