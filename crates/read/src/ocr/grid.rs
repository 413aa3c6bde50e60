//! Finding table cells in a page image from its ruling lines.
//!
//! Ruling lines are long dark runs: horizontal runs of at least
//! [`MIN_RULE_H`] pixels, and vertical runs of at least [`MIN_RULE_V`]
//! pixels that reach two horizontal rules (a glyph stroke does not), cut
//! to the outermost two they reach.
//! The rules are drawn into a coarse mask (blocks of [`BLOCK`] pixels);
//! every enclosed region of the mask that does not reach the page border
//! is one cell, so merged header cells come out as one region. Cells that
//! touch each other form a table.

use super::image::{Gray, Rect};

/// Side of a mask block, in pixels.
pub const BLOCK: usize = 4;
/// Shortest horizontal rule at 300 dpi (about 8 mm).
pub const MIN_RULE_H: usize = 96;
/// Shortest vertical rule at 300 dpi (about 2 mm).
pub const MIN_RULE_V: usize = 24;
/// Samples darker than this may be part of a rule. A thin rule of a
/// blurred or JPEG-compressed scan, turned back by interpolation, is grey
/// (spread over two or three rows, none as dark as [`INK`]); the paper is
/// white by then ([`Gray::whiten_paper`]), and a run of [`MIN_RULE_H`]
/// grey samples is a rule.
///
/// [`INK`]: super::image::INK
pub const RULE_INK: u8 = 215;
/// How far a vertical rule's end may be from a horizontal rule.
const MEET: usize = 8;
/// Longest break bridged inside a rule (a scanned rule thinned by the
/// scanner, JPEG or a slight residual turn loses pixels here and there).
const GAP: usize = 3;

/// A cell of a ruled table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's interior (rules excluded).
    pub inner: Rect,
    /// Index of the table the cell belongs to.
    pub table: usize,
}

/// The ruled tables of a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    /// Every cell, in no particular order.
    pub cells: Vec<Cell>,
    /// Each table's outer box (rules included).
    pub tables: Vec<Rect>,
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    /// Fixed coordinate (y for horizontal, x for vertical).
    at: usize,
    from: usize,
    to: usize,
}

fn horizontal_segments(img: &Gray) -> Vec<Seg> {
    let mut out = Vec::new();
    for y in 0..img.height {
        let row = &img.data[y * img.width..(y + 1) * img.width];
        let mut x = 0;
        while x < row.len() {
            if row[x] < RULE_INK {
                let s = x;
                // The run's last ink pixel; gaps up to GAP are bridged.
                let mut end = x;
                while x < row.len() && x <= end + GAP {
                    if row[x] < RULE_INK {
                        end = x;
                    }
                    x += 1;
                }
                x = end + 1;
                if x - s >= MIN_RULE_H {
                    out.push(Seg {
                        at: y,
                        from: s,
                        to: x,
                    });
                }
            } else {
                x += 1;
            }
        }
    }
    out
}

fn vertical_segments(img: &Gray, hs: &[Seg]) -> Vec<Seg> {
    // The horizontal rules a vertical run at `x` over `from..to` reaches:
    // the run is cut to the outermost two. A rule runs on past the table's
    // last rule into a glyph of a note printed close below (or a title
    // above); uncut, its end would meet no rule and the whole rule be lost.
    let span = |x: usize, from: usize, to: usize| {
        let mut reached = hs.iter().filter(|h| {
            h.at + MEET >= from && h.at < to + MEET && h.from <= x + MEET && x <= h.to + MEET
        });
        let first = reached.next()?;
        let (top, bottom) =
            reached.fold((first.at, first.at), |(t, b), h| (t.min(h.at), b.max(h.at)));
        (bottom >= top + MIN_RULE_V).then_some((top, bottom + 1))
    };
    // Per column: the run's length so far and the pixels since its last ink.
    let mut run = vec![0usize; img.width];
    let mut since = vec![0usize; img.width];
    let mut out = Vec::new();
    for y in 0..=img.height {
        for x in 0..img.width {
            let ink = y < img.height && img.at(x, y) < RULE_INK;
            if ink {
                run[x] += since[x] + 1;
                since[x] = 0;
            } else if run[x] > 0 {
                since[x] += 1;
                if since[x] > GAP || y == img.height {
                    let len = run[x];
                    // The run ended `since` rows ago (before this row).
                    let end = y + 1 - since[x];
                    run[x] = 0;
                    since[x] = 0;
                    if len >= MIN_RULE_V {
                        if let Some((from, to)) = span(x, end - len, end) {
                            out.push(Seg { at: x, from, to });
                        }
                    }
                }
            }
        }
    }
    out
}

/// Finds the ruled tables of a page.
pub fn find(img: &Gray) -> Grid {
    let hs = horizontal_segments(img);
    if hs.is_empty() {
        return Grid::default();
    }
    let vs = vertical_segments(img, &hs);
    if vs.is_empty() {
        return Grid::default();
    }
    let bw = img.width.div_ceil(BLOCK);
    let bh = img.height.div_ceil(BLOCK);
    let mut wall = vec![false; bw * bh];
    for h in &hs {
        let by = h.at / BLOCK;
        for bx in h.from / BLOCK..=(h.to - 1) / BLOCK {
            wall[by * bw + bx] = true;
        }
    }
    for v in &vs {
        let bx = v.at / BLOCK;
        for by in v.from / BLOCK..=(v.to - 1) / BLOCK {
            wall[by * bw + bx] = true;
        }
    }
    // Regions of the mask between rules, by flood fill.
    let mut label = vec![u32::MAX; bw * bh];
    let mut regions: Vec<(Rect, bool)> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for start in 0..bw * bh {
        if wall[start] || label[start] != u32::MAX {
            continue;
        }
        let id = regions.len() as u32;
        let mut bx0 = usize::MAX;
        let mut by0 = usize::MAX;
        let mut bx1 = 0;
        let mut by1 = 0;
        let mut border = false;
        label[start] = id;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = (i % bw, i / bw);
            bx0 = bx0.min(x);
            by0 = by0.min(y);
            bx1 = bx1.max(x);
            by1 = by1.max(y);
            border |= x == 0 || y == 0 || x + 1 == bw || y + 1 == bh;
            let mut push = |j: usize| {
                if !wall[j] && label[j] == u32::MAX {
                    label[j] = id;
                    stack.push(j);
                }
            };
            if x > 0 {
                push(i - 1);
            }
            if x + 1 < bw {
                push(i + 1);
            }
            if y > 0 {
                push(i - bw);
            }
            if y + 1 < bh {
                push(i + bw);
            }
        }
        regions.push((
            Rect {
                x0: bx0 * BLOCK,
                y0: by0 * BLOCK,
                x1: ((bx1 + 1) * BLOCK).min(img.width),
                y1: ((by1 + 1) * BLOCK).min(img.height),
            },
            border,
        ));
    }
    let cells: Vec<Rect> = regions
        .into_iter()
        .filter(|(r, border)| !border && r.width() >= 3 * BLOCK && r.height() >= 3 * BLOCK)
        .map(|(r, _)| r)
        .collect();
    // Cells a rule apart belong to one table.
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let reach = 4 * BLOCK;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| cells[i].x0);
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if cells[j].x0 > cells[i].x1 + reach {
                break;
            }
            let a = &cells[i];
            let b = &cells[j];
            let near = a.x0 <= b.x1 + reach
                && b.x0 <= a.x1 + reach
                && a.y0 <= b.y1 + reach
                && b.y0 <= a.y1 + reach;
            if near {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut table_of: Vec<Option<usize>> = vec![None; n];
    let mut tables: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(n);
    for (i, cell) in cells.iter().enumerate() {
        let r = root(&mut parent, i);
        let t = match table_of[r] {
            Some(t) => t,
            None => {
                tables.push(*cell);
                table_of[r] = Some(tables.len() - 1);
                tables.len() - 1
            }
        };
        tables[t] = tables[t].union(cell);
        out.push(Cell {
            inner: *cell,
            table: t,
        });
    }
    // A table's box reaches over its outer rules.
    for t in &mut tables {
        t.x0 = t.x0.saturating_sub(2 * BLOCK);
        t.y0 = t.y0.saturating_sub(2 * BLOCK);
        t.x1 = (t.x1 + 2 * BLOCK).min(img.width);
        t.y1 = (t.y1 + 2 * BLOCK).min(img.height);
    }
    Grid { cells: out, tables }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ruled(w: usize, h: usize, ys: &[usize], xs: &[usize]) -> Gray {
        let mut g = Gray::white(w, h);
        let (x0, x1) = (xs[0], xs[xs.len() - 1]);
        let (y0, y1) = (ys[0], ys[ys.len() - 1]);
        for &y in ys {
            for x in x0..=x1 {
                g.data[y * w + x] = 0;
            }
        }
        for &x in xs {
            for y in y0..=y1 {
                g.data[y * w + x] = 0;
            }
        }
        g
    }

    #[test]
    fn finds_cells_of_a_ruled_table() {
        let g = ruled(400, 300, &[40, 100, 160], &[20, 150, 300]);
        let grid = find(&g);
        assert_eq!(grid.cells.len(), 4);
        assert_eq!(grid.tables.len(), 1);
        assert!(grid.cells.iter().all(|c| c.inner.width() > 100));
    }

    #[test]
    fn a_rule_running_on_into_a_note_below_is_kept() {
        // The middle rule runs on 12 pixels past the bottom rule into a
        // glyph of a note printed close below the table.
        let mut g = ruled(400, 300, &[40, 100, 160], &[20, 150, 300]);
        for y in 160..200 {
            g.data[y * 400 + 150] = 0;
        }
        let grid = find(&g);
        assert_eq!(grid.cells.len(), 4);
        assert_eq!(grid.tables.len(), 1);
    }

    #[test]
    fn blank_page_has_no_grid() {
        assert!(find(&Gray::white(300, 300)).cells.is_empty());
    }
}
