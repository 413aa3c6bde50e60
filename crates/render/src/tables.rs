//! The nine statutory tables as grids in the official layout (titles,
//! 公开NN表, 单位, 部门, merged headers, 栏次, rows, notes).

use crate::document::{header_from_paths, BodyCell, Grid, GridKind, HeadCell};
use crate::numbers::table_amount;
use juesuan_model::{Report, Row, RowKind, Side, Table, TableId};

/// The official note of an empty fund table.
pub fn empty_note(id: TableId) -> Option<&'static str> {
    match id {
        TableId::T07 => {
            Some("说明：本单位没有政府性基金预算财政拨款收入、支出及结转和结余，故本表无数据。")
        }
        TableId::T08 => {
            Some("说明：本单位没有国有资本经营预算财政拨款收入、支出及结转和结余，故本表无数据。")
        }
        TableId::T09 => Some("说明：本单位没有使用财政拨款安排“三公”经费，故本表无数据。"),
        _ => None,
    }
}

/// The standard "注：本表反映…" line of each table.
fn standard_note(id: TableId) -> &'static str {
    match id {
        TableId::T01 => "注：本表反映部门本年度的总收支和年末结转结余情况。",
        TableId::T02 => "注：本表反映部门本年度取得的各项收入情况。",
        TableId::T03 => "注：本表反映部门本年度各项支出情况。",
        TableId::T04 => "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
        TableId::T05 => "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
        TableId::T06 => "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
        TableId::T07 => "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
        TableId::T08 => "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
        TableId::T09 => "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中：预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
        TableId::T10 => "注：本表反映本年度财政拨款支出情况。",
        TableId::T11 => "注：本表反映本年度财政拨款支出明细情况。",
        TableId::T12 => "注：本表反映本年度一般公共预算财政拨款支出明细情况。",
        TableId::T13 => "注：本表反映本年度一般公共预算财政拨款项目支出情况。",
        TableId::T14 => "注：本表反映本年度国有资本经营预算财政拨款支出情况。",
        TableId::Other(_) => "",
    }
}

/// The grid of table `id`: from the model when present, else an empty shell with its note.
pub fn grid(report: &Report, id: TableId) -> Grid {
    let shanghai = crate::shanghai::is_shanghai(report);
    let table = match report.table(id) {
        Some(t) => t.clone(),
        None => shell(id, shanghai),
    };
    let department = table
        .department
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| report.meta.department.clone());
    let mut g = match id {
        _ if shanghai => crate::shanghai::grid(report, &table),
        TableId::T01 | TableId::T04 => two_sided(&table),
        TableId::T06 => detail(&table),
        _ => code_table(&table, report),
    };
    g.title = crate::shanghai::title(report, id);
    g.number_label = if !table.number_label.is_empty() {
        table.number_label.clone()
    } else if shanghai {
        // The Shanghai layout prints no 公开NN表 numbers.
        String::new()
    } else {
        format!("公开{:02}表", id.number())
    };
    g.unit_line = Some(format!("单位：{}", table.unit.label()));
    g.department_line = Some(format!("部门：{department}"));
    g.notes = table.notes.iter().map(|(_, n)| n.clone()).collect();
    if g.notes.is_empty() {
        g.notes.push(standard_note(id).to_string());
    }
    if table.is_empty_of_values() && table.empty_note().is_none() {
        if let Some(n) = empty_note(id) {
            g.notes.push(n.to_string());
        }
    }
    g
}

/// An empty table with the profile's columns and a blank 合计 row.
fn shell(id: TableId, shanghai: bool) -> Table {
    let mut t = Table::new(id, id.title(), Default::default());
    t.has_column_numbers = id != TableId::T06 && !shanghai;
    let family = if shanghai {
        juesuan_model::Family::Shanghai
    } else {
        juesuan_model::Family::Central
    };
    let keys = family
        .profile()
        .table(id)
        .map(|s| s.layout)
        .unwrap_or_else(|| juesuan_model::canonical::column_keys(id));
    for (i, key) in keys.iter().enumerate() {
        let side = match (id, i) {
            (TableId::T01 | TableId::T04, 0) => Some(Side::Income),
            (TableId::T01 | TableId::T04, _) => Some(Side::Expense),
            _ => None,
        };
        t.columns.push(juesuan_model::Column {
            number: i as u32 + 1,
            name: key.to_string(),
            key: key.to_string(),
            side,
            of_which: juesuan_model::canonical::of_which(id, key).map(str::to_string),
        });
    }
    if !matches!(
        id,
        TableId::T01 | TableId::T04 | TableId::T06 | TableId::T09
    ) {
        t.rows.push(Row {
            key: "合计".into(),
            name: "合计".into(),
            label: "合计".into(),
            kind: RowKind::Total,
            code: None,
            line_no: None,
            side: None,
            of_which: None,
            span: Default::default(),
            cells: t
                .columns
                .iter()
                .map(|c| juesuan_model::Cell {
                    column: c.number,
                    value: None,
                    raw: String::new(),
                    span: Default::default(),
                    doubt: None,
                })
                .collect(),
        });
    }
    t
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

fn empty_grid(kind: GridKind) -> Grid {
    crate::shanghai::empty_grid(kind)
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

/// The full printed name of a 科目: a name cut short in one table (a PDF
/// column too narrow) is completed from another table printing the same code.
pub fn full_name(report: &Report, code: &str, name: &str) -> String {
    let mut best = name.to_string();
    for t in report.tables.values() {
        if let Some(r) = t.row_by_code(code) {
            if r.name.len() > best.len() && r.name.starts_with(best.as_str()) {
                best = r.name.clone();
            }
        }
    }
    best
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
