//! The source lines behind the tables: which amounts each line prints and
//! which of them the reader placed in a cell.

use juesuan_model::amount::parse_amount;
use juesuan_model::{Decimal, Report, Row};
use std::collections::{HashMap, HashSet};

/// A source line: (page, line within the page) for paged inputs, (None, line) for text.
pub(super) type LineKey = (Option<u32>, u32);

/// The lines of a report's tables.
pub(super) struct Layout<'r> {
    report: &'r Report,
    /// Per line: the values of the cells read from it.
    taken: HashMap<LineKey, Vec<Decimal>>,
    /// Every line holding a row name or a cell (blank cells included).
    used: HashSet<LineKey>,
}

impl<'r> Layout<'r> {
    /// Indexes the cells of every table by line.
    pub fn new(report: &'r Report) -> Layout<'r> {
        let mut taken: HashMap<LineKey, Vec<Decimal>> = HashMap::new();
        let mut used = HashSet::new();
        for row in report.tables.values().flat_map(|t| t.rows.iter()) {
            used.insert((row.span.page, row.span.line));
            for c in &row.cells {
                let key = (c.span.page, c.span.line);
                used.insert(key);
                if let Some(v) = c.value {
                    taken.entry(key).or_default().push(v);
                }
            }
        }
        Layout {
            report,
            taken,
            used,
        }
    }

    /// The lines a row was read from: its name's and its cells'.
    pub fn lines_of_row(&self, row: &Row) -> Vec<LineKey> {
        let mut out = vec![(row.span.page, row.span.line)];
        for c in &row.cells {
            let key = (c.span.page, c.span.line);
            if !out.contains(&key) {
                out.push(key);
            }
        }
        out
    }

    /// The amounts printed on a line: (line, value, printed text).
    pub fn amounts(&self, key: LineKey) -> Vec<(LineKey, Decimal, String)> {
        let Some(text) = self.report.source_line(key.0, key.1) else {
            return Vec::new();
        };
        text.split_whitespace()
            .filter(|w| is_amount(w))
            .filter_map(|w| Some((key, parse_amount(w)?, w.to_string())))
            .collect()
    }

    /// The amounts on a line that no cell read from it holds.
    pub fn untaken(&self, key: LineKey) -> Vec<(LineKey, Decimal, String)> {
        let mut left: Vec<Decimal> = self.taken.get(&key).cloned().unwrap_or_default();
        let mut out = Vec::new();
        for a in self.amounts(key) {
            match left.iter().position(|v| *v == a.1) {
                Some(i) => {
                    left.swap_remove(i);
                }
                None => out.push(a),
            }
        }
        out
    }

    /// The lines just before and after `key` that hold no row and no cell
    /// of any table (the continuation of a wrapped row, when not joined).
    pub fn orphan_neighbours(&self, key: LineKey) -> Vec<LineKey> {
        [key.1.checked_sub(1), key.1.checked_add(1)]
            .into_iter()
            .flatten()
            .map(|n| (key.0, n))
            .filter(|k| k.1 > 0 && !self.used.contains(k))
            .collect()
    }
}

/// Whether a printed word is a table amount: digits with a decimal point or
/// thousand separators (a 科目代码, a 栏次 or a year has neither).
fn is_amount(word: &str) -> bool {
    (word.contains('.') || word.contains(',')) && parse_amount(word).is_some()
}

/// A line's words other than amounts and numbers, joined and folded like
/// row labels (for finding the rest of a wrapped name).
pub(super) fn words(text: &str) -> String {
    let kept: Vec<&str> = text
        .split_whitespace()
        .filter(|w| parse_amount(w).is_none())
        .collect();
    juesuan_model::canonical::label_of(&kept.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_words() {
        assert!(is_amount("4,657.90") && is_amount("2.42") && is_amount("-0.20"));
        assert!(!is_amount("2080101") && !is_amount("7") && !is_amount("2024"));
        assert_eq!(words("出\t\t119.27"), "出");
        assert_eq!(
            words("20805\t行政事业单位养老支 出"),
            "行政事业单位养老支出"
        );
    }
}
