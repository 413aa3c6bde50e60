//! The text of the whole document, not only 第三部分: the cover, the
//! contents (目录), part headings, table titles, the 绩效自评表 text and the
//! glossary. Checks that read prose outside the narrative find their lines
//! here, each with the page and line a finding points at.

use crate::check::Check;
use crate::finding::{CellRef, Finding};
use juesuan_model::{Paragraph, Report, Span};
use std::collections::HashSet;

/// One source line of the document.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocLine<'a> {
    /// The page, for paged inputs.
    pub page: Option<u32>,
    /// The line (within its page for paged inputs).
    pub line: u32,
    /// The text as read.
    pub text: &'a str,
}

/// Every source line, in document order.
pub(crate) fn lines(report: &Report) -> impl Iterator<Item = DocLine<'_>> {
    report.lines.iter().enumerate().map(|(i, text)| {
        let (page, line) = report
            .line_keys
            .get(i)
            .copied()
            .unwrap_or((None, i as u32 + 1));
        DocLine { page, line, text }
    })
}

/// The (page, line) of every line the narrative paragraphs were read from:
/// checks that scan the narrative by paragraph skip these lines in their
/// document-wide pass, so that nothing is reported twice.
pub(crate) fn narrative_lines(report: &Report) -> HashSet<(Option<u32>, u32)> {
    let mut out = HashSet::new();
    for p in &report.narrative {
        for &(offset, line) in &p.lines {
            out.insert((p.page_at(offset as usize), line));
        }
        out.insert((p.page, p.line));
    }
    out
}

/// The lines outside the narrative.
pub(crate) fn outside_narrative(report: &Report) -> Vec<DocLine<'_>> {
    let skip = narrative_lines(report);
    lines(report)
        .filter(|l| !skip.contains(&(l.page, l.line)))
        .collect()
}

/// The lines outside the narrative joined into one text, so that a search
/// runs once over the document instead of once per line.
pub(crate) struct OutsideText<'a> {
    text: String,
    /// Byte offset in `text` where each line of `lines` starts.
    starts: Vec<usize>,
    lines: Vec<DocLine<'a>>,
}

impl<'a> OutsideText<'a> {
    /// Joins `lines` with line breaks.
    pub(crate) fn new(lines: Vec<DocLine<'a>>) -> OutsideText<'a> {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for l in &lines {
            starts.push(text.len());
            text.push_str(l.text);
            text.push('\n');
        }
        OutsideText {
            text,
            starts,
            lines,
        }
    }

    /// The lines, in document order.
    pub(crate) fn lines(&self) -> &[DocLine<'a>] {
        &self.lines
    }

    /// Every occurrence of `finder`'s patterns: the line, the byte offset in
    /// it and the pattern. A pattern never spans a line break.
    pub(crate) fn find_all<'p>(&self, finder: &Finder<'p>) -> Vec<(&DocLine<'a>, usize, &'p str)> {
        finder
            .find_all(&self.text)
            .into_iter()
            .filter_map(|(at, p)| {
                let i = self.starts.partition_point(|s| *s <= at).checked_sub(1)?;
                let l = self.lines.get(i)?;
                let off = at - self.starts[i];
                (off + p.len() <= l.text.len()).then_some((l, off, p))
            })
            .collect()
    }
}

/// A finding about `matched` at byte `at` of a document line.
pub(crate) fn finding_on_line(
    check: &Check,
    l: &DocLine<'_>,
    at: usize,
    matched: &str,
    message: String,
) -> Finding {
    let mut span = Span::new(l.line, at as u32, (at + matched.len()) as u32);
    span.page = l.page;
    let addr = match l.page {
        Some(p) => format!("第{p}页第{}行", l.line),
        None => format!("第{}行", l.line),
    };
    Finding::note(
        check.id,
        check.severity,
        message,
        vec![CellRef {
            addr,
            printed: Some(matched.to_string()),
            span: Some(span),
        }],
    )
}

/// A finding about `matched` at byte `at` of a narrative paragraph.
pub(crate) fn finding_in_paragraph(
    check: &Check,
    p: &Paragraph,
    at: usize,
    matched: &str,
    message: String,
) -> Finding {
    Finding::note(
        check.id,
        check.severity,
        message,
        vec![CellRef {
            addr: if p.addr.is_empty() {
                format!("N{}", p.section)
            } else {
                p.addr.clone()
            },
            printed: Some(matched.to_string()),
            span: Some(p.span_at(at, matched.len())),
        }],
    )
}

/// Every occurrence of any of `pats` in `text`: (byte offset, pattern), in
/// text order; where two patterns start at one place the earlier-listed wins.
pub(crate) fn find_all<'p>(text: &str, pats: &'p [&'p str]) -> Vec<(usize, &'p str)> {
    Finder::new(pats).find_all(text)
}

/// A search for several patterns, prepared once for many texts.
pub(crate) struct Finder<'p> {
    pats: &'p [&'p str],
    firsts: Vec<char>,
}

impl<'p> Finder<'p> {
    /// Prepares the search for `pats`.
    pub(crate) fn new(pats: &'p [&'p str]) -> Finder<'p> {
        let mut firsts: Vec<char> = pats.iter().filter_map(|p| p.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        Finder { pats, firsts }
    }

    /// Every occurrence in `text`, as [`find_all`].
    pub(crate) fn find_all(&self, text: &str) -> Vec<(usize, &'p str)> {
        find_from(text, self.pats, &self.firsts)
    }
}

/// Candidates by each pattern's first character (a fast search for one
/// character), confirmed in text order; matches do not overlap.
fn find_from<'p>(text: &str, pats: &[&'p str], firsts: &[char]) -> Vec<(usize, &'p str)> {
    let mut hits: Vec<(usize, &'p str)> = Vec::new();
    for &c in firsts {
        for (at, _) in text.match_indices(c) {
            let rest = &text[at..];
            if let Some(p) = pats.iter().find(|p| rest.starts_with(**p)) {
                hits.push((at, *p));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    let mut out: Vec<(usize, &'p str)> = Vec::with_capacity(hits.len());
    for (at, p) in hits {
        if out.last().is_none_or(|(a, q)| a + q.len() <= at) {
            out.push((at, p));
        }
    }
    out
}

/// A heading-like line outside the narrative: a part heading (第二部分 …),
/// a table title or a contents entry naming the report (…年度部门决算…).
pub(crate) fn is_heading_line(text: &str) -> bool {
    if !(text.contains("部分") || text.contains("决算")) {
        return false;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches(['-', '*', '#', '•']);
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    let part = t.starts_with('第')
        && t.chars()
            .skip(1)
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count()
            > 0
        && t.contains("部分");
    let title = t.contains("决算") && (t.ends_with('表') || t.ends_with("情况说明"));
    part || title || t.contains("年度部门决算") || t.contains("年度单位决算")
}

/// Every 4-digit number in `text` that can be a year (starting 1 or 2,
/// not part of a longer number): (byte offset, year).
pub(crate) fn four_digit_years(text: &str) -> Vec<(usize, u32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let is_year = b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && (b[i] == b'1' || b[i] == b'2');
        if is_year {
            if let Ok(y) = text[i..i + 4].parse() {
                out.push((i, y));
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Every 4-digit year printed before 年 in `text` (`2024年`, `2024 年度`):
/// (byte offset, year).
pub(crate) fn years(text: &str) -> Vec<(usize, u32)> {
    four_digit_years(text)
        .into_iter()
        .filter(|(i, _)| text[i + 4..].trim_start().starts_with('年'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_lines() {
        assert!(is_heading_line(
            "第二部分 上海市普陀区财政局2024年度部门决算表"
        ));
        assert!(is_heading_line("  第四部分 名词解释"));
        assert!(is_heading_line(
            "吉林省人力资源和社会保障厅 2024 年度部门决算"
        ));
        assert!(is_heading_line(
            "上海市普陀区财政局2024年度收入支出决算总表"
        ));
        assert!(!is_heading_line("2080101\t行政运行\t100.00"));
        assert!(!is_heading_line(&format!(
            "第一部分和第二部分之间的说明文字{}",
            "很长".repeat(30)
        )));
    }

    #[test]
    fn years_before_nian() {
        assert_eq!(years("截至 2023 年 12 月 31 日"), vec![(7, 2023)]);
        assert_eq!(years("第二部分 X局2024年度部门决算表"), vec![(17, 2024)]);
        assert!(years("代码 20240 年").is_empty());
        assert!(years("2024.12.31").is_empty());
    }

    #[test]
    fn find_all_in_order() {
        assert_eq!(
            find_all("上海市XX局。。XX", &["XX", "。。"]),
            vec![(9, "XX"), (14, "。。"), (20, "XX")]
        );
    }
}
