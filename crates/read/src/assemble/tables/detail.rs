//! T06 一般公共预算财政拨款基本支出决算明细表: economic-classification rows,
//! printed in side-by-side column groups (code, name, amount) × k, plus the
//! footer totals 人员经费合计 and 公用经费合计.

use super::cells::{as_code, cell, check_numeric, row};
use super::header::{self};
use crate::source::SourceLine;
use juesuan_model::canonical::label_of;
use juesuan_model::{Column, ReadNote, Row, RowKind, Table};

const TOTALS: &[&str] = &[
    "人员经费合计",
    "公用经费合计",
    "合计",
    "人员经费",
    "公用经费",
];

/// Reads the header and rows of T06; all groups form the single column C1.
pub fn read(table: &mut Table, rows: &[&SourceLine], notes: &mut Vec<ReadNote>) {
    let header = header::read(rows, |l| {
        l.cells
            .iter()
            .any(|c| as_code(&c.text).is_some_and(|code| code.len() <= 5))
    });
    let mut groups = header.slots_of(&["科目代码", "科目编码", "经济分类科目编码"]);
    if groups.is_empty() {
        groups.push(0);
    }
    table.columns = vec![Column {
        number: 1,
        name: "决算数".to_string(),
        key: "决算数".to_string(),
        side: None,
    }];
    let mut by_group: Vec<Vec<Row>> = vec![Vec::new(); groups.len()];
    let mut totals: Vec<Row> = Vec::new();
    for line in &rows[header.rows..] {
        if header::is_column_number_row(line) {
            continue;
        }
        let mut placed = false;
        for (g, &o) in groups.iter().enumerate() {
            let code_cell = line.cells.get(o);
            let name_cell = line.cells.get(o + 1);
            let value_cell = line.cells.get(o + 2);
            let code_text = code_cell.map(|c| c.text.as_str()).unwrap_or("");
            let name_text = name_cell.map(|c| c.text.as_str()).unwrap_or("");
            if let Some(code) = as_code(code_text).filter(|c| c.len() <= 5) {
                let mut r = row(code.clone(), name_text, RowKind::Code, line, name_cell);
                r.code = Some(code);
                let c = cell(1, value_cell, line);
                check_numeric(&c, table.id.title(), notes);
                r.cells.push(c);
                by_group[g].push(r);
                placed = true;
                continue;
            }
            // Footer totals sit in the code or the name slot.
            let (label_cell, label, value_candidates) =
                if TOTALS.contains(&label_of(code_text).as_str()) {
                    (code_cell, label_of(code_text), [name_cell, value_cell])
                } else if TOTALS.contains(&label_of(name_text).as_str()) {
                    (name_cell, label_of(name_text), [value_cell, None])
                } else {
                    continue;
                };
            let label = match label.as_str() {
                "人员经费" => "人员经费合计".to_string(),
                "公用经费" => "公用经费合计".to_string(),
                _ => label,
            };
            let name = label_cell.map(|c| c.text.as_str()).unwrap_or("");
            let mut r = row(label, name, RowKind::Total, line, label_cell);
            // The amount is the next filled slot of the group.
            let value_src = value_candidates
                .into_iter()
                .flatten()
                .find(|c| !c.text.is_empty());
            let c = cell(1, value_src.or(value_cell), line);
            check_numeric(&c, table.id.title(), notes);
            r.cells.push(c);
            totals.push(r);
            placed = true;
        }
        if !placed && line.cells.iter().any(|c| !c.text.is_empty()) && !is_header_like(line) {
            notes.push(ReadNote {
                line: line.number,
                message: format!("{}：无法识别的表格行，未读取", table.id.title()),
            });
        }
    }
    table.rows = by_group.into_iter().flatten().chain(totals).collect();
}

fn is_header_like(line: &SourceLine) -> bool {
    line.cells.iter().any(|c| {
        matches!(
            label_of(&c.text).as_str(),
            "科目代码" | "科目名称" | "决算数" | "科目编码"
        )
    })
}
