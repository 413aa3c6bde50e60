//! Cutting the document into its four parts.

use super::text::{squeeze_prefix, strip_bullet};
use crate::source::SourceLine;
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

/// The part number (1–4) a heading line announces ("第二部分 2024 年度部门决算表").
fn part_heading(line: &SourceLine) -> Option<usize> {
    if line.is_tabular() {
        return None;
    }
    let t = squeeze_prefix(strip_bullet(&line.text), 4);
    ["第一部分", "第二部分", "第三部分", "第四部分"]
        .iter()
        .position(|p| t.starts_with(p))
        .map(|i| i + 1)
}

/// Finds the body headings of the four parts. The table of contents lists
/// the same headings first, so for each part the last occurrence before the
/// next part's heading is the body.
pub fn split(lines: &[SourceLine]) -> Parts {
    let n = lines.len();
    let mut found: [Vec<usize>; 5] = Default::default();
    for (i, l) in lines.iter().enumerate() {
        if let Some(p) = part_heading(l) {
            found[p].push(i);
        }
    }
    let mut starts: [Option<usize>; 5] = [None; 5];
    let mut limit = n;
    for p in (1..=4).rev() {
        starts[p] = found[p].iter().copied().rfind(|&i| i < limit);
        if let Some(s) = starts[p] {
            limit = s;
        }
    }
    let end_of = |p: usize| -> usize { (p + 1..=4).find_map(|q| starts[q]).unwrap_or(n) };
    let tables = match starts[2] {
        Some(s) => s..end_of(2),
        // No part headings: search the whole document up to the narrative.
        None => 0..starts[3].or(starts[4]).unwrap_or(n),
    };
    let narrative = match starts[3] {
        Some(s) => s..end_of(3),
        None => n..n,
    };
    let glossary = match starts[4] {
        Some(s) => s..n,
        None => n..n,
    };
    Parts {
        // Without a 第二部分 heading the metadata may be anywhere.
        front: if starts[2].is_some() {
            0..tables.start
        } else {
            0..n
        },
        performance: tables.clone(),
        tables,
        narrative,
        glossary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        text.lines()
            .enumerate()
            .map(|(i, l)| SourceLine::from_tabbed(i as u32 + 1, l))
            .collect()
    }

    #[test]
    fn toc_is_skipped() {
        let l = lines("目录\n第一部分 概况\n第二部分 表\n第三部分 说明\n第四部分 名词\n第一部分 概况\n职责\n第二部分 表\nT\n第三部分 说明\nN\n第四部分 名词\nG");
        let p = split(&l);
        assert_eq!(p.tables, 7..9);
        assert_eq!(p.narrative, 9..11);
        assert_eq!(p.glossary, 11..13);
        assert_eq!(p.front, 0..7);
    }
}
