//! Checks that are not formulas: small functions listed in one slice, each
//! with an id, a severity and a message, counted in coverage like rules.

mod code_names;
mod funds;
mod negative;
mod notes;
mod presence;
mod units;

use crate::coverage::Status;
use crate::finding::{CellRef, Finding};
use crate::lang::Severity;
use juesuan_model::{Report, Row, TableId};

/// What a check produced.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// Whether it ran.
    pub status: Status,
    /// Its findings.
    pub findings: Vec<Finding>,
    /// For a check that did not run: why (Chinese).
    pub reason: Option<String>,
}

impl CheckResult {
    /// A check that ran.
    pub fn ran(findings: Vec<Finding>) -> CheckResult {
        CheckResult {
            status: Status::Ran,
            findings,
            reason: None,
        }
    }

    /// A check that could not run.
    pub fn skipped(status: Status, reason: String) -> CheckResult {
        CheckResult {
            status,
            findings: Vec::new(),
            reason: Some(reason),
        }
    }
}

/// One check.
pub struct Check {
    /// Unique id (shares the namespace of rule ids).
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it verifies (Chinese, used as the message head).
    pub message: &'static str,
    /// The check.
    pub run: fn(&Report, &Check) -> CheckResult,
}

/// Every check, in the order they run.
pub const CHECKS: &[Check] = &[
    Check {
        id: "tables.present",
        severity: Severity::Error,
        message: "九张决算公开表应全部公开",
        run: presence::run,
    },
    Check {
        id: "tables.unit",
        severity: Severity::Warning,
        message: "各表金额单位应一致",
        run: units::run,
    },
    Check {
        id: "tables.empty_note",
        severity: Severity::Error,
        message: "空表应附“没有…/本表无数据”的说明，有数据的表不应附此说明",
        run: notes::run,
    },
    Check {
        id: "funds.empty_iff",
        severity: Severity::Error,
        message: "公开04表政府性基金、国有资本经营预算栏为空，当且仅当公开07、08表为空",
        run: funds::run,
    },
    Check {
        id: "amounts.negative",
        severity: Severity::Warning,
        message: "金额为负数，请核实",
        run: negative::run,
    },
    Check {
        id: "names.functional",
        severity: Severity::Error,
        message: "科目名称应与 2024 年支出功能分类科目代码一致",
        run: code_names::functional,
    },
    Check {
        id: "names.economic",
        severity: Severity::Error,
        message: "科目名称应与 2024 年部门预算支出经济分类科目代码一致",
        run: code_names::economic,
    },
    Check {
        id: "names.across_tables",
        severity: Severity::Error,
        message: "同一科目代码在各表中的名称应相同",
        run: code_names::across_tables,
    },
];

/// The address of a row's name (`T05[2080199]`) with the name's span.
pub(crate) fn row_ref(t: TableId, row: &Row) -> CellRef {
    CellRef {
        addr: format!("{t}[{}]", row.key),
        printed: Some(row.name.clone()),
        span: Some(row.span.clone()),
    }
}
