//! Tables printed without ruling lines: on a page where [`super::grid`]
//! finds no ruled table, a band of text whose lines stand in columns (wide
//! gaps inside a line, where prose runs on) is read as a table.
//!
//! Tesseract reads such a band as sparse text (`--psm 11`), which keeps
//! the columns' words apart where a uniform block (`--psm 6`) runs a code
//! into its name or a two-line name into the figures beside it. Every word
//! that reads as a figure is then cropped and read again with the digit
//! whitelist, stacked into strips like the cells of a ruled table
//! ([`super::read_crops`]): read among Chinese, a comma becomes a point
//! and a 5 a 3. A name whose box grows over ink the sparse reading dropped
//! at its ends (the 金 of 住房公积金) is read again the same way with
//! `chi_sim`. The words go to the layout with their boxes, which finds
//! the table's columns from their positions and the profile's headers as
//! for a text-layer table; their confidences go with them.

use super::image::{Gray, Rect, INK};
use super::{
    lines_of, looks_numeric, ordinal_of, read_crops, snap_label, snap_title, trim_specks,
    vocabulary, Error, ReadLine, TWord, DIGIT_WHITELIST, PAD,
};
use std::time::Instant;

/// A gap inside a line wider than this many ems parts two columns (prose
/// is justified; a title or the 单位 line stands alone on its line).
const COLUMN_GAP_EMS: usize = 2;
/// Lines with two or more column gaps that make a band a table (the end
/// of a table carried over to a page of its own may be two lines).
const MIN_TABLE_LINES: usize = 2;
/// Columns of one line that make a band a table on their own (a table of
/// one row under a header of many columns, as the 三公 table prints).
const MANY_COLUMNS: usize = 6;
/// Blank rows inside one line of text (between the strokes of 二 or 三).
const LINE_JOIN: usize = 6;

/// The runs of rows of `band` that hold ink, joined across a few blank rows.
fn ink_lines(img: &Gray, band: Rect) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let (x0, x1) = (band.x0.min(img.width), band.x1.min(img.width));
    for y in band.y0..band.y1.min(img.height) {
        let row = &img.data[y * img.width + x0..y * img.width + x1];
        if !row.iter().any(|&v| v < INK) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if y <= run.1 + LINE_JOIN => run.1 = y + 1,
            _ => runs.push((y, y + 1)),
        }
    }
    runs
}

/// Whether a band holds a table: at least [`MIN_TABLE_LINES`] of its lines
/// have two or more gaps wider than [`COLUMN_GAP_EMS`] ems inside them, or
/// one line stands in [`MANY_COLUMNS`] columns or more.
pub(super) fn is_table(img: &Gray, band: Rect) -> bool {
    let lines = ink_lines(img, band);
    let mut heights: Vec<usize> = lines.iter().map(|(a, b)| b - a).collect();
    heights.sort_unstable();
    let Some(&em) = heights.get(heights.len() / 2) else {
        return false;
    };
    // A line of text is at least 8 points tall at 300 dpi.
    let wide = COLUMN_GAP_EMS * em.max(30);
    let (x0, x1) = (band.x0.min(img.width), band.x1.min(img.width));
    let gaps = lines
        .iter()
        .map(|&(y0, y1)| {
            let inked: Vec<bool> = (x0..x1)
                .map(|x| (y0..y1).any(|y| img.data[y * img.width + x] < INK))
                .collect();
            let (mut gaps, mut run, mut seen) = (0, 0, false);
            for &ink in &inked {
                if ink {
                    if seen && run > wide {
                        gaps += 1;
                    }
                    seen = true;
                    run = 0;
                } else {
                    run += 1;
                }
            }
            gaps
        })
        .collect::<Vec<usize>>();
    let columned = gaps.iter().filter(|&&g| g >= 2).count();
    columned >= MIN_TABLE_LINES || gaps.iter().any(|&g| g >= MANY_COLUMNS - 1)
}

/// The words of a band as phrases: rows by their vertical centres, each
/// cut where a gap is wider than one and a half of the band's em (its
/// Chinese words' median height: a lone 一 or 、 is a flat box). Sparse
/// reading numbers its text lines by the blocks it finds, which may put
/// two rows of a column in one line.
fn phrases(mut words: Vec<TWord>) -> Vec<Vec<TWord>> {
    // The em of the band's Chinese words (figures are shorter).
    let chinese = |w: &&TWord| w.text.chars().any(super::is_cjk);
    let mut heights: Vec<usize> = words.iter().filter(chinese).map(|w| w.height).collect();
    if heights.is_empty() {
        heights = words.iter().map(|w| w.height).collect();
    }
    heights.sort_unstable();
    let em = heights.get(heights.len() / 2).copied().unwrap_or(0).max(1);
    // An ordinal's 、 read as nothing leaves a gap of more than an em.
    let apart_gap = em * 3 / 2;
    words.sort_by_key(|w| (w.cy(), w.left));
    // Rows are set by words of a full height, each spanning its first
    // word's; a flat or small mark (一, 、, a point) sits anywhere in its
    // line and joins the row whose span holds its centre, or the nearest.
    let (full, marks): (Vec<TWord>, Vec<TWord>) =
        words.into_iter().partition(|w| w.height * 2 >= em);
    let mut rows: Vec<Vec<TWord>> = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for w in full {
        let cy = w.cy();
        match (spans.last(), rows.last_mut()) {
            (Some(&(y0, y1)), Some(row)) if cy >= y0 && cy < y1 => row.push(w),
            _ => {
                spans.push((w.top, w.top + w.height));
                rows.push(vec![w]);
            }
        }
    }
    for w in marks {
        let cy = w.cy();
        let distance = |&(y0, y1): &(usize, usize)| {
            if cy < y0 {
                y0 - cy
            } else {
                cy.saturating_sub(y1 - 1)
            }
        };
        let nearest = (0..spans.len()).min_by_key(|&i| distance(&spans[i]));
        match nearest {
            Some(i) if distance(&spans[i]) <= em / 2 => rows[i].push(w),
            _ => {
                spans.push((w.top, w.top + w.height));
                rows.push(vec![w]);
            }
        }
    }
    let mut out: Vec<Vec<TWord>> = Vec::new();
    for (r, mut row) in rows.into_iter().enumerate() {
        row.sort_by_key(|w| w.left);
        let mut end: Option<usize> = None;
        for mut w in row {
            let apart = end.is_none_or(|e| w.left > e + apart_gap);
            end = Some(end.map_or(w.left + w.width, |e| e.max(w.left + w.width)));
            w.line = (r as u32, 0, 0);
            match out.last_mut() {
                Some(group) if !apart => group.push(w),
                _ => out.push(vec![w]),
            }
        }
    }
    out
}

/// A figure's reading under the digit whitelist: its digits and marks,
/// less a point or comma at either end and a minus at the end (a speck by
/// the digits); `None` when nothing is left.
fn figure(words: &[TWord]) -> Option<(String, f32)> {
    let text: String = words
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    let text = text
        .trim_start_matches(['.', ','])
        .trim_end_matches(['.', ',', '-']);
    if text.is_empty() {
        return None;
    }
    let conf = words.iter().map(|w| w.conf).fold(100.0f32, f32::min);
    Some((text.to_string(), conf))
}

/// Reads the bands of `bands` that hold a table ([`is_table`]) and takes
/// them out of `bands`; returns what was read, in page pixels.
pub(super) fn read_tables(
    file: &str,
    page: u32,
    img: &Gray,
    bands: &mut Vec<(Rect, Gray)>,
    deadline: Instant,
) -> Result<Vec<ReadLine>, Error> {
    let (tables, rest): (Vec<_>, Vec<_>) = bands.drain(..).partition(|(r, _)| is_table(img, *r));
    *bands = rest;
    if tables.is_empty() {
        return Ok(Vec::new());
    }
    let by_band = read_crops(
        file,
        page,
        &tables,
        &["-l", "chi_sim", "--psm", "11"],
        deadline,
    )?;
    let mut read: Vec<ReadLine> = by_band
        .into_iter()
        .flat_map(phrases)
        .flat_map(lines_of)
        .filter(|l| l.text.chars().any(char::is_alphanumeric))
        .collect();
    reread_grown(file, page, img, &mut read, deadline)?;
    let bands: Vec<Rect> = tables.iter().map(|(r, _)| *r).collect();
    rescue(file, page, img, &bands, &mut read, deadline)?;
    let numeric: Vec<usize> = (0..read.len())
        .filter(|&i| looks_numeric(&read[i].text))
        .collect();
    let crops: Vec<(Rect, Gray)> = numeric
        .iter()
        .map(|&i| {
            let padded = pad(img, grow(img, read[i].rect));
            (padded, img.crop(padded))
        })
        .collect();
    let by_crop = read_crops(
        file,
        page,
        &crops,
        &["-l", "eng", "--psm", "6", "-c", DIGIT_WHITELIST],
        deadline,
    )?;
    for (&i, words) in numeric.iter().zip(by_crop) {
        if let Some((text, conf)) = figure(&words) {
            read[i].text = text;
            read[i].conf = conf;
        }
    }
    for (i, line) in read.iter_mut().enumerate() {
        if numeric.binary_search(&i).is_err() {
            // An ordinal's 、 read twice (`一、、`), or again at the start of
            // the name after it: no name starts with one.
            let text = line.text.replace("、、", "、");
            let text = text.trim_start_matches('、');
            let text = snap_label(trim_specks(text));
            line.text = snap_title(&ordinal_mark(&text));
        }
    }
    Ok(read)
}

/// A numbered name whose 、 the sparse reading dropped (`十九住房保障支出`)
/// gets it back when what follows the ordinal is a name of the tables'
/// vocabulary: the layout starts a row at a numbered name, and would
/// otherwise take the name for the continuation of the one above.
fn ordinal_mark(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    for n in (1..=3).rev() {
        if chars.len() <= n + 1 {
            continue;
        }
        if !chars[..n]
            .iter()
            .all(|c| "一二三四五六七八九十".contains(*c))
        {
            continue;
        }
        let head: String = chars[..n].iter().collect();
        let rest: String = chars[n..].iter().collect();
        let marked = format!("{head}、{rest}");
        // Snapped for misread characters only: a name that needs a lost
        // character back (`般公共服务支出`) means the numeral is its own.
        let known = ordinal_of(&marked).is_some_and(|(_, name)| {
            let snapped = snap_label(name);
            snapped.chars().count() == name.chars().count() && vocabulary().contains(&snapped)
        });
        if known {
            return format!("{head}、{}", snap_label(&rest));
        }
    }
    text.to_string()
}

/// Re-reads, one by one in a strip, the phrases whose box grows over ink
/// the sparse reading dropped at its ends (the 金 of 住房公积金, the 一 of
/// an ordinal); a phrase inside another's grown box is part of it.
fn reread_grown(
    file: &str,
    page: u32,
    img: &Gray,
    read: &mut Vec<ReadLine>,
    deadline: Instant,
) -> Result<(), Error> {
    let mut heights: Vec<usize> = read.iter().map(|l| l.rect.height()).collect();
    heights.sort_unstable();
    let em = heights.get(heights.len() / 2).copied().unwrap_or(0);
    let grown: Vec<(usize, Rect)> = read
        .iter()
        .enumerate()
        .filter(|(_, l)| !looks_numeric(&l.text))
        .map(|(i, l)| (i, grow(img, l.rect)))
        .filter(|(i, g)| g.width() > read[*i].rect.width() + em / 2)
        .collect();
    if grown.is_empty() {
        return Ok(());
    }
    let inside = |r: &Rect, g: &Rect| {
        let (cx, cy) = ((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
        cx >= g.x0 && cx < g.x1 && cy >= g.y0 && cy < g.y1
    };
    let boxes: Vec<Rect> = grown.iter().map(|(_, g)| *g).collect();
    let by_crop = read_boxes(file, page, img, &boxes, deadline)?;
    let mut gone = vec![false; read.len()];
    for ((i, g), words) in grown.iter().zip(by_crop) {
        let lines = lines_of(words);
        let text: String = lines.iter().map(|l| l.text.as_str()).collect();
        if text.chars().count() <= read[*i].text.chars().count() {
            continue;
        }
        let conf = lines.iter().map(|l| l.conf).fold(100.0f32, f32::min);
        for (j, l) in read.iter().enumerate() {
            if j != *i && inside(&l.rect, g) {
                gone[j] = true;
            }
        }
        read[*i] = ReadLine {
            rect: *g,
            text,
            conf,
        };
    }
    let mut keep = gone.iter().map(|g| !g);
    read.retain(|_| keep.next().unwrap_or(true));
    Ok(())
}

/// Side of the cells ink is gathered in to find what no phrase covers.
const CELL: usize = 8;
/// Least pixels of ink that make a cell part of a blob.
const MIN_CELL_INK: usize = 6;

/// Reads ink of the tables' bands that no phrase covers (a code beside a
/// two-line name, which the sparse reading may drop altogether): blobs of
/// at least a third of an em's height, read one by one in a strip with
/// `chi_sim`; those that read as figures (read again with the digits like
/// every other figure) or as a name of the tables' vocabulary are kept.
fn rescue(
    file: &str,
    page: u32,
    img: &Gray,
    bands: &[Rect],
    read: &mut Vec<ReadLine>,
    deadline: Instant,
) -> Result<(), Error> {
    let mut heights: Vec<usize> = read
        .iter()
        .filter(|l| l.text.chars().any(super::is_cjk))
        .map(|l| l.rect.height())
        .collect();
    heights.sort_unstable();
    let Some(&em) = heights.get(heights.len() / 2) else {
        return Ok(());
    };
    let mut blobs: Vec<Rect> = Vec::new();
    for band in bands {
        blobs.extend(uncovered(img, *band, read, em));
    }
    if blobs.is_empty() {
        return Ok(());
    }
    let by_crop = read_boxes(file, page, img, &blobs, deadline)?;
    for (b, words) in blobs.iter().zip(by_crop) {
        let lines = lines_of(words);
        let text: String = lines.iter().map(|l| l.text.as_str()).collect();
        // Only figures and the tables' own names: an ordinal dropped
        // before its name (九 of 九、) would come back without its 、,
        // glued to the name by the layout.
        let text = if looks_numeric(&text) {
            text
        } else {
            let name = snap_label(trim_specks(&text));
            let label = ordinal_of(&name).map_or(name.as_str(), |o| o.1);
            if !vocabulary().iter().any(|w| w == label) {
                continue;
            }
            name
        };
        let conf = lines.iter().map(|l| l.conf).fold(100.0f32, f32::min);
        read.push(ReadLine {
            rect: *b,
            text,
            conf,
        });
    }
    Ok(())
}

/// Blobs of ink in `band` outside every phrase's box: ink gathered in
/// cells of [`CELL`] pixels, touching cells joined; blobs lower than a
/// third of an em (specks) are left out, as are blobs wider than half the
/// band (not a word).
fn uncovered(img: &Gray, band: Rect, read: &[ReadLine], em: usize) -> Vec<Rect> {
    let (x0, y0) = (band.x0, band.y0);
    let (w, h) = (
        band.x1.min(img.width).saturating_sub(x0),
        band.y1.min(img.height).saturating_sub(y0),
    );
    let mut covered = vec![false; w * h];
    for l in read {
        let r = pad(img, l.rect);
        for y in r.y0.max(y0)..r.y1.min(y0 + h) {
            for x in r.x0.max(x0)..r.x1.min(x0 + w) {
                covered[(y - y0) * w + (x - x0)] = true;
            }
        }
    }
    let (gw, gh) = (w.div_ceil(CELL), h.div_ceil(CELL));
    let mut count = vec![0usize; gw * gh];
    for y in 0..h {
        for x in 0..w {
            if !covered[y * w + x] && img.data[(y0 + y) * img.width + x0 + x] < INK {
                count[(y / CELL) * gw + x / CELL] += 1;
            }
        }
    }
    // A cell with a few pixels of ink is grain or the edge of a covered
    // word, and would chain blobs together.
    let cells: Vec<bool> = count.iter().map(|&n| n >= MIN_CELL_INK).collect();
    let mut seen = vec![false; gw * gh];
    let mut out = Vec::new();
    for start in 0..cells.len() {
        if !cells[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![start];
        let (mut cx0, mut cy0, mut cx1, mut cy1) = (usize::MAX, usize::MAX, 0, 0);
        while let Some(c) = stack.pop() {
            let (cx, cy) = (c % gw, c / gw);
            (cx0, cy0, cx1, cy1) = (cx0.min(cx), cy0.min(cy), cx1.max(cx), cy1.max(cy));
            for ny in cy.saturating_sub(1)..(cy + 2).min(gh) {
                for nx in cx.saturating_sub(1)..(cx + 2).min(gw) {
                    let n = ny * gw + nx;
                    if cells[n] && !seen[n] {
                        seen[n] = true;
                        stack.push(n);
                    }
                }
            }
        }
        let r = Rect {
            x0: x0 + cx0 * CELL,
            y0: y0 + cy0 * CELL,
            x1: (x0 + (cx1 + 1) * CELL).min(x0 + w),
            y1: (y0 + (cy1 + 1) * CELL).min(y0 + h),
        };
        let Some(ink) = img.ink_box(r) else {
            continue;
        };
        if ink.height() * 3 >= em && ink.width() * 2 <= w {
            out.push(ink);
        }
    }
    out
}

/// `r` with [`PAD`] pixels of white around it, within the image.
/// Reads each box of the page again on its own, padded with white, in
/// one strip (`chi_sim`): ink the sparse reading dropped or cut short.
fn read_boxes(
    file: &str,
    page: u32,
    img: &Gray,
    boxes: &[Rect],
    deadline: Instant,
) -> Result<Vec<Vec<TWord>>, Error> {
    let crops: Vec<(Rect, Gray)> = boxes
        .iter()
        .map(|&b| {
            let padded = pad(img, b);
            (padded, img.crop(padded))
        })
        .collect();
    read_crops(
        file,
        page,
        &crops,
        &["-l", "chi_sim", "--psm", "6"],
        deadline,
    )
}

fn pad(img: &Gray, r: Rect) -> Rect {
    Rect {
        x0: r.x0.saturating_sub(PAD),
        y0: r.y0.saturating_sub(PAD),
        x1: (r.x1 + PAD).min(img.width),
        y1: (r.y1 + PAD).min(img.height),
    }
}

/// Blank columns a phrase's box is grown across to reach dropped ink.
const GROW_GAP: usize = 24;

/// `r` grown sideways over ink within [`GROW_GAP`] of its ends, in its rows.
fn grow(img: &Gray, r: Rect) -> Rect {
    let inked = |x: usize| (r.y0..r.y1.min(img.height)).any(|y| img.data[y * img.width + x] < INK);
    let mut out = r;
    loop {
        let reach = out.x0.saturating_sub(GROW_GAP);
        match (reach..out.x0).find(|&x| inked(x)) {
            Some(x) => out.x0 = x,
            None => break,
        }
    }
    loop {
        let end = (out.x1 + GROW_GAP).min(img.width);
        match (out.x1..end).rev().find(|&x| inked(x)) {
            Some(x) => out.x1 = x + 1,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A band of `lines` lines of ink blocks 40 px tall starting at the
    /// given x positions, each block 120 px wide.
    fn band(lines: usize, starts: &[usize]) -> (Gray, Rect) {
        let (w, h) = (2000, 100 + lines * 80);
        let mut g = Gray::white(w, h);
        for l in 0..lines {
            for &x0 in starts {
                for y in 50 + l * 80..90 + l * 80 {
                    g.data[y * w + x0..y * w + x0 + 120].fill(0);
                }
            }
        }
        let r = Rect {
            x0: 0,
            y0: 0,
            x1: w,
            y1: h,
        };
        (g, r)
    }

    #[test]
    fn columns_make_a_table_and_prose_does_not() {
        // Name, and two figures far apart: a table.
        let (g, r) = band(4, &[100, 500, 900]);
        assert!(is_table(&g, r));
        // Words a narrow gap apart, as prose runs: no table.
        let (g, r) = band(4, &[100, 240, 380, 520]);
        assert!(!is_table(&g, r));
        // One line of three columns only: not enough for a table.
        let (g, r) = band(1, &[100, 500, 900]);
        assert!(!is_table(&g, r));
        // One line of six columns is one.
        let (g, r) = band(1, &[100, 400, 700, 1000, 1300, 1600]);
        assert!(is_table(&g, r));
    }

    #[test]
    fn a_dropped_ordinal_mark_comes_back() {
        assert_eq!(
            ordinal_mark("八社会保障和就业支出"),
            "八、社会保障和就业支出"
        );
        assert_eq!(
            ordinal_mark("二十一国有资本经营预算支出"),
            "二十一、国有资本经营预算支出"
        );
        assert_eq!(ordinal_mark("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(
            ordinal_mark("一、一般公共预算财政拨款"),
            "一、一般公共预算财政拨款"
        );
    }
}
