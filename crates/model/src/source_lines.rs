//! Mapping a report's source positions back to the document.
//!
//! Assembly sees one sequence of lines numbered 1, 2, 3 … and records
//! positions in that numbering. The document's own positions differ: a
//! text converter joins pages with a form feed, often in the middle of a
//! line ("…决算\u{c}目录"), so one file line is read as two; a PDF's lines
//! are numbered within their page. Users and the export contract expect
//! the document's positions (file line and byte, or page and line on the
//! page), so every position is mapped back once, here, when the report is
//! whole — narrative, figures and notes included, not only table cells.

use crate::report::Report;
use crate::span::Span;

/// Where a line of the assembled sequence stands in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Origin {
    /// 1-based page, for paged documents.
    pub page: Option<u32>,
    /// 1-based line (within the page for paged documents).
    pub line: u32,
    /// Byte offset at which the assembled line starts within that line.
    pub shift: u32,
}

impl Report {
    /// Maps every source position of the report: `origin(n)` is where the
    /// assembled line `n` stands in the document. Spans get the page too;
    /// paragraphs record the page of their first line.
    pub fn map_source_lines(&mut self, origin: impl Fn(u32) -> Origin) {
        let line = |n: u32| origin(n).line;
        let span = |s: &mut Span| {
            let o = origin(s.line);
            s.page = o.page;
            s.line = o.line;
            s.start += o.shift;
            s.end += o.shift;
        };
        for t in self.tables.values_mut() {
            span(&mut t.span);
            for n in &mut t.notes {
                n.0 = line(n.0);
            }
            for r in &mut t.rows {
                span(&mut r.span);
                r.cells.iter_mut().for_each(|c| span(&mut c.span));
            }
            t.unread.iter_mut().for_each(span);
        }
        for p in &mut self.performance {
            p.page = origin(p.lines.0).page;
            p.lines = (line(p.lines.0), line(p.lines.1));
            p.score_line = line(p.score_line);
            for f in &mut p.funds {
                f.line = line(f.line);
                f.spans.iter_mut().for_each(span);
            }
            p.indicators.iter_mut().for_each(|i| i.line = line(i.line));
        }
        for p in &mut self.narrative {
            p.page = origin(p.line).page;
            p.line = line(p.line);
            p.lines.iter_mut().for_each(|l| l.1 = line(l.1));
        }
        self.figures.iter_mut().for_each(|f| span(&mut f.span));
        self.glossary.iter_mut().for_each(|g| g.line = line(g.line));
        self.notes.iter_mut().for_each(|n| n.line = line(n.line));
    }
}
