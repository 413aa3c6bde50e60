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
