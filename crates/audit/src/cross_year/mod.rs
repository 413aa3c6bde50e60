//! Cross-year audit: a report against the same department's report of the
//! year before. The identities are rulebook lines (`rulebook/cross_year.rules`,
//! read with `last(…)`); the classification comparison is a check
//! ([`classification`]). Every finding names both reports and points at
//! the cells of both (last year's cells carry `@<year>` after their address).

mod classification;

use crate::eval::{run_rule_with_prior, NarrIndex, PriorRef};
use crate::finding::Finding;
use crate::lang::{parse_book, Rule, Severity};
use crate::RuleOutcome;
use juesuan_model::Report;
use std::sync::OnceLock;

/// The cross-year rulebook shipped in the binary.
const RULES: &str = include_str!("../rulebook/cross_year.rules");

/// Id of the check comparing 科目名称 across the two years.
pub const CLASSIFICATION: &str = "Y.classification";

/// Id of the finding that the two reports are not consecutive years.
pub const PAIR: &str = "Y.pair";

/// The cross-year rules (parsed once; the built-in text always parses, a
/// test holds it to that).
pub fn rules() -> &'static [Rule] {
    static BOOK: OnceLock<Vec<Rule>> = OnceLock::new();
    BOOK.get_or_init(|| {
        parse_book("builtin:cross_year.rules", RULES)
            .map(|b| b.rules)
            .unwrap_or_default()
    })
}

/// The cross-year rulebook's `name@version`.
pub fn version() -> String {
    parse_book("builtin:cross_year.rules", RULES)
        .ok()
        .and_then(|b| b.header)
        .map_or_else(String::new, |(n, v)| format!("{n}@{v}"))
}

/// The cross-year rules and checks, as `juesuan rules` lists them.
pub fn catalogue() -> Vec<crate::RuleInfo> {
    let mut out: Vec<crate::RuleInfo> = Vec::new();
    for r in rules() {
        // A rule written over several lines is listed once, with its first line.
        if out.iter().any(|o| o.id == r.id) {
            continue;
        }
        out.push(crate::RuleInfo {
            id: r.id.clone(),
            severity: r.severity,
            message: r.message.clone(),
            doc: r.doc.clone(),
            origin: format!("{}:{}", r.origin.0, r.origin.1),
        });
    }
    out.push(crate::RuleInfo {
        id: CLASSIFICATION.to_string(),
        severity: Severity::Info,
        message: "同一科目代码两年名称不同（政府收支分类科目调整），仅供参考".to_string(),
        doc: "两年报告的表中都列出的科目代码，名称（去掉空格、引号后）不同且互不为前缀时报一条提示：政府收支分类科目逐年调整，比较两年数据时请注意口径。".to_string(),
        origin: "check".to_string(),
    });
    out.push(crate::RuleInfo {
        id: PAIR.to_string(),
        severity: Severity::Warning,
        message: "上年报告的年度应为本报告的上一年度".to_string(),
        doc: "给出的上年报告不是本报告年度的上一年度时，不作跨年度核对，报一条警告。".to_string(),
        origin: "check".to_string(),
    });
    out
}

/// Whether `prior` is the report of the year before `current` (both years known).
pub fn consecutive(current: &Report, prior: &Report) -> bool {
    matches!((current.meta.year, prior.meta.year), (Some(y), Some(p)) if p + 1 == y)
}

/// Audits `current` against `prior`, last year's report of the same
/// department: the `Y.*` findings.
pub fn audit_pair(current: &Report, prior: &Report) -> Vec<Finding> {
    audit_pair_outcomes(current, prior).1
}

/// [`audit_pair`] with each rule's outcome (ran, not applicable, lacking data).
pub fn audit_pair_outcomes(current: &Report, prior: &Report) -> (Vec<RuleOutcome>, Vec<Finding>) {
    let mut outcomes = Vec::new();
    let mut findings = Vec::new();
    let tag = both_reports(current, prior);
    if !consecutive(current, prior) {
        let year = |r: &Report| {
            r.meta
                .year
                .map_or_else(|| "未知".to_string(), |y| y.to_string())
        };
        findings.push(Finding::note(
            PAIR,
            Severity::Warning,
            format!(
                "上年报告的年度（{}）不是本报告年度（{}）的上一年度，未作跨年度核对{tag}",
                year(prior),
                year(current)
            ),
            Vec::new(),
        ));
        return (outcomes, findings);
    }
    let nidx = NarrIndex::new(current);
    let pidx = NarrIndex::new(prior);
    let prior_ref = PriorRef {
        report: prior,
        nidx: &pidx,
    };
    for rule in rules() {
        if !rule.scope.includes(current.profile) {
            continue;
        }
        let (outcome, mut f) = run_rule_with_prior(current, &nidx, Some(prior_ref), rule);
        merge(&mut outcomes, outcome);
        findings.append(&mut f);
    }
    let (outcome, mut f) = classification::run(current, prior);
    merge(&mut outcomes, outcome);
    findings.append(&mut f);
    for f in &mut findings {
        f.message.push_str(&tag);
    }
    (outcomes, findings)
}

/// One outcome per rule id: the lines of a rule written over several
/// lines (`Y.carry_forward` for 公开01表 and 公开04表) count together.
fn merge(outcomes: &mut Vec<RuleOutcome>, o: RuleOutcome) {
    use crate::Status;
    match outcomes.iter_mut().find(|x| x.rule == o.rule) {
        Some(x) => {
            x.instances += o.instances;
            if o.status == Status::Ran
                || x.status != Status::Ran && o.status == Status::InsufficientData
            {
                x.status = o.status;
                x.reason = o.reason;
            }
        }
        None => outcomes.push(o),
    }
}

/// "（本年报告：a.pdf，2024 年度；上年报告：b.pdf，2023 年度）".
fn both_reports(current: &Report, prior: &Report) -> String {
    let one = |r: &Report| match r.meta.year {
        Some(y) => format!("{}，{y} 年度", r.source),
        None => r.source.clone(),
    };
    format!("（本年报告：{}；上年报告：{}）", one(current), one(prior))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_cross_year_rules_parse() {
        let book = parse_book("builtin:cross_year.rules", RULES).unwrap();
        let ids: Vec<&str> = book.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Y.carry_forward",
                "Y.carry_forward",
                "Y.carry_forward",
                "Y.prior_stated"
            ]
        );
        assert_eq!(version(), "cross_year@2024.1");
    }
}
