//! One department across its reports: the value of every cell address per
//! report, and the change from one report to the next.

use crate::views::{ComparedCell, Comparison, ReportSummary};
use juesuan_model::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

/// One stored cell with the report it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellOfReport {
    /// Report id.
    pub report_id: String,
    /// `T01` … `T09`.
    pub table: String,
    /// Position of the row in its table.
    pub row_pos: u32,
    /// Row key.
    pub row: String,
    /// 栏次.
    pub column: u32,
    /// Exact value.
    pub value: String,
    /// Row name.
    pub name: String,
}

/// Builds the comparison of `reports` (already in column order) from their
/// cells, in any order. A cell's row name and row position are those of
/// the latest report that holds its address.
pub fn build(
    dept_key: &str,
    department: &str,
    reports: Vec<ReportSummary>,
    cells: Vec<CellOfReport>,
) -> Comparison {
    let column_of: HashMap<&str, usize> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let n = reports.len();
    // One sort brings each address's cells together, by report: no map
    // keyed by (cloned) addresses, which cost more than the query.
    let mut keyed: Vec<(usize, CellOfReport)> = cells
        .into_iter()
        .filter_map(|c| column_of.get(c.report_id.as_str()).map(|&k| (k, c)))
        .collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| {
        (a.table.as_str(), a.row.as_str(), a.column, ka).cmp(&(
            b.table.as_str(),
            b.row.as_str(),
            b.column,
            kb,
        ))
    });
    let mut rows: Vec<(u32, ComparedCell)> = Vec::new();
    let mut cells = keyed.into_iter().peekable();
    while let Some((k, first)) = cells.next() {
        let mut values = vec![None; n];
        values[k] = Some(first.value);
        let (mut row_pos, mut name) = (first.row_pos, first.name);
        while let Some((k, c)) = cells.next_if(|(_, c)| {
            c.table == first.table && c.row == first.row && c.column == first.column
        }) {
            values[k] = Some(c.value);
            (row_pos, name) = (c.row_pos, c.name);
        }
        let (changes, changed) = changes(&values);
        rows.push((
            row_pos,
            ComparedCell {
                addr: format!("{}[{},C{}]", first.table, first.row, first.column),
                table: first.table,
                row: first.row,
                column: first.column,
                name,
                values,
                changes,
                changed,
            },
        ));
    }
    rows.sort_by(|a, b| {
        (a.1.table.as_str(), a.0, a.1.column).cmp(&(b.1.table.as_str(), b.0, b.1.column))
    });
    Comparison {
        dept_key: dept_key.to_string(),
        department: department.to_string(),
        reports,
        rows: rows.into_iter().map(|(_, c)| c).collect(),
    }
}

/// The change from each report's value to the next one's, and whether any
/// two consecutive reports differ (a cell appearing or disappearing counts).
fn changes(values: &[Option<String>]) -> (Vec<Option<String>>, bool) {
    let mut out = vec![None; values.len()];
    let mut changed = false;
    for k in 1..values.len() {
        match (
            values[k - 1].as_deref().map(dec),
            values[k].as_deref().map(dec),
        ) {
            (Some(Some(a)), Some(Some(b))) => {
                out[k] = Some((b - a).to_string());
                if a != b {
                    changed = true;
                }
            }
            (None, None) => {}
            _ => changed = true,
        }
    }
    (out, changed)
}

fn dec(s: &str) -> Option<Decimal> {
    Decimal::from_str(s).ok()
}
