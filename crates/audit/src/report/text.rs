//! Compiler-style diagnostics:
//!
//! ```text
//! 错误[T05.row_basic]: 基本支出应等于人员经费与公用经费之和：…
//!    --> report.txt:300
//!     |
//! 300 | 合计        33608.20    12874.92    10814.21    2060.70    20733.28
//!     |                         ^^^^^^^^ T05[合计,C8]
//!     |                                     --------    -------
//! ```

use super::width::{columns_of, expand_tabs};
use crate::finding::Finding;
use crate::{Audit, Severity, Status};
use juesuan_model::Report;
use std::fmt::Write;

/// Most source lines quoted per finding.
const MAX_LINES: usize = 6;

/// What a text report shows, as a linter's flags choose it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The least severity shown (info is hidden by default, and counted).
    pub min_severity: Severity,
    /// Rule ids or id prefixes to show (empty: all).
    pub select: Vec<String>,
    /// Rule ids or id prefixes never shown.
    pub ignore: Vec<String>,
    /// Findings of one rule in one report shown in full before the rest
    /// are summed up in one line (`None`: all in full).
    pub group_after: Option<usize>,
    /// ANSI colours (on a terminal, unless `NO_COLOR`).
    pub color: bool,
}

impl View {
    /// Every finding, in full, without colour.
    pub fn everything() -> View {
        View {
            min_severity: Severity::Info,
            select: Vec::new(),
            ignore: Vec::new(),
            group_after: None,
            color: false,
        }
    }

    /// Whether the rule's findings are selected and not ignored.
    pub fn selects(&self, rule: &str) -> bool {
        let matches = |p: &String| rule == p || rule.starts_with(&format!("{p}."));
        (self.select.is_empty() || self.select.iter().any(matches))
            && !self.ignore.iter().any(matches)
    }

    /// Whether a finding is shown.
    pub fn shows(&self, f: &Finding) -> bool {
        f.severity >= self.min_severity && self.selects(&f.rule)
    }
}

/// Renders every finding of one file, then the summary and coverage.
pub fn render(file: &str, report: &Report, audit: &Audit) -> String {
    render_view(file, report, audit, &View::everything())
}

/// Renders the findings `view` shows, errors first, then warnings, then
/// info (each in rulebook order), a rule's many findings summed up after
/// the first few, then the summary with what was hidden.
pub fn render_view(file: &str, report: &Report, audit: &Audit, view: &View) -> String {
    let mut out = String::new();
    let mut shown: Vec<&Finding> = audit.findings.iter().filter(|f| view.shows(f)).collect();
    shown.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut per_rule: std::collections::HashMap<(&str, Severity), usize> = Default::default();
    for f in &shown {
        *per_rule.entry((f.rule.as_str(), f.severity)).or_default() += 1;
    }
    let mut seen: std::collections::HashMap<(&str, Severity), usize> = Default::default();
    for f in shown {
        let key = (f.rule.as_str(), f.severity);
        let n = seen.entry(key).or_default();
        *n += 1;
        let total = per_rule.get(&key).copied().unwrap_or(0);
        match view.group_after {
            Some(k) if total > k + 1 && *n > k => {
                if *n == k + 1 {
                    let _ = writeln!(
                        out,
                        "{}[{}]: …… 等另外 {} 处（--format json 列出全部位置）\n",
                        severity_word(f.severity, view.color),
                        f.rule,
                        total - k
                    );
                }
                continue;
            }
            _ => {}
        }
        out.push_str(&render_finding_view(file, report, f, view.color));
        out.push('\n');
    }
    out.push_str(&summary_view(file, audit, view));
    out
}

/// The severity word of text output, coloured when asked.
fn severity_word(s: Severity, color: bool) -> String {
    if !color {
        return s.chinese().to_string();
    }
    let code = match s {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    format!("\x1b[{code}m{}\x1b[0m", s.chinese())
}

/// Where a cell stands when it is not a line of text: a worksheet cell
/// (`公开01表!C9`) or a web-page cell (`表3 第5行 第2列`).
fn cell_place(f: &Finding) -> Option<&str> {
    f.primary_span().and_then(|s| s.cell_ref.as_deref())
}

/// Renders one finding.
pub fn render_finding(file: &str, report: &Report, f: &Finding) -> String {
    render_finding_view(file, report, f, false)
}

fn render_finding_view(file: &str, report: &Report, f: &Finding, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        severity_word(f.severity, color),
        f.rule,
        f.message
    );
    let Some(line) = f.line else {
        let _ = writeln!(out, "  --> {file}");
        return out;
    };
    let page = match (f.page, cell_place(f)) {
        (Some(p), _) => format!("（第 {p} 页）"),
        (None, Some(place)) => format!("（{place}）"),
        (None, None) => String::new(),
    };
    // Group the cells with a span by line; the primary line first.
    // The primary line, the lines that show a reading doubt (a stray
    // amount, a name's rest), then the other cells' lines.
    let mut lines: Vec<u32> = vec![line];
    let doubt = f.reading.iter().flat_map(|r| r.lines.iter());
    let cells = f.cells.iter().filter_map(|c| c.span.as_ref());
    for (page, l) in doubt
        .map(|l| (l.page, l.line))
        .chain(cells.map(|s| (s.page, s.line)))
    {
        if page == f.page && !lines.contains(&l) {
            lines.push(l);
        }
    }
    let shown = lines.len().min(MAX_LINES);
    let width = lines[..shown]
        .iter()
        .map(|l| l.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(width);
    let _ = writeln!(out, "{pad}--> {file}:{line}{page}");
    let _ = writeln!(out, "{pad} |");
    let mut ordered: Vec<u32> = lines[..shown].to_vec();
    ordered.sort_unstable();
    for l in ordered {
        let Some(text) = report.source_line(f.page, l) else {
            continue;
        };
        let _ = writeln!(out, "{l:>width$} | {}", expand_tabs(text).trim_end());
        // Primary mark first, then context marks on the same line.
        let mut marks: Vec<(usize, usize, char, String)> = Vec::new();
        for (i, c) in f.cells.iter().enumerate() {
            let Some(s) = &c.span else { continue };
            if s.line != l || s.page != f.page {
                continue;
            }
            let (a, b) = columns_of(text, s.start as usize, s.end as usize);
            let primary = i == 0;
            if marks.iter().any(|m| m.0 == a) {
                continue;
            }
            marks.push((
                a,
                b,
                if primary { '^' } else { '-' },
                if primary {
                    c.addr.clone()
                } else {
                    String::new()
                },
            ));
        }
        marks.sort_by_key(|m| m.0);
        if !marks.is_empty() {
            let mut underline = String::new();
            let mut col = 0;
            for (a, b, ch, _) in &marks {
                if *a < col {
                    continue;
                }
                underline.push_str(&" ".repeat(a - col));
                underline.extend(std::iter::repeat_n(*ch, b - a));
                col = *b;
            }
            if let Some((_, _, _, label)) = marks.iter().find(|m| m.2 == '^') {
                underline.push(' ');
                underline.push_str(label);
            }
            let _ = writeln!(out, "{pad} | {}", underline.trim_end());
        }
    }
    if lines.len() > shown {
        let _ = writeln!(out, "{pad} | …（另有 {} 行）", lines.len() - shown);
    }
    let unprinted: Vec<&str> = f
        .cells
        .iter()
        .filter(|c| c.span.is_none())
        .map(|c| c.addr.as_str())
        .collect();
    if let Some(r) = f.reading.as_ref().filter(|r| !r.shape.is_artefact()) {
        let _ = writeln!(out, "{pad} = 注：{}", r.why);
    }
    if !unprinted.is_empty() {
        let _ = writeln!(
            out,
            "{pad} = 注：{} 表中未列出，按 0 计",
            unprinted.join("、")
        );
    }
    out
}

/// The closing summary with the coverage counts.
pub fn summary(file: &str, audit: &Audit) -> String {
    summary_view(file, audit, &View::everything())
}

/// The summary, saying how many findings the view hid.
fn summary_view(file: &str, audit: &Audit, view: &View) -> String {
    let c = audit.coverage;
    let hidden = audit.findings.iter().filter(|f| !view.shows(f)).count();
    let doubts = if c.reading_doubts > 0 {
        format!("（其中疑似识读问题 {} 个）", c.reading_doubts)
    } else {
        String::new()
    };
    let chosen = if c.chosen_readings > 0 {
        format!("（其中按恒等式选定读数 {} 个）", c.chosen_readings)
    } else {
        String::new()
    };
    let hidden = if hidden == 0 {
        String::new()
    } else if view.min_severity > Severity::Info && view.select.is_empty() && view.ignore.is_empty()
    {
        format!("（未显示 {hidden} 个，加 --show-info 显示提示）")
    } else {
        format!("（按所选条件未显示 {hidden} 个）")
    };
    let mut out = format!(
        "{file}：错误 {} 个，警告 {} 个{doubts}，提示 {} 个{chosen}{hidden}；规则 {} 条：已运行 {}，不适用 {}，数据不足 {}\n",
        audit.count(Severity::Error),
        audit.count(Severity::Warning),
        audit.count(Severity::Info),
        c.rules_total,
        c.ran,
        c.not_applicable,
        c.insufficient_data
    );
    for o in &audit.outcomes {
        if o.status == Status::InsufficientData {
            let _ = writeln!(
                out,
                "  数据不足 {}：{}",
                o.rule,
                o.reason.as_deref().unwrap_or("")
            );
        }
    }
    out
}
