//! Tables whose title line was lost (a scan's title read as garbage): found
//! where a table's note is followed by another grid with another header,
//! so their rows are never read as the previous table's.

use super::super::text::squeeze;
use super::titles::Titled;
use crate::source::SourceLine;
use juesuan_model::TableId;

/// A grid after a table's note that is not that table's: it starts at
/// `at` (the line after the note), and is the table `id` when the titles
/// around it leave exactly that one out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untitled {
    /// Index of the first line after the note that ends the table before.
    pub at: usize,
    /// The table it must be, from the tables the report prints around it.
    pub id: Option<TableId>,
}

/// Whether a line is a table's closing note (`注：本表反映…`).
fn is_note(l: &SourceLine) -> bool {
    if l.is_tabular() {
        return false;
    }
    let t = squeeze(&l.text);
    t.starts_with("注：") || t.starts_with("注:")
}

/// The grids with no title of their own inside the regions `starts`
/// opens (title line index, what it names), in document order. A grid
/// after a note whose first row repeats the table's header is the same
/// table continued, and is left to it.
pub fn find(lines: &[SourceLine], starts: &[(usize, Titled)]) -> Vec<Untitled> {
    let mut out = Vec::new();
    for (k, (start, titled)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let end = lines[start + 1..end]
            .iter()
            .position(super::titles::is_region_end)
            .map_or(end, |p| start + 1 + p);
        let region = &lines[*start..end];
        let Some(mut header) = region.iter().position(SourceLine::is_tabular) else {
            continue;
        };
        let mut found: Vec<usize> = Vec::new();
        let mut from = header + 1;
        while let Some(p) = region[from..].iter().position(is_note).map(|p| from + p) {
            let Some(q) = region[p + 1..]
                .iter()
                .position(SourceLine::is_tabular)
                .map(|q| p + 1 + q)
            else {
                break;
            };
            let rows = region[q..].iter().filter(|l| super::is_row(l)).count();
            if rows >= 2 && squeeze(&region[q].text) != squeeze(&region[header].text) {
                found.push(start + p + 1);
                header = q;
            }
            from = q + 1;
        }
        if found.is_empty() {
            continue;
        }
        // The tables left out between this title and the next: when they
        // are as many as the grids found, each grid is the next of them.
        let between: Vec<TableId> = match (titled, starts.get(k + 1).map(|s| &s.1)) {
            (Titled::Known(a), Some(Titled::Known(b))) => (a.number() + 1..b.number())
                .filter_map(TableId::from_number)
                .filter(|id| !starts.iter().any(|(_, t)| *t == Titled::Known(*id)))
                .collect(),
            _ => Vec::new(),
        };
        let named = between.len() == found.len();
        for (n, at) in found.into_iter().enumerate() {
            out.push(Untitled {
                at,
                id: named.then(|| between[n]),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(lines: &[SourceLine]) -> Vec<(usize, Titled)> {
        lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| super::super::titles::title_of(l).map(|(t, _)| (i, t)))
            .collect()
    }

    #[test]
    fn a_grid_after_a_note_with_another_header_is_the_table_left_out() {
        let lines = SourceLine::lines_of(
            "支出决算表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\n208\t社会保障和就业支出\t10.82\t10.82\n合计\t\t10.82\t10.82\n注：本表反映部门本年度各项支出情况。\n财政拨款收入支出决筧总衣，\n项目\t决算数\t项目\t合计\n一、一般公共预算财政拨款\t307.82\t一、一般公共服务支出\t264.87\n本年收入合计\t307.82\t本年支出合计\t307.82\n一般公共预算财政拨款支出决算表\n单位：万元\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t10.82\n合计\t\t10.82",
        );
        let s = starts(&lines);
        assert_eq!(s.len(), 2);
        assert_eq!(
            find(&lines, &s),
            vec![Untitled {
                at: 6,
                id: Some(TableId::T04)
            }]
        );
    }

    #[test]
    fn a_header_repeated_after_a_note_continues_the_table() {
        let lines = SourceLine::lines_of(
            "支出决算表\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t10.82\n注：本表反映部门本年度各项支出情况。\n科目编码\t科目名称\t合计\n210\t卫生健康支出\t2.71\n221\t住房保障支出\t29.42",
        );
        assert_eq!(find(&lines, &starts(&lines)), vec![]);
    }

    #[test]
    fn a_grid_between_titles_that_leave_none_out_is_unnamed() {
        let lines = SourceLine::lines_of(
            "支出决算表\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t10.82\n注：本表反映部门本年度各项支出情况。\n项目\t决算数\n一、收入\t1.00\n二、支出\t1.00\n财政拨款收入支出决算总表\n项目\t决算数\n总计\t1.00",
        );
        assert_eq!(
            find(&lines, &starts(&lines)),
            vec![Untitled { at: 4, id: None }]
        );
    }
}
