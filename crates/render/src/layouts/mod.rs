//! How each template family lays its tables out, chosen through the
//! report's family ([`juesuan_model::Family`]).
//!
//! What a family publishes — which tables, in which order, under which
//! numbers — is the profile's ([`juesuan_model::profile`]); this module only
//! draws. Two families have a layout of their own: [`central`] (公开01–09表
//! with 栏次 and 行次, T06 in three column groups) and [`shanghai`] (no 栏次
//! or 行次, 科目编码 in 类|款|项 columns, T09's 预算数/决算数 side by side).
//! Every other family ([`generic`]) prints its tables from the model alone:
//! the printed header, the rows as read. No table of a report is left out:
//! tables the family does not list follow in document order.

pub mod central;
pub mod generic;
pub mod shanghai;

use crate::document::Grid;
use juesuan_model::{Family, Report, Table, TableId};

/// The layout code a family is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// [`central`].
    Central,
    /// [`shanghai`].
    Shanghai,
    /// [`generic`]: families without a layout of their own.
    Generic,
}

impl Layout {
    /// The layout of `family`.
    pub fn of(family: Family) -> Layout {
        match family {
            Family::Central => Layout::Central,
            Family::Shanghai => Layout::Shanghai,
            Family::University | Family::Unit13 | Family::Unknown => Layout::Generic,
        }
    }

    /// The grid of `table` (title, number, notes and meta lines are the
    /// caller's, see [`crate::tables::grid`]).
    pub fn grid(self, report: &Report, table: &Table) -> Grid {
        match self {
            Layout::Central => central::grid(report, table),
            Layout::Shanghai => shanghai::grid(report, table),
            Layout::Generic => generic::grid(report, table),
        }
    }

    /// Whether tables carry their number label (`公开05表`, `表 4`) above
    /// the title; the Shanghai template prints none.
    pub fn prints_numbers(self) -> bool {
        self != Layout::Shanghai
    }

    /// Whether an empty shell of table `id` (a table the report lacks) is
    /// drawn with a 栏次 row.
    pub fn prints_column_numbers(self, id: TableId) -> bool {
        match self {
            Layout::Central => central::prints_column_numbers(id),
            Layout::Shanghai | Layout::Generic => false,
        }
    }

    /// The title of a table the report lacks, where the layout's template
    /// words it otherwise than [`TableId::title`].
    fn title_of_absent(self, id: TableId) -> Option<&'static str> {
        match self {
            Layout::Shanghai => shanghai::title_of_absent(id),
            Layout::Central | Layout::Generic => None,
        }
    }
}

/// The layout of `report`.
pub fn of(report: &Report) -> Layout {
    Layout::of(report.profile)
}

/// The tables printed, in order: the family's tables in the profile's
/// order (each printed, as an empty shell when the report lacks it), then
/// any other table the report holds, in document order.
pub fn order(report: &Report) -> Vec<TableId> {
    let mut ids: Vec<TableId> = report
        .profile
        .profile()
        .tables
        .iter()
        .map(|s| s.id)
        .collect();
    let mut rest: Vec<&Table> = report
        .tables
        .values()
        .filter(|t| !ids.contains(&t.id))
        .collect();
    rest.sort_by_key(|t| (t.span.page, t.span.line, t.id));
    ids.extend(rest.iter().map(|t| t.id));
    ids
}

/// A table's title: as printed, else the layout's wording, else the
/// canonical one.
pub fn title(report: &Report, id: TableId) -> String {
    if let Some(t) = report.table(id).filter(|t| !t.title.is_empty()) {
        return t.title.clone();
    }
    of(report)
        .title_of_absent(id)
        .unwrap_or_else(|| id.title())
        .to_string()
}

/// A table's number label: as printed, else the profile's when the layout
/// prints numbers, else none.
pub fn number_label(report: &Report, id: TableId) -> String {
    if let Some(t) = report.table(id).filter(|t| !t.number_label.is_empty()) {
        return t.number_label.clone();
    }
    if !of(report).prints_numbers() {
        return String::new();
    }
    report
        .profile
        .profile()
        .number_label(id)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_model::Span;

    fn report(family: Family, tables: &[(TableId, u32)]) -> Report {
        let mut r = Report {
            profile: family,
            ..Report::default()
        };
        for (id, line) in tables {
            let span = Span {
                line: *line,
                ..Span::default()
            };
            r.tables.insert(*id, Table::new(*id, "", span));
        }
        r
    }

    #[test]
    fn order_follows_the_profile_and_keeps_every_table() {
        use TableId::*;
        let shanghai = report(Family::Shanghai, &[]);
        assert_eq!(
            order(&shanghai),
            [T01, T02, T03, T04, T05, T06, T09, T07, T08]
        );
        // 高等学校: four tables, 表 4 is T10; a generic table read from the
        // document follows them.
        let university = report(Family::University, &[(T01, 10), (Other(1), 90), (T10, 80)]);
        assert_eq!(order(&university), [T01, T02, T03, T10, Other(1)]);
        assert_eq!(number_label(&university, T10), "表4");
        // No family: the tables as the document prints them.
        let unknown = report(
            Family::Unknown,
            &[(Other(2), 40), (T05, 20), (Other(1), 30)],
        );
        assert_eq!(order(&unknown), [T05, Other(1), Other(2)]);
        assert_eq!(number_label(&unknown, T05), "");
        assert_eq!(order(&report(Family::Unit13, &[])).len(), 13);
        assert_eq!(number_label(&report(Family::Unit13, &[]), T11), "公开05表");
    }

    #[test]
    fn titles_and_numbers_of_absent_tables() {
        let shanghai = report(Family::Shanghai, &[]);
        assert_eq!(
            title(&shanghai, TableId::T08),
            "国有资本经营预算财政拨款收入支出决算表"
        );
        assert_eq!(number_label(&shanghai, TableId::T09), "");
        let central = report(Family::Central, &[]);
        assert_eq!(
            title(&central, TableId::T08),
            "国有资本经营预算财政拨款支出决算表"
        );
        assert_eq!(number_label(&central, TableId::T09), "公开09表");
    }
}
