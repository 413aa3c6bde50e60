//! Review of values read by OCR (`Span::confidence` set): a machine-read
//! figure that breaks an accounting identity is checked against the
//! misreadings OCR is known to make. When undoing one makes the failing
//! identities hold (and breaks none that held), the cell is reported as a
//! warning "请核对识别结果" with the candidate value — the value itself is
//! never changed.
//!
//! [`review`] applies the same search to the findings of an audit: an
//! error whose cells include a machine-read cell with such a candidate is
//! downgraded to a warning naming the cell and the candidate (the report
//! may well be right, the reading is what is in doubt); any other error
//! resting on a machine-read cell stays an error, and its message says the
//! value was machine-read and with what confidence.
//!
//! Misreadings tried, each a single change of the printed text: a lost
//! decimal point (inserted before the last two digits) or one read as a
//! comma; the digit confusions 1↔7, 2↔7, 3↔8, 5↔6, 0↔8; and, for a cell
//! read with confidence below [`LOW_CONFIDENCE`], any one digit.

use super::{Check, CheckResult};
use crate::coverage::Status;
use crate::eval::{self, NarrIndex};
use crate::finding::Finding;
use crate::lang::{Rule, Severity};
use crate::rulebook::Rulebook;
use juesuan_model::amount::parse_amount;
use juesuan_model::{CellAddr, Decimal, Report};
use std::collections::{BTreeMap, BTreeSet};

/// Below this confidence any single digit of a cell may be misread.
pub const LOW_CONFIDENCE: u8 = 80;

/// Marker put into messages of findings this review has annotated.
const REVIEWED: &str = "（文字识别：";

/// Digit pairs OCR confuses.
const CONFUSIONS: &[(char, char)] = &[('1', '7'), ('2', '7'), ('3', '8'), ('5', '6'), ('0', '8')];

/// A plausible correction of one machine-read cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The cell (`T05[2010601,C1]`).
    pub addr: String,
    /// The row's printed name.
    pub name: String,
    /// The value as read.
    pub read: String,
    /// The candidate value (printed like the report prints figures).
    pub candidate: String,
    /// Tesseract's confidence for the cell.
    pub confidence: u8,
    /// (rule, primary cell) of each failing identity the candidate repairs.
    pub repairs: Vec<(String, Option<String>)>,
}

/// Whether any cell of the report was read by OCR.
fn has_ocr(report: &Report) -> bool {
    report
        .tables
        .values()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter())
        .any(|c| c.span.confidence.is_some())
}

/// Candidate texts for a printed figure, most plausible first.
pub fn candidates(raw: &str, confidence: u8) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s != raw && !out.contains(&s) {
            out.push(s);
        }
    };
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if raw.trim_start().starts_with('-') {
        "-"
    } else {
        ""
    };
    // A lost decimal point, or one read as a comma: two decimals, as tables print.
    if digits.len() >= 3 && (!raw.contains('.') || raw.matches('.').count() > 1) {
        let (i, f) = digits.split_at(digits.len() - 2);
        push(format!("{sign}{i}.{f}"));
    }
    let chars: Vec<char> = raw.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        for &(a, b) in CONFUSIONS {
            let other = if c == a {
                b
            } else if c == b {
                a
            } else {
                continue;
            };
            let mut v = chars.clone();
            v[i] = other;
            push(v.into_iter().collect());
        }
    }
    if confidence < LOW_CONFIDENCE {
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii_digit() {
                continue;
            }
            for d in '0'..='9' {
                if d != c {
                    let mut v = chars.clone();
                    v[i] = d;
                    push(v.into_iter().collect());
                }
            }
        }
    }
    out
}

/// Sets one cell's value in a report (all rows sharing the key, as
/// [`Report::cell`] resolves the first that has the column).
fn set_value(report: &mut Report, addr: &CellAddr, value: Option<Decimal>, raw: &str) {
    let Some(t) = report.tables.get_mut(&addr.table) else {
        return;
    };
    if let Some(c) = t
        .rows
        .iter_mut()
        .filter(|r| r.key == addr.row)
        .find_map(|r| r.cells.iter_mut().find(|c| c.column == addr.column))
    {
        c.value = value;
        c.raw = raw.to_string();
    }
}

/// The findings of a rule: primary cell → highest severity.
fn failing(report: &Report, nidx: &NarrIndex, rule: &Rule) -> BTreeMap<Option<String>, Severity> {
    let mut out: BTreeMap<Option<String>, Severity> = BTreeMap::new();
    for f in eval::run_rule_indexed(report, nidx, rule).1 {
        let e = out.entry(f.primary).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    out
}

/// Whether `now` has a finding `before` did not, or a worse one.
fn worse(
    before: &BTreeMap<Option<String>, Severity>,
    now: &BTreeMap<Option<String>, Severity>,
) -> bool {
    now.iter().any(|(p, s)| before.get(p).is_none_or(|b| s > b))
}

/// Searches plausible corrections for every machine-read cell involved in
/// a failing identity, given the rule findings of the report.
pub fn suggestions(report: &Report, book: &Rulebook, findings: &[Finding]) -> Vec<Suggestion> {
    if !has_ocr(report) {
        return Vec::new();
    }
    let rules: BTreeMap<&str, &Rule> = book.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    // Machine-read cells → the failing findings (rule, primary) they are in.
    // A difference within rounding counts too: a misread last digit hides there.
    let mut suspects: BTreeMap<CellAddr, Vec<(String, Option<String>)>> = BTreeMap::new();
    for f in findings {
        if !rules.contains_key(f.rule.as_str()) {
            continue;
        }
        for c in &f.cells {
            let Some(addr) = CellAddr::parse(&c.addr) else {
                continue;
            };
            let ocr = report
                .cell(&addr)
                .is_some_and(|(_, cell)| cell.span.confidence.is_some() && cell.value.is_some());
            if ocr {
                let e = suspects.entry(addr).or_default();
                let key = (f.rule.clone(), f.primary.clone());
                if !e.contains(&key) {
                    e.push(key);
                }
            }
        }
    }
    if suspects.is_empty() {
        return Vec::new();
    }
    let nidx = NarrIndex::new(report);
    // Non-info findings of every rule as the report stands.
    let baseline: BTreeMap<&str, BTreeMap<Option<String>, Severity>> = book
        .rules
        .iter()
        .map(|r| (r.id.as_str(), failing(report, &nidx, r)))
        .collect();
    let mut work = report.clone();
    let mut out = Vec::new();
    for (addr, involved) in suspects {
        let Some((row, cell)) = report.cell(&addr) else {
            continue;
        };
        let (raw, value, confidence) = (
            cell.raw.clone(),
            cell.value,
            cell.span.confidence.unwrap_or(0),
        );
        let name = row.name.clone();
        let involved_rules: BTreeSet<&str> = involved.iter().map(|(r, _)| r.as_str()).collect();
        let mut best: Option<(usize, String)> = None;
        let mut best_repairs = Vec::new();
        for cand in candidates(&raw, confidence) {
            let Some(v) = parse_amount(&cand) else {
                continue;
            };
            set_value(&mut work, &addr, Some(v), &cand);
            // Cheap first: the identities the cell fails.
            let mut repairs = Vec::new();
            let mut made_worse = false;
            for rid in &involved_rules {
                let Some(rule) = rules.get(rid) else { continue };
                let now = failing(&work, &nidx, rule);
                let before = &baseline[rid];
                made_worse |= worse(before, &now);
                for (r, p) in involved.iter().filter(|(r, _)| r == rid) {
                    // Repaired: gone, or down to a difference within rounding.
                    let was = before.get(p).copied().unwrap_or(Severity::Info);
                    let is = now.get(p).copied();
                    if is.is_none() || (was > Severity::Info && is == Some(Severity::Info)) {
                        repairs.push((r.clone(), p.clone()));
                    }
                }
            }
            if !made_worse && repairs.len() > best.as_ref().map_or(0, |b| b.0) {
                best = Some((repairs.len(), cand.clone()));
                best_repairs = repairs;
            }
            set_value(&mut work, &addr, value, &raw);
        }
        let Some((_, cand)) = best else {
            continue;
        };
        // Then every rule: the correction must not break what holds.
        if let Some(v) = parse_amount(&cand) {
            set_value(&mut work, &addr, Some(v), &cand);
            let breaks = book
                .rules
                .iter()
                .any(|r| worse(&baseline[r.id.as_str()], &failing(&work, &nidx, r)));
            set_value(&mut work, &addr, value, &raw);
            if breaks {
                continue;
            }
        }
        out.push(Suggestion {
            addr: addr.to_string(),
            name,
            read: raw,
            candidate: cand,
            confidence,
            repairs: best_repairs,
        });
    }
    out
}

fn suggestion_text(s: &Suggestion) -> String {
    format!(
        "请核对识别结果：{}（{}）识别为 {}（置信度 {}），若为 {} 则 {} 成立",
        s.addr,
        s.name,
        s.read,
        s.confidence,
        s.candidate,
        s.repairs
            .iter()
            .map(|(r, p)| match p {
                Some(p) => format!("{r}（{p}）"),
                None => r.clone(),
            })
            .collect::<Vec<_>>()
            .join("、")
    )
}

/// The check: a warning per machine-read cell with a plausible correction.
pub fn run(report: &Report, check: &Check) -> CheckResult {
    if !has_ocr(report) {
        return CheckResult::skipped(
            Status::NotApplicable,
            "没有经文字识别（OCR）读取的数值".to_string(),
        );
    }
    let Ok(book) = Rulebook::builtin() else {
        return CheckResult::skipped(Status::InsufficientData, "内置审核规则无法加载".into());
    };
    let nidx = NarrIndex::new(report);
    let findings: Vec<Finding> = book
        .rules
        .iter()
        .flat_map(|r| eval::run_rule_indexed(report, &nidx, r).1)
        .collect();
    let out = suggestions(report, &book, &findings)
        .into_iter()
        .map(|s| {
            let span = CellAddr::parse(&s.addr).and_then(|a| report.span_of(&a).cloned());
            let mut f = Finding::note(
                check.id,
                check.severity,
                suggestion_text(&s),
                vec![crate::finding::CellRef {
                    addr: s.addr.clone(),
                    printed: Some(s.read.clone()),
                    span,
                }],
            );
            f.expected = Some(s.candidate.clone());
            f.actual = Some(s.read.clone());
            f
        })
        .collect();
    CheckResult::ran(out)
}

/// Reviews an audit's findings (idempotent): errors explained by a
/// plausible misreading become warnings naming the cell and the candidate;
/// other errors on machine-read cells say so, with the confidence.
pub fn review(report: &Report, findings: &mut [Finding]) {
    if !has_ocr(report) {
        return;
    }
    let Ok(book) = Rulebook::builtin() else {
        return;
    };
    let rule_findings: Vec<Finding> = findings
        .iter()
        .filter(|f| book.rules.iter().any(|r| r.id == f.rule))
        .cloned()
        .collect();
    let sugg = suggestions(report, &book, &rule_findings);
    for f in findings.iter_mut() {
        if f.severity != Severity::Error || f.message.contains(REVIEWED) {
            continue;
        }
        let key = (f.rule.clone(), f.primary.clone());
        if let Some(s) = sugg.iter().find(|s| s.repairs.contains(&key)) {
            f.severity = Severity::Warning;
            f.message = format!(
                "{}{REVIEWED}{} 识别为 {}，可能为 {}，请核对识别结果）",
                f.message, s.addr, s.read, s.candidate
            );
            continue;
        }
        let machine: Vec<String> = f
            .cells
            .iter()
            .filter_map(|c| {
                let conf = c.span.as_ref()?.confidence?;
                Some(format!("{} 置信度 {conf}", c.addr))
            })
            .collect();
        if !machine.is_empty() {
            f.message = format!(
                "{}{REVIEWED}{} 为机器识别值）",
                f.message,
                machine.join("、")
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text-layer reading of the 财政局 report, every cell marked as
    /// machine-read, with a lost decimal point and a 5↔6 swap put in.
    #[test]
    fn misreadings_are_named_and_explain_errors() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
        let Ok(mut report) = juesuan_read::read_path(&path) else {
            eprintln!("pdftotext not installed: skipping");
            return;
        };
        for t in report.tables.values_mut() {
            for c in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                c.span.confidence = Some(95);
            }
        }
        let book = Rulebook::builtin().unwrap();
        // The report's own errors (its narrative states a wrong share of 201)
        // are not the misreading's doing and stay errors.
        let own: Vec<String> = crate::audit(&report, &book)
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.clone())
            .collect();
        let addr = CellAddr::parse("T05[201,C1]").unwrap();
        set_value(&mut report, &addr, parse_amount("210666"), "210666");
        let mut result = crate::audit(&report, &book);
        review(&report, &mut result.findings);
        let named = result
            .findings
            .iter()
            .find(|f| f.rule == "ocr.review" && f.cells[0].addr == "T05[201,C1]")
            .expect("named");
        assert_eq!(
            named.expected.as_deref(),
            Some("2106.66"),
            "{}",
            named.message
        );
        for f in result
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && !own.contains(&f.rule))
        {
            assert!(
                !f.cells.iter().any(|c| c.addr == "T05[201,C1]"),
                "{}",
                f.message
            );
        }
    }

    #[test]
    fn candidates_cover_known_misreadings() {
        let c = candidates("150352", 95);
        assert_eq!(c[0], "1503.52");
        assert!(c.contains(&"750352".to_string()));
        let c = candidates("1,511.90", 95);
        assert!(c.contains(&"7,511.90".to_string()));
        assert!(c.contains(&"1,511.98".to_string()));
        assert!(!c.contains(&"1,511.91".to_string()));
        assert!(candidates("1,511.90", 50).contains(&"1,511.91".to_string()));
    }
}
