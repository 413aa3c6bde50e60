//! The text other converters make of a PDF: the document laid out by the
//! native PDF engine and written back as pdfplumber's `extract_text` prints
//! a page — the glyph runs grouped into lines by their top edge (within
//! 3 points, chained), each line left to right with one space wherever
//! two runs stand more than 3 points apart, so table columns are separated
//! by single spaces and a wrapped cell's lines come out as lines of their
//! own; pages joined by form feeds with no line break, so a table's title
//! follows the previous page's last line (its `注：本表反映…。`) directly.
//! Converters differ in line ends and byte order marks, so CRLF and a BOM
//! are options.
//!
//! Readers that take this text are tested against the same figures as the
//! PDF (`tests/layout_fuzz.rs`).

use crate::document::Document;
use crate::error::Error;
use crate::pdf::layout::Layout;
use crate::pdf::native::{self, page::Run};

/// pdfplumber's default `x_tolerance` and `y_tolerance`, in points.
const TOLERANCE: f32 = 3.0;

/// How the text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// Lines end in CR LF instead of LF.
    pub crlf: bool,
    /// The text starts with a byte order mark (U+FEFF).
    pub bom: bool,
    /// The pages' footers (`- 3 -`) are part of their text.
    pub footers: bool,
}

/// The document printed with `layout`, as space-separated text.
pub fn render(doc: &Document, layout: &Layout, options: &Options) -> Result<String, Error> {
    let pages = native::pages(doc, layout)?;
    let texts: Vec<String> = pages
        .iter()
        .map(|runs| page_text(runs, options.footers))
        .collect();
    let mut s = texts.join("\u{c}");
    if options.crlf {
        s = s.replace('\n', "\r\n");
    }
    if options.bom {
        s.insert(0, '\u{feff}');
    }
    Ok(s)
}

/// One page's text: runs clustered into lines by their top edge, each line
/// sorted left to right.
fn page_text(runs: &[Run], footers: bool) -> String {
    let mut runs: Vec<&Run> = runs
        .iter()
        .filter(|r| footers || !r.footer)
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    runs.sort_by(|a, b| a.top.total_cmp(&b.top));
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    let mut last_top = f32::NEG_INFINITY;
    for r in runs {
        match lines.last_mut() {
            Some(line) if r.top <= last_top + TOLERANCE => line.push(r),
            _ => lines.push(vec![r]),
        }
        last_top = r.top;
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut s = String::new();
        let mut right = f32::NEG_INFINITY;
        for r in line {
            if !s.is_empty() && r.x > right + TOLERANCE {
                s.push(' ');
            }
            s.push_str(&words(&r.text));
            right = r.x + r.width;
        }
        out.push(s);
    }
    out.join("\n")
}

/// A run's text with runs of blanks made one space, as words are joined.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, top: f32, width: f32, text: &str) -> Run {
        Run {
            x,
            top,
            width,
            text: text.into(),
            footer: false,
        }
    }

    #[test]
    fn runs_make_lines_by_top_and_columns_by_gaps() {
        let mut runs = vec![
            run(200.0, 101.0, 30.0, "1,234.56"),
            run(40.0, 100.0, 28.0, "2080101"),
            run(75.0, 100.0, 30.0, "行政  运行"),
            run(75.0, 110.0, 15.0, "支出"),
            run(91.0, 110.5, 8.0, "下"),
            run(280.0, 800.0, 20.0, "- 1 -"),
        ];
        runs[5].footer = true;
        assert_eq!(
            page_text(&runs, false),
            "2080101 行政 运行 1,234.56\n支出下"
        );
        assert!(page_text(&runs, true).ends_with("支出下\n- 1 -"));
    }
}
