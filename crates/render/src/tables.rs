//! The tables as grids in the official layout: what every family shares
//! (title, number label, 单位, 部门, notes, the shell of a table the report
//! lacks) around the family's own drawing of header and rows
//! ([`crate::layouts`]).

use crate::document::{Grid, GridKind};
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

/// The grid of table `id`: from the model when present, else an empty shell
/// with its note; laid out by the report's family ([`crate::layouts`]).
pub fn grid(report: &Report, id: TableId) -> Grid {
    let layout = crate::layouts::of(report);
    let table = match report.table(id) {
        Some(t) => t.clone(),
        None => shell(report, id, layout.prints_column_numbers(id)),
    };
    let department = table
        .department
        .clone()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| report.meta.department.clone());
    let mut g = layout.grid(report, &table);
    g.title = crate::layouts::title(report, id);
    g.number_label = crate::layouts::number_label(report, id);
    g.unit_line = Some(format!("单位：{}", table.unit.label()));
    g.department_line = Some(format!("部门：{department}"));
    g.notes = table.notes.iter().map(|(_, n)| n.clone()).collect();
    if g.notes.is_empty() && !standard_note(id).is_empty() {
        g.notes.push(standard_note(id).to_string());
    }
    if table.is_empty_of_values() && table.empty_note().is_none() {
        if let Some(n) = empty_note(id) {
            g.notes.push(n.to_string());
        }
    }
    g
}

/// An empty table with the family's columns and a blank 合计 row.
pub(crate) fn shell(report: &Report, id: TableId, column_numbers: bool) -> Table {
    let mut t = Table::new(id, id.title(), Default::default());
    t.has_column_numbers = column_numbers;
    let keys = report
        .profile
        .profile()
        .table(id)
        .map(|s| s.layout)
        .filter(|l| !l.is_empty())
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
            doubt: None,
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

/// A grid with nothing in it yet.
pub fn empty_grid(kind: GridKind) -> Grid {
    Grid {
        kind,
        title: String::new(),
        number_label: String::new(),
        unit_line: None,
        department_line: None,
        width: 0,
        header: Vec::new(),
        column_numbers: None,
        body: Vec::new(),
        notes: Vec::new(),
        frozen_columns: 0,
    }
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
