//! Cutting the document into its parts.
//!
//! Parts are recognised by what their heading names (概况, 决算表, 情况说明,
//! 名词解释), not by their number: families number and order them
//! differently (the 13-table 单位决算 puts 情况说明 second and the tables
//! fifth; 高等学校 reports head their parts "一、学校概况" … "四、名词解释").
//! The table of contents lists the same headings first; a heading followed
//! by nothing but further headings is a contents entry, and a part whose
//! body heading is missing simply has no range: it never swallows the
//! tables.

use super::text::{squeeze, squeeze_prefix, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::canonical::label_of;
use std::ops::Range;

/// Line ranges (indices into the source lines) of the document's parts.
#[derive(Debug, Clone)]
pub struct Parts {
    /// Cover, table of contents and 第一部分 部门概况.
    pub front: Range<usize>,
    /// 第二部分: the tables (and the 绩效自评表 that follow them).
    pub tables: Range<usize>,
    /// Where the 绩效自评表 are searched (same as `tables`).
    pub performance: Range<usize>,
    /// 第三部分 情况说明.
    pub narrative: Range<usize>,
    /// 第四部分 名词解释.
    pub glossary: Range<usize>,
}

/// What a part heading announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Front,
    Tables,
    Narrative,
    Glossary,
    /// 附件 and other parts that hold none of the above.
    Other,
}

/// The kind of part a heading line announces: "第二部分 2024 年度部门决算表",
/// "第五部分 附表", "三、决算报表说明".
fn part_heading(line: &SourceLine) -> Option<Kind> {
    if line.is_tabular() {
        return None;
    }
    let text = strip_bullet(&line.text);
    // Cheap rejection first: this runs on every line of the document. Single
    // characters, because headings may be letter-spaced ("第 二 部 分").
    if !text.contains(['部', '表', '释', '况']) {
        return None;
    }
    let head = squeeze_prefix(text, 4);
    let numbered = [
        "第一部分",
        "第二部分",
        "第三部分",
        "第四部分",
        "第五部分",
        "第六部分",
    ]
    .iter()
    .position(|p| head.starts_with(p));
    let sq = squeeze(text);
    if sq.chars().count() > 60 {
        return None;
    }
    let name = match numbered {
        Some(_) => sq.chars().skip(4).collect::<String>(),
        None => {
            // "二、2023 年度部门决算报表": only headings that name a part.
            let label = label_of(&sq);
            if label == sq || label.chars().count() > 30 {
                return None;
            }
            let part_like = label.ends_with("决算报表")
                || label.ends_with("部门决算表")
                || label.ends_with("单位决算表")
                || label.ends_with("报表说明")
                || label == "名词解释"
                || label.ends_with("概况");
            if !part_like {
                return None;
            }
            label
        }
    };
    let kind = if name.contains("名词解释") {
        Kind::Glossary
    } else if name.contains("说明") {
        Kind::Narrative
    } else if name.contains("附表") || name.ends_with("决算表") || name.ends_with("决算报表")
    {
        Kind::Tables
    } else if name.contains("概况") {
        Kind::Front
    } else if name.contains("附件") {
        Kind::Other
    } else {
        // A numbered heading with an unusual name: the usual order.
        match numbered {
            Some(0) => Kind::Front,
            Some(1) => Kind::Tables,
            Some(2) => Kind::Narrative,
            Some(3) => Kind::Glossary,
            _ => Kind::Other,
        }
    };
    Some(kind)
}

/// The first section heading of a 情况说明: "一、收入支出决算总体情况说明".
fn is_first_section(line: &SourceLine) -> bool {
    if line.is_tabular() {
        return false;
    }
    let t = squeeze(strip_bullet(&line.text));
    t.chars().count() <= 40
        && t.starts_with("一、")
        && (t.ends_with("情况说明") || t.contains("总体情况"))
}

/// Whether a line heads a part (第三部分 …, 三、决算报表说明 …).
pub fn is_part_heading(line: &SourceLine) -> bool {
    part_heading(line).is_some()
}

/// Whether the heading at `at` is a contents entry: nothing but short lines
/// (more entries, page numbers) stands between it and the next heading.
fn is_contents_entry(lines: &[SourceLine], at: usize, next: Option<usize>) -> bool {
    let Some(next) = next else {
        return false;
    };
    next - at <= 40
        && lines[at + 1..next]
            .iter()
            .all(|l| !l.is_tabular() && squeeze(&l.text).chars().count() <= 40)
}

/// Marks the headings that belong to a table of contents: a run of
/// headings of distinct kinds with nothing but short lines between them,
/// most of whose kinds are headed again after the run. (A body may lack a
/// heading its contents list: that entry still belongs to the contents.)
fn contents_entries(lines: &[SourceLine], found: &[(usize, Kind)]) -> Vec<bool> {
    let mut toc = vec![false; found.len()];
    let mut j = 0;
    while j < found.len() {
        let close = |k: usize| is_contents_entry(lines, found[k].0, found.get(k + 1).map(|f| f.0));
        let mut kinds = vec![found[j].1];
        let mut k = j;
        while k + 1 < found.len() && close(k) && !kinds.contains(&found[k + 1].1) {
            k += 1;
            kinds.push(found[k].1);
        }
        let end = if close(k) { k + 1 } else { k };
        let run = j..end;
        let again = found[run.end..]
            .iter()
            .filter(|f| found[run.clone()].iter().any(|r| r.1 == f.1))
            .map(|f| f.1)
            .fold(Vec::new(), |mut v, k| {
                if !v.contains(&k) {
                    v.push(k);
                }
                v
            })
            .len();
        if run.len() >= 2 && again * 2 >= run.len() {
            for t in &mut toc[run.clone()] {
                *t = true;
            }
        }
        j = run.end.max(j + 1);
    }
    toc
}

/// Finds the body headings of the parts and the ranges they head.
pub fn split(lines: &[SourceLine]) -> Parts {
    let n = lines.len();
    let found: Vec<(usize, Kind)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| part_heading(l).map(|k| (i, k)))
        .collect();
    let toc = contents_entries(lines, &found);
    // The body heading of each kind: its first occurrence outside the contents.
    let mut body: Vec<(usize, Kind)> = Vec::new();
    for (j, &(i, kind)) in found.iter().enumerate() {
        if !toc[j] && !body.iter().any(|b| b.1 == kind) {
            body.push((i, kind));
        }
    }
    let range = |kind: Kind| -> Option<Range<usize>> {
        let (start, _) = *body.iter().find(|b| b.1 == kind)?;
        let end = body
            .iter()
            .map(|b| b.0)
            .filter(|&s| s > start)
            .min()
            .unwrap_or(n);
        Some(start..end)
    };
    let narrative = range(Kind::Narrative);
    let glossary = range(Kind::Glossary);
    let tables = range(Kind::Tables).or_else(|| {
        // No heading for the tables: they start at the title of the first
        // grid outside the other parts and run to the next part heading.
        let elsewhere = |i: usize| {
            [&narrative, &glossary]
                .iter()
                .any(|r| r.as_ref().is_some_and(|r| r.contains(&i)))
        };
        let after_toc = found
            .iter()
            .zip(&toc)
            .filter(|(_, t)| **t)
            .map(|(f, _)| f.0 + 1)
            .max()
            .unwrap_or(0);
        let grid = (after_toc..n).find(|&i| super::tables::is_row(&lines[i]) && !elsewhere(i))?;
        let mut start = (grid.saturating_sub(15)..=grid)
            .rev()
            .find(|&i| super::tables::is_title(&lines[i]))
            .unwrap_or(grid);
        // Tables without figures ("本表无数据") may come before the first
        // grid: a title shortly above whose lines carry a unit line is one.
        let has_unit = |l: &SourceLine| {
            let t = squeeze(&l.text);
            t.contains("单位：") || t.contains("单位:")
        };
        while let Some(i) = (start.saturating_sub(15).max(after_toc)..start)
            .rev()
            .filter(|&i| super::tables::is_title(&lines[i]) && !elsewhere(i))
            .find(|&i| lines[i + 1..start].iter().any(has_unit))
        {
            start = i;
        }
        let end = body
            .iter()
            .map(|b| b.0)
            .filter(|&s| s > start)
            .min()
            .unwrap_or(n);
        Some(start..end)
    });
    let mut tables = tables.unwrap_or(n..n);
    // The 情况说明 without its body heading: it starts at its first section
    // ("一、收入支出决算总体情况说明") after the last table title, and the
    // tables end there.
    let narrative = narrative.or_else(|| {
        let last_title = (tables.start..tables.end)
            .rev()
            .find(|&i| super::tables::is_title(&lines[i]))?;
        let start = (last_title..tables.end).find(|&i| is_first_section(&lines[i]))?;
        let end = tables.end;
        tables.end = start;
        Some(start..end)
    });
    let front = match range(Kind::Front) {
        Some(r) => 0..r.end.min(tables.start.max(r.start + 1)),
        // Without a heading for the overview the metadata may be anywhere
        // before the tables.
        None if tables.start > 0 => 0..tables.start,
        None => 0..n,
    };
    Parts {
        front,
        performance: tables.clone(),
        tables,
        narrative: narrative.unwrap_or(n..n),
        glossary: glossary.unwrap_or(n..n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        SourceLine::lines_of(text)
    }

    #[test]
    fn letter_spaced_headings_are_headings() {
        let l = lines("第 二 部 分  2024 年度部门决算表");
        assert_eq!(part_heading(&l[0]), Some(Kind::Tables));
        let l = lines("四、名 词 解 释");
        assert_eq!(part_heading(&l[0]), Some(Kind::Glossary));
    }

    #[test]
    fn a_table_without_figures_before_the_first_grid_is_a_table() {
        // No 第二部分 heading; the first table prints no row of figures
        // (its header line is spaced text, no grid).
        let l = lines("第一部分 部门概况\n职责很多很多\n政府性基金预算财政拨款收入支出决算表\n公开07表\n单位：万元\n项目 合计\n说明：本表无数据。\n收入决算表\n公开02表\n单位：万元\n项目\t合计\n合计\t1.00\n第三部分 情况说明\n说明文字");
        let p = split(&l);
        assert_eq!(p.tables, 2..12);
    }

    #[test]
    fn toc_is_skipped() {
        let l = lines("目录\n第一部分 概况\n第二部分 表\n第三部分 说明\n第四部分 名词\n第一部分 概况\n职责\n第二部分 表\nT\t1\n第三部分 说明\nN\n第四部分 名词\nG");
        let p = split(&l);
        assert_eq!(p.tables, 7..9);
        assert_eq!(p.narrative, 9..11);
        assert_eq!(p.glossary, 11..13);
        assert_eq!(p.front, 0..7);
    }

    #[test]
    fn a_heading_only_in_the_contents_does_not_swallow_the_tables() {
        // The body has no 第四部分 heading: the glossary has no range and
        // the tables run to the narrative.
        let l = lines("第一部分 概况\n第二部分 部门决算表\n第三部分 情况说明\n第四部分 名词解释\n第一部分 概况\n职责很多很多\n第二部分 部门决算表\n收入支出决算总表\n项目\t决算数\n第三部分 情况说明\n说明文字\n名词解释文字");
        let p = split(&l);
        assert_eq!(p.tables, 6..9);
        assert_eq!(p.narrative, 9..12);
        assert_eq!(p.glossary, 12..12);
    }

    #[test]
    fn a_narrative_without_its_heading_starts_at_its_first_section() {
        let l = lines("第一部分 概况\n第二部分 表\n第三部分 情况说明\n第四部分 名词解释\n第一部分 概况\n职责很多很多\n第二部分 部门决算表\n收入支出决算总表\n项目\t决算数\n一、收入支出决算总体情况说明\n本年收入\n第四部分 名词解释\n财政拨款收入");
        let p = split(&l);
        assert_eq!(p.tables, 6..9);
        assert_eq!(p.narrative, 9..11);
        assert_eq!(p.glossary, 11..13);
    }

    #[test]
    fn parts_by_name_in_any_order() {
        // 13-table 单位决算: 情况说明 second, tables fifth.
        let l = lines("第一部分 单位概况\n职责\n第二部分 2024年度单位决算情况说明\n一、收入支出决算总体情况说明\n第三部分 名词解释\n一、财政拨款收入\n第四部分 附件\n第五部分 附表\n收入支出决算总表\n项目\t决算数");
        let p = split(&l);
        assert_eq!(p.front, 0..2);
        assert_eq!(p.narrative, 2..4);
        assert_eq!(p.glossary, 4..6);
        assert_eq!(p.tables, 7..10);
        // 高等学校: "二、2023 年度部门决算报表", "三、决算报表说明", "四、名词解释".
        let l = lines("一、学校概况\n学校很好\n二、2023 年度部门决算报表\n表 1：高等学校收支决算总表\n项目\t决算数\n三、决算报表说明\n（一）高等学校收支决算总表说明\n四、名词解释\n财政拨款收入：指");
        let p = split(&l);
        assert_eq!(p.tables, 2..5);
        assert_eq!(p.narrative, 5..7);
        assert_eq!(p.glossary, 7..9);
        // A narrative section is not a part.
        assert!(part_heading(&l[6]).is_none());
        assert!(
            part_heading(&SourceLine::from_tabbed(1, "一、收入支出决算总体情况说明")).is_none()
        );
    }
}
