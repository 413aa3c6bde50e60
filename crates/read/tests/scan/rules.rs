//! Reports printed without table borders: the ruling lines of a rendered
//! page are erased, so a scan of it shows the tables as a printer without
//! borders leaves them (columns of text and figures, no lines).
//!
//! A rule is a run of non-paper pixels far longer than any stroke of a
//! character: horizontal runs of at least [`MIN_RULE_H`] pixels, and
//! vertical runs of at least [`MIN_RULE_V`] that end on a horizontal rule
//! (a vertical stroke of a large title is as long, but no stroke of a
//! character ends exactly on a table's line).

use super::Gray;

/// Darkest value counted as paper (anti-aliased rule edges are lighter
/// than ink, and are erased with the rule).
const PAPER: u8 = 235;
/// Shortest horizontal rule, in pixels at 200 dpi (8 mm; a character is
/// about 3.7 mm wide at 10.5 pt).
pub const MIN_RULE_H: usize = 64;
/// Shortest vertical rule, in pixels at 200 dpi (4.6 mm: a one-row cell's
/// side; a 10.5 pt character's stroke is at most 30 pixels).
pub const MIN_RULE_V: usize = 36;
/// How far a vertical rule's end may be from a horizontal rule.
const MEET: usize = 4;

impl Gray {
    /// The page with its ruling lines whitened.
    pub fn without_rules(&self) -> Gray {
        let (w, h) = (self.width, self.height);
        let dark = |x: usize, y: usize| self.data[y * w + x] < PAPER;
        let mut horizontal = vec![false; w * h];
        for y in 0..h {
            let mut x = 0;
            while x < w {
                if !dark(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < w && dark(x, y) {
                    x += 1;
                }
                if x - start >= MIN_RULE_H {
                    horizontal[y * w + start..y * w + x].fill(true);
                }
            }
        }
        // Whether a horizontal rule passes near (x, y).
        let near_rule = |x: usize, y: usize| {
            let ys = y.saturating_sub(MEET)..(y + MEET + 1).min(h);
            let xs = x.saturating_sub(2)..(x + 3).min(w);
            ys.into_iter()
                .any(|yy| xs.clone().any(|xx| horizontal[yy * w + xx]))
        };
        let mut erase = horizontal.clone();
        for x in 0..w {
            let mut y = 0;
            while y < h {
                if !dark(x, y) {
                    y += 1;
                    continue;
                }
                let start = y;
                while y < h && dark(x, y) {
                    y += 1;
                }
                if y - start >= MIN_RULE_V && (near_rule(x, start) || near_rule(x, y - 1)) {
                    for yy in start..y {
                        erase[yy * w + x] = true;
                    }
                }
            }
        }
        let data = self
            .data
            .iter()
            .zip(&erase)
            .map(|(&v, &e)| if e { 255 } else { v })
            .collect();
        Gray {
            width: w,
            height: h,
            data,
        }
    }
}
