//! Identity-chosen readings: a machine-read (OCR) cell that breaks an
//! identity takes the one candidate reading ([`super::ocr::candidates`])
//! under which every identity it is in holds, when there is exactly one.
//!
//! This is the only place a value read from a document is changed, so the
//! bar is high:
//! - the cell is in at least two identities (its row's and its column's, or
//!   a table's and another's): one identity alone cannot tell which of its
//!   cells was misread;
//! - with the candidate, every rule the cell is in holds and no rule
//!   anywhere is worse than before;
//! - no other candidate value does the same. A candidate under which the
//!   rules hold exactly outranks one under which they hold only within
//!   rounding (a document printed in 万元 has such differences of its own);
//!   two of the same rank are no choice.
//!
//! The change is recorded on the cell ([`juesuan_model::Chosen`]: what OCR
//! read, its confidence, the rules that decided), the audit reports it as a
//! 提示 (`ocr.chosen`) and coverage counts such cells apart. A report with no
//! machine-read cell is never touched.

use super::ocr::{candidates, failing_of, has_ocr, readable, set_value, worse, Failing};
use crate::eval::{self, NarrIndex};
use crate::finding::Finding;
use crate::lang::{Rule, Severity};
use crate::Rulebook;
use juesuan_model::amount::parse_amount;
use juesuan_model::{CellAddr, Chosen, Decimal, Report};

/// Passes over the report: a choice can let a second misread cell of the
/// same identity be chosen on the next pass.
const PASSES: usize = 3;

/// Fewest identities a chosen cell must be in.
const MIN_IDENTITIES: usize = 2;

/// One value chosen by the identities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The cell (`T05[2010601,C1]`).
    pub addr: String,
    /// The row's printed name.
    pub name: String,
    /// The text OCR read.
    pub read: String,
    /// The value taken (printed like the report prints figures).
    pub chosen: String,
    /// OCR's confidence in the reading.
    pub confidence: u8,
    /// The rules that decided (each holds with the value taken).
    pub rules: Vec<String>,
}

/// Chooses, for each machine-read cell whose identities fail, the one
/// candidate reading under which all of them hold, and records the choice
/// on the cell. Uses the rules of `book` that apply to the report (users'
/// rules included). Returns the choices made, in the order made.
pub fn choose(report: &mut Report, book: &Rulebook) -> Vec<Choice> {
    if !has_ocr(report) {
        return Vec::new();
    }
    let family = report.profile;
    let rules: Vec<&Rule> = book
        .rules
        .iter()
        .filter(|r| r.scope.includes(family) && book.setting(&r.id) != Some(None))
        .collect();
    // Choosing changes cells only: the narrative index stays valid.
    let narrative = NarrIndex::new(report);
    let mut out = Vec::new();
    for _ in 0..PASSES {
        let made = pass(report, &rules, &narrative);
        if made.is_empty() {
            break;
        }
        out.extend(made);
    }
    out
}

/// Findings of every rule on `report`, by rule id.
fn run_all(report: &Report, rules: &[&Rule], narrative: &NarrIndex) -> Vec<Vec<Finding>> {
    rules
        .iter()
        .map(|r| eval::run_rule_indexed(report, narrative, r).1)
        .collect()
}

/// Whether a finding fails (beyond rounding) and cites `addr`.
fn fails_at(f: &Finding, addr: &str) -> bool {
    f.severity > Severity::Info && f.cells.iter().any(|c| c.addr == addr)
}

fn pass(report: &mut Report, rules: &[&Rule], narrative: &NarrIndex) -> Vec<Choice> {
    let baseline = run_all(report, rules, narrative);
    // Machine-read cells with a value, in a failing identity, not chosen yet.
    let mut suspects: Vec<CellAddr> = Vec::new();
    for f in baseline.iter().flatten() {
        if f.severity == Severity::Info {
            continue;
        }
        for c in &f.cells {
            let Some(addr) = CellAddr::parse(&c.addr) else {
                continue;
            };
            let machine = report.cell(&addr).is_some_and(|(_, cell)| {
                cell.span.confidence.is_some() && readable(cell) && cell.span.chosen.is_none()
            });
            if machine && !suspects.contains(&addr) {
                suspects.push(addr);
            }
        }
    }
    let mut before: Vec<Failing> = baseline.iter().map(|f| failing_of(f.iter())).collect();
    let mut out = Vec::new();
    for addr in suspects {
        let Some((row, cell)) = report.cell(&addr) else {
            continue;
        };
        let (name, raw, value) = (row.name.clone(), cell.raw.clone(), cell.value);
        let confidence = cell.span.confidence.unwrap_or(0);
        let key = addr.to_string();
        let touching = identities_of(report, rules, narrative, &addr, value, &raw);
        if touching.len() < MIN_IDENTITIES {
            continue;
        }
        // Candidates under which the cell's identities hold exactly, and
        // those under which they hold within rounding, by value.
        let mut exact: Vec<(String, Decimal)> = Vec::new();
        let mut near: Vec<(String, Decimal)> = Vec::new();
        for cand in candidates(&raw, confidence) {
            let Some(cv) = parse_amount(&cand) else {
                continue;
            };
            if exact.iter().chain(&near).any(|(_, v)| *v == cv) {
                continue;
            }
            set_value(report, &addr, Some(cv), &cand);
            let mut worst: Option<Severity> = None;
            for &i in &touching {
                for f in eval::run_rule_indexed(report, narrative, rules[i]).1 {
                    if f.cells.iter().any(|c| c.addr == key) {
                        worst = worst.max(Some(f.severity));
                    }
                }
            }
            set_value(report, &addr, value, &raw);
            match worst {
                None => exact.push((cand, cv)),
                Some(Severity::Info) => near.push((cand, cv)),
                Some(_) => {}
            }
        }
        // An exact fit outranks fits within rounding; two of a rank is no choice.
        let (cand, cv) = match (exact.as_slice(), near.as_slice()) {
            ([one], _) | ([], [one]) => one.clone(),
            _ => continue,
        };
        // None newly broken, anywhere.
        set_value(report, &addr, Some(cv), &cand);
        let now: Vec<Failing> = run_all(report, rules, narrative)
            .iter()
            .map(|f| failing_of(f.iter()))
            .collect();
        if before.iter().zip(&now).any(|(b, n)| worse(b, n)) {
            set_value(report, &addr, value, &raw);
            continue;
        }
        before = now;
        let decided: Vec<String> = touching.iter().map(|&i| rules[i].id.clone()).collect();
        mark(report, &addr, &raw, confidence, &decided);
        out.push(Choice {
            addr: key,
            name,
            read: raw,
            chosen: cand,
            confidence,
            rules: decided,
        });
    }
    out
}

/// The rules (indices into `rules`) a cell is in: those that cite it when
/// its value is set far off (any identity reading the cell then fails).
fn identities_of(
    report: &mut Report,
    rules: &[&Rule],
    narrative: &NarrIndex,
    addr: &CellAddr,
    value: Option<Decimal>,
    raw: &str,
) -> Vec<usize> {
    let key = addr.to_string();
    // Off by an amount no identity of a report can absorb, up and down (a
    // bound is broken one way only).
    let far = Decimal::new(98_765_432_107, 2);
    let mut touching: Vec<usize> = Vec::new();
    let base = value.unwrap_or_default();
    for probe in [base + far, base - far] {
        set_value(report, addr, Some(probe), &probe.to_string());
        for (i, r) in rules.iter().enumerate() {
            let cites = eval::run_rule_indexed(report, narrative, r)
                .1
                .iter()
                .any(|f| fails_at(f, &key));
            if cites && !touching.contains(&i) {
                touching.push(i);
            }
        }
    }
    set_value(report, addr, value, raw);
    touching.sort_unstable();
    touching
}

/// Records the choice on every copy of the cell (rows sharing the key).
fn mark(report: &mut Report, addr: &CellAddr, read: &str, confidence: u8, rules: &[String]) {
    let Some(t) = report.tables.get_mut(&addr.table) else {
        return;
    };
    for row in t.rows.iter_mut().filter(|r| r.key == addr.row) {
        if let Some(c) = row.cells.iter_mut().find(|c| c.column == addr.column) {
            c.span.chosen = Some(Box::new(Chosen {
                read: read.to_string(),
                confidence,
                rules: rules.to_vec(),
            }));
        }
    }
}

/// The choices recorded on a report's cells, as `(address, row name,
/// value taken, record)`.
pub(crate) fn recorded(report: &Report) -> Vec<(CellAddr, &str, &str, &Chosen)> {
    let mut out: Vec<(CellAddr, &str, &str, &Chosen)> = Vec::new();
    for (id, t) in &report.tables {
        for row in &t.rows {
            for c in &row.cells {
                if let Some(ch) = c.span.chosen.as_deref() {
                    let addr = CellAddr::new(*id, &row.key, c.column);
                    if !out.iter().any(|(a, ..)| *a == addr) {
                        out.push((addr, row.name.as_str(), c.raw.as_str(), ch));
                    }
                }
            }
        }
    }
    out
}
