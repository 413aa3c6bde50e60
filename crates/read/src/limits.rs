//! Limits against hostile input: each breach is an error for that file only.

use crate::error::{Error, ErrorKind};

/// Largest input file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Largest text accepted after decoding (bytes).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Longest single line accepted (bytes); longer lines are not report text.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Most lines accepted in one text: a 200-page report has some 10,000.
/// Every line costs a few hundred bytes once read, whatever it holds, so
/// the count (not only the bytes) bounds the memory of a file of newlines.
pub const MAX_LINES: usize = 200_000;
/// Most tab-separated cells accepted in one text (the 2024 Jilin report
/// has some 3,000); each costs about a hundred bytes once read.
pub const MAX_CELLS: usize = 500_000;

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
    let too_large = |line: usize, m: String| {
        Err(Error::new(
            ErrorKind::TooLarge,
            file,
            Some(line as u32 + 1),
            m,
        ))
    };
    let mut cells = 0usize;
    for (i, l) in text.lines().enumerate() {
        if i >= MAX_LINES {
            return too_large(i, format!("行数超过上限 {MAX_LINES}，不是报告文本"));
        }
        if l.len() > MAX_LINE_BYTES {
            return too_large(
                i,
                format!("行过长（超过 {MAX_LINE_BYTES} 字节），不是报告文本"),
            );
        }
        cells += l.bytes().filter(|b| *b == b'\t').count();
        if cells > MAX_CELLS {
            return too_large(
                i,
                format!("制表符分隔的单元格超过上限 {MAX_CELLS}，不是报告文本"),
            );
        }
    }
    Ok(())
}
