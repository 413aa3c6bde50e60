//! A scanned page is never quite straight: its turn is estimated from the
//! page's own lines and undone before the table grid is looked for (a
//! ruling line turned by 0.4° crosses 17 pixel rows over an A4 width at
//! 300 dpi, so no long horizontal run is left to find).
//!
//! The estimate is a projection profile: the ink is projected onto the
//! vertical axis along a trial slope, and the slope at which the profile
//! is sharpest (the sum of its squared bins largest) is the one along which
//! ruling lines and text baselines run. Trial slopes are searched coarse
//! then fine, on a sample of the ink, so a page costs a few milliseconds.

use super::image::{Gray, INK};

/// Largest turn looked for, in degrees (a page fed more crookedly than
/// this is a page turned on purpose, not a scanner's skew).
pub const MAX_DEGREES: f64 = 4.0;
/// Turns smaller than this are left alone: at 300 dpi a 0.03° turn moves
/// a rule by about one pixel over an A4 width.
pub const MIN_DEGREES: f64 = 0.03;
/// Sampling step over the ink along a row, in pixels (every row is
/// sampled: skipping rows would quantise the profile itself).
const STEP: usize = 2;
/// Coarse and fine trial steps, in degrees.
const COARSE: f64 = 0.2;
const FINE: f64 = 0.02;
/// Most ink samples used (a dense page is thinned further).
const MAX_SAMPLES: usize = 400_000;

/// The ink sampled: (x, y) from the centre of the page.
fn samples(img: &Gray) -> Vec<(i32, i32)> {
    let (cx, cy) = ((img.width / 2) as i32, (img.height / 2) as i32);
    let mut out = Vec::new();
    for y in 0..img.height {
        let row = &img.data[y * img.width..(y + 1) * img.width];
        for x in (0..img.width).step_by(STEP) {
            if row[x] < INK {
                out.push((x as i32 - cx, y as i32 - cy));
            }
        }
    }
    if out.len() > MAX_SAMPLES {
        let keep = out.len().div_ceil(MAX_SAMPLES);
        out = out.into_iter().step_by(keep).collect();
    }
    out
}

/// How sharp the profile of `points` is along the slope of `degrees`.
fn sharpness(points: &[(i32, i32)], height: usize, degrees: f64) -> u64 {
    let t = degrees.to_radians().tan();
    // Fixed point: 16 fractional bits.
    let slope = (t * 65536.0).round() as i64;
    let offset = (height as i64) + 1;
    let mut bins = vec![0u32; 2 * height + 3];
    for &(x, y) in points {
        // The row the point's line crosses the centre column at.
        let row = i64::from(y) - ((i64::from(x) * slope) >> 16);
        let i = (row + offset).clamp(0, bins.len() as i64 - 1) as usize;
        bins[i] += 1;
    }
    bins.iter().map(|&b| u64::from(b) * u64::from(b)).sum()
}

/// The sharpest slope among `from + k·step` up to `to`. A thick rule is
/// equally sharp over a small range of slopes (its pixel rows trade
/// places): the middle of the range of near-best slopes around the best
/// one is taken.
fn best(points: &[(i32, i32)], height: usize, from: f64, to: f64, step: f64) -> f64 {
    let n = ((to - from) / step).round().max(0.0) as usize;
    let angle = |k: usize| from + k as f64 * step;
    let scores: Vec<u64> = (0..=n)
        .map(|k| sharpness(points, height, angle(k)))
        .collect();
    let (mut top, mut at) = (0u64, 0usize);
    for (k, &s) in scores.iter().enumerate() {
        // Ties go to the smaller turn.
        if s > top || (s == top && angle(k).abs() < angle(at).abs()) {
            (top, at) = (s, k);
        }
    }
    let near = |k: usize| scores[k] >= top - top / 1000;
    let (mut lo, mut hi) = (at, at);
    while lo > 0 && near(lo - 1) {
        lo -= 1;
    }
    while hi < n && near(hi + 1) {
        hi += 1;
    }
    (angle(lo) + angle(hi)) / 2.0
}

/// The page's turn in degrees: positive when its lines fall to the right
/// (clockwise as seen on screen). `0.0` for a page with too little ink.
pub fn estimate(img: &Gray) -> f64 {
    let points = samples(img);
    if points.len() < 200 {
        return 0.0;
    }
    let coarse = best(&points, img.height, -MAX_DEGREES, MAX_DEGREES, COARSE);
    let fine = best(&points, img.height, coarse - COARSE, coarse + COARSE, FINE);
    if fine.abs() < MIN_DEGREES {
        0.0
    } else {
        fine
    }
}

/// The image turned back by `degrees` (the turn [`estimate`] found) about
/// its centre, bilinear, white where nothing was scanned.
pub fn straighten(img: &Gray, degrees: f64) -> Gray {
    let (w, h) = (img.width, img.height);
    let mut out = Gray::white(w, h);
    if w < 2 || h < 2 {
        return img.clone();
    }
    let (s, c) = degrees.to_radians().sin_cos();
    // Fixed point with 16 fractional bits: for an output pixel (x, y) the
    // source is the centre plus the offset turned by +degrees.
    const ONE: i64 = 1 << 16;
    let (sf, cf) = (
        (s * ONE as f64).round() as i64,
        (c * ONE as f64).round() as i64,
    );
    // The centre is a whole pixel, as in `dx0` and `dy`: no turn, no shift.
    let (cx, cy) = ((w as i64 / 2) * ONE, (h as i64 / 2) * ONE);
    let (wmax, hmax) = ((w as i64 - 1) * ONE, (h as i64 - 1) * ONE);
    for y in 0..h {
        let dy = y as i64 - (h as i64) / 2;
        let dx0 = -((w as i64) / 2);
        let mut sx = cx + cf * dx0 - sf * dy;
        let mut sy = cy + sf * dx0 + cf * dy;
        let row = &mut out.data[y * w..(y + 1) * w];
        for px in row.iter_mut() {
            if sx >= 0 && sy >= 0 && sx < wmax && sy < hmax {
                let (x0, y0) = ((sx >> 16) as usize, (sy >> 16) as usize);
                let (fx, fy) = (sx & (ONE - 1), sy & (ONE - 1));
                let i = y0 * w + x0;
                let (a, b) = (i64::from(img.data[i]), i64::from(img.data[i + 1]));
                let (c0, d) = (i64::from(img.data[i + w]), i64::from(img.data[i + w + 1]));
                let top = a * ONE + (b - a) * fx;
                let bottom = c0 * ONE + (d - c0) * fx;
                let v = (top * ONE + (bottom - top) * fy) >> 32;
                *px = v.clamp(0, 255) as u8;
            }
            sx += cf;
            sy += sf;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ruled table of 6 rows drawn along the slope of `degrees`.
    fn ruled(degrees: f64) -> Gray {
        let (w, h) = (1200, 900);
        let mut g = Gray::white(w, h);
        let t = degrees.to_radians().tan();
        for row in 0..7 {
            let y0 = 150.0 + row as f64 * 100.0;
            for x in 100..1100 {
                let y = (y0 + (x as f64 - 600.0) * t).round() as usize;
                for dy in 0..2 {
                    g.data[(y + dy) * w + x] = 0;
                }
            }
        }
        g
    }

    #[test]
    fn a_turn_is_found_and_undone() {
        for turn in [0.4, -1.3, 2.0] {
            let g = ruled(turn);
            let found = estimate(&g);
            assert!((found - turn).abs() <= 0.03, "{turn}° found as {found}°");
            let straight = straighten(&g, found);
            // Every rule is one row again: the profile has 7 full rows.
            let full = (0..straight.height)
                .filter(|&y| {
                    (100..1100)
                        .filter(|&x| straight.data[y * straight.width + x] < INK)
                        .count()
                        > 950
                })
                .count();
            assert!(full >= 7, "{turn}°: {full} straight rule rows");
        }
        assert_eq!(estimate(&ruled(0.0)), 0.0);
        let g = ruled(0.0);
        assert_eq!(straighten(&g, 0.0), g);
        assert_eq!(estimate(&Gray::white(100, 100)), 0.0);
    }
}
