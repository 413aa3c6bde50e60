//! The interface of the checks that are not formulas: what a check is, what
//! it may read ([`CheckCtx`]) and what it returns.

use crate::checks::document_text::{DocLine, OutsideText};
use crate::coverage::{RuleOutcome, Status};
use crate::eval::{self, NarrIndex};
use crate::finding::{CellRef, Finding};
use crate::lang::{Rule, Severity};
use crate::reading::ocr::{self, Suggestion};
use juesuan_model::{Family, Report, Row, TableId};
use std::cell::{Cell, OnceCell};

/// What a check produced.
#[derive(Debug, Clone)]
pub(crate) struct CheckResult {
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

/// One check: listed in the registry beside the rules, sharing their ids.
#[derive(Debug)]
pub(crate) struct Check {
    /// Unique id (shares the namespace of rule ids).
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it verifies (Chinese, used as the message head).
    pub message: &'static str,
    /// How it verifies it (Chinese): the explanation `juesuan rules ID`,
    /// SARIF `fullDescription` and the finding panel show, like a rule's
    /// `##` lines.
    pub doc: &'static str,
    /// The template families it applies to (empty: every family).
    pub families: &'static [Family],
    /// The check.
    pub run: fn(&CheckCtx<'_>, &Check) -> CheckResult,
}

impl Check {
    /// Whether the check applies to a report of family `f`.
    pub fn applies_to(&self, f: Family) -> bool {
        self.families.is_empty() || self.families.contains(&f)
    }
}

/// Everything a check may read, built once per audit: the report, the
/// rules of the rulebook given to the audit that apply to the report, the
/// narrative index and the findings of those rules.
pub(crate) struct CheckCtx<'a> {
    /// The report audited.
    pub report: &'a Report,
    /// The rules of the rulebook passed to the audit that apply to the
    /// report's family, in rulebook order.
    pub rules: &'a [&'a Rule],
    /// The narrative prepared for lookups.
    pub narrative: &'a NarrIndex,
    /// The findings of `rules` on the report, before any review.
    pub rule_findings: &'a [Finding],
    /// Plausible OCR corrections, searched on first use.
    suggestions: OnceCell<Vec<Suggestion>>,
    /// The document's lines outside the narrative, found on first use and
    /// shared by the checks that read the whole text.
    outside: OnceCell<OutsideText<'a>>,
    /// Rule evaluations made for the checks (on trial corrections).
    runs: Cell<usize>,
}

impl<'a> CheckCtx<'a> {
    /// The context of one audit.
    pub fn new(
        report: &'a Report,
        rules: &'a [&'a Rule],
        narrative: &'a NarrIndex,
        rule_findings: &'a [Finding],
    ) -> CheckCtx<'a> {
        CheckCtx {
            report,
            rules,
            narrative,
            rule_findings,
            suggestions: OnceCell::new(),
            outside: OnceCell::new(),
            runs: Cell::new(0),
        }
    }

    /// The plausible corrections of machine-read cells involved in failing
    /// rules: searched once, shared by the `ocr.review` check and the review
    /// of the findings.
    pub fn suggestions(&self) -> &[Suggestion] {
        self.suggestions.get_or_init(|| ocr::suggestions(self))
    }

    /// The lines outside the narrative (cover, contents, headings, tables,
    /// 自评表, glossary), in document order.
    pub fn outside_narrative(&self) -> &[DocLine<'a>] {
        self.outside_text().lines()
    }

    /// The lines outside the narrative as one searchable text.
    pub fn outside_text(&self) -> &OutsideText<'a> {
        self.outside.get_or_init(|| {
            OutsideText::new(crate::checks::document_text::outside_narrative(self.report))
        })
    }

    /// Evaluates `rule` on `report` (the audited report or a trial copy of
    /// it with one cell changed), counting the evaluation.
    pub fn run_rule(&self, report: &Report, rule: &Rule) -> (RuleOutcome, Vec<Finding>) {
        self.runs.set(self.runs.get() + 1);
        eval::run_rule_indexed(report, self.narrative, rule)
    }

    /// Ends the checks: the OCR suggestions (searched now if no check
    /// asked for them) for the review of the findings, and how many rule
    /// evaluations the checks made.
    pub fn finish(self) -> (Vec<Suggestion>, usize) {
        self.suggestions();
        let runs = self.runs.get();
        (self.suggestions.into_inner().unwrap_or_default(), runs)
    }
}

/// The address of a row's name (`T05[2080199]`) with the name's span.
pub(crate) fn row_ref(t: TableId, row: &Row) -> CellRef {
    CellRef {
        addr: format!("{t}[{}]", row.key),
        printed: Some(row.name.clone()),
        span: Some(row.span.clone()),
    }
}

/// A check of the 项目支出绩效自评表 on a report that has none.
pub(crate) fn without_performance() -> CheckResult {
    CheckResult::skipped(
        Status::InsufficientData,
        "报告中没有项目支出绩效自评表".into(),
    )
}

/// A check that needs one of `tables` on a report that has none of them:
/// not applicable when the report's family publishes none of them (a
/// 高等学校 report has no 公开07–09表), lacking data otherwise (`reason`).
pub(crate) fn without(report: &Report, tables: &[TableId], reason: String) -> CheckResult {
    let profile = report.profile.profile();
    if tables.iter().any(|t| profile.has(*t)) {
        return CheckResult::skipped(Status::InsufficientData, reason);
    }
    let names: Vec<String> = tables
        .iter()
        .map(|t| format!("{}（{t}）", t.title()))
        .collect();
    CheckResult::skipped(
        Status::NotApplicable,
        format!("本报告的模板（{}）不含{}", profile.name, names.join("、")),
    )
}

/// Why a rule or check does not apply to a report of family `f`.
pub(crate) fn out_of_scope(f: Family) -> String {
    format!("本报告的模板（{}）不含此项", f.profile().name)
}
