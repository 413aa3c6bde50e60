//! Cell helpers shared by the non-table parsers.

use crate::source::{SourceCell, SourceLine};
use juesuan_model::Span;

/// The filled cells of a line (for prose lines: none).
pub fn filled(l: &SourceLine) -> Vec<&SourceCell> {
    l.cells.iter().filter(|c| !c.text.is_empty()).collect()
}

/// A cell's span with the line's page.
pub fn cell_span(c: &SourceCell, l: &SourceLine) -> Span {
    let mut s = c.span.clone();
    if s.page.is_none() {
        s.page = l.page;
    }
    s
}
