//! `Y.classification`: a 科目代码 printed in both years' tables under
//! different names. The 政府收支分类科目 change from year to year (a code
//! renamed, or reused for another 科目), so this is information for the
//! reader comparing the two years, never an error.

use crate::coverage::{RuleOutcome, Status};
use crate::eval::narrative::norm;
use crate::finding::{CellRef, Finding};
use crate::lang::Severity;
use juesuan_model::Report;
use std::collections::HashMap;

/// Compares the 科目名称 of every code printed in both reports.
pub fn run(current: &Report, prior: &Report) -> (RuleOutcome, Vec<Finding>) {
    let mut last: HashMap<&str, (&juesuan_model::Table, &juesuan_model::Row)> = HashMap::new();
    for t in prior.tables.values() {
        for r in &t.rows {
            if let Some(code) = r.code.as_deref() {
                last.entry(code).or_insert((t, r));
            }
        }
    }
    let py = prior
        .meta
        .year
        .map_or_else(|| "上年".to_string(), |y| y.to_string());
    let mut seen: Vec<&str> = Vec::new();
    let mut compared = 0usize;
    let mut findings = Vec::new();
    for t in current.tables.values() {
        for r in &t.rows {
            let Some(code) = r.code.as_deref() else {
                continue;
            };
            let Some((pt, pr)) = last.get(code) else {
                continue;
            };
            if seen.contains(&code) {
                continue;
            }
            seen.push(code);
            compared += 1;
            let (a, b) = (norm(&r.name), norm(&pr.name));
            // A name cut short by the layout is a reading matter, not a change.
            if a == b || a.is_empty() || b.is_empty() || a.starts_with(&b) || b.starts_with(&a) {
                continue;
            }
            let cells = vec![
                CellRef {
                    addr: format!("{}[{}]", t.id, r.key),
                    printed: Some(r.name.clone()),
                    span: Some(r.span.clone()),
                },
                CellRef {
                    addr: format!("{}[{}]@{py}", pt.id, pr.key),
                    printed: Some(pr.name.clone()),
                    span: Some(pr.span.clone()),
                },
            ];
            findings.push(Finding::note(
                super::CLASSIFICATION,
                Severity::Info,
                format!(
                    "科目 {code} 的名称两年不同：本年为“{}”，上年为“{}”，可能是政府收支分类科目调整，比较两年数据时请注意口径",
                    r.name, pr.name
                ),
                cells,
            ));
        }
    }
    let status = if compared > 0 {
        Status::Ran
    } else {
        Status::NotApplicable
    };
    (
        RuleOutcome {
            rule: super::CLASSIFICATION.to_string(),
            status,
            instances: compared,
            reason: (compared == 0).then(|| "两年的表中没有共同的科目代码".to_string()),
        },
        findings,
    )
}
