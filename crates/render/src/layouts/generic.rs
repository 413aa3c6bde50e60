//! Tables of a family without a layout of its own (高等学校, the 13-table
//! 单位决算, a table no family knows), drawn from the model alone: the
//! header from each column's printed name (group headers joined by `/`),
//! 栏次 when the document printed them, then the rows as read — two halves
//! side by side for a 收入/支出 table, 科目代码 and 科目名称 where rows carry
//! codes, the row name otherwise.

use crate::document::{header_from_paths, BodyCell, Grid, GridKind};
use crate::numbers::table_amount;
use crate::tables::{empty_grid, full_name};
use juesuan_model::{Column, Report, Row, RowKind, Side, Table};

/// The grid of `table` drawn from the model alone.
pub fn grid(report: &Report, table: &Table) -> Grid {
    if table.rows.iter().any(|r| r.side.is_some()) {
        two_sided(table)
    } else {
        rows_table(report, table)
    }
}

/// A column's header path: its printed name split at group boundaries,
/// or its key when no name was kept.
fn path(c: &Column) -> Vec<String> {
    let text = if c.name.is_empty() { &c.key } else { &c.name };
    if text.is_empty() {
        return vec![format!("第{}栏", c.number)];
    }
    text.split('/').map(str::to_string).collect()
}

fn amounts(r: &Row, columns: &[&Column], out: &mut Vec<BodyCell>) {
    for c in columns {
        out.push(BodyCell::amount(r.value(c.number), table_amount));
    }
}

/// 科目 rows (code and name), named rows, or a single unnamed data row.
fn rows_table(report: &Report, table: &Table) -> Grid {
    let coded = table.rows.iter().any(|r| r.code.is_some());
    let named = table.rows.iter().any(|r| !r.name.is_empty());
    let mut paths: Vec<Vec<String>> = match (coded, named) {
        (true, _) => vec![vec!["科目代码".into()], vec!["科目名称".into()]],
        (false, true) => vec![vec!["项目".into()]],
        (false, false) => Vec::new(),
    };
    let labels = paths.len();
    let columns: Vec<&Column> = table.columns.iter().collect();
    paths.extend(columns.iter().map(|c| path(c)));
    let mut g = empty_grid(GridKind::Statutory(table.id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    g.frozen_columns = labels;
    if table.has_column_numbers {
        let mut numbers = vec![String::new(); labels];
        if let Some(first) = numbers.first_mut() {
            *first = "栏次".into();
        }
        numbers.extend(columns.iter().map(|c| c.number.to_string()));
        g.column_numbers = Some(numbers);
    }
    for r in &table.rows {
        let mut cells = Vec::new();
        match (&r.code, labels) {
            (Some(code), 2) if r.kind == RowKind::Code => {
                cells.push(BodyCell::text(code.clone()));
                cells.push(BodyCell::text(full_name(report, code, &r.name)));
            }
            (_, 0) => {}
            (_, n) => cells.push(BodyCell::label(r.name.clone()).span(n)),
        }
        amounts(r, &columns, &mut cells);
        g.body.push(cells);
    }
    g
}

/// 收入 and 支出 halves side by side, row by row as read, with 行次 when
/// the document printed them.
fn two_sided(table: &Table) -> Grid {
    let numbered = table.rows.iter().any(|r| r.line_no.is_some());
    let side = |s: Side| -> (Vec<&Column>, Vec<&Row>) {
        (
            table.columns.iter().filter(|c| c.side == Some(s)).collect(),
            table.rows.iter().filter(|r| r.side == Some(s)).collect(),
        )
    };
    let halves = [side(Side::Income), side(Side::Expense)];
    let mut paths: Vec<Vec<String>> = Vec::new();
    for ((columns, _), name) in halves.iter().zip(["收入", "支出"]) {
        paths.push(vec![name.into(), "项目".into()]);
        if numbered {
            paths.push(vec![name.into(), "行次".into()]);
        }
        for c in columns {
            let mut p = vec![name.to_string()];
            p.extend(path(c));
            paths.push(p);
        }
    }
    let mut g = empty_grid(GridKind::Statutory(table.id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    let n = halves.iter().map(|h| h.1.len()).max().unwrap_or(0);
    for i in 0..n {
        let mut cells = Vec::new();
        for (columns, rows) in &halves {
            match rows.get(i) {
                Some(r) => {
                    cells.push(BodyCell::text(r.name.clone()));
                    if numbered {
                        cells.push(BodyCell::label(
                            r.line_no.map(|n| n.to_string()).unwrap_or_default(),
                        ));
                    }
                    amounts(r, columns, &mut cells);
                }
                None => {
                    cells.push(BodyCell::blank());
                    if numbered {
                        cells.push(BodyCell::blank());
                    }
                    for _ in columns {
                        cells.push(BodyCell::amount(None, table_amount));
                    }
                }
            }
        }
        g.body.push(cells);
    }
    g
}
