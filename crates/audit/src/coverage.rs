//! Coverage: which rules ran, did not apply, or lacked data. A rule that
//! could not run is never counted as passed.

use serde::Serialize;

/// The outcome of one rule or check on one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At least one instance was evaluated.
    Ran,
    /// Nothing to check (e.g. an empty fund table, a 款 without 项 rows).
    NotApplicable,
    /// A table, row or column the rule needs is missing.
    InsufficientData,
}

/// Why a rule did not run, for the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleOutcome {
    /// The rule or check id.
    pub rule: String,
    /// What happened.
    pub status: Status,
    /// How many instances were evaluated (families have many).
    pub instances: usize,
    /// For a rule that did not run: the reason (Chinese).
    pub reason: Option<String>,
}

/// Coverage counts, as in the JSON contract.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Rules and checks in the rulebook.
    pub rules_total: usize,
    /// Rules that ran.
    pub ran: usize,
    /// Rules that did not apply.
    pub not_applicable: usize,
    /// Rules that lacked data.
    pub insufficient_data: usize,
    /// Findings that fail an identity in a way a misreading explains
    /// (warnings starting `疑似识读问题：`), counted apart from the errors.
    pub reading_doubts: usize,
    /// Machine-read cells whose value the identities chose between
    /// candidate readings (`ocr.chosen` 提示), counted apart.
    pub chosen_readings: usize,
}

impl Coverage {
    /// Counts outcomes (and no reading doubt).
    pub fn of(outcomes: &[RuleOutcome]) -> Coverage {
        let mut c = Coverage {
            rules_total: outcomes.len(),
            ..Coverage::default()
        };
        for o in outcomes {
            match o.status {
                Status::Ran => c.ran += 1,
                Status::NotApplicable => c.not_applicable += 1,
                Status::InsufficientData => c.insufficient_data += 1,
            }
        }
        c
    }
}
