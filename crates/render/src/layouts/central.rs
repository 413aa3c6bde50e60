//! The central (and provincial) layout of 公开01–09表: 栏次 printed under
//! the header (T06 excepted), 行次 beside the items of T01/T04, 科目代码
//! and 科目名称 as two columns, T06 in three side-by-side column groups.

use crate::document::{header_from_paths, BodyCell, Grid, GridKind, HeadCell};
use crate::numbers::table_amount;
use crate::tables::{empty_grid, full_name};
use juesuan_model::{Report, Row, RowKind, Side, Table, TableId};

/// The grid of `table` in the central layout.
pub fn grid(report: &Report, table: &Table) -> Grid {
    match table.id {
        TableId::T01 | TableId::T04 => two_sided(table),
        TableId::T06 => detail(table),
        _ => code_table(table, report),
    }
}

/// Whether the central template prints a 栏次 row under the table's header.
pub fn prints_column_numbers(id: TableId) -> bool {
    id != TableId::T06
}

/// The header path of a value column, from its canonical key.
fn column_path(id: TableId, key: &str, name: &str) -> Vec<String> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match (id, key) {
        (TableId::T05, "基本支出") => v(&["基本支出", "小计"]),
        (TableId::T05, "人员经费") => v(&["基本支出", "人员经费"]),
        (TableId::T05, "公用经费") => v(&["基本支出", "公用经费"]),
        (TableId::T07, "本年支出") => v(&["本年支出", "小计"]),
        (TableId::T07, "基本支出") => v(&["本年支出", "基本支出"]),
        (TableId::T07, "项目支出") => v(&["本年支出", "项目支出"]),
        (TableId::T09, k) => match k.split_once('/') {
            Some((g, "公务用车购置及运行维护费")) => {
                v(&[g, "公务用车购置及运行维护费", "小计"])
            }
            Some((g, leaf @ ("公务用车购置费" | "公务用车运行维护费"))) => {
                v(&[g, "公务用车购置及运行维护费", leaf])
            }
            Some((g, leaf)) => v(&[g, leaf]),
            None => v(&[k]),
        },
        (_, "") => name.split('/').map(str::to_string).collect(),
        (_, k) => v(&[k]),
    }
}

fn column_numbers(table: &Table, label_slots: usize, label_text: bool) -> Option<Vec<String>> {
    if !table.has_column_numbers {
        return None;
    }
    let mut v: Vec<String> = vec![String::new(); label_slots];
    if label_text && label_slots > 0 {
        v[0] = "栏次".into();
    }
    v.extend(table.columns.iter().map(|c| c.number.to_string()));
    Some(v)
}

/// 科目 tables (T02, T03, T05, T07, T08) and T09.
fn code_table(table: &Table, report: &Report) -> Grid {
    let id = table.id;
    let labels = if id == TableId::T09 { 0 } else { 2 };
    let mut paths: Vec<Vec<String>> = Vec::new();
    if labels == 2 {
        paths.push(vec!["科目代码".into()]);
        paths.push(vec!["科目名称".into()]);
    }
    for c in &table.columns {
        paths.push(column_path(id, &c.key, &c.name));
    }
    let mut g = empty_grid(GridKind::Statutory(id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    g.column_numbers = column_numbers(table, labels, true);
    g.frozen_columns = labels;
    for r in &table.rows {
        let mut cells = Vec::new();
        if labels == 2 {
            match &r.code {
                Some(code) if r.kind == RowKind::Code => {
                    cells.push(BodyCell::text(code.clone()));
                    cells.push(BodyCell::text(full_name(report, code, &r.name)));
                }
                _ => cells.push(BodyCell::label(r.name.clone()).span(2)),
            }
        }
        for c in &table.columns {
            cells.push(BodyCell::amount(r.value(c.number), table_amount));
        }
        g.body.push(cells);
    }
    g
}

/// T01 and T04: income and expense halves side by side with 行次.
fn two_sided(table: &Table) -> Grid {
    let id = table.id;
    let s = |x: &str| x.to_string();
    let value_label = |key: &str| match key {
        "收入决算数" | "支出决算数" => s("决算数"),
        "支出合计" => s("合计"),
        k => s(k),
    };
    let income_cols: Vec<_> = table
        .columns
        .iter()
        .filter(|c| c.side == Some(Side::Income))
        .collect();
    let expense_cols: Vec<_> = table
        .columns
        .iter()
        .filter(|c| c.side == Some(Side::Expense))
        .collect();
    let mut paths: Vec<Vec<String>> = vec![vec![s("收入"), s("项目")], vec![s("收入"), s("行次")]];
    for c in &income_cols {
        paths.push(vec![s("收入"), value_label(&c.key)]);
    }
    paths.push(vec![s("支出"), s("项目")]);
    paths.push(vec![s("支出"), s("行次")]);
    for c in &expense_cols {
        paths.push(vec![s("支出"), value_label(&c.key)]);
    }
    let mut g = empty_grid(GridKind::Statutory(id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    g.frozen_columns = 0;
    if table.has_column_numbers {
        let mut v = vec![s("栏次"), String::new()];
        v.extend(income_cols.iter().map(|c| c.number.to_string()));
        v.push(s("栏次"));
        v.push(String::new());
        v.extend(expense_cols.iter().map(|c| c.number.to_string()));
        g.column_numbers = Some(v);
    }
    let left: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.side == Some(Side::Income))
        .collect();
    let right: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.side == Some(Side::Expense))
        .collect();
    let half = |r: Option<&&Row>, cols: &[&juesuan_model::Column], out: &mut Vec<BodyCell>| match r
    {
        Some(r) => {
            out.push(BodyCell::text(r.name.clone()));
            out.push(BodyCell::label(
                r.line_no.map(|n| n.to_string()).unwrap_or_default(),
            ));
            for c in cols {
                out.push(BodyCell::amount(r.value(c.number), table_amount));
            }
        }
        None => {
            out.push(BodyCell::blank());
            out.push(BodyCell::blank());
            for _ in cols {
                out.push(BodyCell::amount(None, table_amount));
            }
        }
    };
    for i in 0..left.len().max(right.len()) {
        let mut cells = Vec::new();
        half(left.get(i), &income_cols, &mut cells);
        half(right.get(i), &expense_cols, &mut cells);
        g.body.push(cells);
    }
    g
}

/// Which printed column group a T06 row goes to: 人员经费 classes (301, 303)
/// left, 商品和服务支出 (302) middle, the rest right.
fn detail_group(code: &str) -> usize {
    match code.get(..3) {
        Some("301") | Some("303") => 0,
        Some("302") => 1,
        _ => 2,
    }
}

/// T06: three side-by-side (代码, 名称, 决算数) groups and the footer totals.
fn detail(table: &Table) -> Grid {
    let id = table.id;
    let mut g = empty_grid(GridKind::Statutory(id));
    g.width = 9;
    g.header = vec![(0..9)
        .map(|i| {
            Some(HeadCell {
                text: ["科目代码", "科目名称", "决算数"][i % 3].to_string(),
                colspan: 1,
                rowspan: 1,
            })
        })
        .collect()];
    g.frozen_columns = 0;
    let mut groups: [Vec<&Row>; 3] = Default::default();
    let mut totals: Vec<&Row> = Vec::new();
    for r in &table.rows {
        match (&r.code, &r.kind) {
            (Some(code), RowKind::Code) => groups[detail_group(code)].push(r),
            _ => totals.push(r),
        }
    }
    let n = groups.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..n {
        let mut cells = Vec::new();
        for group in &groups {
            match group.get(i) {
                Some(r) => {
                    cells.push(BodyCell::text(r.code.clone().unwrap_or_default()));
                    cells.push(BodyCell::text(r.name.clone()));
                    cells.push(BodyCell::amount(r.value(1), table_amount));
                }
                None => {
                    cells.extend([BodyCell::blank(), BodyCell::blank()]);
                    cells.push(BodyCell::amount(None, table_amount));
                }
            }
        }
        g.body.push(cells);
    }
    for pair in totals.chunks(2) {
        let mut cells = Vec::new();
        for r in pair {
            cells.push(BodyCell::label(r.name.clone()).span(2));
            cells.push(BodyCell::amount(r.value(1), table_amount));
        }
        while cells.len() < 6 {
            cells.extend([
                BodyCell::blank().span(2),
                BodyCell::amount(None, table_amount),
            ]);
        }
        g.body.push(cells);
    }
    g
}
