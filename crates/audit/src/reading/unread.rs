//! A sum over the rows of a table in which the reader left amounts it could
//! not read as rows: the row the sum lacks may be one of them (OCR read a
//! code `30211` as `302 1`, a line's cells could not be told apart), so the
//! failing sum is a reading question, not the department's error.

use super::line_of_span;
use crate::finding::{Finding, ReadingDoubt, ReadingShape};
use juesuan_model::{CellAddr, Report, TableId};
use std::collections::{BTreeMap, BTreeSet};

/// The doubt of a finding that adds up two or more rows of a table with
/// unread amounts, or that reads a row missing from such a table (taken
/// as blank or zero).
/// A comparison of single cells (a total against the narrative or another
/// table) does not rest on the rows left unread and keeps its severity.
pub(super) fn by_unread_row(report: &Report, f: &Finding) -> Option<ReadingDoubt> {
    let mut rows: BTreeMap<TableId, BTreeSet<&str>> = BTreeMap::new();
    let mut missing: Vec<TableId> = Vec::new();
    let addrs: Vec<CellAddr> = f
        .cells
        .iter()
        .map(|c| c.addr.as_str())
        .chain(f.primary.as_deref())
        .filter_map(CellAddr::parse)
        .collect();
    for a in &addrs {
        if report.cell(a).is_some() {
            rows.entry(a.table).or_default().insert(a.row.as_str());
        } else {
            missing.push(a.table);
        }
    }
    let table = rows
        .iter()
        .filter(|(_, r)| r.len() >= 2)
        .map(|(t, _)| *t)
        .chain(missing)
        .filter_map(|t| report.table(t))
        .find(|t| !t.unread.is_empty())?;
    let mut lines = Vec::new();
    for span in &table.unread {
        let l = line_of_span(span);
        if !lines.contains(&l) {
            lines.push(l);
        }
    }
    Some(ReadingDoubt {
        shape: ReadingShape::UnreadRow,
        cell: None,
        read: None,
        candidate: None,
        confidence: table.unread.iter().filter_map(|s| s.confidence).min(),
        why: format!(
            "{}（{}）有 {} 个金额未能读成表格行，本表可能缺行，本式因此可能不成立，请核对原件",
            table.id,
            table.id.title(),
            table.unread.len()
        ),
        lines,
    })
}
