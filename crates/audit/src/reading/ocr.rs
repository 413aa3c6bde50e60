//! Plausible misreadings of machine-read (OCR) cells: a figure read by
//! Tesseract (`Span::confidence` set) that breaks an identity is checked
//! against the misreadings OCR is known to make. When undoing one makes the
//! failing identities hold (and breaks none that held), it is a
//! [`Suggestion`]; the value itself is never changed.
//!
//! Misreadings tried, each a single change of the printed text: a speck
//! read as a minus sign; a lost decimal point (inserted before the last two
//! digits) or one read as a comma; the digit confusions 1↔7, 2↔7, 3↔8,
//! 5↔6, 0↔8; and, for a cell read with confidence below
//! [`LOW_CONFIDENCE`], a thin minus lost, any one digit, a digit lost (a blot or a stain swallows one) or one too many (a speck read as
//! a digit). A figure OCR could not read because a blot or a stain was read
//! as a character (`2,94车.05`) is tried with up to two digits in its place.
//!
//! The rules are those the audit ran (the rulebook given to it, users'
//! rules included) and their findings on the report are the baseline: only
//! the trial corrections are evaluated again.

use crate::check::CheckCtx;
use crate::finding::Finding;
use crate::lang::{Rule, Severity};
use juesuan_model::amount::parse_amount;
use juesuan_model::{CellAddr, Decimal, Report};
use std::collections::{BTreeMap, BTreeSet};

/// Below this confidence any single digit of a cell may be misread.
pub const LOW_CONFIDENCE: u8 = 80;

/// Digit pairs OCR confuses.
const CONFUSIONS: &[(char, char)] = &[('1', '7'), ('2', '7'), ('3', '8'), ('5', '6'), ('0', '8')];

/// A plausible correction of one machine-read cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Suggestion {
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
pub fn has_ocr(report: &Report) -> bool {
    report
        .tables
        .values()
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter())
        .any(|c| c.span.confidence.is_some())
}

/// Whether a machine-read cell holds something to correct: a value, or a
/// figure with one run of characters that are no part of a figure (a blot
/// or a stain read as a character).
pub(crate) fn readable(cell: &juesuan_model::Cell) -> bool {
    cell.value.is_some() || blot(&cell.raw).is_some()
}

/// Whether a character may stand in a printed figure.
fn figure_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+') || c.is_whitespace()
}

/// A figure with one or two runs of foreign characters (a blot read as
/// characters, and perhaps a speck beside it): the digits between the
/// runs (separators dropped), and the sign.
fn blot(raw: &str) -> Option<(Vec<String>, &'static str)> {
    let t = raw.trim();
    let mut segments = vec![String::new()];
    let mut in_run = false;
    for c in t.chars() {
        if !figure_char(c) {
            in_run = true;
            continue;
        }
        if in_run {
            segments.push(String::new());
            in_run = false;
        }
        if let (true, Some(s)) = (c.is_ascii_digit(), segments.last_mut()) {
            s.push(c);
        }
    }
    if in_run {
        segments.push(String::new());
    }
    let runs = segments.len() - 1;
    if runs == 0 || runs > 2 || segments.iter().all(String::is_empty) {
        return None;
    }
    let sign = if t.starts_with('-') { "-" } else { "" };
    Some((segments, sign))
}

/// Readings of a figure whose runs of foreign characters swallowed digits
/// (and perhaps the point or a comma): one run up to two digits, each of
/// two runs up to one; the point put back before the last two digits as
/// tables print.
fn unblotted(raw: &str) -> Vec<String> {
    let Some((segments, sign)) = blot(raw) else {
        return Vec::new();
    };
    // Printed with thousands separators when the reading shows one.
    let grouping = raw.contains(',');
    let fills = |most: usize| -> Vec<String> {
        let one = std::iter::once(String::new()).chain(('0'..='9').map(String::from));
        if most < 2 {
            return one.collect();
        }
        one.chain(('0'..='9').flat_map(|a| ('0'..='9').map(move |b| format!("{a}{b}"))))
            .collect()
    };
    let runs = segments.len() - 1;
    // Every way of filling the runs, as whole digit strings.
    let mut whole: Vec<String> = vec![segments[0].clone()];
    for seg in &segments[1..] {
        let options = fills(if runs == 1 { 2 } else { 1 });
        whole = whole
            .iter()
            .flat_map(|w| options.iter().map(move |f| format!("{w}{f}{seg}")))
            .collect();
    }
    whole
        .into_iter()
        .filter_map(|digits| {
            (digits.len() >= 3).then(|| {
                let (i, f) = digits.split_at(digits.len() - 2);
                let i = i.trim_start_matches('0');
                let i = if i.is_empty() { "0" } else { i };
                let i = if grouping { grouped(i) } else { i.to_string() };
                format!("{sign}{i}.{f}")
            })
        })
        .collect()
}

/// Digits with a comma every three from the right (`1234567` → `1,234,567`).
fn grouped(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Candidate texts for a printed figure, most plausible first.
pub(crate) fn candidates(raw: &str, confidence: u8) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if s != raw && !out.contains(&s) {
            out.push(s);
        }
    };
    for s in unblotted(raw) {
        push(s);
    }
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if raw.trim_start().starts_with('-') {
        "-"
    } else {
        ""
    };
    // A speck read as a minus sign; at low confidence, a thin minus lost.
    let trimmed = raw.trim_start();
    if let Some(rest) = trimmed.strip_prefix('-') {
        push(rest.to_string());
    } else if confidence < LOW_CONFIDENCE && trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        push(format!("-{trimmed}"));
    }
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
        // A digit lost next to a digit, or a speck read as one.
        for i in 0..=chars.len() {
            let near_digit = chars[i.saturating_sub(1)..(i + 1).min(chars.len())]
                .iter()
                .any(char::is_ascii_digit);
            if !near_digit {
                continue;
            }
            for d in '0'..='9' {
                let mut v = chars.clone();
                v.insert(i, d);
                push(v.into_iter().collect());
            }
        }
        for (i, c) in chars.iter().enumerate() {
            if c.is_ascii_digit() && digits.len() > 1 {
                let mut v = chars.clone();
                v.remove(i);
                push(v.into_iter().collect());
            }
        }
    }
    out
}

/// Sets one cell's value in a report (all rows sharing the key, as
/// [`Report::cell`] resolves the first that has the column).
pub(crate) fn set_value(report: &mut Report, addr: &CellAddr, value: Option<Decimal>, raw: &str) {
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

/// Findings by primary cell → highest severity.
pub(crate) type Failing = BTreeMap<Option<String>, Severity>;

pub(crate) fn failing_of<'f>(findings: impl Iterator<Item = &'f Finding>) -> Failing {
    let mut out = Failing::new();
    for f in findings {
        let e = out.entry(f.primary.clone()).or_insert(f.severity);
        *e = (*e).max(f.severity);
    }
    out
}

/// Whether `now` has a finding `before` did not, or a worse one.
pub(crate) fn worse(before: &Failing, now: &Failing) -> bool {
    now.iter().any(|(p, s)| before.get(p).is_none_or(|b| s > b))
}

/// Searches plausible corrections for every machine-read cell involved in
/// a failing identity of the audit.
pub(crate) fn suggestions(ctx: &CheckCtx<'_>) -> Vec<Suggestion> {
    let report = ctx.report;
    if !has_ocr(report) {
        return Vec::new();
    }
    let rules: BTreeMap<&str, &Rule> = ctx.rules.iter().map(|r| (r.id.as_str(), *r)).collect();
    // Machine-read cells → the failing findings (rule, primary) they are in.
    // A difference within rounding counts too: a misread last digit hides there.
    let mut suspects: BTreeMap<CellAddr, Vec<(String, Option<String>)>> = BTreeMap::new();
    for f in ctx.rule_findings {
        for c in &f.cells {
            let Some(addr) = CellAddr::parse(&c.addr) else {
                continue;
            };
            let ocr = report
                .cell(&addr)
                .is_some_and(|(_, cell)| cell.span.confidence.is_some() && readable(cell));
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
    // The findings of every rule as the audit found them.
    let baseline: BTreeMap<&str, Failing> = ctx
        .rules
        .iter()
        .map(|r| {
            let id = r.id.as_str();
            (
                id,
                failing_of(ctx.rule_findings.iter().filter(|f| f.rule == id)),
            )
        })
        .collect();
    let failing = |work: &Report, rule: &Rule| failing_of(ctx.run_rule(work, rule).1.iter());
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
                let (Some(rule), Some(before)) = (rules.get(rid), baseline.get(rid)) else {
                    continue;
                };
                let now = failing(&work, rule);
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
            let breaks = ctx.rules.iter().any(|r| {
                baseline
                    .get(r.id.as_str())
                    .is_some_and(|before| worse(before, &failing(&work, r)))
            });
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // Below the bar a digit may also be lost or be a speck.
        let c = candidates("1,51.90", 50);
        assert!(c.contains(&"1,511.90".to_string()) && c.contains(&"1,51.9".to_string()));
        assert!(!candidates("1,51.90", 95).contains(&"1,511.90".to_string()));
        // A blot read as a character, whatever the confidence.
        assert!(candidates("2,94车.05", 95).contains(&"2,940.05".to_string()));
        assert!(candidates("1,2车4,567.05", 95).contains(&"1,234,567.05".to_string()));
        assert!(candidates("8.革", 0).contains(&"8.37".to_string()));
        assert!(candidates("1.5]事90", 0).contains(&"1511.90".to_string()));
        // A blot and a speck beside it: a digit (and the point) each.
        assert!(candidates("2,1(0邦66", 0).contains(&"2,106.66".to_string()));
        assert!(unblotted("2车,9车4.05").contains(&"2,904.05".to_string()));
        assert!(unblotted("2车9车4车05").is_empty());
        // A speck read as a minus, whatever the confidence; a minus lost
        // only below the bar.
        assert!(candidates("-29.42", 95).contains(&"29.42".to_string()));
        assert!(!candidates("29.42", 95).contains(&"-29.42".to_string()));
        assert!(candidates("29.42", 50).contains(&"-29.42".to_string()));
    }
}
