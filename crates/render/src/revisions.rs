//! No silent rewriting: where the document drafted from the figures says
//! something other than the officer's own words — a direction (大于/小于,
//! 增加/减少), an amount or percentage, a 科目名称 — the place is listed,
//! and the officer's words are kept unless the caller asks for the
//! figure-derived ones (`fix`).
//!
//! The officer's words are the report's own narrative paragraphs and the
//! names printed in its tables. A drafted paragraph is paired with the
//! officer's paragraph that shares its opening (the item's 类/款/项 names,
//! "本年收入合计" …); within a pair, claims are paired by the words right
//! before them and their order, so an added clause ("占 96.1%") is not a
//! change and a changed one is.

use crate::document::{Block, Document, Grid, GridKind};
use crate::tables::full_name;
use juesuan_model::amount::parse_amount;
use juesuan_model::Report;

/// One place where the officer's words and the figures disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Where: the paragraph's address and source line, or the table and 科目.
    pub place: String,
    /// The officer's words.
    pub original: String,
    /// The figure-derived words.
    pub drafted: String,
    /// What kind of disagreement (方向, 金额, 名称).
    pub what: &'static str,
}

impl Revision {
    /// One line for stderr and the 修改说明 section.
    pub fn line(&self, fix: bool) -> String {
        let basis = if self.what == "名称" {
            "同一科目代码在其他表所印的全称"
        } else {
            "表中数字"
        };
        if fix {
            format!(
                "已修改：{}：{}“{}”改为“{}”（按{basis}）",
                self.place, self.what, self.original, self.drafted
            )
        } else {
            format!(
                "与数字不符：{}：{}原文为“{}”，按{basis}应为“{}”；已保留原文",
                self.place, self.what, self.original, self.drafted
            )
        }
    }
}

/// The 修改说明 section of the text form (empty when nothing differs).
pub fn txt_section(changes: &[Revision], fix: bool) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let mut s = String::from("修改说明\n\n");
    for c in changes {
        s.push_str(&c.line(fix));
        s.push_str("\n\n");
    }
    s
}

/// Lists every disagreement between `doc` (drafted from `report`'s
/// figures) and the officer's words in `report`; unless `fix`, puts the
/// officer's words back into `doc`.
pub fn revise(report: &Report, doc: &mut Document, fix: bool) -> Vec<Revision> {
    let mut out = names(report, doc, fix);
    out.extend(narrative(report, doc, fix));
    out
}

/// 科目名称 completed from another table (a name cut short in print).
fn names(report: &Report, doc: &mut Document, fix: bool) -> Vec<Revision> {
    let mut out = Vec::new();
    for b in &mut doc.blocks {
        if let Block::Table(g) = b {
            out.extend(grid_names(report, g, fix));
        }
    }
    out
}

/// The completed 科目名称 of one table grid; unless `fix`, the printed
/// names are put back.
pub fn grid_names(report: &Report, g: &mut Grid, fix: bool) -> Vec<Revision> {
    let mut out = Vec::new();
    let GridKind::Statutory(id) = g.kind else {
        return out;
    };
    let Some(t) = report.table(id) else {
        return out;
    };
    let label = if g.number_label.is_empty() {
        format!("{id:?}")
    } else {
        g.number_label.clone()
    };
    for r in &t.rows {
        let Some(code) = r.code.as_deref() else {
            continue;
        };
        let full = full_name(report, code, &r.name);
        if full == r.name {
            continue;
        }
        let place = match r.span.cell_ref.as_deref() {
            Some(cell) => format!("{label}（{cell}）科目 {code}"),
            None => format!("{label} 科目 {code}（第 {} 行）", r.span.line),
        };
        out.push(Revision {
            place,
            original: r.name.clone(),
            drafted: full.clone(),
            what: "名称",
        });
        if fix {
            continue;
        }
        for row in &mut g.body {
            if !row.iter().any(|c| c.text == code) {
                continue;
            }
            for c in row.iter_mut().filter(|c| c.text == full) {
                c.text = r.name.clone();
            }
        }
    }
    out
}

/// Words whose sign a figure decides, in groups that pair with each other.
const DIRECTIONS: &[(&str, u8, i8)] = &[
    ("大于", 0, 1),
    ("小于", 0, -1),
    ("等于", 0, 0),
    ("增加", 1, 1),
    ("减少", 1, -1),
    ("增长", 2, 1),
    ("下降", 2, -1),
    ("降低", 2, -1),
];

/// A claim in a paragraph: a direction word or a figure (万元, % or a score's 分).
#[derive(Debug, Clone)]
struct Claim {
    /// The non-space characters before it (the pairing key).
    before: String,
    /// Direction group, or `None` for an amount.
    group: Option<u8>,
    /// The sign of a direction word.
    sign: i8,
    /// The words as printed (without spaces).
    text: String,
    /// Byte range in the paragraph.
    range: std::ops::Range<usize>,
}

/// Characters of context that pair two claims.
const CONTEXT: usize = 3;

/// The claims of a paragraph, in order.
fn claims(text: &str) -> Vec<Claim> {
    // Non-space characters with their byte offsets.
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    let end_of = |i: usize| -> usize { chars.get(i).map_or(text.len(), |(b, c)| b + c.len_utf8()) };
    let before = |i: usize| -> String {
        // Digits and points before a claim belong to another figure.
        chars[i.saturating_sub(CONTEXT)..i]
            .iter()
            .map(|(_, c)| *c)
            .collect()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 2)]
            .iter()
            .map(|(_, c)| *c)
            .collect();
        if let Some((w, group, sign)) = DIRECTIONS.iter().find(|(w, ..)| rest == *w) {
            out.push(Claim {
                before: before(i),
                group: Some(*group),
                sign: *sign,
                text: (*w).to_string(),
                range: chars[i].0..end_of(i + 1),
            });
            i += 2;
            continue;
        }
        if chars[i].1.is_ascii_digit() && (i == 0 || !is_numeric(chars[i - 1].1)) {
            let mut j = i;
            while j < chars.len() && is_numeric(chars[j].1) {
                j += 1;
            }
            let number: String = chars[i..j].iter().map(|(_, c)| *c).collect();
            let unit: String = chars[j..chars.len().min(j + 2)]
                .iter()
                .map(|(_, c)| *c)
                .collect();
            let unit_len = if unit == "万元" {
                2
            } else if unit.starts_with(['%', '分']) {
                1
            } else {
                0
            };
            if unit_len > 0 {
                let last = j + unit_len - 1;
                out.push(Claim {
                    before: before(i),
                    group: None,
                    sign: 0,
                    text: format!(
                        "{number}{}",
                        &unit[..unit
                            .char_indices()
                            .nth(unit_len)
                            .map_or(unit.len(), |(b, _)| b)]
                    ),
                    range: chars[i].0..end_of(last),
                });
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || c == '.' || c == ','
}

/// The amount of an amount claim.
fn amount_of(text: &str) -> Option<rust_decimal::Decimal> {
    parse_amount(text.trim_end_matches(['%', '万', '元', '分']))
}

/// Non-space characters.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Shortest opening shared by paired paragraphs.
const MIN_OPENING: usize = 10;

/// The drafted 第三部分 against the officer's narrative.
fn narrative(report: &Report, doc: &mut Document, fix: bool) -> Vec<Revision> {
    let originals: Vec<(&juesuan_model::Paragraph, String)> = report
        .narrative
        .iter()
        .filter(|p| !p.is_heading)
        .map(|p| (p, squeeze(&p.text)))
        .collect();
    if originals.is_empty() {
        return Vec::new();
    }
    let start = doc
        .blocks
        .iter()
        .position(
            |b| matches!(b, Block::Heading { level: 1, text } if text.starts_with("第三部分")),
        )
        .unwrap_or(doc.blocks.len());
    let mut out = Vec::new();
    let mut used = vec![false; originals.len()];
    for b in &mut doc.blocks[start..] {
        let Block::Paragraph(text) = b else { continue };
        let drafted = squeeze(text);
        let best = originals
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, (_, o))| (i, common_prefix(o, &drafted)))
            .filter(|(_, n)| *n >= MIN_OPENING)
            .max_by_key(|(_, n)| *n);
        let Some((i, _)) = best else { continue };
        used[i] = true;
        let (p, _) = &originals[i];
        let place = match p.page {
            Some(page) => format!("情况说明 {}（第 {page} 页第 {} 行）", p.addr, p.line),
            None => format!("情况说明 {}（第 {} 行）", p.addr, p.line),
        };
        let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
        let theirs = claims(&p.text);
        let ours = claims(text);
        for (o, d) in pair(&theirs, &ours) {
            let differs = match o.group {
                Some(_) => o.sign != d.sign,
                None => {
                    amount_of(&o.text) != amount_of(&d.text)
                        || o.text.chars().last() != d.text.chars().last()
                }
            };
            if !differs {
                continue;
            }
            out.push(Revision {
                place: place.clone(),
                original: format!("{}{}", o.before, o.text),
                drafted: format!("{}{}", d.before, d.text),
                what: if o.group.is_some() {
                    "方向"
                } else {
                    "数字"
                },
            });
            if !fix {
                edits.push((d.range.clone(), o.text.clone()));
            }
        }
        edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
        for (range, words) in edits {
            text.replace_range(range, &words);
        }
    }
    out
}

/// Claims of the same kind and context, paired in order of appearance.
fn pair<'a>(theirs: &'a [Claim], ours: &'a [Claim]) -> Vec<(&'a Claim, &'a Claim)> {
    let mut out = Vec::new();
    let mut taken = vec![false; ours.len()];
    for o in theirs {
        let hit = ours.iter().enumerate().find(|(j, d)| {
            !taken[*j] && d.group == o.group && d.before == o.before && !d.before.is_empty()
        });
        if let Some((j, d)) = hit {
            taken[j] = true;
            out.push((o, d));
        }
    }
    out
}

/// Characters two strings open with.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_pair_by_context() {
        let officer = "年初预算为 854.31 万元，支出决算为 822.94 万元，完成年初预算的 96.3%。决算数大于预算数的主要原因是缴费基数调整。";
        let drafted = "年初预算为 854.31 万元，支出决算为 822.94 万元，完成年初预算的 96.3%。决算数小于预算数的主要原因是缴费基数调整。";
        let (a, b) = (claims(officer), claims(drafted));
        assert_eq!(a.len(), 4, "{a:?}");
        let diffs: Vec<_> = pair(&a, &b)
            .into_iter()
            .filter(|(o, d)| o.sign != d.sign || amount_of(&o.text) != amount_of(&d.text))
            .map(|(o, d)| (o.text.clone(), d.text.clone()))
            .collect();
        assert_eq!(diffs, vec![("大于".to_string(), "小于".to_string())]);
    }

    #[test]
    fn an_added_clause_is_not_a_change() {
        let officer = "财政拨款收入33597.66万元，比上年减少3044.73万元，下降8.3%";
        let drafted = "财政拨款收入 33597.66 万元，占 96.1%，比上年减少 3044.73 万元，下降 8.3%";
        let (a, b) = (claims(officer), claims(drafted));
        for (o, d) in pair(&a, &b) {
            assert_eq!(o.text, d.text.replace(' ', ""));
        }
        assert_eq!(pair(&a, &b).len(), 5);
    }
}
