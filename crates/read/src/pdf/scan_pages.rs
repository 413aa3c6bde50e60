//! How many pages of a PDF reading it would OCR, found without OCR: a
//! caller with a budget of OCR work (the web server) decides before the
//! seconds per page are spent, not after.

use super::{run_pdftotext, tsv};
use crate::error::Error;
use crate::ocr::tool::PdfInput;

/// The pages (1-based) of a PDF that [`crate::read_bytes`] would read by
/// OCR: every page when none has words (a scan), else the wordless pages
/// that hold an image. Costs one `pdftotext` run (a tenth of a second for
/// 25 pages), and `pdfimages` on a text PDF with wordless pages.
pub fn ocr_pages(file: &str, bytes: &[u8]) -> Result<Vec<u32>, Error> {
    let input = PdfInput::new(bytes);
    let pages = tsv::parse(&run_pdftotext(file, &input)?);
    let blank: Vec<u32> = pages
        .iter()
        .filter(|p| p.words.is_empty())
        .map(|p| p.number)
        .collect();
    if blank.is_empty() || blank.len() == pages.len() {
        return Ok(blank);
    }
    Ok(crate::ocr::pages_with_images(&input, &blank).unwrap_or_default())
}
