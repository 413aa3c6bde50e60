/*!
The juesuan audit engine: a declarative rulebook of 审核公式 evaluated
exactly over the [`juesuan_model::Report`], plus a few checks that are not
formulas, under the rounding policy of domain.md §4.

The [`Rulebook`] is the registry of everything an audit runs: the rules of
the built-in and users' rulebook files (each scoped to the template
families it applies to) and the built-in checks, all under unique ids.
[`audit`] returns [`Audit`] (findings and coverage) and never prints; the
[`report`] module turns findings into compiler-style text or JSON.

A failing identity that has the shape of a misreading (a machine-read cell
with a plausible correction, a cell the reader doubts, an amount the reader
left on a line, a name cut by a wrap) is reported as a `疑似识读问题`
warning, never as the document's error.

```
use juesuan_audit::{audit, Rulebook};
let book = Rulebook::builtin().unwrap();
let report = juesuan_model::Report::default();
let result = audit(&report, &book);
// Nothing can run on an empty report, and nothing is counted as passed.
assert_eq!(result.coverage.ran + result.coverage.not_applicable
           + result.coverage.insufficient_data, result.coverage.rules_total);
```
*/
#![deny(missing_docs)]

mod check;
pub mod checks;
pub mod coverage;
pub mod cross_year;
pub(crate) mod eval;
pub mod finding;
pub(crate) mod lang;
pub mod reading;
pub(crate) mod reference;
mod registry;
pub mod report;
pub mod score;
pub(crate) mod tolerance;

pub use coverage::{Coverage, RuleOutcome, Status};
pub use finding::{CellRef, Finding, ReadingDoubt, ReadingShape, SourceLine};
pub use lang::{ParseError, Rule, Scope, Severity};
pub use registry::{RuleInfo, Rulebook, RulebookError};

use check::CheckCtx;
use eval::NarrIndex;
use juesuan_model::Report;
use std::time::{Duration, Instant};

/// The result of auditing one report.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Every finding, rules first (in rulebook order), then checks.
    pub findings: Vec<Finding>,
    /// Per rule and check: ran, not applicable, or lacking data.
    pub outcomes: Vec<RuleOutcome>,
    /// The counts of `outcomes`, and of the findings that are reading doubts.
    pub coverage: Coverage,
}

impl Audit {
    /// Whether any finding has severity error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Audits a report with the rules and checks of a rulebook.
pub fn audit(report: &Report, book: &Rulebook) -> Audit {
    run(report, book, None).0
}

/// [`audit`], with the time each rule and check took (for profiling: the
/// `rule_times` example).
pub fn audit_timed(report: &Report, book: &Rulebook) -> (Audit, Vec<(String, Duration)>) {
    let mut times = Vec::with_capacity(book.rules.len() + book.checks().len());
    let (audit, _) = run(
        report,
        book,
        Some(&mut |id: &str, start: Instant| times.push((id.to_string(), start.elapsed()))),
    );
    (audit, times)
}

/// Told each rule's and check's id and start time.
type Timer<'t> = Option<&'t mut dyn FnMut(&str, Instant)>;

/// The audit; `timed`, when given, is told each rule's and check's id and
/// start time. Also returns how many rule evaluations were made (each rule
/// once, plus trial corrections of machine-read cells).
fn run(report: &Report, book: &Rulebook, mut timed: Timer<'_>) -> (Audit, usize) {
    let now = |timed: &Timer<'_>| timed.as_ref().map(|_| Instant::now());
    let family = report.profile;
    let checks = book.checks();
    let mut findings = Vec::new();
    let mut outcomes = Vec::with_capacity(book.rules.len() + checks.len());
    let narrative = NarrIndex::new(report);
    let mut rules = Vec::with_capacity(book.rules.len());
    for rule in &book.rules {
        if !rule.scope.includes(family) {
            outcomes.push(out_of_scope(&rule.id, family));
            continue;
        }
        if book.setting(&rule.id) == Some(None) {
            outcomes.push(turned_off(&rule.id));
            continue;
        }
        let start = now(&timed);
        let (outcome, mut f) = eval::run_rule_indexed(report, &narrative, rule);
        if let (Some(t), Some(start)) = (timed.as_mut(), start) {
            t(&rule.id, start);
        }
        outcomes.push(outcome);
        findings.append(&mut f);
        rules.push(rule);
    }
    let ctx = CheckCtx::new(report, &rules, &narrative, &findings);
    let mut check_findings = Vec::new();
    for c in checks {
        if !c.applies_to(family) {
            outcomes.push(out_of_scope(c.id, family));
            continue;
        }
        if book.setting(c.id) == Some(None) {
            outcomes.push(turned_off(c.id));
            continue;
        }
        let start = now(&timed);
        let result = (c.run)(&ctx, c);
        if let (Some(t), Some(start)) = (timed.as_mut(), start) {
            t(c.id, start);
        }
        outcomes.push(RuleOutcome {
            rule: c.id.to_string(),
            status: result.status,
            instances: usize::from(result.status == Status::Ran),
            reason: result.reason,
        });
        check_findings.extend(result.findings);
    }
    let (suggestions, trial_runs) = ctx.finish();
    findings.append(&mut check_findings);
    let doubts = reading::review(report, &suggestions, &mut findings);
    regrade(book, &mut findings);
    let mut coverage = Coverage::of(&outcomes);
    coverage.reading_doubts = doubts;
    coverage.chosen_readings = reading::recorded(report).len();
    let runs = rules.len() + trial_runs;
    (
        Audit {
            findings,
            outcomes,
            coverage,
        },
        runs,
    )
}

/// Gives the failures of re-graded rules their new severity; what is
/// within rounding stays 提示 and a reading artefact stays 疑似识读问题.
fn regrade(book: &Rulebook, findings: &mut [Finding]) {
    for f in findings.iter_mut() {
        let artefact = f.reading.as_ref().is_some_and(|r| r.shape.is_artefact());
        if let Some(Some(s)) = book.setting(&f.rule) {
            if f.severity > Severity::Info && !artefact {
                f.severity = s;
            }
        }
    }
}

fn turned_off(id: &str) -> RuleOutcome {
    RuleOutcome {
        rule: id.to_string(),
        status: Status::NotApplicable,
        instances: 0,
        reason: Some("已按配置停用".to_string()),
    }
}

fn out_of_scope(id: &str, family: juesuan_model::Family) -> RuleOutcome {
    RuleOutcome {
        rule: id.to_string(),
        status: Status::NotApplicable,
        instances: 0,
        reason: Some(check::out_of_scope(family)),
    }
}

#[cfg(test)]
mod tests;
