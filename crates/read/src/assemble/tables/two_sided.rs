//! Two-sided total tables (T01 收入支出决算总表, T04 财政拨款收入支出决算总表):
//! income on the left, expense on the right, on one printed line.

use super::cells::{as_ordinal, cell, check_numeric, row, unread_row};
use super::header::{self, is_column_number_row, Header};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::{column_keys, fold, label_of};
use juesuan_model::classification::functional_class_code;
use juesuan_model::{Column, ReadNote, Row, RowKind, Side, Table, TableId};

/// Labels that make a row a total rather than an item.
const TOTALS: &[&str] = &[
    "本年收入合计",
    "本年支出合计",
    "总计",
    "收入总计",
    "支出总计",
    "本年收入",
    "本年支出",
];

/// The slot layout of one side.
struct SideSlots {
    name: Option<usize>,
    line_no: Option<usize>,
    values: Vec<usize>,
}

/// Reads the header and the rows of both sides.
pub fn read(table: &mut Table, rows: &[&SourceLine], notes: &mut Vec<ReadNote>) {
    let header = header::read(rows, is_data);
    let (income, expense) = layout(&header);
    let id = table.id;
    let mut columns = Vec::new();
    for (side, slots) in [(Side::Income, &income), (Side::Expense, &expense)] {
        let mut cols = header::columns(id, &header, &slots.values, |_, p| key_for(id, side, p));
        for c in &mut cols {
            c.side = Some(side);
        }
        columns.extend(cols);
    }
    // Without 栏次 the columns are numbered left to right across both sides.
    if !header.has_numbers() {
        for (i, c) in columns.iter_mut().enumerate() {
            c.number = i as u32 + 1;
        }
    }
    table.columns = columns;
    table.has_column_numbers = header.has_numbers();
    let printed_line_numbers = income.line_no.is_some();

    let mut expected_right: Option<u32> = None;
    for line in &rows[header.rows..] {
        if is_column_number_row(line) || line.cells.iter().all(|c| c.text.is_empty()) {
            continue;
        }
        let split = if line.cells.len() == header.width || !printed_line_numbers {
            positional(line, &income, &expense)
        } else {
            by_line_numbers(line, income.values.len(), expected_right)
        };
        let Some((left, right)) = split else {
            let all: Vec<&SourceCell> = line.cells.iter().collect();
            let message = format!("{}：无法拆分左右两栏的表格行，未读取", id.title());
            unread_row(table, line, &all, message, notes);
            continue;
        };
        if let Some(n) = right.line_no {
            expected_right = Some(n + 1);
        }
        for (side, half) in [(Side::Income, left), (Side::Expense, right)] {
            if let Some(r) = build_row(table, side, half, line, notes) {
                table.rows.push(r);
            }
        }
    }
    qualify_repeated_labels(&mut table.rows);
}

/// One half of a printed line, before it becomes a row.
struct Half<'a> {
    name: Option<&'a SourceCell>,
    line_no: Option<u32>,
    values: Vec<Option<&'a SourceCell>>,
}

fn build_row(
    table: &mut Table,
    side: Side,
    half: Half<'_>,
    line: &SourceLine,
    notes: &mut Vec<ReadNote>,
) -> Option<Row> {
    // A name OCR saw print of but could not read is no name: the half is
    // left unread rather than made a row no rule knows.
    let name = half
        .name
        .map(|c| c.text.as_str())
        .filter(|t| *t != crate::ocr::UNREAD_MARK)
        .unwrap_or("");
    let has_value = half.values.iter().flatten().any(|c| !c.text.is_empty());
    if name.is_empty() && half.line_no.is_none() && !has_value {
        return None;
    }
    // "其中：政府性基金预算财政拨款" under 财政拨款收入: part of the row above.
    let (label, of_which) = match label_of(name).strip_prefix("其中") {
        Some(rest) => {
            let parent = table
                .rows
                .iter()
                .rev()
                .find(|r| r.side == Some(side) && r.of_which.is_none())
                .map(|r| r.key.clone());
            (rest.trim_start_matches(['：', ':']).to_string(), parent)
        }
        None => (label_of(name), None),
    };
    let key = match half.line_no {
        Some(n) => format!("R{n}"),
        None if !label.is_empty() => label.clone(),
        None => {
            let values: Vec<&SourceCell> = half.values.iter().flatten().copied().collect();
            let message = format!(
                "{}：有金额但没有项目名称和行次的单元格，未读取",
                table.id.title()
            );
            unread_row(table, line, &values, message, notes);
            return None;
        }
    };
    // "合计" closes both sides of the 高等学校 table; in headers it names a column.
    let kind = if TOTALS.contains(&label.as_str()) || label == "合计" {
        RowKind::Total
    } else {
        RowKind::Item
    };
    let mut r = row(key, name, kind, line, half.name);
    if side == Side::Expense {
        r.code = functional_class_code(&label).map(str::to_string);
    }
    r.label = label;
    r.of_which = of_which;
    r.side = Some(side);
    r.line_no = half.line_no;
    let cols: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.side == Some(side))
        .collect();
    for (i, col) in cols.iter().enumerate() {
        let c = cell(col.number, half.values.get(i).copied().flatten(), line);
        check_numeric(&c, table.id.title(), notes);
        r.cells.push(c);
    }
    Some(r)
}

/// Splits the header into the income and expense slot layouts: the second
/// 项目 column starts the expense side.
fn layout(h: &Header) -> (SideSlots, SideSlots) {
    // "项目", or "项目(按功能分类)" over the expense side.
    let names: Vec<usize> = (0..h.paths.len())
        .filter(|&i| {
            h.paths[i]
                .iter()
                .any(|t| t == "项目" || t.starts_with("项目（"))
        })
        .collect();
    let line_nos = h.slots_of(&["行次"]);
    let split = names.get(1).copied().unwrap_or(h.width / 2);
    let numeric: Vec<usize> = if h.has_numbers() {
        h.numbered.iter().map(|(s, _)| *s).collect()
    } else {
        (0..h.width)
            .filter(|s| !names.contains(s) && !line_nos.contains(s))
            .collect()
    };
    let side = |range: std::ops::Range<usize>| SideSlots {
        name: names.iter().copied().find(|s| range.contains(s)),
        line_no: line_nos.iter().copied().find(|s| range.contains(s)),
        values: numeric
            .iter()
            .copied()
            .filter(|s| range.contains(s))
            .collect(),
    };
    (side(0..split), side(split..h.width.max(split + 1)))
}

fn key_for(id: TableId, side: Side, path: &[String]) -> Option<&'static str> {
    let keys = column_keys(id);
    match (id, side) {
        (_, Side::Income) => Some(keys[0]),
        (TableId::T01, Side::Expense) => Some(keys[1]),
        _ => {
            let leaf = path.last().map(String::as_str).unwrap_or("");
            if matches!(leaf, "合计" | "决算数" | "小计") {
                Some(keys[1])
            } else {
                header::resolve_key(id, path)
            }
        }
    }
}

/// Slots line up with the header.
fn positional<'a>(
    line: &'a SourceLine,
    income: &SideSlots,
    expense: &SideSlots,
) -> Option<(Half<'a>, Half<'a>)> {
    let half = |s: &SideSlots| Half {
        name: s.name.and_then(|i| line.cells.get(i)),
        line_no: s
            .line_no
            .and_then(|i| line.cells.get(i))
            .and_then(|c| as_ordinal(&c.text)),
        values: s.values.iter().map(|&i| line.cells.get(i)).collect(),
    };
    Some((half(income), half(expense)))
}

/// The converter dropped or merged blank slots: anchor on the printed 行次
/// numbers (income first, then the expense side's, which runs on from the
/// previous line's).
fn by_line_numbers(
    line: &SourceLine,
    income_values: usize,
    expected_right: Option<u32>,
) -> Option<(Half<'_>, Half<'_>)> {
    let cells = &line.cells;
    let a = (0..cells.len().min(3)).find(|&i| as_ordinal(&cells[i].text).is_some())?;
    let left_no = as_ordinal(&cells[a].text)?;
    let b = (a + 1..cells.len()).find(|&i| {
        as_ordinal(&cells[i].text).is_some_and(|n| match expected_right {
            Some(e) => n == e,
            None => n > left_no,
        })
    })?;
    let between = &cells[a + 1..b];
    let numeric: Vec<&SourceCell> = between
        .iter()
        .filter(|c| parse_amount(&c.text).is_some())
        .collect();
    let right_name = between
        .iter()
        .rev()
        .find(|c| !c.text.is_empty() && parse_amount(&c.text).is_none());
    let mut left_values: Vec<Option<&SourceCell>> =
        numeric.into_iter().take(income_values).map(Some).collect();
    left_values.resize(income_values, None);
    let left = Half {
        name: cells[..a].iter().rev().find(|c| !c.text.is_empty()),
        line_no: Some(left_no),
        values: left_values,
    };
    let right = Half {
        name: right_name,
        line_no: as_ordinal(&cells[b].text),
        values: cells[b + 1..].iter().map(Some).collect(),
    };
    Some((left, right))
}

/// A name that repeats an earlier row's name on the same side (T04's 年初结转和结余
/// breakdown by fund repeats the fund names of rows 1–3) takes the nearest
/// preceding distinct row's label as a prefix.
fn qualify_repeated_labels(rows: &mut [Row]) {
    for side in [Side::Income, Side::Expense] {
        let idx: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].side == Some(side))
            .collect();
        let mut parent: Option<String> = None;
        for (k, &i) in idx.iter().enumerate() {
            let label = rows[i].label.clone();
            if label.is_empty() {
                continue;
            }
            let repeated = idx[..k].iter().any(|&j| rows[j].label == label);
            if repeated {
                if let Some(p) = &parent {
                    let qualified = format!("{p}/{label}");
                    if rows[i].line_no.is_none() {
                        rows[i].key = qualified.clone();
                    }
                    rows[i].label = qualified;
                }
            } else {
                parent = Some(label);
            }
        }
    }
}

/// A data row: a cell with an ordinal-prefixed name, a total label, or an amount with decimals.
fn is_data(l: &SourceLine) -> bool {
    l.cells.iter().any(|c| {
        let t = c.text.as_str();
        let label = label_of(t);
        (label != fold(t) && !label.is_empty())
            || TOTALS.contains(&label.as_str())
            || (t.contains('.') && parse_amount(t).is_some())
    })
}
