//! Checks that are not formulas: small functions listed in one slice, each
//! with an id, a severity and a message, counted in coverage like rules.

mod code_names;
mod completeness;
mod funds;
mod narrative;
mod negative;
mod notes;
pub mod ocr;
mod performance;
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
    Check {
        id: "narrative.direction",
        severity: Severity::Error,
        message: "“决算数大于／小于／持平预算数”的表述应与金额相符",
        run: narrative::direction,
    },
    Check {
        id: "narrative.zero_budget",
        severity: Severity::Error,
        message: "预算数为零时不应计算完成预算的百分比",
        run: narrative::zero_budget,
    },
    Check {
        id: "narrative.item_codes",
        severity: Severity::Error,
        message: "情况说明五（三）各项所列“类、款、项”科目名称应与科目代码相符",
        run: narrative::item_codes,
    },
    Check {
        id: "narrative.wording",
        severity: Severity::Warning,
        message: "增减表述有误",
        run: narrative::wording,
    },
    Check {
        id: "performance.paragraphs",
        severity: Severity::Error,
        message: "绩效自评结果段落应与项目支出绩效自评表一致",
        run: performance::paragraphs,
    },
    Check {
        id: "performance.deviation_reason",
        severity: Severity::Warning,
        message: "未完成年度指标值的绩效指标应说明偏差原因",
        run: performance::deviations,
    },
    Check {
        id: "narrative.sections",
        severity: Severity::Error,
        message: "情况说明应包含规定的各部分",
        run: completeness::sections,
    },
    Check {
        id: "narrative.sangong_details",
        severity: Severity::Warning,
        message: "“三公”经费情况说明应列明团组数、人次、车辆购置数和保有量、接待批次和人次",
        run: completeness::sangong_details,
    },
    Check {
        id: "glossary.present",
        severity: Severity::Warning,
        message: "决算公开应包含名词解释",
        run: completeness::glossary,
    },
    Check {
        id: "text.placeholders",
        severity: Severity::Error,
        message: "公开文本不应留有模板占位文字",
        run: completeness::placeholders,
    },
    Check {
        id: "text.punctuation",
        severity: Severity::Warning,
        message: "标点使用有误",
        run: completeness::punctuation,
    },
    Check {
        id: "text.heading_year",
        severity: Severity::Error,
        message: "标题中的年度应为报告年度",
        run: completeness::heading_years,
    },
    Check {
        id: "ocr.review",
        severity: Severity::Warning,
        message: "请核对识别结果",
        run: ocr::run,
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
