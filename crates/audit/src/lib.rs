/*!
The juesuan audit engine: a declarative rulebook of 审核公式 evaluated
exactly over the [`juesuan_model::Report`], plus a few checks that are not
formulas, under the rounding policy of domain.md §4.

The engine returns [`Audit`] (findings and coverage) and never prints; the
[`render`] module turns findings into compiler-style text or JSON.

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

pub mod checks;
pub mod coverage;
pub mod eval;
pub mod finding;
pub mod lang;
pub mod reference;
pub mod render;
pub mod rulebook;
pub mod tolerance;

pub use coverage::{Coverage, RuleOutcome, Status};
pub use finding::{CellRef, Finding};
pub use lang::{ParseError, Rule, Severity};
pub use rulebook::{Rulebook, RulebookError};

use juesuan_model::Report;

/// The result of auditing one report.
#[derive(Debug, Clone)]
pub struct Audit {
    /// Every finding, rules first (in rulebook order), then checks.
    pub findings: Vec<Finding>,
    /// Per rule and check: ran, not applicable, or lacking data.
    pub outcomes: Vec<RuleOutcome>,
    /// The counts of `outcomes`.
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

/// Audits a report with a rulebook and the built-in checks.
pub fn audit(report: &Report, book: &Rulebook) -> Audit {
    let mut findings = Vec::new();
    let mut outcomes = Vec::with_capacity(book.rules.len() + checks::CHECKS.len());
    let nidx = std::rc::Rc::new(eval::NarrIndex::new(report));
    for rule in &book.rules {
        let (outcome, mut f) = eval::run_rule_indexed(report, &nidx, rule);
        outcomes.push(outcome);
        findings.append(&mut f);
    }
    eval::NarrIndex::scoped(report, nidx, || {
        for check in checks::CHECKS {
            let result = (check.run)(report, check);
            outcomes.push(RuleOutcome {
                rule: check.id.to_string(),
                status: result.status,
                instances: usize::from(result.status == Status::Ran),
                reason: result.reason,
            });
            findings.extend(result.findings);
        }
    });
    // A failure that a plausible OCR misreading explains is a warning to
    // check the reading, not an error of the report.
    checks::ocr::review(report, &mut findings);
    let coverage = Coverage::of(&outcomes);
    Audit {
        findings,
        outcomes,
        coverage,
    }
}
