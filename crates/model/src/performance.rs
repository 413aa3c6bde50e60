//! 项目支出绩效自评表: one per project.

use crate::span::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A comparator of a 年度指标值 ("≥440人").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Comparator {
    /// ≥ (also `>=`, `\geq`, 不少于, 不低于)
    #[serde(rename = "≥")]
    Ge,
    /// ≤ (also `<=`, `\leq`, 不超过, 不高于)
    #[serde(rename = "≤")]
    Le,
    /// =
    #[serde(rename = "=")]
    Eq,
    /// >
    #[serde(rename = ">")]
    Gt,
    /// <
    #[serde(rename = "<")]
    Lt,
}

impl Comparator {
    /// Whether `actual` satisfies `self target`.
    pub fn holds(self, actual: Decimal, target: Decimal) -> bool {
        match self {
            Comparator::Ge => actual >= target,
            Comparator::Le => actual <= target,
            Comparator::Eq => actual == target,
            Comparator::Gt => actual > target,
            Comparator::Lt => actual < target,
        }
    }

    /// The symbol as printed in findings.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Ge => "≥",
            Comparator::Le => "≤",
            Comparator::Eq => "=",
            Comparator::Gt => ">",
            Comparator::Lt => "<",
        }
    }
}

/// A measured value: the printed text and, when it is a number, the number and its unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// The printed text, cleaned of converter artefacts (`\geq` → `≥`).
    pub raw: String,
    /// The comparator, for targets ("≥440人" → `Ge`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comparator: Option<Comparator>,
    /// The number, when the text carries one.
    #[serde(
        with = "crate::report::opt_decimal_str",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub value: Option<Decimal>,
    /// The unit after the number ("人", "万人次", "%").
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub unit: String,
}

impl Measure {
    /// The value in 万元 when the unit is money (元, 万元 or 万, 亿元 or
    /// 亿, 千元); `None` for any other unit.
    pub fn in_wan_yuan(&self) -> Option<Decimal> {
        let v = self.value?;
        let scale = match self.unit.trim() {
            "万元" | "万" => Decimal::ONE,
            "元" => Decimal::new(1, 4),
            "千元" => Decimal::new(1, 1),
            "亿元" | "亿" => Decimal::from(10_000),
            _ => return None,
        };
        v.checked_mul(scale)
    }
}

/// One performance indicator row (三级指标).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标 (产出指标, 效益指标, 满意度指标, 成本指标), carried down merged cells.
    pub level1: String,
    /// 二级指标 (数量指标, 质量指标, …), carried down merged cells.
    pub level2: String,
    /// 三级指标: the indicator's name.
    pub level3: String,
    /// 年度指标值.
    pub target: Measure,
    /// 实际完成值.
    pub actual: Measure,
    /// 偏差原因分析及改进措施 (empty when none given).
    pub deviation_reason: String,
    /// Source line.
    pub line: u32,
}

/// One funding row (年度资金总额, 当年财政拨款, 上年结转资金, 其他资金).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRow {
    /// The row's printed name.
    pub row: String,
    /// 年初预算数.
    #[serde(with = "crate::report::opt_decimal_str")]
    pub initial_budget: Option<Decimal>,
    /// 全年预算数.
    #[serde(with = "crate::report::opt_decimal_str")]
    pub full_year_budget: Option<Decimal>,
    /// 全年执行数.
    #[serde(with = "crate::report::opt_decimal_str")]
    pub executed: Option<Decimal>,
    /// 执行率 (%).
    #[serde(with = "crate::report::opt_decimal_str")]
    pub rate: Option<Decimal>,
    /// Where each of the four values was read (same order as the fields).
    pub spans: Vec<Span>,
    /// Source line.
    pub line: u32,
}

impl FundRow {
    /// The value of a column by its key: `initial_budget`, `full_year_budget`, `executed`, `rate`.
    pub fn get(&self, key: &str) -> Option<Decimal> {
        match key {
            "initial_budget" => self.initial_budget,
            "full_year_budget" => self.full_year_budget,
            "executed" => self.executed,
            "rate" => self.rate,
            _ => None,
        }
    }

    /// The four column keys in printed order.
    pub const KEYS: [&'static str; 4] = ["initial_budget", "full_year_budget", "executed", "rate"];
}

/// One 项目支出绩效自评表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Performance {
    /// 1-based position in document order (`P<k>` in addresses).
    pub index: u32,
    /// 项目名称.
    pub name: String,
    /// 主管部门.
    pub department: String,
    /// 实施单位.
    pub implementer: String,
    /// The four funding rows.
    pub funds: Vec<FundRow>,
    /// 年度总体目标 — 预期目标, without markup.
    pub goal_expected: String,
    /// 年度总体目标 — 实际完成情况, without markup.
    pub goal_actual: String,
    /// The indicator rows.
    pub indicators: Vec<Indicator>,
    /// 总分.
    #[serde(with = "crate::report::opt_decimal_str")]
    pub score: Option<Decimal>,
    /// Line of the score.
    pub score_line: u32,
    /// First and last source line of the table (within their pages for
    /// paged documents).
    pub lines: (u32, u32),
    /// The page of the table's first line, for paged documents.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// Repairs the reader made to converter damage (e.g. a name recovered from the title row).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub repairs: Vec<String>,
}

impl Performance {
    /// The page of an indicator's line, for paged documents: lines are
    /// numbered within pages, so a line number below the table's first line
    /// is on the page after it.
    pub fn page_of_line(&self, line: u32) -> Option<u32> {
        self.page
            .map(|p| if line < self.lines.0 { p + 1 } else { p })
    }

    /// The funding row whose name is `row` (年度资金总额 …).
    pub fn fund(&self, row: &str) -> Option<&FundRow> {
        self.funds.iter().find(|f| f.row == row)
    }
}
