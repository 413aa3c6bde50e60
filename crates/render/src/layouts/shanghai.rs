//! The Shanghai layout of the nine tables (the family
//! [`juesuan_model::Family::Shanghai`], also Hubei, Guangdong, Shaanxi; the
//! order — 三公 seventh, then the two fund tables — is the profile's): 国有资本经营
//! as a 收入支出 table; no 栏次 and no 行次; 科目编码 in
//! 类|款|项 columns under 项目; T01/T04 list every 功能分类 类; T05 prints
//! 合计 last; T06 in two groups of 类|款|名称|决算数; T09 prints 预算数 and
//! 决算数 side by side under each item.

use crate::document::{header_from_paths, BodyCell, Grid, GridKind, HeadCell};
use crate::numbers::{cn_numeral, table_amount};
use crate::tables::empty_grid;
use juesuan_model::canonical::SANGONG_ITEMS;
use juesuan_model::classification::FUNCTIONAL_CLASSES;
use juesuan_model::{Column, Report, Row, RowKind, Side, Table, TableId};

/// The template's title of a table the report lacks, where it differs
/// from the canonical one (its 国资 table is a 收入支出 table).
pub fn title_of_absent(id: TableId) -> Option<&'static str> {
    match id {
        TableId::T06 => Some("一般公共预算财政拨款基本支出决算表"),
        TableId::T08 => Some("国有资本经营预算财政拨款收入支出决算表"),
        _ => None,
    }
}

/// 功能分类 类 that never carry a department's 决算 (fund-budget, reserve,
/// transfer and bond-issuance 类): the T01/T04 list leaves them out.
const NOT_LISTED: [&str; 4] = ["209", "227", "230", "233"];

fn s(x: &str) -> String {
    x.to_string()
}

/// The grid of `table` in the Shanghai layout (title, notes and meta lines
/// are filled in by the caller).
pub fn grid(report: &Report, table: &Table) -> Grid {
    match table.id {
        TableId::T01 | TableId::T04 => two_sided(table),
        TableId::T06 => detail(table),
        TableId::T09 => sangong(table),
        _ => code_table(report, table),
    }
}

/// The header path of a value column in the Shanghai layout.
fn value_path(table: &Table, c: &Column) -> Vec<String> {
    let stage = table.column("年初结转和结余").is_some();
    match (table.id, c.key.as_str()) {
        (TableId::T05, "基本支出") if table.column("人员经费").is_some() => {
            vec![s("基本支出"), s("小计")]
        }
        (TableId::T05, k @ ("人员经费" | "公用经费")) => vec![s("基本支出"), s(k)],
        (TableId::T07, "本年支出") | (TableId::T08, "合计") if stage => {
            vec![s("本年支出"), s("小计")]
        }
        (TableId::T07 | TableId::T08, k @ ("基本支出" | "项目支出")) if stage => {
            vec![s("本年支出"), s(k)]
        }
        (_, "") => vec![c.name.replace('/', "")],
        (_, k) => vec![s(k)],
    }
}

/// 科目 tables: 类|款|项 code columns and the name under 项目, no 栏次;
/// T05 prints its 合计 last.
fn code_table(report: &Report, table: &Table) -> Grid {
    let code_head = |leaf: &str| vec![s("项目"), s("支出功能分类科目编码"), s(leaf)];
    let mut paths = vec![
        code_head("类"),
        code_head("款"),
        code_head("项"),
        vec![s("项目"), s("科目名称")],
    ];
    for c in &table.columns {
        paths.push(value_path(table, c));
    }
    let mut g = empty_grid(GridKind::Statutory(table.id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    g.frozen_columns = 4;
    let mut rows: Vec<&Row> = table.rows.iter().collect();
    if table.id == TableId::T05 {
        // Stable: the code rows keep their order, the totals go last.
        rows.sort_by_key(|r| r.kind == RowKind::Total);
    }
    for r in rows {
        let mut cells = Vec::new();
        match &r.code {
            Some(code) if r.kind == RowKind::Code => {
                for part in split_code(code, &[3, 2, 2]) {
                    cells.push(BodyCell::label(part));
                }
                cells.push(BodyCell::text(crate::tables::full_name(
                    report, code, &r.name,
                )));
            }
            _ => cells.push(BodyCell::label(r.name.clone()).span(4)),
        }
        for c in &table.columns {
            cells.push(BodyCell::amount(r.value(c.number), table_amount));
        }
        g.body.push(cells);
    }
    g
}

/// A code cut into its printed levels ("2010601" → "201", "06", "01"),
/// blank past its length.
fn split_code(code: &str, widths: &[usize]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for w in widths {
        out.push(code.get(at..at + w).unwrap_or("").to_string());
        at += w;
    }
    out
}

/// One side of T01/T04: a printed row (with its name renumbered when the
/// list was completed), or a blank 类 line added to complete the list.
enum Half<'a> {
    Row(&'a Row, Option<String>),
    Blank(String),
}

/// The expense 类 rows completed to the whole list, renumbered when any
/// had to be added (the printed names carry "一、" ordinals).
fn expense_items<'a>(items: &[&'a Row]) -> Vec<Half<'a>> {
    let listed: Vec<&(&str, &str)> = FUNCTIONAL_CLASSES
        .iter()
        .filter(|(c, _)| !NOT_LISTED.contains(c))
        .collect();
    let has = |code: &str| items.iter().any(|r| r.code.as_deref() == Some(code));
    let coded = items.iter().all(|r| r.code.is_some());
    if !coded || listed.iter().all(|(c, _)| has(c)) {
        return items.iter().map(|r| Half::Row(r, None)).collect();
    }
    let mut merged: Vec<(&str, Half<'a>)> = items
        .iter()
        .filter_map(|r| Some((r.code.as_deref()?, Half::Row(r, None))))
        .collect();
    for (code, name) in listed {
        if !has(code) {
            merged.push((code, Half::Blank(s(name))));
        }
    }
    merged.sort_by(|a, b| a.0.cmp(b.0));
    merged
        .into_iter()
        .enumerate()
        .map(|(i, (code, h))| {
            let name = match &h {
                Half::Row(r, _) => juesuan_model::classification::functional_class_name(code)
                    .map_or_else(|| r.name.clone(), str::to_string),
                Half::Blank(n) => n.clone(),
            };
            let printed = format!("{}、{name}", cn_numeral(i as u32 + 1));
            match h {
                Half::Row(r, _) => Half::Row(r, Some(printed)),
                Half::Blank(_) => Half::Blank(printed),
            }
        })
        .collect()
}

/// T01 and T04: 收入 and 支出 halves side by side, 项目 and amounts only;
/// the items, the 本年 totals and the 总计 lines aligned.
fn two_sided(table: &Table) -> Grid {
    let side_cols = |side: Side| -> Vec<&Column> {
        table
            .columns
            .iter()
            .filter(|c| c.side == Some(side))
            .collect()
    };
    let (income_cols, expense_cols) = (side_cols(Side::Income), side_cols(Side::Expense));
    let label = |key: &str| match key {
        "收入决算数" | "支出决算数" => s("决算数"),
        "支出合计" => s("合计"),
        k => s(k),
    };
    let mut paths = vec![vec![s("收入"), s("项目")]];
    paths.extend(income_cols.iter().map(|c| vec![s("收入"), label(&c.key)]));
    paths.push(vec![s("支出"), s("项目")]);
    paths.extend(expense_cols.iter().map(|c| vec![s("支出"), label(&c.key)]));
    let mut g = empty_grid(GridKind::Statutory(table.id));
    g.width = paths.len();
    g.header = header_from_paths(&paths);
    let side_rows =
        |side: Side| -> Vec<&Row> { table.rows.iter().filter(|r| r.side == Some(side)).collect() };
    let (left, right) = (side_rows(Side::Income), side_rows(Side::Expense));
    let mut left = segments(&left);
    let mut right = segments(&right);
    let items: Vec<&Row> = right[0]
        .iter()
        .filter_map(|h| match h {
            Half::Row(r, _) => Some(*r),
            Half::Blank(_) => None,
        })
        .collect();
    right[0] = expense_items(&items);
    for (l, r) in left.iter_mut().zip(right.iter_mut()) {
        let n = l.len().max(r.len());
        for i in 0..n {
            let mut cells = Vec::new();
            half(l.get(i), &income_cols, &mut cells);
            half(r.get(i), &expense_cols, &mut cells);
            g.body.push(cells);
        }
    }
    g
}

/// Rows cut into items (before the first total), the middle, and the
/// closing 总计.
fn segments<'a>(rows: &[&'a Row]) -> [Vec<Half<'a>>; 3] {
    let first_total = rows
        .iter()
        .position(|r| r.kind == RowKind::Total)
        .unwrap_or(rows.len());
    let last = match rows.last() {
        Some(r) if r.kind == RowKind::Total && r.key == "总计" && rows.len() > first_total => {
            rows.len() - 1
        }
        _ => rows.len(),
    };
    let wrap = |rs: &[&'a Row]| rs.iter().map(|r| Half::Row(r, None)).collect::<Vec<_>>();
    [
        wrap(&rows[..first_total]),
        wrap(&rows[first_total..last]),
        wrap(&rows[last..]),
    ]
}

fn half(h: Option<&Half>, cols: &[&Column], out: &mut Vec<BodyCell>) {
    match h {
        Some(Half::Row(r, name)) => {
            out.push(BodyCell::text(
                name.clone().unwrap_or_else(|| r.name.clone()),
            ));
            for c in cols {
                out.push(BodyCell::amount(r.value(c.number), table_amount));
            }
        }
        Some(Half::Blank(name)) => {
            out.push(BodyCell::text(name.clone()));
            for _ in cols {
                out.push(BodyCell::amount(None, table_amount));
            }
        }
        None => {
            out.push(BodyCell::blank());
            for _ in cols {
                out.push(BodyCell::amount(None, table_amount));
            }
        }
    }
}

/// T06: 人员经费 classes (301, 303) left, the others right, each as
/// 类|款|科目名称|决算数; the two footer totals under them.
fn detail(table: &Table) -> Grid {
    let mut g = empty_grid(GridKind::Statutory(table.id));
    let group = |m: &mut Vec<Vec<Option<HeadCell>>>, at: usize| {
        let cell = |t: &str, colspan, rowspan| {
            Some(HeadCell {
                text: s(t),
                colspan,
                rowspan,
            })
        };
        m[0][at] = cell("经济分类科目编码", 2, 1);
        m[0][at + 2] = cell("科目名称", 1, 2);
        m[0][at + 3] = cell("决算数", 1, 2);
        m[1][at] = cell("类", 1, 1);
        m[1][at + 1] = cell("款", 1, 1);
    };
    let mut header = vec![vec![None; 8]; 2];
    group(&mut header, 0);
    group(&mut header, 4);
    g.width = 8;
    g.header = header;
    let mut sides: [Vec<&Row>; 2] = Default::default();
    let mut totals: Vec<&Row> = Vec::new();
    for r in &table.rows {
        match (&r.code, &r.kind) {
            (Some(code), RowKind::Code) => {
                let personnel = matches!(code.get(..3), Some("301" | "303"));
                sides[usize::from(!personnel)].push(r);
            }
            _ => totals.push(r),
        }
    }
    let n = sides.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..n {
        let mut cells = Vec::new();
        for side in &sides {
            match side.get(i) {
                Some(r) => {
                    let code = r.code.as_deref().unwrap_or("");
                    for part in split_code(code, &[3, 2]) {
                        cells.push(BodyCell::label(part));
                    }
                    cells.push(BodyCell::text(r.name.clone()));
                    cells.push(BodyCell::amount(r.value(1), table_amount));
                }
                None => {
                    cells.extend([BodyCell::blank(), BodyCell::blank(), BodyCell::blank()]);
                    cells.push(BodyCell::amount(None, table_amount));
                }
            }
        }
        g.body.push(cells);
    }
    for pair in totals.chunks(2) {
        let mut cells = Vec::new();
        for r in pair {
            cells.push(BodyCell::label(r.name.clone()).span(3));
            cells.push(BodyCell::amount(r.value(1), table_amount));
        }
        while cells.len() < 4 {
            cells.extend([
                BodyCell::blank().span(3),
                BodyCell::amount(None, table_amount),
            ]);
        }
        g.body.push(cells);
    }
    g
}

/// T09: one group header over the items, 预算数|决算数 under each item.
fn sangong(table: &Table) -> Grid {
    let mut g = empty_grid(GridKind::Statutory(table.id));
    let cell = |t: &str, colspan, rowspan| {
        Some(HeadCell {
            text: s(t),
            colspan,
            rowspan,
        })
    };
    let mut m: Vec<Vec<Option<HeadCell>>> = vec![vec![None; 12]; 4];
    m[0][0] = cell("财政拨款“三公”经费", 12, 1);
    m[1][0] = cell(SANGONG_ITEMS[0], 2, 2);
    m[1][2] = cell(SANGONG_ITEMS[1], 2, 2);
    m[1][4] = cell(SANGONG_ITEMS[2], 6, 1);
    m[2][4] = cell("小计", 2, 1);
    m[2][6] = cell(SANGONG_ITEMS[3], 2, 1);
    m[2][8] = cell(SANGONG_ITEMS[4], 2, 1);
    m[1][10] = cell(SANGONG_ITEMS[5], 2, 2);
    for (i, slot) in m[3].iter_mut().enumerate() {
        *slot = cell(if i % 2 == 0 { "预算数" } else { "决算数" }, 1, 1);
    }
    g.width = 12;
    g.header = m;
    let columns: Vec<Option<u32>> = SANGONG_ITEMS
        .iter()
        .flat_map(|item| ["预算数", "决算数"].map(|stage| format!("{stage}/{item}")))
        .map(|k| table.column(&k).map(|c| c.number))
        .collect();
    for r in &table.rows {
        g.body.push(
            columns
                .iter()
                .map(|c| BodyCell::amount(c.and_then(|c| r.value(c)), table_amount))
                .collect(),
        );
    }
    g
}
