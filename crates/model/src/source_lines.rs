//! Mapping a report's source positions back to the file.
//!
//! A reader may cut one line of a file in two before assembly: text
//! converters join the pages with a form feed, often in the middle of a
//! line ("…决算\u{c}目录"), and the two halves belong to different pages.
//! Assembly numbers the pieces; users and the export contract expect the
//! file's own line numbers and byte offsets, so every position is mapped
//! back once, here, when the report is whole.

use crate::report::Report;
use crate::span::Span;

impl Report {
    /// Maps every source position of the report: `origin(n)` is, for the
    /// reader's line `n`, the file's line and the byte offset at which the
    /// reader's line starts within it. Positions on pages (PDF, OCR) are
    /// left as they are.
    pub fn map_source_lines(&mut self, origin: impl Fn(u32) -> (u32, u32)) {
        let line = |n: u32| origin(n).0;
        let span = |s: &mut Span| {
            if s.page.is_none() {
                let (l, shift) = origin(s.line);
                s.line = l;
                s.start += shift;
                s.end += shift;
            }
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
        }
        for p in &mut self.performance {
            p.lines = (line(p.lines.0), line(p.lines.1));
            p.score_line = line(p.score_line);
            for f in &mut p.funds {
                f.line = line(f.line);
                f.spans.iter_mut().for_each(span);
            }
            p.indicators.iter_mut().for_each(|i| i.line = line(i.line));
        }
        for p in &mut self.narrative {
            p.line = line(p.line);
            p.lines.iter_mut().for_each(|l| l.1 = line(l.1));
        }
        self.figures.iter_mut().for_each(|f| span(&mut f.span));
        self.glossary.iter_mut().for_each(|g| g.line = line(g.line));
        self.notes.iter_mut().for_each(|n| n.line = line(n.line));
    }
}
