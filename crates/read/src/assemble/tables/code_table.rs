//! 科目 tables (T02, T03, T05, T07, T08, T10–T14 and tables no family
//! knows): a 合计 row and one row per 科目代码 (or per item name).

use super::super::text::eq_squeezed;
use super::cells::{as_code, cell, check_numeric, row, unread_row};
use super::header::{self, is_column_number_row};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::canonical::label_of;
use juesuan_model::{ReadNote, RowKind, Table, TableId};

/// Labels of total rows in 科目 tables.
const TOTALS: &[&str] = &["合计", "总计"];

/// Reads the header and rows of a 科目 table.
pub fn read(table: &mut Table, rows: &[&SourceLine], notes: &mut Vec<ReadNote>) {
    // A data row starts with a code or 合计; where codes are printed in
    // 类/款/项 columns the 合计 sits further right, on a row with amounts.
    let keys = juesuan_model::canonical::column_keys(table.id);
    let header = header::read(rows, |l| {
        let id = identity(l, 1).or_else(|| identity(l, 4));
        // An empty table's 合计 may share a line with the column headers.
        id.is_some_and(|ident| {
            let label_slot = match ident {
                Ident::Total(at) => Some(at),
                _ => None,
            };
            !l.cells
                .iter()
                .enumerate()
                .any(|(i, c)| Some(i) != label_slot && is_header_word(&c.text, keys))
        })
    });
    let name_slot = header
        .slot_of(&["科目名称"])
        .or_else(|| header.slot_of(&["项目"]))
        .unwrap_or(1);
    let slots: Vec<usize> = if header.has_numbers() {
        header.numbered.iter().map(|(s, _)| *s).collect()
    } else {
        (name_slot + 1..header.width.max(name_slot + 2)).collect()
    };
    let id = table.id;
    let body = &rows[header.rows..];
    let filled = |s: usize| {
        body.iter().any(|l| {
            !is_column_number_row(l)
                && l.cells
                    .get(s)
                    .is_some_and(|c| juesuan_model::amount::parse_amount(&c.text).is_some())
        })
    };
    let (columns, slots) = header::columns_with_body(id, &header, &slots, filled);
    table.columns = columns;
    table.has_column_numbers = header.has_numbers();
    // A table no family knows may list items by name only.
    let generic = matches!(id, TableId::Other(_));

    for line in body {
        if is_column_number_row(line) || is_repeated_header(line) {
            continue;
        }
        let identified =
            identity(line, name_slot).or_else(|| generic.then(|| item(line, name_slot)).flatten());
        let Some(ident) = identified else {
            if line.cells.iter().any(|c| !c.text.is_empty()) {
                let all: Vec<&SourceCell> = line.cells.iter().collect();
                let message = format!("{}：无法识别的表格行，未读取", id.title());
                unread_row(table, line, &all, message, notes);
            }
            continue;
        };
        let name_src = line.cells.get(ident.name_slot());
        let name = name_src.map(|c| c.text.as_str()).unwrap_or("");
        let mut r = match &ident {
            Ident::Glued(code, _) => {
                let name = glued(name).map_or(name, |(_, rest)| rest);
                let mut r = row(code.clone(), name, RowKind::Code, line, name_src);
                r.code = Some(code.clone());
                r
            }
            Ident::Code(code, _) => {
                let mut r = row(code.clone(), name, RowKind::Code, line, name_src);
                r.code = Some(code.clone());
                r
            }
            Ident::Total(_) => row(label_of(name), name, RowKind::Total, line, name_src),
            Ident::Item(_) => row(label_of(name), name, RowKind::Item, line, name_src),
        };
        if line.cells.len() > header.width
            && line.cells[header.width..]
                .iter()
                .any(|c| !c.text.is_empty())
        {
            notes.push(ReadNote {
                line: line.number,
                message: format!("{}：本行单元格多于表头栏数，多出的单元格未读取", id.title()),
            });
        }
        for (col, &slot) in table.columns.iter().zip(&slots) {
            let c = cell(col.number, line.cells.get(slot), line);
            check_numeric(&c, id.title(), notes);
            r.cells.push(c);
        }
        if table.rows.iter().any(|x| x.key == r.key) {
            notes.push(ReadNote {
                line: line.number,
                message: format!("{}：行“{}”重复出现", id.title(), r.key),
            });
        }
        table.rows.push(r);
    }
    if table.rows.is_empty() {
        empty_total_in_header(table, &rows[..header.rows], name_slot);
    }
}

/// An empty table may print its 合计 label on the same visual line as the
/// column headers; the table then has that one blank row.
fn empty_total_in_header(table: &mut Table, header_rows: &[&SourceLine], name_slot: usize) {
    for line in header_rows {
        let Some((i, c)) = line
            .cells
            .iter()
            .enumerate()
            .take(name_slot + 1)
            .find(|(_, c)| TOTALS.contains(&label_of(&c.text).as_str()))
        else {
            continue;
        };
        let mut r = row(
            label_of(&c.text),
            &c.text,
            RowKind::Total,
            line,
            line.cells.get(i),
        );
        for col in &table.columns {
            r.cells.push(cell(col.number, None, line));
        }
        table.rows.push(r);
        return;
    }
}

/// What a row is and where its name stands.
enum Ident {
    /// A 科目 row: its code and the slot of its name.
    Code(String, usize),
    /// A total row (合计, 总计): the slot of its label.
    Total(usize),
    /// An item named without a code (tables no family knows).
    Item(usize),
    /// A 科目 row whose code and name OCR read as one cell (`205教育支出`:
    /// the rule between their columns not found): its code and that slot.
    Glued(String, usize),
}

impl Ident {
    fn name_slot(&self) -> usize {
        match self {
            Ident::Code(_, s) | Ident::Total(s) | Ident::Item(s) | Ident::Glued(_, s) => *s,
        }
    }
}

/// The row's identity: a 科目 row or a total row.
fn identity(line: &SourceLine, name_slot: usize) -> Option<Ident> {
    let cells = &line.cells;
    let code_cells: Vec<&SourceCell> = cells.iter().take(name_slot.max(1)).collect();
    let name = cells.get(name_slot).map(|c| c.text.as_str());
    if let Some(code) = code_of(&code_cells, name) {
        return Some(Ident::Code(code, name_slot));
    }
    let machine_read = code_cells.iter().any(|c| c.span.confidence.is_some());
    if machine_read {
        for i in [0, name_slot] {
            if let Some((code, _)) = cells.get(i).and_then(|c| glued(&c.text)) {
                return Some(Ident::Glued(code, i));
            }
        }
    }
    for (i, c) in cells.iter().enumerate().take(name_slot + 1) {
        if TOTALS.contains(&label_of(&c.text).as_str()) {
            return Some(Ident::Total(i));
        }
    }
    None
}

/// The code printed in `code_cells` (whole, or split into 类/款/项
/// slots); when they were machine-read and do not hold a code, the code
/// their digits and the row's `name` settle ([`code_by_name`]). Only a
/// machine reading is repaired: a code printed wrong in a text layer is
/// the document's, and the audit must see it.
pub(super) fn code_of(code_cells: &[&SourceCell], name: Option<&str>) -> Option<String> {
    let code_text: String = code_cells.iter().map(|c| c.text.as_str()).collect();
    if let Some(code) = as_code(&code_text) {
        return Some(code);
    }
    let machine_read = code_cells.iter().any(|c| c.span.confidence.is_some());
    machine_read
        .then(|| code_by_name(&code_text, name))
        .flatten()
}

/// The code of a row whose code OCR did not read as one (a scan's 项 `01`
/// read as `0`, a digit of the 款 lost): the one code of the classifications
/// under the row's 类 or 款 (the leading digits as read) whose official
/// name is the row's name and whose digits hold the rest of those read, in
/// order. `None` when no listed code, or more than one, fits.
fn code_by_name(code_text: &str, name: Option<&str>) -> Option<String> {
    use juesuan_model::canonical::fold;
    use juesuan_model::classification::{reference, Kind};
    let read: String = code_text.chars().filter(|c| !c.is_whitespace()).collect();
    let name = fold(name?.trim());
    // A speck read as a character among the digits (`210了11`) is dropped;
    // the digits left must still be a code named as the row is.
    let digits: String = read.chars().filter(char::is_ascii_digit).collect();
    if name.is_empty() || digits.len() < 3 {
        return None;
    }
    if digits.len() < read.chars().count() {
        let named = [Kind::Functional, Kind::Economic].into_iter().any(|kind| {
            reference(kind, None)
                .iter()
                .any(|(code, official)| *code == digits && fold(official) == name)
        });
        return named.then_some(digits);
    }
    if digits.len() < 4 {
        return None;
    }
    // Whether `read` is `full` with digits left out.
    let within = |read: &str, full: &str| {
        let mut it = full.chars();
        read.chars().all(|c| it.any(|f| f == c))
    };
    for parent in [5, 3].into_iter().filter(|&n| digits.len() > n) {
        let (head, rest) = digits.split_at(parent);
        let mut found: Vec<&str> = Vec::new();
        for kind in [Kind::Functional, Kind::Economic] {
            for (code, official) in reference(kind, None).iter() {
                if code.len() > parent
                    && code.len() <= 7
                    && code.len() > digits.len()
                    && code.starts_with(head)
                    && within(rest, &code[parent..])
                    && fold(official) == name
                    && !found.contains(&code)
                {
                    found.push(code);
                }
            }
        }
        match found.as_slice() {
            [one] => return Some(one.to_string()),
            [] => continue,
            _ => return None,
        }
    }
    None
}

/// A code and a name read as one cell: the code (3, 5 or 7 digits) and
/// the name that follows it, which starts with a Chinese character.
fn glued(text: &str) -> Option<(String, &str)> {
    let t = text.trim();
    let at = t.find(|c: char| !c.is_ascii_digit())?;
    let (digits, rest) = t.split_at(at);
    let rest = rest.trim_start();
    let named = rest
        .chars()
        .next()
        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    Some((as_code(digits)?, rest)).filter(|_| named)
}

/// An item of a table no family knows: a name (not an amount) in the name
/// slot, or in the first slot.
fn item(line: &SourceLine, name_slot: usize) -> Option<Ident> {
    let named = |i: usize| {
        line.cells.get(i).is_some_and(|c| {
            !c.text.is_empty() && juesuan_model::amount::parse_amount(&c.text).is_none()
        })
    };
    [name_slot, 0]
        .into_iter()
        .find(|&i| named(i))
        .map(Ident::Item)
}

/// Words that only headers print: column names and the code/name labels.
fn is_header_word(t: &str, keys: &[&str]) -> bool {
    if t.is_empty() {
        return false;
    }
    let l = label_of(t);
    keys.contains(&l.as_str())
        || matches!(
            l.as_str(),
            "项目"
                | "科目名称"
                | "科目编码"
                | "科目代码"
                | "类"
                | "款"
                | "项"
                | "功能分类科目编码"
                | "支出功能分类"
                | "栏次"
        )
}

/// A header row repeated after a page break.
fn is_repeated_header(line: &SourceLine) -> bool {
    line.cells.iter().any(|c| {
        ["科目代码", "科目名称", "项目", "科目编码"]
            .iter()
            .any(|h| eq_squeezed(&c.text, h))
    })
}

#[cfg(test)]
mod tests {
    use super::{code_by_name, glued};

    #[test]
    fn a_misread_code_is_found_by_its_name() {
        // 210 11 01 行政单位医疗 with the 项 read as `0`.
        assert_eq!(
            code_by_name("210110", Some("行政单位医疗")).as_deref(),
            Some("2101101")
        );
        assert_eq!(
            code_by_name("2080", Some("行政事业单位养老支出")).as_deref(),
            Some("20805")
        );
        // 210 1 01: a digit of the 款 lost.
        assert_eq!(
            code_by_name("210101", Some("行政单位医疗")).as_deref(),
            Some("2101101")
        );
        // A speck read as a character among the digits.
        assert_eq!(
            code_by_name("210了11", Some("行政事业单位医疗")).as_deref(),
            Some("21011")
        );
        assert_eq!(code_by_name("210了11", Some("住房公积金")), None);
        assert_eq!(code_by_name("210110", Some("住房公积金")), None);
        // Code and name read as one cell.
        assert_eq!(
            glued("2050205高等教育"),
            Some(("2050205".to_string(), "高等教育"))
        );
        assert_eq!(glued("205 教育支出"), Some(("205".to_string(), "教育支出")));
        assert_eq!(glued("2050教育支出"), None);
        assert_eq!(glued("205"), None);
        assert_eq!(glued("合计"), None);
        assert_eq!(code_by_name("21", Some("行政单位医疗")), None);
        assert_eq!(code_by_name("210110", None), None);
    }
}
