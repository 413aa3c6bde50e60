//! Measures compared across departments: a few figures every report
//! discloses, stored per report at import (table `measures`) so that one
//! measure across the whole library is one indexed query.

use juesuan_model::{FigureKind, Report, TableId};
use serde::Serialize;

/// Where a measure is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A table cell: table, row key, 栏次.
    Cell(TableId, &'static str, u32),
    /// The first amount in the narrative whose subject contains this text.
    Narrative(&'static str),
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
        source: Source::Cell(TableId::T09, "R1", 7),
    },
    Measure {
        key: "sangong_budget",
        name: "“三公”经费支出预算",
        source: Source::Cell(TableId::T09, "R1", 1),
    },
    Measure {
        key: "abroad",
        name: "因公出国（境）费决算",
        source: Source::Cell(TableId::T09, "R1", 8),
    },
    Measure {
        key: "vehicles",
        name: "公务用车购置及运行维护费决算",
        source: Source::Cell(TableId::T09, "R1", 9),
    },
    Measure {
        key: "reception",
        name: "公务接待费决算",
        source: Source::Cell(TableId::T09, "R1", 12),
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

/// The measures a report discloses.
pub fn of_report(report: &Report) -> Vec<MeasureRecord> {
    let mut out = Vec::new();
    for m in MEASURES {
        match m.source {
            Source::Cell(table, row, col) => {
                let cell = report
                    .table(table)
                    .and_then(|t| t.rows.iter().find(|r| r.key == row))
                    .and_then(|r| r.cell(col));
                if let Some((cell, value)) = cell.and_then(|c| c.value.map(|v| (c, v))) {
                    out.push(MeasureRecord {
                        measure: m.key,
                        value: value.to_string(),
                        source: format!("{}[{row},C{col}]", table.as_str()),
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
    /// One row per report, by department then year.
    pub rows: Vec<MeasureRow>,
}
