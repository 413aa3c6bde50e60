//! Compiler-style diagnostics:
//!
//! ```text
//! error[T05.row_basic]: 基本支出应等于人员经费与公用经费之和：…
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

/// Renders every finding of one file, then the summary and coverage.
pub fn render(file: &str, report: &Report, audit: &Audit) -> String {
    let mut out = String::new();
    for f in &audit.findings {
        out.push_str(&render_finding(file, report, f));
        out.push('\n');
    }
    out.push_str(&summary(file, audit));
    out
}

/// Renders one finding.
pub fn render_finding(file: &str, report: &Report, f: &Finding) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}[{}]: {}", f.severity, f.rule, f.message);
    let Some(line) = f.line else {
        let _ = writeln!(out, "  --> {file}");
        return out;
    };
    let page = f.page.map(|p| format!("（第 {p} 页）")).unwrap_or_default();
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
    let c = audit.coverage;
    let doubts = if c.reading_doubts > 0 {
        format!("（其中疑似识读问题 {} 个）", c.reading_doubts)
    } else {
        String::new()
    };
    let mut out = format!(
        "{file}：错误 {} 个，警告 {} 个{doubts}，提示 {} 个；规则 {} 条：已运行 {}，不适用 {}，数据不足 {}\n",
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
