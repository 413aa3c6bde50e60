//! 项目支出绩效自评表: the per-project performance self-evaluation tables.
//!
//! These tables defeat the column model of [`super::layout`]: their columns
//! change from section to section (merged cells), long texts wrap inside
//! cells, and the short cells of a row sit vertically centred beside a tall
//! wrapped one. A table is therefore cut out of the page (from its 项目名称
//! line to its 总分 line) and rebuilt from geometry alone:
//! 1. the words of a visual line split into segments at gaps wider than
//!    the space between two words of one cell (narrow gaps only where the
//!    lines around show a column edge);
//! 2. segments stacked one wrap pitch apart that overlap horizontally are
//!    lines of one cell. The pitch is measured in the table: it is the
//!    smallest distance that recurs between stacked segments, and a row
//!    boundary adds the cells' padding to it;
//! 3. single-line cells that overlap vertically form the rows; a taller
//!    cell joins the row whose middle it spans, the one nearest its own
//!    middle, else a row it mostly lies beside, or opens a row of its own.
//!
//! Poppler's block/line numbers are not used: they often run one block
//! across two neighbouring cells (both goal texts of a row in one block).
//!
//! The rows come out with one cell per printed cell in left-to-right
//! order, as a tab-separated conversion gives them, so the performance
//! assembler reads them by their labels.

use super::layout::{compact, is_cjk, join_cell, prose_text, VLine, VWord};

/// A run of a page's visual lines that holds one self-evaluation table or
/// the part of it printed on this page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Region {
    /// First line of the table.
    pub(super) start: usize,
    /// One past its last line.
    pub(super) end: usize,
    /// The page ended before the table's 总分 line: it runs on.
    pub(super) open: bool,
}

/// Lines of a region that only a self-evaluation table has; a 项目名称 line
/// without one of them opens some other form.
fn is_marker(line: &VLine) -> bool {
    let t = compact(line);
    // 年初预算数 alone would also match a 项目支出表 header; 全年执行数 and
    // 执行率 are this table's own words.
    t.starts_with("年度总体目标")
        || t.contains("一级指标")
        || (t.contains("全年执行数") && t.contains("执行率"))
}

fn starts_table(line: &VLine) -> bool {
    compact(line).starts_with("项目名称")
}

fn is_score_line(line: &VLine) -> bool {
    compact(line).starts_with("总分")
}

/// The table's own title line (项目支出绩效自评表, possibly with a name).
fn is_table_title(line: &VLine) -> bool {
    line.words.len() <= 3 && compact(line).ends_with("自评表")
}

/// A page number in the footer (`- 14 -`, `14`, `第 14 页`).
fn is_page_number(line: &VLine) -> bool {
    let t = compact(line);
    let t = t.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－'));
    let t = t
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('页'))
        .unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// Finds the self-evaluation tables of a page. `open` says the previous
/// page ended inside one, so the page's first lines continue it.
pub(super) fn regions(lines: &[VLine], open: bool) -> Vec<Region> {
    let mut limit = lines.len();
    while limit > 0 && is_page_number(&lines[limit - 1]) {
        limit -= 1;
    }
    // Where a table that starts at `from` ends, and whether it runs on.
    let close = |from: usize| -> (usize, bool) {
        for (j, l) in lines.iter().enumerate().take(limit).skip(from) {
            if is_score_line(l) {
                return (j + 1, false);
            }
            if starts_table(l) || is_table_title(l) {
                return (j, false);
            }
        }
        (limit, true)
    };
    let mut out = Vec::new();
    let mut i = 0;
    if open
        && lines
            .first()
            .is_some_and(|l| !starts_table(l) && !is_table_title(l))
    {
        let (end, runs_on) = close(0);
        if end > 0 {
            out.push(Region {
                start: 0,
                end,
                open: runs_on,
            });
        }
        i = end;
    }
    while i < limit {
        let Some(s) = (i..limit).find(|&j| starts_table(&lines[j])) else {
            break;
        };
        let (end, runs_on) = close(s + 1);
        // A table broken right after its first rows shows no marker yet;
        // its title above still names it.
        let titled = runs_on && s > 0 && is_table_title(&lines[s - 1]);
        if titled || lines[s..end].iter().any(is_marker) {
            out.push(Region {
                start: s,
                end,
                open: runs_on,
            });
        }
        i = end.max(s + 1);
    }
    out
}

/// Words of one visual line that belong to one cell.
#[derive(Debug, Clone)]
struct Segment {
    left: i64,
    right: i64,
    cy: i64,
    height: i64,
    text: String,
}

/// A printed cell: one or more stacked segments.
#[derive(Debug, Clone)]
struct Cell {
    left: i64,
    top: i64,
    bottom: i64,
    lines: usize,
    text: String,
}

/// Joins the letters of a label spread over its cell (`总  分`): CJK words
/// of one or two characters each, less than an em apart. A longer word
/// beside a short one is text of two cells, or of one cell.
fn join_letters(line: &VLine, em: i64) -> VLine {
    let short = |s: &str| s.chars().count() <= 2 && s.chars().all(is_cjk);
    let mut words: Vec<VWord> = Vec::with_capacity(line.words.len());
    for w in &line.words {
        if let Some(p) = words.last_mut() {
            if w.left - p.right <= em && short(&p.text) && short(&w.text) {
                p.text.push_str(&w.text);
                p.right = w.right;
                continue;
            }
        }
        words.push(w.clone());
    }
    VLine { cy: line.cy, words }
}

/// Splits each line into cells' segments. A gap of 0.8 em or more always
/// parts two cells; a narrower one (two cells with little padding, a
/// justified or wide word space) parts them only where the lines around
/// show a column edge: no word of theirs crosses the gap, and one of
/// them starts where the word after the gap starts (cells are aligned) —
/// after a short value, one that plainly starts a cell (first on its line
/// or after a wide gap); after prose, when such a word starts there
/// somewhere in the table. A figure and its unit (`≥12 次`) are one value.
fn segments(lines: &[VLine], em: i64) -> Vec<Segment> {
    let lines: Vec<VLine> = lines.iter().map(|l| join_letters(l, em)).collect();
    // A word that starts a cell beyond doubt: first on its line, or a
    // wide gap after the word before it.
    let starts_cell =
        |l: &VLine, i: usize| i == 0 || (l.words[i].left - l.words[i - 1].right) * 10 >= em * 8;
    let column_edge = |k: usize, gap_mid: i64, next_left: i64, short_before: bool| {
        let (cy, h) = (lines[k].cy, lines[k].words.first().map_or(em, |w| w.height));
        let near = || {
            lines
                .iter()
                .enumerate()
                .filter(move |(j, l)| *j != k && (l.cy - cy).abs() <= h * 22 / 10)
                .map(|(_, l)| l)
        };
        // Rows of one shape (`≥280 万人` over `≥340 万人`) align their word
        // spaces too: after a short value only a word that plainly starts
        // a cell shows the edge; text filling its column (two columns of
        // wrapped prose) shows it by the lines beside it.
        let starts_at = |l: &VLine, strong: bool| {
            (0..l.words.len()).any(|i| {
                (l.words[i].left - next_left).abs() <= em * 3 / 10 && (!strong || starts_cell(l, i))
            })
        };
        !near().flat_map(|l| l.words.iter()).any(|w| w.left < gap_mid && gap_mid < w.right)
            && near().any(|l| starts_at(l, short_before))
            // Two prose columns show their edge plainly somewhere in the
            // table: where the left cell's text ends early or runs out.
            && (short_before || lines.iter().any(|l| starts_at(l, true)))
    };
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let mut run: Vec<VWord> = Vec::new();
        for w in &line.words {
            let split = run.last().is_some_and(|p| {
                let gap = w.left - p.right;
                let short_before = p.right - run[0].left < em * 4;
                // A figure and its unit stay together up to an em apart:
                // a justified cell stretches the space (`515.93  万人次`).
                if short_before && is_quantity(&p.text, &w.text) && gap < em {
                    return false;
                }
                gap * 10 >= em * 8
                    || (gap * 100 > em * 45
                        && column_edge(k, (p.right + w.left) / 2, w.left, short_before))
            });
            if split {
                out.push(segment(std::mem::take(&mut run), em));
            }
            run.push(w.clone());
        }
        if !run.is_empty() {
            out.push(segment(run, em));
        }
    }
    out
}

/// Characters of the units 绩效指标 count in (人次, 万人, 家, 项, 万元 …).
const UNIT_CHARS: &str =
    "万亿千百人次家个项份本期场天套条户元年月日时小平方米公里台件所名篇批种科座辆册张间处吨亩";

/// A figure and its unit set with a word space (`≥12 次`, `280 万人`):
/// one value, never two cells however the rows around align. Only unit
/// characters count, so `≥95` beside `达标` stays two cells.
fn is_quantity(before: &str, after: &str) -> bool {
    let n = after.chars().count();
    before.ends_with(|c: char| c.is_ascii_digit())
        && (1..=3).contains(&n)
        && after.chars().all(|c| UNIT_CHARS.contains(c))
}

fn segment(words: Vec<VWord>, em: i64) -> Segment {
    let n = words.len().max(1) as i64;
    let left = words.iter().map(|w| w.left).min().unwrap_or(0);
    let right = words.iter().map(|w| w.right).max().unwrap_or(0);
    let cy = words.iter().map(|w| w.cy).sum::<i64>() / n;
    let height = words.iter().map(|w| w.height).max().unwrap_or(em).max(1);
    let line = VLine { cy, words };
    Segment {
        left,
        right,
        cy,
        height,
        text: prose_text(&line, em),
    }
}

/// For each segment, the nearest segment below it that overlaps it
/// horizontally, with the distance between their centres.
fn nearest_below(segs: &[Segment]) -> Vec<Option<(usize, i64)>> {
    segs.iter()
        .map(|s| {
            segs.iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.left < s.right && s.left < t.right && t.cy - s.cy > s.height.min(t.height) / 2
                })
                .map(|(j, t)| (j, t.cy - s.cy))
                .min_by_key(|&(_, d)| d)
        })
        .collect()
}

/// The wrap pitch: the smallest distance between stacked segments that
/// recurs at least three times (within 0.3 pt).
fn measure_pitch(segs: &[Segment], below: &[Option<(usize, i64)>]) -> Option<i64> {
    let mut d: Vec<i64> = below
        .iter()
        .zip(segs)
        .filter_map(|(b, s)| b.map(|(_, d)| d).filter(|d| *d * 10 >= s.height * 8))
        .collect();
    d.sort_unstable();
    (0..d.len()).find_map(|i| {
        let n = d[i..].iter().take_while(|&&x| x - d[i] <= 30).count();
        (n >= 3).then(|| d[i + n / 2])
    })
}

/// Joins stacked segments into cells.
fn cells(segs: &[Segment], pitch: &mut Option<i64>) -> Vec<Cell> {
    let below = nearest_below(segs);
    // A short continuation has too few wrapped lines to measure; the
    // smaller pitch is the safer one, since a row pitch is always larger.
    let p = match (measure_pitch(segs, &below), *pitch) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if p.is_some() {
        *pitch = p;
    }
    let mut heights: Vec<i64> = segs.iter().map(|s| s.height).collect();
    heights.sort_unstable();
    let h = heights.get(heights.len() / 2).copied().unwrap_or(1000);
    let p = p.unwrap_or(h * 12 / 10);
    let limit = p + (p / 12).max(h / 10);
    let down: Vec<Option<usize>> = below
        .iter()
        .map(|b| b.filter(|&(_, d)| d <= limit).map(|(j, _)| j))
        .collect();
    // The nearest segment above each one, to keep links one-to-one: a wide
    // segment over two narrower ones continues at most one of them.
    let mut up: Vec<Option<(usize, i64)>> = vec![None; segs.len()];
    for (i, b) in below.iter().enumerate() {
        if let Some((j, d)) = *b {
            if up[j].is_none_or(|(_, e)| d < e) {
                up[j] = Some((i, d));
            }
        }
    }
    let mut next: Vec<Option<usize>> = vec![None; segs.len()];
    let mut has_prev = vec![false; segs.len()];
    for (i, d) in down.iter().enumerate() {
        if let Some(j) = *d {
            if up[j].map(|(k, _)| k) == Some(i) {
                next[i] = Some(j);
                has_prev[j] = true;
            }
        }
    }
    let mut out = Vec::new();
    for start in (0..segs.len()).filter(|&i| !has_prev[i]) {
        let s = &segs[start];
        let mut cell = Cell {
            left: s.left,
            top: s.cy - s.height / 2,
            bottom: s.cy + s.height / 2,
            lines: 0,
            text: String::new(),
        };
        let mut at = Some(start);
        // Links only point downwards, so a chain cannot loop; the bound
        // guards against a bug turning into a hang.
        while let Some(i) = at.filter(|_| cell.lines < segs.len()) {
            let s = &segs[i];
            cell.left = cell.left.min(s.left);
            cell.top = cell.top.min(s.cy - s.height / 2);
            cell.bottom = cell.bottom.max(s.cy + s.height / 2);
            cell.lines += 1;
            join_cell(&mut cell.text, &s.text);
            at = next[i];
        }
        out.push(cell);
    }
    out
}

/// A row under construction: its cells and vertical extent.
struct Row {
    top: i64,
    bottom: i64,
    cells: Vec<usize>,
}

impl Row {
    fn middle(&self) -> i64 {
        (self.top + self.bottom) / 2
    }
}

/// Rebuilds the rows of a self-evaluation table (or the part of it on one
/// page) as cell texts in left-to-right order. `pitch` carries the wrap
/// pitch from table to table.
pub(super) fn rows(lines: &[VLine], em: i64, pitch: &mut Option<i64>) -> Vec<Vec<String>> {
    let segs = segments(lines, em);
    let cells = cells(&segs, pitch);
    let mut order: Vec<usize> = (0..cells.len()).collect();
    order.sort_by_key(|&i| (cells[i].lines > 1, cells[i].top, cells[i].left));
    let mut rows: Vec<Row> = Vec::new();
    for i in order {
        let c = &cells[i];
        if c.lines == 1 {
            // Single-line cells of one row overlap by most of their height;
            // a merged label straddling two rows overlaps neither enough.
            let h = c.bottom - c.top;
            if let Some(r) = rows.last_mut().filter(|r| {
                let overlap = r.bottom.min(c.bottom) - r.top.max(c.top);
                overlap * 2 >= h.min(r.bottom - r.top)
            }) {
                r.top = r.top.min(c.top);
                r.bottom = r.bottom.max(c.bottom);
                r.cells.push(i);
                continue;
            }
        } else {
            let mid = (c.top + c.bottom) / 2;
            if let Some(r) = rows
                .iter_mut()
                .filter(|r| (c.top..=c.bottom).contains(&r.middle()))
                .min_by_key(|r| (r.middle() - mid).abs())
            {
                r.cells.push(i);
                continue;
            }
            // Two tall cells top- or bottom-aligned in one row: the
            // shorter may not reach the taller one's middle, but most of
            // it lies beside it.
            let overlap = |r: &Row| r.bottom.min(c.bottom) - r.top.max(c.top);
            if let Some(r) = rows
                .iter_mut()
                .filter(|r| overlap(r) * 2 >= (r.bottom - r.top).min(c.bottom - c.top))
                .max_by_key(|r| overlap(r))
            {
                r.cells.push(i);
                continue;
            }
        }
        rows.push(Row {
            top: c.top,
            bottom: c.bottom,
            cells: vec![i],
        });
    }
    rows.sort_by_key(|r| (r.middle(), r.top));
    rows.into_iter()
        .map(|mut r| {
            r.cells.sort_by_key(|&i| cells[i].left);
            r.cells.into_iter().map(|i| cells[i].text.clone()).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(left: i64, cy: i64, text: &str) -> VWord {
        let width = text.chars().count() as i64 * 750;
        VWord {
            left,
            right: left + width,
            cy,
            height: 945,
            text: text.to_string(),
        }
    }

    fn line(words: Vec<VWord>) -> VLine {
        let cy = words.first().map_or(0, |w| w.cy);
        VLine { cy, words }
    }

    #[test]
    fn centred_cells_beside_a_wrapped_one_share_its_row() {
        // Wrap pitch 9.75 pt, row pitch 12.15 pt; the reason wraps over
        // five lines, the indicator's short cells are centred beside it.
        let lines = vec![
            line(vec![
                word(5000, 10000, "三级指标"),
                word(20000, 10000, "偏差原因"),
            ]),
            line(vec![word(20000, 11215, "原因第一行文字")]),
            line(vec![word(20000, 12190, "原因第二行文字")]),
            line(vec![
                word(5000, 13165, "招募人数"),
                word(12000, 13165, "≥1"),
                word(13700, 13165, "次"),
                word(20000, 13165, "原因第三行文字"),
            ]),
            line(vec![word(20000, 14140, "原因第四行文字")]),
            line(vec![word(20000, 15115, "完。")]),
            line(vec![
                word(5000, 16330, "参加人数"),
                word(12000, 16330, "90%"),
            ]),
            line(vec![word(5000, 17545, "总分"), word(12000, 17545, "90.00")]),
        ];
        let mut pitch = None;
        let rows = rows(&lines, 750, &mut pitch);
        assert_eq!(pitch, Some(975));
        assert_eq!(
            rows,
            vec![
                vec!["三级指标", "偏差原因"],
                vec![
                    "招募人数",
                    "≥1 次",
                    "原因第一行文字原因第二行文字原因第三行文字原因第四行文字完。"
                ],
                vec!["参加人数", "90%"],
                vec!["总分", "90.00"],
            ]
        );
    }

    #[test]
    fn a_short_value_s_word_space_is_no_column_edge() {
        // Two indicator rows print `≥280 万人次以上` and `≥340 万人次以上`
        // with a half-em word space at the same place; the 实际完成值
        // column starts two ems further on. `达标` after `≥95` at a half-em
        // gap, where the header shows the column's edge, is a cell of its
        // own.
        let w = |left: i64, cy: i64, text: &str| VWord {
            left,
            right: left + text.chars().count() as i64 * 750,
            cy,
            height: 945,
            text: text.to_string(),
        };
        let lines = vec![
            line(vec![w(5000, 10000, "三级指标"), w(9000, 10000, "指标值")]),
            line(vec![
                w(5000, 11215, "参加人数"),
                w(9000, 11215, "≥280"),
                w(12375, 11215, "万人次以上"),
                w(18000, 11215, "290万人"),
            ]),
            line(vec![
                w(5000, 12430, "参保人数"),
                w(9000, 12430, "≥340"),
                w(12375, 12430, "万人次以上"),
                w(18000, 12430, "352万人"),
            ]),
        ];
        let texts = |lines: &[VLine]| -> Vec<String> {
            segments(lines, 750).into_iter().map(|s| s.text).collect()
        };
        assert_eq!(
            texts(&lines),
            vec![
                "三级指标",
                "指标值",
                "参加人数",
                "≥280 万人次以上",
                "290万人",
                "参保人数",
                "≥340 万人次以上",
                "352万人"
            ]
        );
        let lines = vec![
            line(vec![w(5000, 10000, "三级指标"), w(11625, 10000, "实际")]),
            line(vec![
                w(5000, 11215, "合格率"),
                w(9000, 11215, "≥95"),
                w(11625, 11215, "达标"),
            ]),
        ];
        assert_eq!(
            texts(&lines),
            vec!["三级指标", "实际", "合格率", "≥95", "达标"]
        );
        // A figure and its unit: one value whatever the rows around show.
        let lines = vec![
            line(vec![w(5000, 10000, "三级指标"), w(11625, 10000, "实际")]),
            line(vec![
                w(5000, 11215, "招募人数"),
                w(9000, 11215, "≥95"),
                w(11625, 11215, "人"),
            ]),
        ];
        assert_eq!(
            texts(&lines),
            vec!["三级指标", "实际", "招募人数", "≥95 人"]
        );
        assert!(is_quantity("≥12", "次") && is_quantity("515.93", "万人次"));
        assert!(!is_quantity("≥95", "达标") && !is_quantity("第三", "次"));
    }

    #[test]
    fn regions_run_from_name_to_score() {
        let lines = vec![
            line(vec![word(5000, 5000, "项目支出绩效自评表")]),
            line(vec![word(5000, 6000, "项目名称"), word(9000, 6000, "甲")]),
            line(vec![word(5000, 7000, "年度总体目标")]),
            line(vec![word(5000, 8000, "总分"), word(9000, 8000, "90")]),
            line(vec![word(5000, 9000, "项目名称"), word(9000, 9000, "乙")]),
            line(vec![
                word(5000, 10000, "全年执行数"),
                word(9000, 10000, "执行率（%）"),
            ]),
            line(vec![
                word(5000, 11000, "-"),
                word(6000, 11000, "14"),
                word(7000, 11000, "-"),
            ]),
        ];
        let r = regions(&lines, false);
        assert_eq!(
            r,
            vec![
                Region {
                    start: 1,
                    end: 4,
                    open: false
                },
                Region {
                    start: 4,
                    end: 6,
                    open: true
                },
            ]
        );
        // The next page continues the open table up to its 总分 line.
        let next = vec![
            line(vec![word(5000, 5000, "满意度指标")]),
            line(vec![word(5000, 6000, "总分"), word(9000, 6000, "90")]),
            line(vec![word(5000, 7000, "正文")]),
        ];
        assert_eq!(
            regions(&next, true),
            vec![Region {
                start: 0,
                end: 2,
                open: false
            }]
        );
    }
}
