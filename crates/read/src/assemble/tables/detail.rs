//! T06 一般公共预算财政拨款基本支出决算明细表: economic-classification rows,
//! printed in side-by-side column groups (code slots, name, amount) × k,
//! plus the footer totals 人员经费合计 and 公用经费合计.

use super::cells::{as_code, cell, check_numeric, has_amount, row, unread_row};
use super::code_table::code_of;
use super::header::{self, Header};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::canonical::label_of;
use juesuan_model::{Column, ReadNote, Row, RowKind, Table};

const TOTALS: &[&str] = &[
    "人员经费合计",
    "公用经费合计",
    "合计",
    "人员经费",
    "公用经费",
];

/// One column group: the slots of its code (a whole code, or 类 and 款
/// printed apart), its name and its amount.
struct Group {
    code: Vec<usize>,
    name: usize,
    value: usize,
}

impl Group {
    /// Every slot of the group: its code slots, its name and its amount.
    fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        self.code.iter().copied().chain([self.name, self.value])
    }
}

/// Reads the header and rows of T06; all groups form the single column C1.
pub fn read(table: &mut Table, rows: &[&SourceLine], notes: &mut Vec<ReadNote>) {
    let header = header::read(rows, |l| {
        l.cells
            .iter()
            .any(|c| as_code(&c.text).is_some_and(|code| code.len() <= 5))
            || has_amount(l)
    });
    let groups = groups(&header);
    table.columns = vec![Column {
        number: 1,
        name: "决算数".to_string(),
        key: "决算数".to_string(),
        side: None,
        of_which: None,
    }];
    let mut by_group: Vec<Vec<Row>> = (0..groups.len()).map(|_| Vec::new()).collect();
    let mut totals: Vec<Row> = Vec::new();
    // Amounts printed on the line above their total labels (vertically centred cells).
    let mut stacked: Option<&SourceLine> = None;
    for line in &rows[header.rows..] {
        if header::is_column_number_row(line) {
            continue;
        }
        let mut placed = false;
        // Groups with print that is neither a code nor a footer total.
        let mut unplaced: Vec<&Group> = Vec::new();
        for (g, grp) in groups.iter().enumerate() {
            let slot = |i: usize| line.cells.get(i);
            let code_cells: Vec<&SourceCell> = grp.code.iter().filter_map(|&i| slot(i)).collect();
            let name_cell = slot(grp.name);
            let name_text = name_cell.map_or("", |c| c.text.as_str());
            let code = code_of(&code_cells, Some(name_text)).filter(|c| c.len() <= 5);
            if let Some(code) = code {
                let mut r = row(code.clone(), name_text, RowKind::Code, line, name_cell);
                r.code = Some(code);
                let c = cell(1, slot(grp.value), line);
                check_numeric(&c, table.id.title(), notes);
                r.cells.push(c);
                by_group[g].push(r);
                placed = true;
                continue;
            }
            // Footer totals sit in a code or the name slot.
            let label_cell: Option<&SourceCell> = grp
                .code
                .iter()
                .chain(std::iter::once(&grp.name))
                .filter_map(|&i| slot(i))
                .find(|c| TOTALS.contains(&label_of(&c.text).as_str()));
            let Some(label_cell) = label_cell else {
                if grp
                    .slots()
                    .any(|i| slot(i).is_some_and(|c| !c.text.is_empty()))
                {
                    unplaced.push(grp);
                }
                continue;
            };
            let label = match label_of(&label_cell.text).as_str() {
                "人员经费" => "人员经费合计".to_string(),
                "公用经费" => "公用经费合计".to_string(),
                other => other.to_string(),
            };
            let mut r = row(
                label,
                &label_cell.text,
                RowKind::Total,
                line,
                Some(label_cell),
            );
            let own = slot(grp.value).filter(|c| !c.text.is_empty());
            let value_src = own
                .or_else(|| {
                    slot(grp.name).filter(|c| !c.text.is_empty() && !std::ptr::eq(*c, label_cell))
                })
                .or_else(|| {
                    stacked
                        .and_then(|s| s.cells.get(grp.value))
                        .filter(|c| !c.text.is_empty())
                });
            // The source cell carries its own line and page.
            let c = cell(1, value_src, line);
            check_numeric(&c, table.id.title(), notes);
            r.cells.push(c);
            totals.push(r);
            placed = true;
        }
        if placed {
            for grp in unplaced {
                let cells: Vec<&SourceCell> =
                    grp.slots().filter_map(|i| line.cells.get(i)).collect();
                let printed: Vec<&str> = cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect();
                let message = format!(
                    "{}：本行一组单元格“{}”无法识别，未读取",
                    table.id.title(),
                    printed.join(" ")
                );
                unread_row(table, line, &cells, message, notes);
            }
            stacked = None;
            continue;
        }
        let only_amounts = has_amount(line)
            && line.cells.iter().all(|c| {
                c.text.is_empty() || juesuan_model::amount::parse_amount(&c.text).is_some()
            });
        if only_amounts {
            stacked = Some(line);
        } else if line.cells.iter().any(|c| !c.text.is_empty()) && !is_header_like(line) {
            let all: Vec<&SourceCell> = line.cells.iter().collect();
            let message = format!("{}：无法识别的表格行，未读取", table.id.title());
            unread_row(table, line, &all, message, notes);
        }
    }
    table.rows = by_group.into_iter().flatten().chain(totals).collect();
}

/// The column groups from the header: one per 科目名称 slot, its code slots
/// being the slots since the previous group, its amount the next slot.
fn groups(h: &Header) -> Vec<Group> {
    let names = h.slots_of(&["科目名称"]);
    if names.is_empty() {
        // No names printed in the header: assume (code, name, amount) × k.
        let k = (h.width / 3).max(1);
        return (0..k)
            .map(|g| Group {
                code: vec![3 * g],
                name: 3 * g + 1,
                value: 3 * g + 2,
            })
            .collect();
    }
    let mut out = Vec::new();
    let mut from = 0;
    for &n in &names {
        out.push(Group {
            code: (from..n).collect(),
            name: n,
            value: n + 1,
        });
        from = n + 2;
    }
    out
}

fn is_header_like(line: &SourceLine) -> bool {
    line.cells.iter().any(|c| {
        matches!(
            label_of(&c.text).as_str(),
            "科目代码" | "科目名称" | "决算数" | "科目编码" | "类" | "款" | "经济分类"
        )
    })
}
