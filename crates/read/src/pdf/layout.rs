//! Rebuilding lines and table rows from word boxes.
//!
//! All geometry is in hundredths of a point (integers). The steps:
//! 1. Calibrate vertical positions per font: some producers write font
//!    metrics that put a font's boxes far above or below the baseline, so
//!    words of one row in two fonts would not line up. Each box height
//!    identifies a font and size; the typical offset between two such
//!    classes is measured from nearest neighbours and removed.
//! 2. Group words into visual lines by calibrated vertical centre.
//! 3. Find table regions: a header (the lines from the one holding a header
//!    keyword such as 项目/科目名称/决算数 back up to the 单位 line) followed
//!    by body rows until a 注/说明 line, a new title or the page end; a table
//!    left open at a page end continues on the next page.
//! 4. Derive column x-ranges from the body words (amounts are right-aligned,
//!    so each column's words overlap) and from header words of columns that
//!    hold no value at all.
//! 5. Build rows: visual lines whose cells do not collide and lie closer
//!    than a line apart form one row (vertically centred or top-aligned
//!    cells); a text-only line that continues a name filling its column is
//!    merged into that cell.

use super::performance;
use super::tsv::{Page, Word};
use crate::source::{Flow, SourceCell, SourceLine};
use juesuan_model::Span;
use std::collections::{BTreeMap, HashMap};

/// Words that mark a table's header row.
const HEADER_KEYWORDS: &[&str] = &[
    "项目",
    "科目名称",
    "科目编码",
    "科目代码",
    "功能分类",
    "支出功能分类",
    "支出功能分类科目编码",
    "功能分类科目编码",
    "经济分类",
    "经济分类科目编码",
    "栏次",
    "行次",
    "决算数",
    "预算数",
];

/// Single-token header labels that can share a visual row with the first
/// body row (a tall 类/款/项 cell beside the 合计 row).
const LEAF_LABELS: &[&str] = &["类", "款", "项", "栏次", "行次"];

/// Default em when a page has no CJK word to measure (10 pt).
const DEFAULT_EM: i64 = 1000;

/// A word with its calibrated vertical centre.
#[derive(Debug, Clone)]
pub(super) struct VWord {
    pub(super) left: i64,
    pub(super) right: i64,
    pub(super) cy: i64,
    /// Reported box height (the font's line box).
    pub(super) height: i64,
    pub(super) text: String,
}

/// A visual line: words whose calibrated centres agree.
#[derive(Debug, Clone)]
pub(super) struct VLine {
    pub(super) cy: i64,
    pub(super) words: Vec<VWord>,
}

#[derive(Debug, Clone)]
struct Band {
    left: i64,
    right: i64,
    /// Width before header words widened it.
    base_width: i64,
    /// Rightmost edge of any body word in the column; `None` for columns
    /// known only from the header.
    body_right: Option<i64>,
    /// A label of the header's bottom line already sits over the column.
    labelled: bool,
    /// Every body word in the column is a number (amounts, right-aligned).
    numeric: bool,
}

/// Column geometry carried to the next page when a table runs on.
#[derive(Debug, Clone)]
struct Carry {
    bands: Vec<Band>,
}

pub(super) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

fn is_numeric_word(s: &str) -> bool {
    let s = s.trim_end_matches('%');
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
}

/// A value a table body holds: an amount (with separator or decimals) or
/// a classification code (three or more digits).
fn is_data_word(s: &str) -> bool {
    is_numeric_word(s) && (s.contains('.') || s.contains(',') || s.len() >= 3)
}

fn is_total_label(s: &str) -> bool {
    ["合计", "总计", "小计"].iter().any(|t| s.ends_with(t))
}

fn starts_with_enumerator(s: &str) -> bool {
    const NUMS: &str = "一二三四五六七八九十";
    let mut it = s.chars();
    match it.next() {
        Some(c) if NUMS.contains(c) => {
            let rest: String = it.collect();
            let t = rest.trim_start_matches(|c| NUMS.contains(c));
            t.starts_with('、')
        }
        Some('（') | Some('(') => s
            .chars()
            .nth(1)
            .map(|c| NUMS.contains(c) || c.is_ascii_digit())
            .unwrap_or(false),
        Some(c) if c.is_ascii_digit() => {
            let t = s.trim_start_matches(|c: char| c.is_ascii_digit());
            t.starts_with('、') || t.starts_with('．')
        }
        _ => false,
    }
}

/// Typical em of a page: median width per character of all-CJK words.
fn page_em(words: &[Word]) -> Option<i64> {
    let mut ems: Vec<i64> = words
        .iter()
        .filter_map(|w| {
            let n = w.text.chars().count() as i64;
            (n > 0 && w.text.chars().all(is_cjk)).then(|| (w.right - w.left) / n)
        })
        .filter(|e| *e > 0)
        .collect();
    if ems.is_empty() {
        return None;
    }
    ems.sort_unstable();
    Some(ems[ems.len() / 2])
}

/// Vertical offset per box height (font class) to subtract from centres.
fn calibrate(pages: &[Page]) -> HashMap<i64, i64> {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for p in pages {
        for w in &p.words {
            *counts.entry(w.height()).or_default() += 1;
        }
    }
    let mut offsets: HashMap<i64, i64> = HashMap::new();
    let Some((&reference, _)) = counts.iter().max_by_key(|(h, n)| (**n, -**h)) else {
        return offsets;
    };
    // Differences between each word and the nearest word of another class.
    let mut pairs: BTreeMap<(i64, i64), Vec<i64>> = BTreeMap::new();
    for p in pages {
        // Only neighbours that could share a row count: a font's boxes are
        // never displaced by more than about half an em.
        let reach = page_em(&p.words).unwrap_or(DEFAULT_EM) * 6 / 10;
        let mut ws: Vec<&Word> = p.words.iter().collect();
        ws.sort_by_key(|w| w.centre_y());
        for (i, w) in ws.iter().enumerate() {
            let h = w.height();
            let mut best: Option<&Word> = None;
            let up = ws[..i].iter().rev().find(|o| o.height() != h);
            let down = ws[i + 1..].iter().find(|o| o.height() != h);
            for o in [up, down].into_iter().flatten() {
                let d = (o.centre_y() - w.centre_y()).abs();
                if best.is_none_or(|b| d < (b.centre_y() - w.centre_y()).abs()) {
                    best = Some(o);
                }
            }
            if let Some(o) = best.filter(|o| (o.centre_y() - w.centre_y()).abs() <= reach) {
                pairs
                    .entry((h, o.height()))
                    .or_default()
                    .push(w.centre_y() - o.centre_y());
            }
        }
    }
    // A pair's offset counts only when most samples agree within a point.
    let mut edges: Vec<(usize, i64, i64, i64)> = Vec::new();
    for ((a, b), diffs) in &pairs {
        let mut bins: HashMap<i64, usize> = HashMap::new();
        for d in diffs {
            *bins.entry(d.div_euclid(50)).or_default() += 1;
        }
        let Some((&mode, _)) = bins.iter().max_by_key(|(k, n)| (**n, -(**k).abs())) else {
            continue;
        };
        let mut near: Vec<i64> = diffs
            .iter()
            .copied()
            .filter(|d| (d.div_euclid(50) - mode).abs() <= 1)
            .collect();
        if near.len() < 3 || near.len() * 10 < diffs.len() * 4 {
            continue;
        }
        near.sort_unstable();
        edges.push((near.len(), *a, *b, near[near.len() / 2]));
    }
    edges.sort_by_key(|e| std::cmp::Reverse(e.0));
    offsets.insert(reference, 0);
    // Spread offsets from the reference class along the best-supported
    // pairs; fonts never seen beside it (prose set in another size) start
    // their own group, since only offsets within one row matter.
    loop {
        let mut grew = false;
        for &(_, a, b, d) in &edges {
            match (offsets.get(&a).copied(), offsets.get(&b).copied()) {
                (None, Some(ob)) => {
                    offsets.insert(a, ob + d);
                    grew = true;
                }
                (Some(oa), None) => {
                    offsets.insert(b, oa - d);
                    grew = true;
                }
                _ => {}
            }
        }
        if !grew {
            let orphan = edges
                .iter()
                .flat_map(|e| [e.1, e.2])
                .filter(|h| !offsets.contains_key(h))
                .max_by_key(|h| (counts.get(h).copied().unwrap_or(0), -*h));
            match orphan {
                Some(h) => {
                    offsets.insert(h, 0);
                }
                None => break,
            }
        }
    }
    offsets
}

fn build_lines(words: &[Word], offsets: &HashMap<i64, i64>, em: i64) -> Vec<VLine> {
    let mut ws: Vec<VWord> = words
        .iter()
        .map(|w| VWord {
            left: w.left,
            right: w.right,
            cy: w.centre_y() - offsets.get(&w.height()).copied().unwrap_or(0),
            height: w.height(),
            text: w.text.clone(),
        })
        .collect();
    ws.sort_by_key(|w| (w.cy, w.left));
    let tol = em * 45 / 100;
    let mut lines: Vec<VLine> = Vec::new();
    let mut anchor = i64::MIN;
    for w in ws {
        match lines.last_mut() {
            Some(l) if w.cy - anchor <= tol => l.words.push(w),
            _ => {
                anchor = w.cy;
                lines.push(VLine {
                    cy: w.cy,
                    words: vec![w],
                });
            }
        }
    }
    for l in &mut lines {
        l.words.sort_by_key(|w| w.left);
        let n = l.words.len() as i64;
        l.cy = l.words.iter().map(|w| w.cy).sum::<i64>() / n.max(1);
    }
    lines
}

/// Joins two pieces of text inside one cell: CJK runs touch, other text is
/// separated by one space.
pub(super) fn join_cell(a: &mut String, b: &str) {
    let last = a.chars().last();
    let first = b.chars().next();
    if let (Some(x), Some(y)) = (last, first) {
        if x.is_ascii_alphanumeric() && y.is_ascii_alphanumeric() {
            a.push(' ');
        }
    }
    a.push_str(b);
}

pub(super) fn prose_text(line: &VLine, em: i64) -> String {
    let mut out = String::new();
    let mut prev: Option<&VWord> = None;
    for w in &line.words {
        if let Some(p) = prev {
            let gap = w.left - p.right;
            let both_cjk = p.text.chars().last().is_some_and(is_cjk)
                && w.text.chars().next().is_some_and(is_cjk);
            let space = if both_cjk {
                gap >= em / 2
            } else {
                gap >= em * 15 / 100
            };
            if space {
                out.push(' ');
            }
        }
        out.push_str(&w.text);
        prev = Some(w);
    }
    out
}

pub(super) fn compact(line: &VLine) -> String {
    line.words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_keyword_line(line: &VLine) -> bool {
    line.words.iter().any(|w| {
        let t: String = w.text.chars().filter(|c| !c.is_whitespace()).collect();
        HEADER_KEYWORDS.contains(&t.as_str())
    })
}

fn is_end_line(line: &VLine) -> bool {
    let t = compact(line);
    let mut it = t.chars();
    match it.next() {
        Some('注') => it
            .next()
            .is_some_and(|c| matches!(c, '：' | ':' | '．' | '.') || c.is_ascii_digit()),
        _ => ["说明：", "说明:", "备注：", "备注:"]
            .iter()
            .any(|p| t.starts_with(p)),
    }
}

fn is_unit_line(line: &VLine) -> bool {
    let t = compact(line);
    t.chars().count() <= 40 && (t.contains("单位：") || t.contains("单位:"))
}

pub(super) fn is_title_line(line: &VLine) -> bool {
    let t = compact(line);
    line.words.len() <= 3 && t.chars().count() <= 60 && t.ends_with('表')
}

fn is_total_only(line: &VLine) -> bool {
    let t = compact(line);
    line.words.len() == 1 && (t == "合计" || t == "总计")
}

/// A page number printed as the page's last line: `12`, `- 12 -`, `第 12 页`, `12/25`.
fn is_page_number(line: &VLine) -> bool {
    let t = compact(line);
    let core = t
        .trim_start_matches(['-', '—', '－', '第'])
        .trim_end_matches(['-', '—', '－', '页']);
    let core = core.split_once('/').map_or(core, |(a, _)| a);
    line.words.len() <= 3
        && !core.is_empty()
        && core.len() <= 4
        && core.bytes().all(|b| b.is_ascii_digit())
}

fn has_data(line: &VLine) -> bool {
    line.words.iter().any(|w| is_data_word(&w.text))
}

/// Joins characters a justified cell spread apart (`因 公 出 国`) into one
/// word, so the gaps between them do not look like column gaps.
fn join_spaced(line: &VLine, em: i64) -> VLine {
    let mut words: Vec<VWord> = Vec::with_capacity(line.words.len());
    for w in &line.words {
        if let Some(p) = words.last_mut() {
            let short = |s: &str| s.chars().count() <= 2;
            let cjk = |s: &str| s.chars().all(is_cjk);
            if w.left - p.right <= em * 8 / 10
                && cjk(&p.text)
                && cjk(&w.text)
                && (short(&p.text) || short(&w.text))
            {
                p.text.push_str(&w.text);
                p.right = w.right;
                continue;
            }
        }
        words.push(w.clone());
    }
    VLine { cy: line.cy, words }
}

/// Splits a code printed against its name (`310资本性支出`) into two words,
/// placing the cut by character widths (digits half an em).
fn split_glued(line: &VLine) -> VLine {
    let mut words = Vec::with_capacity(line.words.len());
    for w in &line.words {
        let digits = w.text.chars().take_while(|c| c.is_ascii_digit()).count();
        let rest: String = w.text.chars().skip(digits).collect();
        let glued = digits >= 3
            && rest
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_digit() && !matches!(c, '.' | ',' | '%'));
        if !glued {
            words.push(w.clone());
            continue;
        }
        let units = digits as i64 + 2 * rest.chars().count() as i64;
        let cut = w.left + (w.right - w.left) * digits as i64 / units.max(1);
        words.push(VWord {
            left: w.left,
            right: cut,
            cy: w.cy,
            height: w.height,
            text: w.text.chars().take(digits).collect(),
        });
        words.push(VWord {
            left: cut,
            right: w.right,
            cy: w.cy,
            height: w.height,
            text: rest,
        });
    }
    VLine { cy: line.cy, words }
}

fn overlapping(bands: &[Band], left: i64, right: i64) -> Vec<usize> {
    bands
        .iter()
        .enumerate()
        .filter(|(_, b)| b.left < right && left < b.right)
        .map(|(i, _)| i)
        .collect()
}

/// The column a word belongs to: most overlap, else the nearest.
fn band_of(bands: &[Band], w: &VWord) -> usize {
    let mut best = 0usize;
    let mut best_key = (i64::MIN, i64::MIN);
    for (i, b) in bands.iter().enumerate() {
        let ov = w.right.min(b.right) - w.left.max(b.left);
        let key = if ov > 0 { (ov, 0) } else { (0, ov) };
        if key > best_key {
            best_key = key;
            best = i;
        }
    }
    best
}

fn body_bands(body: &[VLine]) -> Vec<Band> {
    let mut iv: Vec<(i64, i64, bool)> = body
        .iter()
        .flat_map(|l| {
            l.words
                .iter()
                .map(|w| (w.left, w.right, is_numeric_word(&w.text)))
        })
        .collect();
    iv.sort_unstable();
    let mut bands: Vec<Band> = Vec::new();
    for (l, r, numeric) in iv {
        match bands.last_mut() {
            Some(b) if l < b.right => {
                b.right = b.right.max(r);
                b.numeric &= numeric;
            }
            _ => bands.push(Band {
                left: l,
                right: r,
                base_width: 0,
                body_right: None,
                labelled: false,
                numeric,
            }),
        }
    }
    for b in &mut bands {
        b.base_width = b.right - b.left;
        b.body_right = Some(b.right);
    }
    bands
}

/// Adds the header's columns: a word over no column opens one (a column
/// with no values), a word over exactly one column and not much wider
/// than it widens it, a word over several columns is a group label.
fn add_header_bands(bands: &mut Vec<Band>, header: &[VLine], em: i64) {
    for (k, line) in header.iter().enumerate().rev() {
        let bottom = k + 1 == header.len();
        for w in &line.words {
            let mut over = overlapping(bands, w.left, w.right);
            if bottom && over.is_empty() {
                // A centred leaf label (类/款/项) beside left-aligned codes.
                over.extend(
                    (0..bands.len())
                        .filter(|&i| {
                            bands[i].body_right.is_some()
                                && !bands[i].labelled
                                && (bands[i].left - w.right).max(w.left - bands[i].right) <= em
                        })
                        .min_by_key(|&i| (bands[i].left - w.right).max(w.left - bands[i].right)),
                );
            }
            if over.is_empty() {
                // A label centred over a column of right-aligned amounts
                // shorter than itself stands left of them, within the
                // column: between the previous column's right edge and
                // this one's.
                let centre = (w.left + w.right) / 2;
                let next = bands.partition_point(|b| b.left <= centre);
                // Another label nearer to the column, on any header line,
                // is its own: the word must be the nearest one. A label
                // centred like this word (its 栏次 number below it) heads the
                // same column, whichever side of the centre rounding puts it.
                let between = |from: i64, to: i64| {
                    header.iter().flat_map(|l| l.words.iter()).any(|o| {
                        let c = (o.left + o.right) / 2;
                        !std::ptr::eq(o, w) && c > from && c < to && (c - centre).abs() > em / 2
                    })
                };
                let claimed_right = |b: &Band| between(centre, b.right);
                let claimed_left = |b: &Band| between(b.left, centre);
                if let Some(b) = bands.get(next).filter(|b| !claimed_right(b)) {
                    let prev_right = next.checked_sub(1).map_or(i64::MIN, |p| bands[p].right);
                    if b.numeric
                        && b.body_right.is_some()
                        && !b.labelled
                        && prev_right < w.left
                        && b.left - w.right <= 4 * em
                    {
                        over.push(next);
                    }
                }
                // A label centred over a column of left-aligned names
                // shorter than itself stands right of them, within the
                // column: before the next column's left edge.
                if over.is_empty() && next > 0 {
                    let b = &bands[next - 1];
                    let next_left = bands.get(next).map_or(i64::MAX, |n| n.left);
                    if !b.numeric
                        && !claimed_left(b)
                        && b.body_right.is_some()
                        && !b.labelled
                        && w.right < next_left
                        && w.left - b.right <= 4 * em
                    {
                        over.push(next - 1);
                    }
                }
            }
            let pos = bands.partition_point(|b| b.left < w.left);
            // An upper label squeezed between two columns is their group label.
            let squeezed = !bottom
                && over.is_empty()
                && pos > 0
                && pos < bands.len()
                && bands[pos].left - bands[pos - 1].right < (w.right - w.left) + 2 * em;
            if squeezed {
                continue;
            }
            match over.as_slice() {
                [] => {
                    bands.insert(
                        pos,
                        Band {
                            left: w.left,
                            right: w.right,
                            base_width: w.right - w.left,
                            body_right: None,
                            labelled: bottom,
                            numeric: false,
                        },
                    );
                }
                [i] => {
                    let b = &mut bands[*i];
                    if bottom || b.body_right.is_none() || w.right - w.left <= b.base_width + 2 * em
                    {
                        b.left = b.left.min(w.left);
                        b.right = b.right.max(w.right);
                        b.labelled |= bottom;
                    }
                }
                _ => {}
            }
        }
    }
}

/// One emitted row under construction.
struct Record {
    cells: Vec<String>,
    /// Centre of the first fragment placed in each cell.
    first_cy: Vec<Option<i64>>,
    /// Centre of the latest line of the row that held a figure (codes and
    /// amounts centred in the row; a top-aligned amount comes earlier).
    numeric_cy: Option<i64>,
    /// Right edge of the last fragment placed in each cell.
    last_right: Vec<Option<i64>>,
    last_cy: i64,
}

fn line_cells(line: &VLine, bands: &[Band]) -> (Vec<String>, Vec<Option<i64>>, bool) {
    let mut cells = vec![String::new(); bands.len()];
    let mut rights = vec![None; bands.len()];
    let mut numeric = false;
    for w in &line.words {
        let i = band_of(bands, w);
        join_cell(&mut cells[i], &w.text);
        rights[i] = Some(rights[i].map_or(w.right, |r: i64| r.max(w.right)));
        numeric |= is_numeric_word(&w.text);
    }
    (cells, rights, numeric)
}

/// Usual distance between rows holding figures; cells that are top-aligned
/// in a tall row sit well within it.
fn row_pitch(body: &[VLine], em: i64) -> i64 {
    let ys: Vec<i64> = body
        .iter()
        .filter(|l| l.words.iter().any(|w| is_numeric_word(&w.text)))
        .map(|l| l.cy)
        .collect();
    let mut d: Vec<i64> = ys.windows(2).map(|w| w[1] - w[0]).collect();
    if d.is_empty() {
        return em * 14 / 10;
    }
    d.sort_unstable();
    d[d.len() / 2]
}

fn build_rows(body: &[VLine], bands: &[Band], em: i64) -> Vec<Vec<String>> {
    let mut records: Vec<Record> = Vec::new();
    let pitch = row_pitch(body, em);
    let near = (em * 85 / 100).max(pitch * 6 / 10);
    for (idx, line) in body.iter().enumerate() {
        let (cells, rights, numeric) = line_cells(line, bands);
        // A line that could complete either neighbour belongs to the nearer.
        // Only a next line that opens a row of its own (a numbered item, a
        // total or figures) can claim this one.
        let next_is_nearer = body.get(idx + 1).is_some_and(|n| {
            let (ncells, _, nnum) = line_cells(n, bands);
            let clash = (0..cells.len()).any(|i| !cells[i].is_empty() && !ncells[i].is_empty());
            let opens = nnum
                || ncells
                    .iter()
                    .any(|c| starts_with_enumerator(c) || is_total_label(c));
            !clash
                && opens
                && records
                    .last()
                    .is_some_and(|r| n.cy - line.cy < line.cy - r.last_cy)
        });
        if let Some(r) = records.last_mut() {
            let dist = line.cy - r.last_cy;
            let used: Vec<usize> = (0..cells.len()).filter(|&i| !cells[i].is_empty()).collect();
            let collides = used.iter().any(|&i| !r.cells[i].is_empty());
            // A wrapped name: the cell's last fragment reached the column's
            // right edge and the new text does not open a new numbered item.
            let pending = |i: usize| {
                !r.cells[i].is_empty()
                    && match (r.last_right[i], bands[i].body_right) {
                        (Some(lr), Some(br)) => lr >= br - em * 3 / 2,
                        _ => false,
                    }
                    && !starts_with_enumerator(&cells[i])
                    && !is_total_label(&cells[i])
                    // A cell wrapped around the row's figures: its first and
                    // last lines sit evenly above and below them.
                    && match (r.numeric_cy, r.first_cy[i]) {
                        (Some(n), Some(f)) => {
                            let drift = ((f + line.cy) / 2 - n).abs();
                            // Figures centred on a name that began above
                            // them: a line that moves the name's middle
                            // away from them starts the next row's name.
                            let centred = n > f + em / 4;
                            let before = ((f + r.last_cy) / 2 - n).abs();
                            drift <= pitch * 3 / 10 && !(centred && drift > before)
                        }
                        _ => true,
                    }
            };
            let continues = (!numeric || r.numeric_cy.is_none())
                && dist <= em * 16 / 10
                && used.iter().any(|&i| !r.cells[i].is_empty())
                && used.iter().all(|&i| r.cells[i].is_empty() || pending(i));
            // Lines of one row that did not line up: figures top-aligned
            // above their labels, text centred beside a wrapped name. A
            // finished text row does not take the next row's figures.
            let r_text = r
                .cells
                .iter()
                .zip(bands)
                .any(|(c, _)| !c.is_empty() && !is_numeric_word(c));
            let r_pending = (0..cells.len()).any(|i| {
                !r.cells[i].is_empty()
                    && matches!((r.last_right[i], bands[i].body_right), (Some(lr), Some(br)) if lr >= br - em * 3 / 2)
                    && !is_numeric_word(&r.cells[i])
            });
            let open = r_pending || !r_text || (r.numeric_cy.is_some() && !numeric);
            let complements = !collides && dist <= near && open && !next_is_nearer;
            if continues || complements {
                for &i in &used {
                    r.cells[i].push_str(&cells[i]);
                    r.last_right[i] = rights[i];
                    r.first_cy[i] = r.first_cy[i].or(Some(line.cy));
                }
                r.last_cy = line.cy;
                if numeric {
                    r.numeric_cy = Some(line.cy);
                }
                continue;
            }
        }
        records.push(Record {
            first_cy: cells
                .iter()
                .map(|c| (!c.is_empty()).then_some(line.cy))
                .collect(),
            numeric_cy: numeric.then_some(line.cy),
            cells,
            last_right: rights,
            last_cy: line.cy,
        });
    }
    records.into_iter().map(|r| r.cells).collect()
}

/// Header rows for output: group labels line by line, then one line with
/// each column's own label (its stacked fragments joined).
fn header_rows(header: &[VLine], bands: &[Band], em: i64) -> Vec<Vec<String>> {
    // The 栏次 row numbers the columns; a column it leaves blank (行次) keeps
    // its label in the header above, so it is set out on its own.
    let numbering = header
        .iter()
        .position(|l| l.words.iter().any(|w| w.text == "栏次"));
    let mut rows = label_rows(
        header
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != numbering)
            .map(|(_, l)| l),
        bands,
        em,
    );
    if let Some(k) = numbering {
        let mut row = vec![String::new(); bands.len()];
        for w in &header[k].words {
            join_cell(&mut row[band_of(bands, w)], &w.text);
        }
        rows.push(row);
    }
    rows
}

/// Header rows without the 栏次 row: group labels line by line, then one
/// line with each column's own label.
fn label_rows<'a>(
    header: impl Iterator<Item = &'a VLine>,
    bands: &[Band],
    em: i64,
) -> Vec<Vec<String>> {
    // (header line, centre y, text, width) of label fragments per band.
    let mut frags: Vec<Vec<(usize, i64, String, i64)>> = vec![Vec::new(); bands.len()];
    let mut groups: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    for (k, line) in header.enumerate() {
        for w in &line.words {
            let over = overlapping(bands, w.left, w.right);
            let label_of = match over.as_slice() {
                [i] if bands[*i].body_right.is_none()
                    || w.right - w.left <= bands[*i].base_width + 2 * em =>
                {
                    Some(*i)
                }
                [] => Some(band_of(bands, w)),
                _ => None,
            };
            match label_of {
                Some(i) => frags[i].push((k, w.cy, w.text.clone(), w.right - w.left)),
                None => groups
                    .entry(k)
                    .or_default()
                    .push((over.first().copied().unwrap_or(0), w.text.clone())),
            }
        }
    }
    let mut leaf = vec![String::new(); bands.len()];
    for (i, fs) in frags.iter_mut().enumerate() {
        fs.sort_by_key(|f| f.1);
        // A label wrapped inside its cell: each fragment but the last fills
        // the column and the next sits one line pitch below. Anything above
        // a break is a label of a higher level.
        let width = bands[i].right - bands[i].left;
        let mut start = 0;
        for j in 1..fs.len() {
            let gap = fs[j].1 - fs[j - 1].1;
            if gap > em * 3 / 2 || (fs[j - 1].3 < width - 2 * em && gap > em) {
                start = j;
            }
        }
        for (j, (k, _, t, _)) in fs.iter().enumerate() {
            if j < start {
                groups.entry(*k).or_default().push((i, t.clone()));
            } else {
                join_cell(&mut leaf[i], t);
            }
        }
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (_, ws) in groups {
        let mut row = vec![String::new(); bands.len()];
        for (i, t) in ws {
            join_cell(&mut row[i], &t);
        }
        rows.push(row);
    }
    if leaf.iter().any(|c| !c.is_empty()) {
        rows.push(leaf);
    }
    rows
}

/// Output for one page: lines numbered from 1.
struct PageOut {
    page: u32,
    lines: Vec<SourceLine>,
    /// The page's text block: leftmost and rightmost word edge.
    left: i64,
    right: i64,
    em: i64,
}

impl PageOut {
    /// A prose line with its place in the text block (see [`Flow`]).
    fn prose_line(&mut self, line: &VLine) {
        let text = prose_text(line, self.em);
        self.push_prose(text, Some(self.flow(line)));
    }

    fn flow(&self, line: &VLine) -> Flow {
        let left = line.words.iter().map(|w| w.left).min().unwrap_or(self.left);
        let right = line
            .words
            .iter()
            .map(|w| w.right)
            .max()
            .unwrap_or(self.right);
        let slack = self.em * 3 / 2;
        Flow {
            full: right >= self.right - slack,
            indented: left >= self.left + slack,
            confidence: None,
        }
    }

    fn push_prose(&mut self, text: String, flow: Option<Flow>) {
        let number = self.lines.len() as u32 + 1;
        self.lines.push(SourceLine {
            number,
            page: Some(self.page),
            text,
            cells: Vec::new(),
            flow,
            columns_guessed: false,
        });
    }

    /// A row of a self-evaluation table: always tabular, so a lone label
    /// (a merged 一级指标 cell on its own line) still reads as a cell.
    fn perf_row(&mut self, mut cells: Vec<String>) {
        if cells.len() < 2 {
            cells.push(String::new());
        }
        self.row(cells);
    }

    fn row(&mut self, cells: Vec<String>) {
        let number = self.lines.len() as u32 + 1;
        let mut text = String::new();
        let mut out = Vec::with_capacity(cells.len());
        for (i, c) in cells.into_iter().enumerate() {
            if i > 0 {
                text.push('\t');
            }
            let start = text.len() as u32;
            text.push_str(&c);
            out.push(SourceCell {
                span: Span {
                    page: Some(self.page),
                    ..Span::new(number, start, text.len() as u32)
                },
                text: c,
            });
        }
        if out.len() < 2 {
            self.push_prose(text, None);
            return;
        }
        self.lines.push(SourceLine {
            number,
            page: Some(self.page),
            text,
            cells: out,
            flow: None,
            columns_guessed: false,
        });
    }
}

fn fits_carry(line: &VLine, carry: &Carry) -> bool {
    if is_keyword_line(line) || is_title_line(line) || is_unit_line(line) || is_end_line(line) {
        return false;
    }
    // A table runs on with rows, never with a heading or prose that happens
    // to start the next page: such text runs across several columns.
    if straddles(line, &carry.bands) {
        return false;
    }
    let inside = line
        .words
        .iter()
        .filter(|w| !overlapping(&carry.bands, w.left, w.right).is_empty())
        .count();
    inside * 2 > line.words.len() && line.words.len() <= carry.bands.len() * 2
}

/// Whether a word of the line runs across several columns (prose, a heading).
fn straddles(line: &VLine, bands: &[Band]) -> bool {
    line.words
        .iter()
        .any(|w| overlapping(bands, w.left, w.right).len() > 1)
}

/// A table printed without any figure (a blank form, a template): its rows
/// are the label lines under the header, which starts at the keyword line
/// `k` and ends at the first line at least two line pitches below it or
/// with a label in the leftmost column (row labels, not header words).
fn blank_form_body(lines: &[VLine], k: usize, stop: usize, em: i64) -> Option<usize> {
    let left = lines[k..stop]
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.left))
        .min()?;
    (k + 1..stop).find(|&j| {
        let l = &lines[j];
        !is_keyword_line(l)
            && l.words.first().is_some_and(|w| w.left <= left + em)
            && l.words.iter().any(|w| w.text.chars().count() >= 4)
    })
}

/// Index of the first line at or after `from` that closes a table body.
fn body_end(lines: &[VLine], from: usize) -> usize {
    (from..lines.len())
        .find(|&j| {
            is_end_line(&lines[j])
                || is_title_line(&lines[j])
                || is_unit_line(&lines[j])
                || (is_keyword_line(&lines[j]) && !has_data(&lines[j]))
        })
        .unwrap_or(lines.len())
}

/// Lays out a run of a page's lines holding prose and ordinary tables.
fn lay_tables(lines: &[VLine], po: &mut PageOut, carry: &mut Option<Carry>, em: i64) {
    let n = lines.len();
    let mut i = 0;
    if let Some(c) = carry.take() {
        if lines.first().is_some_and(|l| fits_carry(l, &c)) {
            let e = body_end(lines, 0);
            let e = (0..e)
                .find(|&j| straddles(&lines[j], &c.bands))
                .unwrap_or(e);
            let body: Vec<VLine> = lines[..e]
                .iter()
                .map(|l| split_glued(&join_spaced(l, em)))
                .collect();
            for row in build_rows(&body, &c.bands, em) {
                po.row(row);
            }
            i = e;
            if e == n {
                *carry = Some(c);
            }
        }
    }
    while i < n {
        let Some(k) = (i..n).find(|&j| is_keyword_line(&lines[j])) else {
            for l in &lines[i..] {
                po.prose_line(l);
            }
            break;
        };
        // The header reaches up over short label lines to the 单位 line.
        let label_like = |l: &VLine| {
            !is_title_line(l)
                && !is_end_line(l)
                && !has_data(l)
                && l.words.iter().all(|w| w.text.chars().count() <= 16)
        };
        let unit = (i..k)
            .rev()
            .take_while(|&j| is_unit_line(&lines[j]) || label_like(&lines[j]))
            .find(|&j| is_unit_line(&lines[j]))
            .filter(|&u| lines[k].cy - lines[u].cy <= em * 12);
        let mut h = unit.map_or(k, |u| u + 1);
        while unit.is_none() && h > i {
            let above = &lines[h - 1];
            if is_unit_line(above)
                || is_title_line(above)
                || is_end_line(above)
                || has_data(above)
                || lines[h].cy - above.cy > em * 5 / 2
                || above.words.iter().any(|w| w.text.chars().count() > 16)
            {
                break;
            }
            h -= 1;
        }
        for l in &lines[i..h] {
            po.prose_line(l);
        }
        let stop = (k + 1..n)
            .find(|&j| {
                is_end_line(&lines[j]) || is_title_line(&lines[j]) || is_unit_line(&lines[j])
            })
            .unwrap_or(n);
        let b = (k..stop)
            .find(|&j| has_data(&lines[j]) || is_total_only(&lines[j]))
            .or_else(|| blank_form_body(lines, k, stop, em));
        let e = match b {
            Some(b) => body_end(lines, b + 1),
            None => stop,
        };
        // The first row's name may wrap above its figures.
        let b = b.map(|mut b| {
            while b > k + 1 {
                let above = &lines[b - 1];
                let label = above
                    .words
                    .iter()
                    .any(|w| LEAF_LABELS.contains(&w.text.as_str()));
                if is_keyword_line(above) || label || lines[b].cy - above.cy > em * 85 / 100 {
                    break;
                }
                b -= 1;
            }
            b
        });
        let mut header: Vec<VLine> = lines[h..b.unwrap_or(e)].to_vec();
        let mut body: Vec<VLine> = match b {
            Some(b) => lines[b..e]
                .iter()
                .map(|l| split_glued(&join_spaced(l, em)))
                .collect(),
            None => Vec::new(),
        };
        if let Some(first) = body.first_mut() {
            let (labels, rest): (Vec<VWord>, Vec<VWord>) = first
                .words
                .drain(..)
                .partition(|w| LEAF_LABELS.contains(&w.text.as_str()));
            first.words = rest;
            if !labels.is_empty() {
                let cy = labels.iter().map(|w| w.cy).sum::<i64>() / labels.len() as i64;
                header.push(VLine { cy, words: labels });
            }
            if first.words.is_empty() {
                body.remove(0);
            }
        }
        let mut bands = body_bands(&body);
        add_header_bands(&mut bands, &header, em);
        for row in header_rows(&header, &bands, em) {
            po.row(row);
        }
        for row in build_rows(&body, &bands, em) {
            po.row(row);
        }
        if e == n && b.is_some() {
            *carry = Some(Carry { bands });
        }
        i = e.max(k + 1);
    }
}

/// Turns word boxes into source lines for the whole document.
pub fn layout(pages: &[Page]) -> Vec<SourceLine> {
    let offsets = calibrate(pages);
    let doc_em = {
        let all: Vec<Word> = pages.iter().flat_map(|p| p.words.iter().cloned()).collect();
        page_em(&all).unwrap_or(DEFAULT_EM)
    };
    let mut out: Vec<SourceLine> = Vec::new();
    let mut carry: Option<Carry> = None;
    // A self-evaluation table left open at the previous page's end, and
    // the wrap pitch measured in the last one (a continuation may be short).
    let mut perf_open = false;
    let mut perf_pitch: Option<i64> = None;
    for page in pages {
        let em = page_em(&page.words).unwrap_or(doc_em).max(1);
        // Producers align figures and labels differently from table to
        // table, so a page's own evidence wins over the document's.
        let mut local = calibrate(std::slice::from_ref(page));
        for (h, o) in &offsets {
            local.entry(*h).or_insert(*o);
        }
        let lines = build_lines(&page.words, &local, em);
        let mut po = PageOut {
            page: page.number,
            lines: Vec::new(),
            left: page.words.iter().map(|w| w.left).min().unwrap_or(0),
            right: page.words.iter().map(|w| w.right).max().unwrap_or(0),
            em,
        };
        // Self-evaluation tables are cut out first: their merged and
        // wrapped cells defeat the column model below.
        let regions = performance::regions(&lines, perf_open);
        let mut at = 0;
        for r in &regions {
            if r.start > at {
                lay_tables(&lines[at..r.start], &mut po, &mut carry, em);
            }
            carry = None;
            for row in performance::rows(&lines[r.start..r.end], em, &mut perf_pitch) {
                po.perf_row(row);
            }
            at = r.end;
        }
        perf_open = regions.last().is_some_and(|r| r.open);
        // The page number below a table is not one of its rows: it would
        // open a column of its own and cut the table from its continuation.
        let folio = lines.len() > at + 1 && lines.last().is_some_and(is_page_number);
        let end = lines.len() - usize::from(folio);
        if at < end {
            lay_tables(&lines[at..end], &mut po, &mut carry, em);
        }
        if folio {
            if let Some(l) = lines.last() {
                po.prose_line(l);
            }
        }
        out.extend(po.lines);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(left: i64, top: i64, width: i64, height: i64, text: &str) -> Word {
        Word {
            left,
            right: left + width,
            top,
            bottom: top + height,
            text: text.to_string(),
        }
    }

    #[test]
    fn enumerators() {
        assert!(starts_with_enumerator("二十三、其他支出"));
        assert!(starts_with_enumerator("（一）工资"));
        assert!(!starts_with_enumerator("款"));
        assert!(!starts_with_enumerator("支出"));
    }

    #[test]
    fn data_words() {
        assert!(is_data_word("2,940.05"));
        assert!(is_data_word("201"));
        assert!(is_data_word("0.00"));
        assert!(!is_data_word("1"));
        assert!(!is_data_word("合计"));
    }

    #[test]
    fn table_with_blank_middle_column() {
        let em = 1200;
        let words = vec![
            w(10000, 10000, 6000, 300, "单位：万元"),
            w(1000, 12000, 2400, 300, "项目"),
            w(5000, 12000, 3600, 300, "决算数"),
            w(9000, 12000, 3600, 300, "预算数"),
            w(13000, 12000, 3600, 300, "决算数"),
            w(1000, 14000, 3600, 300, "甲收入"),
            w(6400, 13900, 2200, 500, "1.00"),
            w(14400, 13900, 2200, 500, "2.00"),
            w(1000, 16000, 3600, 300, "注：说明"),
        ];
        let pages = vec![Page { number: 1, words }];
        let lines = layout(&pages);
        let row = lines
            .iter()
            .find(|l| l.text.starts_with("甲收入"))
            .expect("row");
        let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, vec!["甲收入", "1.00", "", "2.00"]);
        assert_eq!(row.cells[1].span.page, Some(1));
        let _ = em;
    }

    /// Short amounts right-aligned in their columns, headed by labels
    /// centred over them with the 栏次 number centred below each label (a
    /// hair right of its centre, as a narrow serif face sets it): each label
    /// and number heads the amounts to its right, not a column of its own.
    #[test]
    fn labels_and_column_numbers_on_one_centre_head_one_column() {
        let words = vec![
            w(50000, 10000, 6000, 900, "单位：万元"),
            w(10000, 12500, 3000, 785, "科目名称"),
            w(26550, 12500, 1500, 785, "合计"),
            w(32956, 12500, 1500, 785, "小计"),
            w(5608, 14323, 1500, 785, "栏次"),
            w(27113, 14323, 375, 785, "1"),
            w(33518, 14323, 375, 785, "2"),
            w(9515, 15538, 3000, 785, "行政运行"),
            w(28803, 15538, 1500, 785, "0.02"),
            w(35209, 15538, 1500, 785, "0.01"),
            w(9515, 16753, 1500, 785, "其他"),
            w(28803, 16753, 1500, 785, "1.50"),
            w(35209, 16753, 1500, 785, "2.50"),
            w(3402, 18000, 20000, 837, "注：本表反映支出情况。"),
        ];
        let lines = layout(&[Page { number: 1, words }]);
        let row = |name: &str| -> Vec<String> {
            lines
                .iter()
                .find(|l| l.text.contains(name))
                .map(|l| l.cells.iter().map(|c| c.text.clone()).collect())
                .unwrap_or_default()
        };
        // The first column is the 栏次/code column.
        assert_eq!(row("行政运行"), ["", "行政运行", "0.02", "0.01"]);
        assert_eq!(row("科目名称"), ["", "科目名称", "合计", "小计"]);
        assert_eq!(row("栏次"), ["栏次", "", "1", "2"]);
    }
}
