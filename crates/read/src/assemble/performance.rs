//! 项目支出绩效自评表: one block per project, from its 项目名称 row to its 总分 row.
//!
//! PDF conversion damages these tables in known ways: merged cells shift
//! the slots of a row, and in some tables the project name ends up in the
//! title row while the 项目名称 cell repeats the 主管部门. Every field is
//! therefore found by its label, never by a fixed position, and a name
//! recovered from the title row is recorded as a repair.

mod indicator;

use super::line_cells::{cell_span, filled};
use super::text::{eq_squeezed, squeeze, strip_tags};
use crate::source::{SourceCell, SourceLine};
use juesuan_model::amount::parse_amount;
use juesuan_model::{FundRow, Meta, Performance, ReadNote, Span};

/// The four funding rows, in printed order.
const FUND_ROWS: [&str; 4] = ["年度资金总额", "当年财政拨款", "上年结转资金", "其他资金"];

/// Reads every performance self-evaluation table.
pub fn read_performance(
    lines: &[SourceLine],
    meta: &Meta,
    notes: &mut Vec<ReadNote>,
) -> Vec<Performance> {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| first_label_is(&lines[i], "项目名称"))
        .collect();
    let mut out = Vec::new();
    let mut prev_end = 0;
    for (k, &start) in starts.iter().enumerate() {
        let limit = starts.get(k + 1).copied().unwrap_or(lines.len());
        let end = (start..limit)
            .find(|&i| first_label_is(&lines[i], "总分"))
            .map_or(limit, |i| i + 1);
        let title = title_name(&lines[prev_end..start]);
        let p = read_block(k as u32 + 1, &lines[start..end], title, meta, notes);
        out.push(p);
        prev_end = end;
    }
    out
}

/// Whether the first filled cell of a line is `label` (spaces ignored),
/// without allocating: this runs on every line of every table.
fn first_label_is(l: &SourceLine, label: &str) -> bool {
    let first = match l.cells.iter().find(|c| !c.text.is_empty()) {
        Some(c) => c.text.as_str(),
        None if l.cells.is_empty() => l.text.trim(),
        None => "",
    };
    eq_squeezed(first, label)
}

/// The first filled cell of a line, squeezed (a short prose line counts as
/// its own first cell: spreadsheets and pages print a lone label that way).
fn first_label(l: &SourceLine) -> String {
    let first = match l.cells.iter().find(|c| !c.text.is_empty()) {
        Some(c) => c.text.as_str(),
        None if l.cells.is_empty() => l.text.trim(),
        None => "",
    };
    // Most lines are not labels at all: avoid allocating for them.
    if first.chars().count() <= 12 {
        squeeze(first)
    } else {
        String::new()
    }
}

/// A project name printed in the title row above the 项目名称 row.
fn title_name(before: &[SourceLine]) -> Option<(String, u32)> {
    let l = before.iter().rev().find(|l| !l.trimmed().is_empty())?;
    let cells = filled(l);
    let text = match cells.as_slice() {
        [only] => only.text.clone(),
        [] => l.trimmed().to_string(),
        _ => return None,
    };
    let sq = squeeze(&text);
    (!sq.contains("绩效自评表") && !sq.is_empty() && sq.chars().count() <= 60)
        .then_some((text, l.number))
}

fn read_block(
    index: u32,
    block: &[SourceLine],
    title: Option<(String, u32)>,
    meta: &Meta,
    notes: &mut Vec<ReadNote>,
) -> Performance {
    let first = block.first().map_or(0, |l| l.number);
    let last = block.last().map_or(first, |l| l.number);
    let mut p = Performance {
        index,
        name: String::new(),
        department: String::new(),
        implementer: String::new(),
        funds: Vec::new(),
        goal_expected: String::new(),
        goal_actual: String::new(),
        indicators: Vec::new(),
        score: None,
        score_line: 0,
        lines: (title.as_ref().map_or(first, |t| t.1), last),
        page: None,
        repairs: Vec::new(),
    };
    p.name = value_after(&block[0], "项目名称").unwrap_or_default();
    if let Some(l) = block.iter().find(|l| first_label_is(l, "主管部门")) {
        p.department = value_after(l, "主管部门").unwrap_or_default();
        p.implementer = value_after(l, "实施单位").unwrap_or_default();
    }
    let name_is_department = !p.name.is_empty()
        && (squeeze(&p.name) == squeeze(&p.department)
            || squeeze(&p.name) == squeeze(&meta.department));
    if p.name.is_empty() || name_is_department {
        if let Some((t, line)) = &title {
            p.repairs.push(format!(
                "第 {line} 行：项目名称取自表头行“{t}”（“项目名称”栏为“{}”）",
                p.name
            ));
            p.name = t.clone();
        } else if p.name.is_empty() {
            notes.push(ReadNote {
                line: first,
                message: format!("第 {index} 张绩效自评表：未找到项目名称"),
            });
        }
    }
    read_funds(block, &mut p, notes);
    read_goals(block, &mut p);
    indicator::read_indicators(block, &mut p);
    if let Some(l) = block.iter().find(|l| first_label_is(l, "总分")) {
        p.score = filled(l).iter().skip(1).find_map(|c| parse_amount(&c.text));
        p.score_line = l.number;
        if p.score.is_none() {
            notes.push(ReadNote {
                line: l.number,
                message: format!("第 {index} 张绩效自评表：总分不是数字"),
            });
        }
    } else {
        notes.push(ReadNote {
            line: first,
            message: format!("第 {index} 张绩效自评表（{}）：未找到总分", p.name),
        });
    }
    p
}

/// The first filled cell after the cell labelled `label`.
fn value_after(l: &SourceLine, label: &str) -> Option<String> {
    let i = l.cells.iter().position(|c| eq_squeezed(&c.text, label))?;
    l.cells[i + 1..]
        .iter()
        .find(|c| !c.text.is_empty())
        .map(|c| c.text.clone())
        // "实施单位" may be followed by the value, or by another label.
        .filter(|v| !matches!(squeeze(v).as_str(), "实施单位" | "主管部门"))
}

/// The 资金情况 rows: values are placed by the header's slots, shifted by the
/// row label's offset (merged cells shift whole rows); rows the header does
/// not explain fall back to their filled numeric cells in order.
fn read_funds(block: &[SourceLine], p: &mut Performance, notes: &mut Vec<ReadNote>) {
    let header = block
        .iter()
        .find(|l| l.cells.iter().any(|c| eq_squeezed(&c.text, "年初预算数")));
    let col_slots: Option<(usize, [Option<usize>; 4])> = header.map(|h| {
        let find =
            |pred: &dyn Fn(&str) -> bool| h.cells.iter().position(|c| pred(&squeeze(&c.text)));
        let first_value = find(&|t| t == "年初预算数");
        let label =
            find(&|t| t == "项目资金").or_else(|| first_value.and_then(|v| v.checked_sub(1)));
        (
            label.unwrap_or(0),
            [
                first_value,
                find(&|t| t == "全年预算数"),
                find(&|t| t == "全年执行数"),
                find(&|t| t.starts_with("执行率")),
            ],
        )
    });
    for l in block {
        let Some((label_idx, row)) = l.cells.iter().enumerate().find_map(|(i, c)| {
            // Labels are short; skip the long goal and reason texts cheaply.
            if c.text.len() > 40 || c.text.is_empty() {
                return None;
            }
            let t = c.text.trim();
            let t: std::borrow::Cow<'_, str> = if t.contains(char::is_whitespace) {
                squeeze(t).into()
            } else {
                t.into()
            };
            FUND_ROWS.iter().find(|r| t.ends_with(*r)).map(|r| (i, *r))
        }) else {
            continue;
        };
        if p.funds.iter().any(|f| f.row == row) {
            continue;
        }
        let mut picked: [Option<&SourceCell>; 4] = [None; 4];
        if let Some((h_label, slots)) = col_slots {
            for (k, slot) in slots.iter().enumerate() {
                picked[k] = slot
                    .and_then(|s| (s + label_idx).checked_sub(h_label))
                    .and_then(|s| l.cells.get(s))
                    .filter(|c| !c.text.is_empty());
            }
        }
        let sequential: Vec<&SourceCell> = l.cells[label_idx + 1..]
            .iter()
            .filter(|c| parse_amount(&c.text).is_some())
            .collect();
        let by_header = picked.iter().flatten().count();
        if by_header < sequential.len().min(4) {
            picked = [None; 4];
            for (k, c) in sequential.iter().take(4).enumerate() {
                picked[k] = Some(c);
            }
        }
        let value = |k: usize| picked[k].and_then(|c| parse_amount(&c.text));
        for c in picked.iter().flatten() {
            if parse_amount(&c.text).is_none() {
                notes.push(ReadNote {
                    line: l.number,
                    message: format!("绩效自评表“{}”：{row}栏“{}”不是金额", p.name, c.text),
                });
            }
        }
        p.funds.push(FundRow {
            row: row.to_string(),
            initial_budget: value(0),
            full_year_budget: value(1),
            executed: value(2),
            rate: value(3),
            spans: picked
                .iter()
                .map(|c| c.map_or_else(|| Span::new(l.number, 0, 0), |c| cell_span(c, l)))
                .collect(),
            line: l.number,
        });
    }
}

/// 年度总体目标: the expected goal and the actual completion, without markup.
fn read_goals(block: &[SourceLine], p: &mut Performance) {
    let Some(h) = block
        .iter()
        .position(|l| first_label(l).contains("总体目标"))
    else {
        return;
    };
    let end = block[h + 1..]
        .iter()
        .position(|l| l.cells.iter().any(|c| eq_squeezed(&c.text, "一级指标")))
        .map_or(block.len(), |e| h + 1 + e);
    let mut texts: Vec<String> = Vec::new();
    for l in &block[h + 1..end] {
        if l.is_tabular() {
            texts.extend(filled(l).iter().map(|c| strip_tags(&c.text)));
        } else if !l.trimmed().is_empty() {
            texts.push(strip_tags(l.trimmed()));
        }
    }
    let mut it = texts.into_iter().filter(|t| !t.is_empty());
    p.goal_expected = it.next().unwrap_or_default();
    p.goal_actual = it.collect::<Vec<_>>().join(" ");
}
