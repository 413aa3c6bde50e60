//! The intermediate form every front end (text, PDF, OCR, spreadsheet, HTML)
//! produces before assembly: numbered lines, each optionally split into cells.
//!
//! A table row is a line whose `cells` hold one slot per printed column, blank
//! slots included, in left-to-right order — exactly what a tab-separated
//! PDF conversion gives. Front ends that see coordinates (PDF, OCR) must
//! place words into column slots themselves; the assembler never guesses
//! columns from positions.

use juesuan_model::Span;

/// One cell slot of a source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCell {
    /// The cell's text, trimmed.
    pub text: String,
    /// Where it was read.
    pub span: Span,
}

/// One source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// 1-based line number (within the page for paged input).
    pub number: u32,
    /// 1-based page for paged input.
    pub page: Option<u32>,
    /// The whole line's text (cells joined by tabs for tabular lines).
    pub text: String,
    /// Cell slots when the line is tabular (more than one slot); empty for prose.
    pub cells: Vec<SourceCell>,
    /// Where a prose line sits in its text block, from front ends that see
    /// coordinates (PDF); `None` when unknown (plain text, spreadsheets, HTML).
    pub flow: Option<Flow>,
    /// A table row read by OCR from a page without ruling lines: which
    /// column each of its cells belongs to was judged from the words'
    /// positions alone.
    pub columns_guessed: bool,
}

/// The geometry of a prose line that tells a wrapped line from a paragraph's
/// last line: a PDF line that reaches the right margin was wrapped by the
/// typesetter even when it happens to end with 。 or ：.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flow {
    /// The line runs to the right margin of the page's text (within 1.5 characters).
    pub full: bool,
    /// The line starts right of the left margin (a first-line indent or a centred line).
    pub indented: bool,
    /// For a line read by OCR: the lowest confidence (0–100) of its words,
    /// which the narrative's figures on the line carry.
    pub confidence: Option<u8>,
}

impl SourceLine {
    /// Splits a line of tab-separated text into a source line with cell spans.
    pub fn from_tabbed(number: u32, text: &str) -> SourceLine {
        let mut cells = Vec::new();
        if text.contains('\t') {
            let mut offset = 0usize;
            for part in text.split('\t') {
                let lead = part.len() - part.trim_start().len();
                let trimmed = part.trim();
                let start = offset + lead;
                cells.push(SourceCell {
                    text: trimmed.to_string(),
                    span: Span::new(number, start as u32, (start + trimmed.len()) as u32),
                });
                offset += part.len() + 1;
            }
        }
        SourceLine {
            number,
            page: None,
            text: text.to_string(),
            cells,
            flow: None,
            columns_guessed: false,
        }
    }

    /// Numbers the lines of a text (1-based) and splits each at its tabs.
    pub fn lines_of(text: &str) -> Vec<SourceLine> {
        text.lines()
            .enumerate()
            .map(|(i, l)| SourceLine::from_tabbed(i as u32 + 1, l))
            .collect()
    }

    /// Like [`SourceLine::lines_of`] for a text whose pages are separated by
    /// form feeds, anywhere in a line: each piece between form feeds is a
    /// line of its own (empty pieces are dropped). Returns the lines,
    /// numbered 1, 2, 3 …, and for each its file line and the byte offset
    /// of its text within that line.
    pub fn lines_of_pages(text: &str) -> (Vec<SourceLine>, Vec<(u32, u32)>) {
        let mut lines = Vec::new();
        let mut origins = Vec::new();
        for (i, file_line) in text.lines().enumerate() {
            let mut offset = 0usize;
            let pieces = file_line.split('\u{c}').count();
            for piece in file_line.split('\u{c}') {
                if !piece.is_empty() || pieces == 1 {
                    lines.push(SourceLine::from_tabbed(lines.len() as u32 + 1, piece));
                    origins.push((i as u32 + 1, offset as u32));
                }
                offset += piece.len() + 1;
            }
        }
        (lines, origins)
    }

    /// True when the line is a row of cells.
    pub fn is_tabular(&self) -> bool {
        self.cells.len() > 1
    }

    /// The line's text trimmed.
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabbed_spans_point_at_cells() {
        let l = SourceLine::from_tabbed(166, "2080101\t行政运行\t4,660.32\t\t2.42");
        assert_eq!(l.cells.len(), 5);
        assert_eq!(l.cells[2].text, "4,660.32");
        let s = &l.cells[2].span;
        assert_eq!(&l.text[s.start as usize..s.end as usize], "4,660.32");
        assert_eq!(l.cells[3].text, "");
    }

    #[test]
    fn form_feeds_cut_lines_but_keep_file_positions() {
        let (lines, origins) = SourceLine::lines_of_pages("决算\u{c}目录\n\u{c}\na\tb\u{c}");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["决算", "目录", "a\tb"]);
        assert_eq!(origins, [(1, 0), (1, 7), (3, 0)]);
        assert_eq!(lines[2].number, 3);
    }
}
