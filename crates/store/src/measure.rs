//! Measures compared across departments: a few figures every report
//! discloses, stored per report at import (table `measures`) so that one
//! measure across the whole library is one indexed query.
//!
//! A measure names its cell by meaning — the row by what it is, the column
//! by its canonical key (`决算数/合计`) — never by 栏次: families print the
//! same column under different numbers (the Shanghai 三公 table alternates
//! 预算数 and 决算数, so its 决算数 合计 is C2 where the central one is C7).
//! The stored source is the cell's address as printed (`T09[R1,C2]`).

use juesuan_model::{FigureKind, Report, Row, RowKind, Table, TableId};
use serde::Serialize;

/// Which row of a table a measure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowRef {
    /// The table's single data row (公开09表).
    Data,
    /// The row with this label (the printed name without ordinal and spaces).
    Label(&'static str),
}

impl RowRef {
    fn find(self, table: &Table) -> Option<&Row> {
        match self {
            RowRef::Data => table.rows.iter().find(|r| r.kind == RowKind::Data),
            RowRef::Label(label) => table.row_by_label(label),
        }
    }
}

/// Where a measure is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A table cell: the table, its row and the column's canonical key.
    Cell(TableId, RowRef, &'static str),
    /// The first amount in the narrative whose subject contains this text.
    Narrative(&'static str),
}

/// Shown by meaning: `T09[数据行,决算数/合计]`, `说明文字：机关运行经费`.
impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Cell(id, RowRef::Data, key) => write!(f, "{id}[数据行,{key}]"),
            Source::Cell(id, RowRef::Label(label), key) => write!(f, "{id}[{label},{key}]"),
            Source::Narrative(subject) => write!(f, "说明文字：{subject}"),
        }
    }
}

/// A measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Stable key (URLs, API).
    pub key: &'static str,
    /// Chinese name.
    pub name: &'static str,
    /// Where it is read from.
    pub source: Source,
}

/// The measures, in display order.
pub const MEASURES: &[Measure] = &[
    Measure {
        key: "sangong",
        name: "“三公”经费支出决算",
        source: Source::Cell(TableId::T09, RowRef::Data, "决算数/合计"),
    },
    Measure {
        key: "sangong_budget",
        name: "“三公”经费支出预算",
        source: Source::Cell(TableId::T09, RowRef::Data, "预算数/合计"),
    },
    Measure {
        key: "abroad",
        name: "因公出国（境）费决算",
        source: Source::Cell(TableId::T09, RowRef::Data, "决算数/因公出国（境）费"),
    },
    Measure {
        key: "vehicles",
        name: "公务用车购置及运行维护费决算",
        source: Source::Cell(
            TableId::T09,
            RowRef::Data,
            "决算数/公务用车购置及运行维护费",
        ),
    },
    Measure {
        key: "reception",
        name: "公务接待费决算",
        source: Source::Cell(TableId::T09, RowRef::Data, "决算数/公务接待费"),
    },
    Measure {
        key: "jiguan",
        name: "机关运行经费支出",
        source: Source::Narrative("机关运行经费"),
    },
];

/// The measure with this key.
pub fn by_key(key: &str) -> Option<&'static Measure> {
    MEASURES.iter().find(|m| m.key == key)
}

/// One measure's value in one report, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureRecord {
    /// Measure key.
    pub measure: &'static str,
    /// Exact value, plain decimal.
    pub value: String,
    /// Where it was read: a cell address (`T09[R1,C7]`) or a narrative figure (`N11.1.p1#1`).
    pub source: String,
    /// Source line.
    pub line: Option<u32>,
}

/// The measures a report discloses (a blank cell discloses nothing).
pub fn of_report(report: &Report) -> Vec<MeasureRecord> {
    let mut out = Vec::new();
    for m in MEASURES {
        match m.source {
            Source::Cell(id, row, key) => {
                let Some(table) = report.table(id) else {
                    continue;
                };
                let (Some(row), Some(column)) = (row.find(table), table.column(key)) else {
                    continue;
                };
                let Some(cell) = row.cell(column.number) else {
                    continue;
                };
                if let Some(value) = cell.value {
                    out.push(MeasureRecord {
                        measure: m.key,
                        value: value.to_string(),
                        source: format!("{id}[{},C{}]", row.key, column.number),
                        line: Some(cell.span.line),
                    });
                }
            }
            Source::Narrative(subject) => {
                let fig = report
                    .figures
                    .iter()
                    .find(|f| f.kind == FigureKind::Amount && f.subject.contains(subject));
                if let Some(f) = fig {
                    out.push(MeasureRecord {
                        measure: m.key,
                        value: f.value.to_string(),
                        source: f.addr.clone(),
                        line: Some(f.span.line),
                    });
                }
            }
        }
    }
    out
}

/// One report's value of a measure (the row of a comparison across departments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureRow {
    /// Report id.
    pub report_id: String,
    /// Department key.
    pub dept_key: String,
    /// Department as printed.
    pub department: String,
    /// Fiscal year.
    pub year: Option<u32>,
    /// Exact value (`None`: not disclosed or not found).
    pub value: Option<String>,
    /// Where it was read.
    pub source: Option<String>,
    /// Source line.
    pub line: Option<u32>,
}

/// A measure across the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureComparison {
    /// Measure key.
    pub key: String,
    /// Chinese name.
    pub name: String,
    /// Only this year's reports, if given.
    pub year: Option<u32>,
    /// One row per report of this page, in the order asked for.
    pub rows: Vec<MeasureRow>,
    /// Reports compared in all (of `year`, if given).
    pub total: u64,
    /// Reports before this page.
    pub offset: u64,
}

/// How a measure across the library is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Department, then year (the default).
    #[default]
    Department,
    /// Year, then department.
    Year,
    /// Value (reports without the measure last), then report id.
    Value,
}

impl SortKey {
    /// From the `sort` query value; unknown values sort by department.
    pub fn parse(s: Option<&str>) -> SortKey {
        match s {
            Some("year") => SortKey::Year,
            Some("value") => SortKey::Value,
            _ => SortKey::Department,
        }
    }

    /// The key used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Department => "department",
            SortKey::Year => "year",
            SortKey::Value => "value",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_model::{Cell, Column, Decimal, Span};

    fn measures(report: &Report) -> Vec<(&'static str, String, String)> {
        of_report(report)
            .into_iter()
            .map(|m| (m.measure, m.value, m.source))
            .collect()
    }

    /// 普陀区财政局 2024, page 18 (公开07表 in the Shanghai order): the only
    /// printed amounts are 合计 预算数 0.95 and 公务接待费 预算数 0.95, every
    /// 决算数 is blank; page 22 says "机关运行经费支出184.65万元".
    #[test]
    fn shanghai_finance_bureau_measures_are_the_printed_cells() {
        if !juesuan_testkit::tool("pdftotext") {
            return;
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
        let report = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report.profile, juesuan_model::Family::Shanghai);
        let got = measures(&report);
        let cell = |key: &str| got.iter().find(|m| m.0 == key).map(|m| m.1.as_str());
        assert_eq!(cell("sangong_budget"), Some("0.95"));
        // Blank 决算数 cells disclose nothing.
        for key in ["sangong", "abroad", "vehicles", "reception"] {
            assert_eq!(cell(key), None, "{key}");
        }
        assert_eq!(cell("jiguan"), Some("184.65"));
        // Shown by the address of the cell read: C1 is 合计 预算数 in either order.
        assert!(got.contains(&("sangong_budget", "0.95".into(), "T09[R1,C1]".into())));
    }

    /// A 三公 table printed in the Shanghai order (预算数 and 决算数
    /// alternating under each item): each measure takes its own column.
    #[test]
    fn interleaved_sangong_columns_are_found_by_key() {
        let printed = [
            "预算数/合计",
            "决算数/合计",
            "预算数/因公出国（境）费",
            "决算数/因公出国（境）费",
            "预算数/公务用车购置及运行维护费",
            "决算数/公务用车购置及运行维护费",
            "预算数/公务用车购置费",
            "决算数/公务用车购置费",
            "预算数/公务用车运行维护费",
            "决算数/公务用车运行维护费",
            "预算数/公务接待费",
            "决算数/公务接待费",
        ];
        // 合计 budget 30.00, spent 21.50 = 出国 4.00 + 用车 15.00 + 接待 2.50.
        let values = [
            "30.00", "21.50", "5.00", "4.00", "20.00", "15.00", "0.00", "0.00", "20.00", "15.00",
            "5.00", "2.50",
        ];
        let mut t = Table::new(
            TableId::T09,
            "财政拨款“三公”经费支出决算表",
            Span::default(),
        );
        for (i, key) in printed.iter().enumerate() {
            t.columns.push(Column {
                number: i as u32 + 1,
                name: key.to_string(),
                key: key.to_string(),
                side: None,
                of_which: None,
            });
        }
        t.rows.push(Row {
            key: "R1".into(),
            name: String::new(),
            label: String::new(),
            kind: RowKind::Data,
            code: None,
            line_no: None,
            side: None,
            of_which: None,
            doubt: None,
            span: Span::default(),
            cells: values
                .iter()
                .enumerate()
                .map(|(i, v)| Cell {
                    column: i as u32 + 1,
                    value: Some(v.parse::<Decimal>().unwrap()),
                    raw: v.to_string(),
                    span: Span::default(),
                    doubt: None,
                })
                .collect(),
        });
        let mut report = Report::default();
        report.tables.insert(TableId::T09, t);
        let got = measures(&report);
        let want = [
            ("sangong", "21.50", "T09[R1,C2]"),
            ("sangong_budget", "30.00", "T09[R1,C1]"),
            ("abroad", "4.00", "T09[R1,C4]"),
            ("vehicles", "15.00", "T09[R1,C6]"),
            ("reception", "2.50", "T09[R1,C12]"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(k, v, s)| (*k, v.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want);
    }
}
