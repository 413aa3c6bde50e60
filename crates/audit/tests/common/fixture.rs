//! Synthetic reports built by hand, independently of the readers: a report's
//! source text is given line by line and its tables are laid over those
//! lines, every cell with the span of its printed text.
#![allow(dead_code)]

use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::{label_of, of_which};
use juesuan_model::classification::FUNCTIONAL_CLASSES;
use juesuan_model::{Cell, Column, Family, Report, Row, RowKind, Side, Span, Table, TableId};

/// A report of `family` whose source text is `text`.
pub fn report(family: Family, text: &str) -> Report {
    Report {
        source: "synthetic.txt".to_string(),
        profile: family,
        lines: text.lines().map(str::to_string).collect(),
        ..Report::default()
    }
}

/// The tab-separated fields of a line with their byte ranges.
fn fields(line: &str) -> Vec<(&str, u32, u32)> {
    let mut out = Vec::new();
    let mut start = 0;
    for f in line.split('\t') {
        out.push((f, start as u32, (start + f.len()) as u32));
        start += f.len() + 1;
    }
    out
}

fn cell(line_no: u32, column: u32, (text, start, end): (&str, u32, u32)) -> Cell {
    Cell {
        column,
        value: parse_amount(text),
        raw: text.to_string(),
        span: Span::new(line_no, start, end),
        doubt: None,
    }
}

fn columns(id: TableId, keys: &[&str], side: Option<Side>, first: u32) -> Vec<Column> {
    keys.iter()
        .enumerate()
        .map(|(i, k)| Column {
            number: first + i as u32,
            name: (*k).to_string(),
            key: (*k).to_string(),
            side,
            of_which: of_which(id, k).map(str::to_string),
        })
        .collect()
}

/// Adds table `id` with columns `keys` (栏次 1…n), its rows read from the
/// 1-based source lines `first..=last`: `code or name <TAB> name <TAB>
/// amounts…` (a line with an empty first field belongs to no row).
pub fn add_table(report: &mut Report, id: TableId, keys: &[&str], first: u32, last: u32) {
    let mut table = Table::new(id, id.title(), Span::line(first, 0));
    table.columns = columns(id, keys, None, 1);
    for n in first..=last {
        let line = report.lines[n as usize - 1].clone();
        let f = fields(&line);
        if f[0].0.is_empty() {
            continue;
        }
        let coded = f[0].0.bytes().all(|b| b.is_ascii_digit());
        let (name, name_at) = if coded {
            (f[1].0, f[1])
        } else {
            (f[0].0, f[0])
        };
        table.rows.push(Row {
            key: f[0].0.to_string(),
            name: name.to_string(),
            label: label_of(name),
            kind: if coded { RowKind::Code } else { RowKind::Total },
            code: coded.then(|| f[0].0.to_string()),
            line_no: None,
            side: None,
            of_which: None,
            doubt: None,
            span: Span::new(n, name_at.1, name_at.2),
            cells: f[2..]
                .iter()
                .take(keys.len())
                .enumerate()
                .map(|(i, x)| cell(n, i as u32 + 1, *x))
                .collect(),
        });
    }
    report.tables.insert(id, table);
}

/// Adds a two-sided total table (T01 of a family printing no 行次) from the
/// source lines `first..=last`: `income name <TAB> amount <TAB> expense name
/// <TAB> amount`, either half possibly empty. Rows are keyed by their label;
/// a 类 row of the expense side gets its 科目代码 from its name; a name
/// starting with 其中： is part of the row above it on its side.
pub fn add_two_sided(report: &mut Report, id: TableId, keys: [&str; 2], first: u32, last: u32) {
    let mut table = Table::new(id, id.title(), Span::line(first, 0));
    table.columns = columns(id, &keys[..1], Some(Side::Income), 1);
    table
        .columns
        .extend(columns(id, &keys[1..], Some(Side::Expense), 2));
    let mut last_key: [Option<String>; 2] = [None, None];
    for n in first..=last {
        let line = report.lines[n as usize - 1].clone();
        let f = fields(&line);
        for (k, side) in [Side::Income, Side::Expense].into_iter().enumerate() {
            let Some(name) = f.get(2 * k).filter(|x| !x.0.is_empty()) else {
                continue;
            };
            let label = label_of(name.0);
            let is_part = label.starts_with("其中：");
            let key = label.strip_prefix("其中：").unwrap_or(&label).to_string();
            let code = FUNCTIONAL_CLASSES
                .iter()
                .find(|(_, n)| *n == key)
                .map(|(c, _)| (*c).to_string());
            let amount = f.get(2 * k + 1).copied().unwrap_or(("", name.2, name.2));
            table.rows.push(Row {
                key: key.clone(),
                name: name.0.to_string(),
                label: key.clone(),
                kind: if code.is_some() {
                    RowKind::Code
                } else {
                    RowKind::Item
                },
                code,
                line_no: None,
                side: Some(side),
                of_which: if is_part { last_key[k].clone() } else { None },
                doubt: None,
                span: Span::new(n, name.1, name.2),
                cells: vec![cell(n, k as u32 + 1, amount)],
            });
            if !is_part {
                last_key[k] = Some(key);
            }
        }
    }
    report.tables.insert(id, table);
}

/// The cell at `addr` (`T02[2080101,C7]`), for changing it.
pub fn cell_mut<'r>(report: &'r mut Report, addr: &str) -> &'r mut Cell {
    let a = juesuan_model::CellAddr::parse(addr).expect("an address");
    report
        .tables
        .get_mut(&a.table)
        .and_then(|t| t.rows.iter_mut().find(|r| r.key == a.row))
        .and_then(|r| r.cells.iter_mut().find(|c| c.column == a.column))
        .unwrap_or_else(|| panic!("no cell {addr}"))
}

/// 公开05表 with 合计, 基本支出, 项目支出 over `rows` (source lines 2…).
pub fn t05(rows: &[&str]) -> Report {
    let text = format!("一般公共预算财政拨款支出决算表\n{}\n", rows.join("\n"));
    let mut r = report(Family::Central, &text);
    add_table(
        &mut r,
        TableId::T05,
        &["合计", "基本支出", "项目支出"],
        2,
        rows.len() as u32 + 1,
    );
    r
}
