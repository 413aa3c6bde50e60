//! The text form the reader understands: prose lines separated by blank
//! lines, tables as tab-separated rows with blank slots for merged cells.

use crate::document::{Block, Document, Grid};
use std::fmt::Write;

/// Renders the document as text.
pub fn render(doc: &Document) -> String {
    let mut s = String::with_capacity(256 * 1024);
    for b in &doc.blocks {
        match b {
            Block::Cover {
                year_line,
                title,
                date,
            } => {
                let _ = write!(s, "\n\n{year_line}\n\n{title}\n\n");
                if let Some(d) = date {
                    let _ = write!(s, "{d}\n\n");
                }
            }
            Block::Toc(entries) => {
                s.push_str("目 录\n\n");
                for (level, t) in entries {
                    if *level == 1 {
                        let _ = write!(s, "{t}\n\n");
                    } else {
                        let _ = writeln!(s, "- {t}");
                    }
                }
                s.push('\n');
            }
            Block::Heading { text, .. } => {
                let _ = write!(s, "{text}\n\n");
            }
            Block::Paragraph(t) => {
                let _ = write!(s, "{}\n\n", crate::document::clean(t));
            }
            Block::ListItem(t) => {
                let _ = writeln!(s, "- {t}");
            }
            Block::Table(g) => table(&mut s, g),
            Block::Chart(_) => {}
            Block::PageBreak => {
                if !s.ends_with("\n\n") {
                    s.push('\n');
                }
            }
        }
    }
    s
}

fn table(s: &mut String, g: &Grid) {
    let _ = write!(s, "{}\n\n", g.title);
    if !g.number_label.is_empty() {
        let _ = writeln!(s, "{}", g.number_label);
    }
    if let Some(u) = &g.unit_line {
        let _ = writeln!(s, "{u}");
    }
    if let Some(d) = &g.department_line {
        let _ = write!(s, "\n{d}\n");
    }
    s.push('\n');
    for r in 0..g.header.len() {
        let _ = writeln!(s, "{}", g.header_slots(r).join("\t"));
    }
    if let Some(n) = &g.column_numbers {
        let _ = writeln!(s, "{}", n.join("\t"));
    }
    for row in &g.body {
        let _ = writeln!(s, "{}", Grid::body_slots(row).join("\t"));
    }
    s.push('\n');
    for n in &g.notes {
        let _ = writeln!(s, "{n}");
    }
    s.push('\n');
}
