//! Grey images: reading the binary PGM `pdftoppm -gray` writes, cropping,
//! stacking crops into strips and writing PGM for tesseract.

/// An 8-bit grey image, row-major, 0 = black.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` samples.
    pub data: Vec<u8>,
}

/// Samples darker than this are ink.
pub const INK: u8 = 160;

/// A pixel rectangle, right and bottom exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    /// Left edge.
    pub x0: usize,
    /// Top edge.
    pub y0: usize,
    /// Right edge (exclusive).
    pub x1: usize,
    /// Bottom edge (exclusive).
    pub y1: usize,
}

impl Rect {
    /// Width.
    pub fn width(&self) -> usize {
        self.x1.saturating_sub(self.x0)
    }

    /// Height.
    pub fn height(&self) -> usize {
        self.y1.saturating_sub(self.y0)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
}

/// Reads the next whitespace-separated header token, skipping `#` comments.
fn token(bytes: &[u8], pos: &mut usize) -> Option<usize> {
    loop {
        while *pos < bytes.len() && bytes[*pos].is_ascii_whitespace() {
            *pos += 1;
        }
        if bytes.get(*pos) == Some(&b'#') {
            while *pos < bytes.len() && bytes[*pos] != b'\n' {
                *pos += 1;
            }
            continue;
        }
        break;
    }
    let start = *pos;
    while *pos < bytes.len() && bytes[*pos].is_ascii_digit() {
        *pos += 1;
    }
    if start == *pos || *pos - start > 9 {
        return None;
    }
    std::str::from_utf8(&bytes[start..*pos]).ok()?.parse().ok()
}

impl Gray {
    /// A white image.
    pub fn white(width: usize, height: usize) -> Gray {
        Gray {
            width,
            height,
            data: vec![255; width * height],
        }
    }

    /// Parses a binary PGM (`P5`, maxval ≤ 255). `None` when malformed.
    pub fn from_pgm(bytes: &[u8]) -> Option<Gray> {
        if !bytes.starts_with(b"P5") {
            return None;
        }
        let mut pos = 2;
        let width = token(bytes, &mut pos)?;
        let height = token(bytes, &mut pos)?;
        let maxval = token(bytes, &mut pos)?;
        if maxval == 0 || maxval > 255 || width == 0 || height == 0 {
            return None;
        }
        // Exactly one whitespace byte separates the header from the samples.
        pos += 1;
        let n = width.checked_mul(height)?;
        let samples = bytes.get(pos..pos.checked_add(n)?)?;
        let data = if maxval == 255 {
            samples.to_vec()
        } else {
            samples
                .iter()
                .map(|&s| (u32::from(s.min(maxval as u8)) * 255 / maxval as u32) as u8)
                .collect()
        };
        Some(Gray {
            width,
            height,
            data,
        })
    }

    /// Parses a binary PGM, or a binary PPM (`P6`, maxval 255) of which
    /// the red channel is kept: red ink (a seal, 红章, stamped over the
    /// figures) is near white there while black print stays black, and a
    /// grey scan has the same samples in every channel. `None` when
    /// malformed.
    pub fn from_pnm(bytes: &[u8]) -> Option<Gray> {
        if !bytes.starts_with(b"P6") {
            return Gray::from_pgm(bytes);
        }
        let mut pos = 2;
        let width = token(bytes, &mut pos)?;
        let height = token(bytes, &mut pos)?;
        let maxval = token(bytes, &mut pos)?;
        if maxval != 255 || width == 0 || height == 0 {
            return None;
        }
        pos += 1;
        let n = width.checked_mul(height)?.checked_mul(3)?;
        let samples = bytes.get(pos..pos.checked_add(n)?)?;
        Some(Gray {
            width,
            height,
            data: samples.chunks_exact(3).map(|p| p[0]).collect(),
        })
    }

    /// Encodes as binary PGM.
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }

    /// The sample at (x, y).
    #[inline]
    pub fn at(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.width + x]
    }

    /// Whether (x, y) is ink.
    #[inline]
    pub fn ink(&self, x: usize, y: usize) -> bool {
        self.at(x, y) < INK
    }

    /// The bounding box of the ink inside `r`, if any.
    pub fn ink_box(&self, r: Rect) -> Option<Rect> {
        let mut out: Option<Rect> = None;
        for y in r.y0..r.y1.min(self.height) {
            let row = &self.data[y * self.width..(y + 1) * self.width];
            let xs = r.x0.min(self.width)..r.x1.min(self.width);
            let first = row[xs.clone()].iter().position(|&s| s < INK);
            let Some(f) = first else {
                continue;
            };
            let last = row[xs.clone()].iter().rposition(|&s| s < INK).unwrap_or(f);
            let b = Rect {
                x0: xs.start + f,
                y0: y,
                x1: xs.start + last + 1,
                y1: y + 1,
            };
            out = Some(out.map_or(b, |o| o.union(&b)));
        }
        out
    }

    /// A copy of the rectangle `r` (clipped to the image).
    pub fn crop(&self, r: Rect) -> Gray {
        let x1 = r.x1.min(self.width);
        let y1 = r.y1.min(self.height);
        let w = x1.saturating_sub(r.x0);
        let h = y1.saturating_sub(r.y0);
        let mut out = Gray::white(w, h);
        for y in 0..h {
            let src = (r.y0 + y) * self.width + r.x0;
            out.data[y * w..(y + 1) * w].copy_from_slice(&self.data[src..src + w]);
        }
        out
    }

    /// Copies `src` into this image with its top-left corner at (x, y).
    pub fn paste(&mut self, src: &Gray, x: usize, y: usize) {
        for sy in 0..src.height {
            let ty = y + sy;
            if ty >= self.height {
                break;
            }
            let w = src.width.min(self.width.saturating_sub(x));
            let t = ty * self.width + x;
            self.data[t..t + w].copy_from_slice(&src.data[sy * src.width..sy * src.width + w]);
        }
    }

    /// Paints the rectangle white.
    pub fn clear(&mut self, r: Rect) {
        for y in r.y0..r.y1.min(self.height) {
            let x1 = r.x1.min(self.width);
            if r.x0 < x1 {
                self.data[y * self.width + r.x0..y * self.width + x1].fill(255);
            }
        }
    }
}

/// Most pixels trimmed off each side of a cell for the remains of a rule.
const RULE_TRIM: usize = 8;

/// How far below the paper's median grey the grain of a scan reaches.
const PAPER_MARGIN: usize = 30;

/// Largest speck removed, in pixels of ink (a 2 × 2 dot at 200 dpi grows
/// to about 4 × 4 at 300 dpi under blur).
pub const SPECK_AREA: usize = 30;
/// Samples darker than this are marks of some kind (faint strokes too).
const FAINT: u8 = 210;

/// Reach around a speck, in pixels (about an em at 300 dpi): a decimal
/// point or a comma has digits on both sides within it, a speck on the
/// paper has at most another speck there.
pub const SPECK_CLEAR: usize = 20;

impl Gray {
    /// `r` less the rows and columns at its edges that are mostly ink: the
    /// remains of a thick or turned ruling line around a cell's interior.
    pub fn trim_rules(&self, r: Rect) -> Rect {
        let mut r = r;
        // A rule's remains are grey as often as black (see `RULE_INK`).
        let rule = |x: usize, y: usize| self.at(x, y) < super::grid::RULE_INK;
        let row_ink = |r: &Rect, y: usize| (r.x0..r.x1).filter(|&x| rule(x, y)).count();
        let col_ink = |r: &Rect, x: usize| (r.y0..r.y1).filter(|&y| rule(x, y)).count();
        let (x1, y1) = (r.x1.min(self.width), r.y1.min(self.height));
        r.x1 = x1;
        r.y1 = y1;
        // A rule spans its whole side; a glyph's stroke at the edge of a
        // tight cell spans at most about two thirds of it.
        let mostly = |ink: usize, of: usize| ink * 5 > of * 4;
        for _ in 0..RULE_TRIM {
            if r.height() > 2 && mostly(row_ink(&r, r.y0), r.width()) {
                r.y0 += 1;
            }
            if r.height() > 2 && mostly(row_ink(&r, r.y1 - 1), r.width()) {
                r.y1 -= 1;
            }
            if r.width() > 2 && mostly(col_ink(&r, r.x0), r.height()) {
                r.x0 += 1;
            }
            if r.width() > 2 && mostly(col_ink(&r, r.x1 - 1), r.height()) {
                r.x1 -= 1;
            }
        }
        r
    }

    /// Makes the paper white: samples lighter than a little below the
    /// page's median (most of a page is paper) become 255. A scan's paper
    /// is grey and grainy (noise, JPEG ringing), and tesseract's own
    /// threshold, chosen on a crop or a page with little ink, would cut
    /// through that grain and read it as text.
    pub fn whiten_paper(&mut self) {
        let mut histogram = [0usize; 256];
        for &v in &self.data {
            histogram[usize::from(v)] += 1;
        }
        let half = self.data.len() / 2;
        let mut seen = 0;
        let mut median = 255usize;
        for (v, n) in histogram.iter().enumerate() {
            seen += n;
            if seen > half {
                median = v;
                break;
            }
        }
        let cut = median
            .saturating_sub(PAPER_MARGIN)
            .max(usize::from(INK) + 20) as u8;
        for v in &mut self.data {
            if *v >= cut {
                *v = 255;
            }
        }
    }

    /// Paints white every small blot of ink with no more than another
    /// speck's ink within [`SPECK_CLEAR`] pixels (scanner speckle, dust),
    /// which tesseract
    /// would read as punctuation and which would stretch a cell's ink box.
    /// Returns how many were removed.
    pub fn despeckle(&mut self) -> usize {
        let (w, h) = (self.width, self.height);
        let mut seen = vec![false; w * h];
        let mut stack: Vec<usize> = Vec::new();
        let mut blot: Vec<usize> = Vec::new();
        let mut specks: Vec<Rect> = Vec::new();
        for start in 0..w * h {
            if seen[start] || self.data[start] >= INK {
                continue;
            }
            seen[start] = true;
            stack.push(start);
            blot.clear();
            let mut r = Rect {
                x0: start % w,
                y0: start / w,
                x1: start % w + 1,
                y1: start / w + 1,
            };
            while let Some(i) = stack.pop() {
                let (x, y) = (i % w, i / w);
                if blot.len() <= SPECK_AREA {
                    blot.push(i);
                    r = r.union(&Rect {
                        x0: x,
                        y0: y,
                        x1: x + 1,
                        y1: y + 1,
                    });
                }
                for ny in y.saturating_sub(1)..(y + 2).min(h) {
                    for nx in x.saturating_sub(1)..(x + 2).min(w) {
                        let j = ny * w + nx;
                        if !seen[j] && self.data[j] < INK {
                            seen[j] = true;
                            stack.push(j);
                        }
                    }
                }
            }
            if blot.len() <= SPECK_AREA {
                specks.push(r);
            }
        }
        let mut removed = 0;
        for r in specks {
            let around = Rect {
                x0: r.x0.saturating_sub(SPECK_CLEAR),
                y0: r.y0.saturating_sub(SPECK_CLEAR),
                x1: (r.x1 + SPECK_CLEAR).min(w),
                y1: (r.y1 + SPECK_CLEAR).min(h),
            };
            // Marks around the blot's own box and its halo, faint ones
            // included (a glyph blurred by the scan breaks into blots at
            // the ink threshold, its grey strokes still join them): another
            // speck or two leave it a speck.
            let own = Rect {
                x0: r.x0.saturating_sub(2),
                y0: r.y0.saturating_sub(2),
                x1: r.x1 + 2,
                y1: r.y1 + 2,
            };
            let near = (around.y0..around.y1)
                .map(|y| {
                    (around.x0..around.x1)
                        .filter(|&x| {
                            !(x >= own.x0 && x < own.x1 && y >= own.y0 && y < own.y1)
                                && self.at(x, y) < FAINT
                        })
                        .count()
                })
                .sum::<usize>();
            let alone = near <= SPECK_AREA;
            if alone {
                self.clear(Rect {
                    x0: r.x0.saturating_sub(1),
                    y0: r.y0.saturating_sub(1),
                    x1: (r.x1 + 1).min(w),
                    y1: (r.y1 + 1).min(h),
                });
                removed += 1;
            }
        }
        removed
    }
}

/// How far a small blot inside a cell may stand from the cell's other ink
/// and still belong to it, in pixels at 300 dpi: about half an em (the
/// 、 of an ordinal sits that far from the next character; a speck of the
/// scan off to the side would be read as `-` or `.` and widen the cell's
/// ink box).
pub const CELL_SPECK_GAP: usize = 24;

/// One connected blot of ink: its box and how many pixels it has.
#[derive(Debug, Clone, Copy)]
struct Blot {
    rect: Rect,
    area: usize,
}

impl Gray {
    /// The 8-connected blots of ink inside `r`.
    fn blots(&self, r: Rect) -> Vec<Blot> {
        self.blots_under(r, INK)
    }

    /// The 8-connected blots of samples darker than `level` inside `r`.
    fn blots_under(&self, r: Rect, level: u8) -> Vec<Blot> {
        let mark = |x: usize, y: usize| self.at(x, y) < level;
        let (x1, y1) = (r.x1.min(self.width), r.y1.min(self.height));
        let (w, h) = (x1.saturating_sub(r.x0), y1.saturating_sub(r.y0));
        let mut seen = vec![false; w * h];
        let mut out = Vec::new();
        let mut stack = Vec::new();
        for start in 0..w * h {
            let (sx, sy) = (r.x0 + start % w, r.y0 + start / w);
            if seen[start] || !mark(sx, sy) {
                continue;
            }
            seen[start] = true;
            stack.push(start);
            let mut b = Blot {
                rect: Rect {
                    x0: sx,
                    y0: sy,
                    x1: sx + 1,
                    y1: sy + 1,
                },
                area: 0,
            };
            while let Some(i) = stack.pop() {
                let (x, y) = (i % w, i / w);
                b.area += 1;
                b.rect = b.rect.union(&Rect {
                    x0: r.x0 + x,
                    y0: r.y0 + y,
                    x1: r.x0 + x + 1,
                    y1: r.y0 + y + 1,
                });
                for ny in y.saturating_sub(1)..(y + 2).min(h) {
                    for nx in x.saturating_sub(1)..(x + 2).min(w) {
                        let j = ny * w + nx;
                        if !seen[j] && mark(r.x0 + nx, r.y0 + ny) {
                            seen[j] = true;
                            stack.push(j);
                        }
                    }
                }
            }
            out.push(b);
        }
        out
    }

    /// Paints white the small blots inside `r` that stand apart from all
    /// other ink of the cell (nothing within [`CELL_SPECK_GAP`]), and
    /// returns the box of the ink left, if any. A cell holding only a speck
    /// is empty. Thin strokes of a blurred glyph (一, 、) break into small
    /// blots too, but always with another stroke of the text close by.
    pub fn clean_cell(&mut self, r: Rect) -> Option<Rect> {
        let blots = self.blots(r);
        let near = |a: &Rect, b: &Rect| {
            a.x0 <= b.x1 + CELL_SPECK_GAP
                && b.x0 <= a.x1 + CELL_SPECK_GAP
                && a.y0 <= b.y1 + CELL_SPECK_GAP
                && b.y0 <= a.y1 + CELL_SPECK_GAP
        };
        let mut ink: Option<Rect> = None;
        for (i, b) in blots.iter().enumerate() {
            let alone = b.area <= SPECK_AREA
                && !blots
                    .iter()
                    .enumerate()
                    .any(|(j, o)| j != i && near(&o.rect, &b.rect));
            if alone {
                self.clear(b.rect);
            } else {
                ink = Some(ink.map_or(b.rect, |i| i.union(&b.rect)));
            }
        }
        ink
    }
}

impl Gray {
    /// `ink` (a cell's ink box) grown, inside `within`, over the faint
    /// strokes that go on from its edges. A stroke of the scan lighter
    /// than [`INK`] is no ink to the blots, and a thin stroke blurred grey
    /// (the 一 of an ordinal `一、`) would be cut in half by the crop and
    /// read as `-`.
    pub fn reach_faint(&self, ink: Rect, within: Rect) -> Rect {
        let within = Rect {
            x1: within.x1.min(self.width),
            y1: within.y1.min(self.height),
            ..within
        };
        let faint_col = |x: usize, r: &Rect| (r.y0..r.y1).any(|y| self.at(x, y) < FAINT);
        let faint_row = |y: usize, r: &Rect| (r.x0..r.x1).any(|x| self.at(x, y) < FAINT);
        let mut r = ink;
        loop {
            let before = r;
            if r.x0 > within.x0 && faint_col(r.x0 - 1, &r) {
                r.x0 -= 1;
            }
            if r.x1 < within.x1 && faint_col(r.x1, &r) {
                r.x1 += 1;
            }
            if r.y0 > within.y0 && faint_row(r.y0 - 1, &r) {
                r.y0 -= 1;
            }
            if r.y1 < within.y1 && faint_row(r.y1, &r) {
                r.y1 += 1;
            }
            if r == before {
                return r;
            }
        }
    }
}

impl Gray {
    /// How many glyphs the ink in `r` (a figure cell's ink) shows side by
    /// side: columns of blots at least half as tall as the tallest, blots
    /// one above another counted once (a digit broken by the scan). Faint
    /// samples count, so the grey hairlines of a blurred 0 or 8 keep it
    /// whole. Points, commas and a minus are short and not counted; digits
    /// that touch count as one, so this is at most the number of digits
    /// printed.
    pub fn glyphs(&self, r: Rect) -> usize {
        let blots = self.blots_under(r, FAINT);
        let tallest = blots.iter().map(|b| b.rect.height()).max().unwrap_or(0);
        let mut spans: Vec<(usize, usize)> = blots
            .iter()
            .filter(|b| b.rect.height() * 2 >= tallest && b.area > SPECK_AREA)
            .map(|b| (b.rect.x0, b.rect.x1))
            .collect();
        spans.sort_unstable();
        let mut count = 0;
        let mut reach = 0;
        for (x0, x1) in spans {
            if count == 0 || x0 >= reach {
                count += 1;
                reach = x1;
            } else {
                reach = reach.max(x1);
            }
        }
        count
    }
}

impl Gray {
    /// Whether the leftmost ink in `r` (a figure cell's ink) is a printed
    /// minus sign: a stroke at least twice as wide as it is thick, at least
    /// a quarter of the digits' height wide (a minus is about as wide as a
    /// digit), lying in the middle of the digits' height, apart from them.
    /// A speck of the scan by the digits is small and round, and tesseract
    /// reads it as `-` all the same.
    pub fn leads_with_minus(&self, r: Rect) -> bool {
        let blots = self.blots(r);
        let Some(first) = blots.iter().min_by_key(|b| b.rect.x0) else {
            return false;
        };
        // The digits: every blot clear of the first on its right.
        let digits = blots
            .iter()
            .filter(|b| b.rect.x0 >= first.rect.x1)
            .map(|b| b.rect)
            .reduce(|a, b| a.union(&b));
        let Some(digits) = digits else {
            return false;
        };
        let (w, t) = (first.rect.width(), first.rect.height());
        let mid2 = first.rect.y0 + first.rect.y1;
        let tall = digits.height();
        let centred = mid2 * 4 >= digits.y0 * 8 + tall * 2 && mid2 * 4 <= digits.y0 * 8 + tall * 6;
        w >= 2 * t && w * 4 >= tall && t * 2 <= tall && centred
    }
}

/// Crops stacked one above another, left-aligned, with white gaps, so one
/// tesseract call reads many cells; `slots` gives each crop's place.
pub struct Strip {
    /// The stacked image.
    pub image: Gray,
    /// Where each crop sits in the strip (in input order).
    pub slots: Vec<Rect>,
}

/// Stacks crops with `gap` pixels of white between and around them.
pub fn stack(crops: &[Gray], gap: usize) -> Strip {
    let width = crops.iter().map(|c| c.width).max().unwrap_or(0) + 2 * gap;
    let height = crops.iter().map(|c| c.height + gap).sum::<usize>() + gap;
    let mut image = Gray::white(width.max(1), height.max(1));
    let mut slots = Vec::with_capacity(crops.len());
    let mut y = gap;
    for c in crops {
        image.paste(c, gap, y);
        slots.push(Rect {
            x0: gap,
            y0: y,
            x1: gap + c.width,
            y1: y + c.height,
        });
        y += c.height + gap;
    }
    Strip { image, slots }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_round_trip_and_ink_box() {
        let mut g = Gray::white(5, 4);
        g.data[2 * 5 + 3] = 0;
        let back = Gray::from_pgm(&g.to_pgm()).expect("pgm");
        assert_eq!(back, g);
        let b = back.ink_box(Rect {
            x0: 0,
            y0: 0,
            x1: 5,
            y1: 4,
        });
        assert_eq!(
            b,
            Some(Rect {
                x0: 3,
                y0: 2,
                x1: 4,
                y1: 3
            })
        );
        assert!(Gray::from_pgm(b"P5\n3 3\n255\n\x00").is_none());
        assert!(Gray::from_pgm(b"P6\n1 1\n255\n\x00").is_none());
        assert!(Gray::from_pgm(b"P5 # c\n1 1\n255\n\x00").is_some());
        // Colour: the red channel (a red seal is near white in it).
        let rgb = Gray::from_pnm(b"P6\n2 1\n255\n\xf0\x20\x20\x10\x10\x10").expect("ppm");
        assert_eq!((rgb.width, rgb.data), (2, vec![0xf0, 0x10]));
        assert!(Gray::from_pnm(b"P6\n2 1\n255\n\x00").is_none());
        assert_eq!(Gray::from_pnm(&g.to_pgm()), Some(g.clone()));
    }

    #[test]
    fn specks_go_and_decimal_points_stay() {
        let mut g = Gray::white(120, 40);
        // "1.5": two strokes and a 3 × 3 point 4 px from each.
        for y in 10..30 {
            for x in [20, 21, 35, 36] {
                g.data[y * 120 + x] = 0;
            }
        }
        for y in 27..30 {
            for x in 26..29 {
                g.data[y * 120 + x] = 0;
            }
        }
        // A 2 × 2 speck on the paper.
        for y in 5..7 {
            for x in 90..92 {
                g.data[y * 120 + x] = 40;
            }
        }
        assert_eq!(g.despeckle(), 1);
        assert!(!g.ink(90, 5) && g.ink(27, 28) && g.ink(20, 15));
    }

    #[test]
    fn a_speck_apart_from_a_cells_text_goes() {
        let mut g = Gray::white(300, 60);
        let mut dot = |x0: usize, y0: usize, side: usize| {
            for y in y0..y0 + side {
                for x in x0..x0 + side {
                    g.data[y * 300 + x] = 0;
                }
            }
        };
        // "1.5" drawn as two bars and a point, a 、-sized dot 20 px before
        // them, and a speck 100 px after them.
        for y in 15..45 {
            for x in [60, 61, 62, 80, 81, 82] {
                dot(x, y, 1);
            }
        }
        dot(70, 41, 4);
        dot(36, 40, 5);
        dot(190, 30, 3);
        let all = Rect {
            x0: 0,
            y0: 0,
            x1: 300,
            y1: 60,
        };
        let ink = g.clean_cell(all);
        assert_eq!(
            ink,
            Some(Rect {
                x0: 36,
                y0: 15,
                x1: 83,
                y1: 45
            })
        );
        assert!(!g.ink(191, 31) && g.ink(71, 42) && g.ink(37, 41));
        // A cell holding only a speck is empty.
        assert_eq!(g.clean_cell(Rect { x0: 150, ..all }), None);
    }

    #[test]
    fn a_faint_stroke_by_the_ink_joins_its_box() {
        // A grey stroke (一) left of a black glyph, touching it, and a grey
        // speck apart from both.
        let mut g = Gray::white(100, 40);
        for y in 10..30 {
            for x in 50..60 {
                g.data[y * 100 + x] = 0;
            }
        }
        for x in 20..50 {
            g.data[20 * 100 + x] = 190;
        }
        g.data[20 * 100 + 5] = 190;
        let ink = Rect {
            x0: 50,
            y0: 10,
            x1: 60,
            y1: 30,
        };
        let cell = Rect {
            x0: 2,
            y0: 2,
            x1: 98,
            y1: 38,
        };
        assert_eq!(g.reach_faint(ink, cell), Rect { x0: 20, ..ink });
    }

    #[test]
    fn glyphs_count_digits_side_by_side() {
        // `11.5`: two strokes, a point, a digit broken in two one above
        // the other.
        let mut g = Gray::white(120, 60);
        let mut fill = |x0: usize, y0: usize, x1: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    g.data[y * 120 + x] = 0;
                }
            }
        };
        fill(10, 10, 16, 50);
        fill(30, 10, 36, 50);
        fill(46, 44, 51, 50);
        fill(60, 10, 80, 32);
        fill(60, 34, 80, 50);
        let all = Rect {
            x0: 0,
            y0: 0,
            x1: 120,
            y1: 60,
        };
        assert_eq!(g.glyphs(all), 3);
        assert_eq!(g.glyphs(Rect { x1: 40, ..all }), 2);
        assert_eq!(Gray::white(20, 20).glyphs(all), 0);
    }

    #[test]
    fn a_minus_is_a_dash_not_a_speck() {
        let figure = |lead: Option<(usize, usize, usize, usize)>| {
            let mut g = Gray::white(200, 60);
            let mut fill = |x0: usize, y0: usize, w: usize, h: usize| {
                for y in y0..y0 + h {
                    for x in x0..x0 + w {
                        g.data[y * 200 + x] = 0;
                    }
                }
            };
            // Two digits 30 px tall, drawn as bars.
            fill(60, 15, 4, 30);
            fill(80, 15, 4, 30);
            if let Some((x, y, w, h)) = lead {
                fill(x, y, w, h);
            }
            g
        };
        let all = Rect {
            x0: 0,
            y0: 0,
            x1: 200,
            y1: 60,
        };
        // A printed minus: 14 × 3 at mid-height.
        assert!(figure(Some((38, 29, 14, 3))).leads_with_minus(all));
        // A speck by the digits, small and round.
        assert!(!figure(Some((50, 30, 4, 4))).leads_with_minus(all));
        // A stroke as wide as a minus but at the digits' foot: an underscore.
        assert!(!figure(Some((38, 42, 14, 3))).leads_with_minus(all));
        // No mark before the digits at all.
        assert!(!figure(None).leads_with_minus(all));
    }

    #[test]
    fn strips_keep_slots() {
        let a = Gray::white(3, 2);
        let b = Gray::white(5, 1);
        let s = stack(&[a, b], 4);
        assert_eq!(s.image.width, 13);
        assert_eq!(s.slots[1].y0, 10);
    }
}
