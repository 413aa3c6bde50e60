//! PDF front end for documents with a text layer.
//!
//! Word boxes come from poppler's `pdftotext -tsv` run as a child process
//! (it reads CJK CID fonts correctly where Rust extractors do not). [`layout`] rebuilds lines by baseline, finds the tables
//! and places every word of a table row into its printed column, so the
//! assembler receives the same [`SourceLine`]s a tab-separated conversion
//! would give, with page and line provenance.

pub mod layout;
mod performance;
pub mod scan_pages;
pub mod tsv;

use crate::error::{Error, ErrorKind};
use crate::source::SourceLine;

use crate::ocr::tool::{PdfInput, ToolError};
use std::time::{Duration, Instant};

/// Most pages read from one document; a longer file is refused.
pub const MAX_PAGES: u32 = 1000;
/// Longest time `pdftotext` may run on one document.
pub const TOOL_TIMEOUT: Duration = Duration::from_secs(60);
/// Largest TSV output accepted from `pdftotext` (bytes).
pub const MAX_TSV_BYTES: usize = 256 * 1024 * 1024;

/// Reads a PDF's text layer into numbered source lines in reading order.
///
/// Table rows come out as tabular lines with one cell per printed column;
/// everything else as prose lines. Line numbers count within each page.
pub fn pdf_to_lines(file: &str, bytes: &[u8]) -> Result<Vec<SourceLine>, Error> {
    let input = PdfInput::new(bytes);
    let tsv = run_pdftotext(file, &input)?;
    let mut pages = tsv::parse(&tsv);
    if pages.len() as u32 > MAX_PAGES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!("PDF 页数过多（超过 {MAX_PAGES} 页）"),
        ));
    }
    // Pages without words (a scan) are read by OCR into the same word boxes.
    let ocr = crate::ocr::fill_pages(file, &input, &mut pages)?;
    let mut lines = layout::layout(&pages);
    crate::ocr::attach_confidence(&mut lines, &ocr);
    Ok(lines)
}

/// Renders lines for a human to compare with the PDF: `页:行:text`, with
/// `⇥` marking each cell boundary.
pub fn debug_text(lines: &[SourceLine]) -> String {
    let mut out = String::new();
    for l in lines {
        let page = l.page.map(|p| p.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{page}:{}:{}\n",
            l.number,
            l.text.replace('\t', "⇥")
        ));
    }
    out
}

fn tool_error(file: &str, message: String) -> Error {
    Error::new(ErrorKind::Tool, file, None, message)
}

/// Runs `pdftotext -tsv` on the PDF, with a timeout and a page cap.
fn run_pdftotext(file: &str, pdf: &PdfInput) -> Result<String, Error> {
    // One page beyond the cap is requested so a too-long file is detected
    // without converting all of it.
    let last = (MAX_PAGES + 1).to_string();
    let deadline = Instant::now() + TOOL_TIMEOUT;
    let args = ["-enc", "UTF-8", "-l", &last, "-tsv", pdf.arg(), "-"];
    let (status, out, err) =
        crate::ocr::tool::run_raw("pdftotext", &args, pdf.stdin(), deadline, MAX_TSV_BYTES)
            .map_err(|e| match e {
                ToolError::Missing(e) => tool_error(
                    file,
                    format!("无法运行 pdftotext（请安装 poppler-utils）：{e}"),
                ),
                ToolError::Timeout => tool_error(
                    file,
                    format!(
                        "pdftotext 超时（超过 {} 秒），已终止",
                        TOOL_TIMEOUT.as_secs()
                    ),
                ),
                ToolError::Failed(e) => tool_error(file, format!("等待 pdftotext 失败：{e}")),
            })?;
    if !status.success() {
        let all = String::from_utf8_lossy(&err);
        // Poppler prints many harmless syntax warnings; the errors say why it failed.
        // The temporary file's name means nothing to the user: the file's does.
        let msg = all
            .lines()
            .rfind(|l| l.contains("Error"))
            .unwrap_or("")
            .trim()
            .replace(pdf.arg(), file);
        return Err(tool_error(
            file,
            if msg.is_empty() {
                format!("pdftotext 无法读取该 PDF（{status}）")
            } else {
                format!("pdftotext 无法读取该 PDF：{msg}")
            },
        ));
    }
    if out.len() > MAX_TSV_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!("PDF 文字层过大（超过 {MAX_TSV_BYTES} 字节）"),
        ));
    }
    String::from_utf8(out).map_err(|_| tool_error(file, "pdftotext 输出不是 UTF-8".to_string()))
}
