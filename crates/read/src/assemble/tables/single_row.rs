//! T09 财政拨款“三公”经费支出决算表: grouped headers (预算数/决算数) over one data row.

use super::cells::{cell, check_numeric, row, unread_row};
use super::header::{self, is_column_number_row};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::SANGONG_ITEMS;
use juesuan_model::{ReadNote, RowKind, Table};

/// Reads the header and the data row(s) of T09.
pub fn read(table: &mut Table, rows: &[&SourceLine], notes: &mut Vec<ReadNote>) {
    let header = header::read(rows, is_amount_row);
    let slots: Vec<usize> = if header.has_numbers() {
        header.numbered.iter().map(|(s, _)| *s).collect()
    } else {
        (0..header.width)
            .filter(|&s| header::resolve_key(table.id, &header.paths[s]).is_some())
            .collect()
    };
    let id = table.id;
    table.columns = header::columns(id, &header, &slots, |_, p| header::resolve_key(id, p));
    if let Some(keys) = interleaved_keys(&header) {
        // Shanghai prints 预算数/决算数 pairs under each item; the items'
        // labels float over the pairs, so the order of the leaf row decides.
        table.columns = keys
            .iter()
            .enumerate()
            .map(|(i, k)| juesuan_model::Column {
                number: i as u32 + 1,
                name: k.clone(),
                key: k.clone(),
                side: None,
                of_which: None,
            })
            .collect();
        let slots: Vec<usize> = (0..keys.len()).collect();
        return read_rows(table, rows, header.rows, &slots, notes);
    }
    table.has_column_numbers = header.has_numbers();
    read_rows(table, rows, header.rows, &slots, notes);
}

fn read_rows(
    table: &mut Table,
    rows: &[&SourceLine],
    from: usize,
    slots: &[usize],
    notes: &mut Vec<ReadNote>,
) {
    let id = table.id;
    let mut n = 0;
    for line in &rows[from..] {
        if is_column_number_row(line) {
            continue;
        }
        if !is_amount_row(line) {
            if line.cells.iter().any(|c| !c.text.is_empty()) {
                let all: Vec<&SourceCell> = line.cells.iter().collect();
                let message = format!("{}：无法识别的表格行，未读取", id.title());
                unread_row(table, line, &all, message, notes);
            }
            continue;
        }
        n += 1;
        let mut r = row(format!("R{n}"), "", RowKind::Data, line, None);
        for (col, &slot) in table.columns.iter().zip(slots) {
            let c = cell(col.number, line.cells.get(slot), line);
            check_numeric(&c, id.title(), notes);
            r.cells.push(c);
        }
        table.rows.push(r);
    }
}

/// Keys for a header whose lowest row alternates 预算数/决算数 over twelve
/// slots: items in canonical order, 预算数 then 决算数 for each.
fn interleaved_keys(h: &header::Header) -> Option<Vec<String>> {
    let leaf: Vec<&str> = h
        .paths
        .iter()
        .map(|p| p.last().map_or("", String::as_str))
        .collect();
    // A leaf of a scan may carry a speck's mark (`预算数、`) or have a
    // character misread: the pattern holds when no leaf names the other
    // word of its pair and at most two are neither word.
    let word = |i: usize| {
        if i.is_multiple_of(2) {
            "预算数"
        } else {
            "决算数"
        }
    };
    let bare = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_ascii_punctuation() && !matches!(c, '、' | '，' | '。'))
            .collect()
    };
    let exact = leaf
        .iter()
        .enumerate()
        .filter(|(i, t)| bare(t) == word(*i))
        .count();
    let crossed = leaf.iter().enumerate().any(|(i, t)| bare(t) == word(i + 1));
    let alternating = leaf.len() == 12 && !crossed && exact + 2 >= 12;
    alternating.then(|| {
        (0..12)
            .map(|i| {
                format!(
                    "{}/{}",
                    if i % 2 == 0 { "预算数" } else { "决算数" },
                    SANGONG_ITEMS[i / 2]
                )
            })
            .collect()
    })
}

/// A row of amounts: at least half of its filled cells are numbers, one with decimals.
fn is_amount_row(l: &SourceLine) -> bool {
    let filled: Vec<&str> = l
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let numbers = filled.iter().filter(|t| parse_amount(t).is_some()).count();
    !filled.is_empty()
        && numbers * 2 >= filled.len()
        && filled.iter().any(|t| t.contains('.'))
        && !is_column_number_row(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(leaves: &[&str]) -> header::Header {
        header::Header {
            rows: 2,
            paths: leaves.iter().map(|l| vec![l.to_string()]).collect(),
            width: leaves.len(),
            ..Default::default()
        }
    }

    #[test]
    fn pairs_read_with_a_speck_or_a_misread_character_still_alternate() {
        let mut leaves = ["预算数", "决算数"].repeat(6);
        assert!(interleaved_keys(&header(&leaves)).is_some());
        leaves[8] = "预算数、";
        leaves[3] = "决箅数";
        let keys = interleaved_keys(&header(&leaves)).expect("alternating");
        assert_eq!(keys[10], format!("预算数/{}", SANGONG_ITEMS[5]));
        // A leaf naming the other word of its pair is no such header.
        leaves[3] = "预算数";
        assert!(interleaved_keys(&header(&leaves)).is_none());
    }
}
