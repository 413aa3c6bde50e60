/*!
Readers: turn a published 部门决算 report into a [`juesuan_model::Report`].

Front ends turn bytes into numbered [`source::SourceLine`]s (tab-separated
text is split directly; paged formats place words into column slots); the
[`assemble`] stage recognises the document's parts (tables by title and
header, performance tables, narrative, glossary) and builds the model
through a layout profile. Readers only build the model; they never audit.

```
let text = "公开 09 表\n财政拨款“三公”经费支出决算表\n单位：万元\n";
let err = juesuan_read::read_text("x.txt", text).unwrap_err();
assert!(err.message.contains("未找到"));
```
*/
#![deny(missing_docs)]

pub mod assemble;
mod decode;
pub mod error;
pub mod html;
pub mod limits;
pub mod ocr;
pub mod pdf;
pub mod sheet;
pub mod source;

pub use error::{Error, ErrorKind};
pub use limits::MAX_FILE_BYTES;

use juesuan_model::{Origin, Report};
use source::SourceLine;
use std::path::Path;

/// Reads PDF-extracted text into a report: tab-separated table rows, or
/// columns separated by spaces as other converters print them (pdfplumber,
/// `pdftotext -layout`). CRLF and CR line ends and form feeds (page
/// breaks, which some converters put mid-line) end a line; a BOM is skipped.
pub fn read_text(file: &str, text: &str) -> Result<Report, Error> {
    limits::check_text(file, text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalised;
    let text = if text.contains('\r') {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        text
    };
    if !text.contains('\u{c}') {
        let mut report = assemble::assemble(file, &SourceLine::lines_of(text))?;
        report.lines = text.lines().map(str::to_string).collect();
        return Ok(report);
    }
    // Form feeds separate pages, often in the middle of a line: the pieces
    // are read as lines of their own, then positions go back to the file.
    let (lines, origins) = SourceLine::lines_of_pages(text);
    let mut report = assemble::assemble(file, &lines)?;
    report.map_source_lines(|n| {
        let (line, shift) = (n as usize)
            .checked_sub(1)
            .and_then(|i| origins.get(i))
            .copied()
            .unwrap_or((n, 0));
        Origin {
            page: None,
            line,
            shift,
        }
    });
    // A form feed shows as a space (same width in bytes: offsets hold).
    report.lines = text.lines().map(|l| l.replace('\u{c}', " ")).collect();
    Ok(report)
}

/// Reads an input given as bytes, choosing the front end by content
/// (PDF, spreadsheet, HTML page, or PDF-extracted text), never by file name.
pub fn read_bytes(file: &str, bytes: &[u8]) -> Result<Report, Error> {
    limits::check_size(file, bytes.len())?;
    if bytes.starts_with(b"%PDF") {
        return read_lines(file, pdf::pdf_to_lines(file, bytes)?);
    }
    if sheet::is_workbook(bytes) {
        return read_lines(file, sheet::workbook_to_lines(file, bytes)?);
    }
    let (text, encoding) = decode::decode(file, bytes)?;
    let mut report = if html::is_html(&text) {
        read_lines(file, html::html_to_lines(file, &text)?)?
    } else {
        read_text(file, &text)?
    };
    if let Some(name) = encoding {
        report.notes.push(juesuan_model::ReadNote {
            line: 0,
            message: format!("文件不是 UTF-8 编码，已按 {name} 编码读取"),
        });
    }
    Ok(report)
}

/// Assembles the lines a front end produced, keeping their text for quoting.
/// Public so that a caller holding lines (a test that alters a PDF's text,
/// a new front end) gets the same report as the readers give.
///
/// Lines on pages are numbered within their page; assembly numbers them
/// in one sequence, so that a paragraph or a figure on page 21 is not
/// taken for one on page 14, and every position is mapped back to page
/// and line afterwards.
pub fn read_lines(file: &str, mut lines: Vec<SourceLine>) -> Result<Report, Error> {
    if !lines.iter().any(|l| l.page.is_some()) {
        let mut report = assemble::assemble(file, &lines)?;
        report.lines = lines.into_iter().map(|l| l.text).collect();
        return Ok(report);
    }
    let keys: Vec<(Option<u32>, u32)> = lines.iter().map(|l| (l.page, l.number)).collect();
    for (i, l) in lines.iter_mut().enumerate() {
        l.number = i as u32 + 1;
        l.cells.iter_mut().for_each(|c| c.span.line = i as u32 + 1);
    }
    let mut report = assemble::assemble(file, &lines)?;
    report.map_source_lines(|n| {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| keys.get(i))
            .map_or(Origin::default(), |&(page, line)| Origin {
                page,
                line,
                shift: 0,
            })
    });
    report.line_keys = keys;
    report.lines = lines.into_iter().map(|l| l.text).collect();
    Ok(report)
}

/// Reads a file from disk.
pub fn read_path(path: &Path) -> Result<Report, Error> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::new(ErrorKind::Io, &name, None, format!("无法打开文件：{e}")))?;
    limits::check_size(&name, meta.len() as usize)?;
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(ErrorKind::Io, &name, None, format!("无法读取文件：{e}")))?;
    read_bytes(&name, &bytes)
}
