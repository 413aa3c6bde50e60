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

/// Builds the comparison of `reports` (already in column order) from their cells.
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
    // Address → index in `rows`; rows keep the first-seen (table, row_pos) order.
    let mut index: HashMap<(String, String, u32), usize> = HashMap::new();
    let mut rows: Vec<(u32, ComparedCell, usize)> = Vec::new();
    for c in cells {
        let Some(&col) = column_of.get(c.report_id.as_str()) else {
            continue;
        };
        let key = (c.table.clone(), c.row.clone(), c.column);
        let i = match index.get(&key) {
            Some(&i) => i,
            None => {
                rows.push((
                    c.row_pos,
                    ComparedCell {
                        addr: format!("{}[{},C{}]", c.table, c.row, c.column),
                        table: c.table.clone(),
                        row: c.row.clone(),
                        column: c.column,
                        name: c.name.clone(),
                        values: vec![None; n],
                        changes: vec![None; n],
                        changed: false,
                    },
                    col,
                ));
                index.insert(key, rows.len() - 1);
                rows.len() - 1
            }
        };
        let entry = &mut rows[i];
        entry.1.values[col] = Some(c.value);
        if col >= entry.2 {
            entry.1.name = c.name;
            entry.2 = col;
        }
    }
    let mut rows: Vec<(u32, ComparedCell)> = rows.into_iter().map(|(p, c, _)| (p, c)).collect();
    rows.sort_by(|a, b| {
        (a.1.table.as_str(), a.0, a.1.column).cmp(&(b.1.table.as_str(), b.0, b.1.column))
    });
    let rows = rows
        .into_iter()
        .map(|(_, mut cell)| {
            for k in 1..n {
                let (prev, cur) = (&cell.values[k - 1], &cell.values[k]);
                match (prev.as_deref().map(dec), cur.as_deref().map(dec)) {
                    (Some(Some(a)), Some(Some(b))) => {
                        cell.changes[k] = Some((b - a).to_string());
                        if a != b {
                            cell.changed = true;
                        }
                    }
                    (None, None) => {}
                    _ => cell.changed = true,
                }
            }
            cell
        })
        .collect();
    Comparison {
        dept_key: dept_key.to_string(),
        department: department.to_string(),
        reports,
        rows,
    }
}

fn dec(s: &str) -> Option<Decimal> {
    Decimal::from_str(s).ok()
}
