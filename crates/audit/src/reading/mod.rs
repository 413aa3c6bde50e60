//! No error from a misreading: the review of an audit's error findings for
//! the shapes a reading artefact leaves. A checker that misreads a table and
//! then reports its own misreading as the department's error is worse than
//! none, so such a finding becomes a warning that starts `疑似识读问题：`,
//! says why and quotes the source lines; its rule id is kept and
//! [`crate::Coverage::reading_doubts`] counts it apart.
//!
//! Shapes, tried in this order on each error:
//! - a machine-read (OCR) cell has a plausible misreading under which the
//!   identity holds ([`ocr`]);
//! - a machine-read value involved (a cell, a row name or a figure of the
//!   narrative) was read with low confidence: a guess never makes an error;
//! - a cell involved is one the reader marked as uncertain (`Cell::doubt`);
//! - a source line of a row involved holds an amount that no cell took (on
//!   the row's own lines, or on a neighbouring line that belongs to no row:
//!   a wrapped row whose continuation was not joined), and that amount (or
//!   all of them together) is the difference;
//! - a 科目名称 is a strict prefix of the official name and the rest of the
//!   name stands on the line before or after the row;
//! - a 科目名称 read by OCR is one or two characters off the official name
//!   of its code, or was not read at all on a machine-read row (the
//!   official name is the candidate reading);
//! - it adds up rows of a table in which the reader left amounts it could
//!   not read as rows (`Table::unread`), or its row is missing from such a
//!   table ([`unread`]);
//! - a row and its parent 科目 fail their row sums by the same amount (the
//!   parent's difference is the sum of its children's): one misreading
//!   carried up the hierarchy. A single wrong figure in the document breaks
//!   its row sum and its parent's column sum, never the parent's row sum,
//!   so real errors do not take this shape.
//!
//! A check may also attach a reading doubt to its own error (a table note
//! OCR read, which cannot be told from a misreading); the review makes it
//! a warning like the others.
//!
//! An error that only rests on machine-read cells keeps its severity and
//! carries a note saying so.
//!
//! Before the audit, [`choose`] may settle a machine-read cell: when exactly
//! one candidate reading makes every identity the cell is in hold, the
//! value is taken and the choice recorded on the cell (`Span::chosen`).

mod choose;
pub(crate) mod ocr;

/// How the message of every reading-artefact warning starts: what a stored
/// finding is recognised by after the audit's own fields are gone.
pub const DOUBT_PREFIX: &str = "疑似识读问题：";

/// The rule id of the 提示 that records a reading chosen by the identities.
pub const CHOSEN_RULE: &str = "ocr.chosen";
mod source;
mod unread;

pub(crate) use choose::recorded;
pub use choose::{choose, Choice};
pub use ocr::has_ocr;

use crate::finding::{Finding, ReadingDoubt, ReadingShape, SourceLine};
use crate::lang::Severity;
use juesuan_model::canonical::label_of;
use juesuan_model::{Cell, CellAddr, Decimal, Report, Row, Table};
use ocr::Suggestion;
use source::{Layout, LineKey};
use std::collections::BTreeMap;
use std::str::FromStr;

/// Reviews the findings of an audit: every error with the shape of a
/// reading artefact becomes a `疑似识读问题` warning. Idempotent: a finding
/// already reviewed is left alone. Returns how many findings it turned into
/// warnings.
/// `suggestions` are the plausible OCR corrections searched with the
/// audit's rules ([`ocr::suggestions`]).
pub(crate) fn review(
    report: &Report,
    suggestions: &[Suggestion],
    findings: &mut [Finding],
) -> usize {
    let open = |f: &Finding| f.severity == Severity::Error && f.reading.is_none();
    // A check that knows its own finding may be a misreading says so.
    let said = |f: &Finding| {
        f.severity == Severity::Error && f.reading.as_ref().is_some_and(|d| d.shape.is_artefact())
    };
    if !findings.iter().any(|f| open(f) || said(f)) {
        return 0;
    }
    // Indexing every cell by line is only worth it for an error on cells.
    let layout = std::cell::OnceCell::new();
    let layout = || layout.get_or_init(|| Layout::new(report));
    let mut doubts: BTreeMap<usize, ReadingDoubt> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if let (true, Some(d)) = (said(f), f.reading.as_deref()) {
            doubts.insert(i, d.clone());
            continue;
        }
        if !open(f) {
            continue;
        }
        let found = by_ocr(report, suggestions, f)
            .or_else(|| by_low_confidence(suggestions, f))
            .or_else(|| by_doubt(report, f))
            .or_else(|| by_stray_amount(report, layout, f))
            .or_else(|| by_cut_name(report, f))
            .or_else(|| by_ocr_name(report, f))
            .or_else(|| unread::by_unread_row(report, f));
        if let Some(d) = found {
            doubts.insert(i, d);
        }
    }
    for (i, d) in propagated(findings, &doubts) {
        doubts.insert(i, d);
    }
    let mut downgraded = 0;
    for (i, f) in findings.iter_mut().enumerate() {
        if let Some(d) = doubts.remove(&i) {
            f.severity = Severity::Warning;
            f.message = format!(
                "{DOUBT_PREFIX}{}（{}）。{}",
                d.why,
                quote(report, &d.lines),
                f.message
            );
            f.reading = Some(Box::new(d));
            downgraded += 1;
        } else if open(f) {
            f.reading = machine_read(f).map(Box::new);
        }
    }
    downgraded
}

/// The table cells a finding read, resolved in the report.
fn cells_of<'r>(report: &'r Report, f: &Finding) -> Vec<(CellAddr, &'r Row, &'r Cell)> {
    f.cells
        .iter()
        .filter_map(|c| {
            let addr = CellAddr::parse(&c.addr)?;
            let (row, cell) = report.cell(&addr)?;
            Some((addr, row, cell))
        })
        .collect()
}

fn line_of(cell: &Cell) -> SourceLine {
    line_of_span(&cell.span)
}

fn line_of_span(span: &juesuan_model::Span) -> SourceLine {
    SourceLine {
        page: span.page,
        line: span.line,
    }
}

fn by_ocr(report: &Report, suggestions: &[Suggestion], f: &Finding) -> Option<ReadingDoubt> {
    let key = (f.rule.clone(), f.primary.clone());
    let s = suggestions.iter().find(|s| s.repairs.contains(&key))?;
    let line = CellAddr::parse(&s.addr)
        .and_then(|a| report.span_of(&a))
        .map(|span| SourceLine {
            page: span.page,
            line: span.line,
        });
    Some(ReadingDoubt {
        shape: ReadingShape::Ocr,
        cell: Some(s.addr.clone()),
        read: Some(s.read.clone()),
        candidate: Some(s.candidate.clone()),
        confidence: Some(s.confidence),
        why: format!(
            "{}（{}）经文字识别读为 {}（置信度 {}），若为 {} 则本式成立，请核对识别结果",
            s.addr, s.name, s.read, s.confidence, s.candidate
        ),
        lines: line.into_iter().collect(),
    })
}

/// An error resting on a value OCR read with confidence below
/// [`ocr::LOW_CONFIDENCE`]: named with its confidence and, when the search
/// found one for it, its candidate reading.
fn by_low_confidence(suggestions: &[Suggestion], f: &Finding) -> Option<ReadingDoubt> {
    let (addr, span, confidence) = f
        .cells
        .iter()
        .filter_map(|c| {
            let span = c.span.as_ref()?;
            let conf = span.confidence.filter(|&k| k < ocr::LOW_CONFIDENCE)?;
            Some((c.addr.as_str(), span, conf))
        })
        .min_by_key(|(_, _, conf)| *conf)?;
    let printed = f
        .cells
        .iter()
        .find(|c| c.addr == addr)
        .and_then(|c| c.printed.clone());
    let candidate = suggestions
        .iter()
        .find(|s| s.addr == addr)
        .map(|s| s.candidate.clone());
    let read = printed.as_deref().unwrap_or("（未读出）");
    let why = match &candidate {
        Some(c) => format!(
            "{addr} 经文字识别读为 {read}，置信度仅 {confidence}，候选读数 {c}，请核对识别结果"
        ),
        None => format!(
            "{addr} 经文字识别读为 {read}，置信度仅 {confidence}（无唯一的候选读数），请核对识别结果"
        ),
    };
    Some(ReadingDoubt {
        shape: ReadingShape::LowConfidence,
        cell: Some(addr.to_string()),
        read: printed,
        candidate,
        confidence: Some(confidence),
        why,
        lines: vec![SourceLine {
            page: span.page,
            line: span.line,
        }],
    })
}

fn by_doubt(report: &Report, f: &Finding) -> Option<ReadingDoubt> {
    // A name the reader is unsure of (a finding on a row, not a cell).
    let named = f.cells.iter().find_map(|c| {
        let (_, row) = row_of_ref(report, &c.addr)?;
        Some((c.addr.clone(), row, row.doubt.as_deref()?))
    });
    if let Some((addr, row, why)) = named {
        return Some(ReadingDoubt {
            shape: ReadingShape::Doubt,
            cell: Some(addr.clone()),
            read: Some(row.name.clone()),
            candidate: None,
            confidence: None,
            why: format!("读取 {addr} 的名称时存疑：{why}"),
            lines: vec![SourceLine {
                page: row.span.page,
                line: row.span.line,
            }],
        });
    }
    let (addr, _, cell) = cells_of(report, f)
        .into_iter()
        .find(|(_, _, c)| c.doubt.is_some())?;
    let why = cell.doubt.as_deref().unwrap_or_default();
    Some(ReadingDoubt {
        shape: ReadingShape::Doubt,
        cell: Some(addr.to_string()),
        read: Some(cell.raw.clone()),
        candidate: None,
        confidence: cell.span.confidence,
        why: format!("读取 {addr} 时存疑：{why}"),
        lines: vec![line_of(cell)],
    })
}

/// The difference and tolerance of a finding, when it compares amounts.
fn difference(f: &Finding) -> Option<(Decimal, Decimal)> {
    let d = Decimal::from_str(f.difference.as_deref()?).ok()?;
    let t = f
        .tolerance
        .as_deref()
        .and_then(|t| Decimal::from_str(t).ok())
        .unwrap_or(Decimal::ZERO);
    Some((d.abs(), t))
}

/// An amount no cell took: where it is printed, its value and text, and the
/// row line it was found from.
struct Stray {
    at: LineKey,
    value: Decimal,
    raw: String,
    row_line: LineKey,
}

fn by_stray_amount<'r>(
    report: &'r Report,
    layout: impl Fn() -> &'r Layout<'r>,
    f: &Finding,
) -> Option<ReadingDoubt> {
    let cells = cells_of(report, f);
    if cells.is_empty() {
        return None;
    }
    let layout = layout();
    let mut row_lines: Vec<LineKey> = Vec::new();
    for (_, row, _) in &cells {
        for key in layout.lines_of_row(row) {
            if !row_lines.contains(&key) {
                row_lines.push(key);
            }
        }
    }
    let mut strays: Vec<Stray> = Vec::new();
    for key in &row_lines {
        let own = layout.untaken(*key);
        let near = layout
            .orphan_neighbours(*key)
            .into_iter()
            .flat_map(|n| layout.amounts(n));
        for (at, value, raw) in own.into_iter().chain(near) {
            if !strays.iter().any(|s| s.at == at && s.raw == raw) {
                strays.push(Stray {
                    at,
                    value,
                    raw,
                    row_line: *key,
                });
            }
        }
    }
    if strays.is_empty() {
        return None;
    }
    // The stray amount must account for the difference: alone, or all together.
    let matching: Vec<&Stray> = match difference(f) {
        Some((d, tol)) => {
            let one = strays
                .iter()
                .find(|s| (s.value.abs() - d).abs() <= tol)
                .map(|s| vec![s]);
            let total: Decimal = strays.iter().map(|s| s.value.abs()).sum();
            one.or_else(|| ((total - d).abs() <= tol).then(|| strays.iter().collect()))?
        }
        None => strays.iter().collect(),
    };
    let shown: Vec<String> = matching
        .iter()
        .map(|s| format!("{}的金额 {}", where_(&s.at), s.raw))
        .collect();
    let mut lines: Vec<SourceLine> = matching
        .iter()
        .flat_map(|s| [s.row_line, s.at])
        .map(|(page, line)| SourceLine { page, line })
        .collect();
    lines.sort_by_key(|l| (l.page, l.line));
    lines.dedup();
    // The cell in doubt: a blank one on the row the amount was found from.
    let cell = cells
        .iter()
        .find(|(_, row, c)| {
            c.value.is_none() && layout.lines_of_row(row).contains(&matching[0].row_line)
        })
        .or(cells.first())
        .map(|(a, _, _)| a.to_string());
    Some(ReadingDoubt {
        shape: ReadingShape::StrayAmount,
        cell,
        read: None,
        candidate: matching.first().map(|s| s.raw.clone()),
        confidence: None,
        why: format!(
            "{} 未读入任何单元格，可能是折行或错位的表格行",
            shown.join("、")
        ),
        lines,
    })
}

/// "第 167 行" or "第 3 页第 12 行".
fn where_((page, line): &LineKey) -> String {
    match page {
        Some(p) => format!("第 {p} 页第 {line} 行"),
        None => format!("第 {line} 行"),
    }
}

/// The table and row of a row reference `T05[2080199]` (no column).
fn row_of_ref<'r>(report: &'r Report, addr: &str) -> Option<(&'r Table, &'r Row)> {
    let (t, rest) = addr.split_once('[')?;
    let key = rest.strip_suffix(']')?;
    if key.contains(",C") {
        return None;
    }
    let table = report.table(juesuan_model::TableId::parse(t)?)?;
    Some((table, table.row(key)?))
}

/// Most characters an OCR'd 科目名称 may differ from the official name of
/// its code and still be taken for a misreading of it: Tesseract confuses
/// a character or two of a name; a department's wrong name (another
/// 科目's, or last year's) differs by more.
const OCR_NAME_SLIPS: usize = 2;

/// A 科目名称 read by OCR that is one or two characters off the official
/// name of its code, or that OCR did not read at all on a machine-read
/// row: the official name is the candidate reading.
fn by_ocr_name(report: &Report, f: &Finding) -> Option<ReadingDoubt> {
    if !f.rule.starts_with("names.") {
        return None;
    }
    let (_, row) = row_of_ref(report, &f.cells.first()?.addr)?;
    let machine_read =
        row.span.confidence.is_some() || row.cells.iter().any(|c| c.span.confidence.is_some());
    if !machine_read {
        return None;
    }
    let (code, official) = official_name(report, row)?;
    let (printed, full) = (label_of(&row.name), label_of(official));
    let addr = f.cells.first()?.addr.clone();
    let why = match row.span.confidence {
        _ if printed.is_empty() => format!(
            "{addr} 的名称经文字识别未能读出，科目 {code} 的名称是“{official}”，请核对识别结果"
        ),
        Some(confidence) => {
            let slips = strsim::levenshtein(&printed, &full);
            if slips == 0 || slips > OCR_NAME_SLIPS {
                return None;
            }
            format!(
                "{addr} 的名称经文字识别读为“{}”（置信度 {confidence}），与科目 {code} 的名称“{official}”仅差 {slips} 个字，请核对识别结果",
                row.name
            )
        }
        None => return None,
    };
    Some(ReadingDoubt {
        shape: ReadingShape::Ocr,
        cell: Some(addr),
        read: Some(row.name.clone()),
        candidate: Some(official.to_string()),
        confidence: row.span.confidence,
        why,
        lines: vec![SourceLine {
            page: row.span.page,
            line: row.span.line,
        }],
    })
}

/// A 科目 row's code and the official name of that code in the report's
/// year (功能分类 or 经济分类).
fn official_name<'r>(report: &Report, row: &'r Row) -> Option<(&'r str, &'static str)> {
    let code = row.code.as_deref()?;
    let year = report.meta.year;
    let official = crate::reference::functional_name(year, code)
        .or_else(|| crate::reference::economic_name(year, code))?;
    Some((code, official))
}

fn by_cut_name(report: &Report, f: &Finding) -> Option<ReadingDoubt> {
    let (_, row) = row_of_ref(report, &f.cells.first()?.addr)?;
    let (_, official) = official_name(report, row)?;
    let (printed, full) = (label_of(&row.name), label_of(official));
    let rest = full
        .strip_prefix(printed.as_str())
        .filter(|r| !r.is_empty())?;
    if printed.is_empty() {
        return None;
    }
    let page = row.span.page;
    let line = [row.span.line.checked_sub(1), row.span.line.checked_add(1)]
        .into_iter()
        .flatten()
        .find(|n| {
            report
                .source_line(page, *n)
                .is_some_and(|text| source::words(text).starts_with(rest))
        })?;
    Some(ReadingDoubt {
        shape: ReadingShape::CutName,
        cell: f.cells.first().map(|c| c.addr.clone()),
        read: Some(row.name.clone()),
        candidate: Some(official.to_string()),
        confidence: None,
        why: format!(
            "科目名称“{}”之余“{rest}”印在{}，名称折行未能接上",
            row.name,
            where_(&(page, line))
        ),
        lines: vec![
            SourceLine {
                page,
                line: row.span.line,
            },
            SourceLine { page, line },
        ],
    })
}

/// Row sums failing by amounts that add up the hierarchy: the parent's
/// difference is the sum of its failing children's, under the same rule and
/// column.
fn propagated(
    findings: &[Finding],
    known: &BTreeMap<usize, ReadingDoubt>,
) -> Vec<(usize, ReadingDoubt)> {
    // (rule, table, column) → row key → (finding, signed difference, tolerance).
    type Group = BTreeMap<String, (usize, Decimal, Decimal)>;
    let mut groups: BTreeMap<(&str, String, u32), Group> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if f.severity != Severity::Error || f.reading.is_some() || known.contains_key(&i) {
            continue;
        }
        let (Some(addr), Some(d)) = (
            f.primary.as_deref().and_then(CellAddr::parse),
            f.difference
                .as_deref()
                .and_then(|d| Decimal::from_str(d).ok()),
        ) else {
            continue;
        };
        let tol = difference(f).map_or(Decimal::ZERO, |(_, t)| t);
        groups
            .entry((f.rule.as_str(), addr.table.to_string(), addr.column))
            .or_default()
            .insert(addr.row, (i, d, tol));
    }
    let mut out: Vec<(usize, ReadingDoubt)> = Vec::new();
    for ((_, table, _), group) in &groups {
        for (parent, (pi, pd, pt)) in group {
            let children: Vec<(&String, &(usize, Decimal, Decimal))> =
                group.iter().filter(|(k, _)| is_child(parent, k)).collect();
            if children.is_empty() {
                continue;
            }
            let sum: Decimal = children.iter().map(|(_, c)| c.1).sum();
            let tol: Decimal = *pt + children.iter().map(|(_, c)| c.2).sum::<Decimal>();
            if (*pd - sum).abs() > tol || pd.is_zero() {
                continue;
            }
            let names: Vec<&str> = children.iter().map(|(k, _)| k.as_str()).collect();
            let why = format!(
                "{table} 中 {parent} 行与其下级 {} 行的合计相差同一数额（{}），一处误读逐级传递",
                names.join("、"),
                pd
            );
            for i in std::iter::once(*pi).chain(children.iter().map(|(_, c)| c.0)) {
                if out.iter().any(|(j, _)| *j == i) {
                    continue;
                }
                let lines = findings[i]
                    .cells
                    .first()
                    .and_then(|c| c.span.as_ref())
                    .map(|s| SourceLine {
                        page: s.page,
                        line: s.line,
                    })
                    .into_iter()
                    .collect();
                out.push((
                    i,
                    ReadingDoubt {
                        shape: ReadingShape::Propagated,
                        cell: findings[i].primary.clone(),
                        read: None,
                        candidate: None,
                        confidence: None,
                        why: why.clone(),
                        lines,
                    },
                ));
            }
        }
    }
    out
}

/// Whether row key `child` is a 科目 one level below `parent` (a 类 is a
/// child of the 合计 row).
fn is_child(parent: &str, child: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(child) {
        return false;
    }
    if parent == "合计" {
        return child.len() == 3;
    }
    digits(parent) && child.len() == parent.len() + 2 && child.starts_with(parent)
}

/// A note on an error that rests on machine-read cells (its severity kept).
fn machine_read(f: &Finding) -> Option<ReadingDoubt> {
    let machine: Vec<(String, u8, SourceLine)> = f
        .cells
        .iter()
        .filter_map(|c| {
            let span = c.span.as_ref()?;
            Some((
                c.addr.clone(),
                span.confidence?,
                SourceLine {
                    page: span.page,
                    line: span.line,
                },
            ))
        })
        .collect();
    let first = machine.first()?;
    Some(ReadingDoubt {
        shape: ReadingShape::MachineRead,
        cell: Some(first.0.clone()),
        read: None,
        candidate: None,
        confidence: Some(first.1),
        why: format!(
            "{} 为文字识别（OCR）读取的数值",
            machine
                .iter()
                .map(|(a, c, _)| format!("{a}（置信度 {c}）"))
                .collect::<Vec<_>>()
                .join("、")
        ),
        lines: machine.into_iter().map(|m| m.2).collect(),
    })
}

/// The source lines quoted: `第 166 行“2080101 行政运行 4,660.32”`.
fn quote(report: &Report, lines: &[SourceLine]) -> String {
    const MAX_CHARS: usize = 60;
    lines
        .iter()
        .map(|l| {
            let text = report.source_line(l.page, l.line).unwrap_or("");
            let mut shown = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if shown.chars().count() > MAX_CHARS {
                shown = shown.chars().take(MAX_CHARS).collect::<String>() + "…";
            }
            format!("{}“{shown}”", where_(&(l.page, l.line)))
        })
        .collect::<Vec<_>>()
        .join("；")
}
