//! Print in a ruled cell that every reading of it left empty. Dropped, it
//! would leave a blank cell (or a row without its code) where the page
//! prints a figure, and a sum over that table would fail as if the
//! department had printed it wrong. Kept as [`UNREAD_MARK`] with confidence
//! 0, the cell reads as blank but carries a guess's confidence, so no error
//! rests on it, and the row it belongs to keeps its place.

use super::image::{Gray, Rect};
use super::ReadLine;

/// What a cell holding print that OCR could not read is taken to say (the
/// mark printed texts use for a character that cannot be made out).
pub const UNREAD_MARK: &str = "□";

/// Marks each cell whose ink is the size of print but was read as nothing:
/// its reading becomes one line [`UNREAD_MARK`] with confidence 0. "The
/// size of print" is measured against the cells of the same page that did
/// read: at least half their usual ink height, and a fifth of it wide (a
/// lone `1`). Specks and the remains of a ruling line are smaller, thinner
/// or flatter, and stay blank. Returns how many cells were marked.
pub(super) fn mark_unread(texts: &mut [Vec<ReadLine>], crops: &[(Rect, Gray)]) -> usize {
    let ink = |g: &Gray| {
        g.ink_box(Rect {
            x0: 0,
            y0: 0,
            x1: g.width,
            y1: g.height,
        })
    };
    let mut heights: Vec<usize> = texts
        .iter()
        .zip(crops)
        .filter(|(t, _)| t.iter().any(|l| !l.text.trim().is_empty()))
        .filter_map(|(_, (_, g))| ink(g).map(|r| r.height()))
        .collect();
    if heights.is_empty() {
        return 0;
    }
    heights.sort_unstable();
    let usual = heights[heights.len() / 2];
    let mut marked = 0;
    for (lines, (at, g)) in texts.iter_mut().zip(crops) {
        if lines.iter().any(|l| !l.text.trim().is_empty()) {
            continue;
        }
        let Some(r) = ink(g) else {
            continue;
        };
        if r.height() * 2 < usual || r.width() * 5 < usual {
            continue;
        }
        *lines = vec![ReadLine {
            rect: Rect {
                x0: at.x0 + r.x0,
                y0: at.y0 + r.y0,
                x1: at.x0 + r.x1,
                y1: at.y0 + r.y1,
            },
            text: UNREAD_MARK.to_string(),
            conf: 0.0,
        }];
        marked += 1;
    }
    marked
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crop of `w`×`h` pixels of white holding a black box of `iw`×`ih`.
    fn crop_with_ink(at: usize, iw: usize, ih: usize) -> (Rect, Gray) {
        let mut g = Gray::white(120, 60);
        for y in 10..10 + ih {
            for x in 10..10 + iw {
                g.data[y * g.width + x] = 0;
            }
        }
        let r = Rect {
            x0: at,
            y0: 100,
            x1: at + 120,
            y1: 160,
        };
        (r, g)
    }

    fn read(text: &str) -> Vec<ReadLine> {
        vec![ReadLine {
            rect: Rect {
                x0: 0,
                y0: 0,
                x1: 1,
                y1: 1,
            },
            text: text.into(),
            conf: 90.0,
        }]
    }

    #[test]
    fn print_read_as_nothing_is_kept_as_a_guess_but_specks_are_not() {
        let crops = vec![
            crop_with_ink(0, 60, 30),   // 1.20, read
            crop_with_ink(200, 80, 32), // 差旅费, read
            crop_with_ink(400, 50, 30), // read as nothing
            crop_with_ink(600, 4, 4),   // a speck
            crop_with_ink(800, 90, 3),  // what is left of a rule
            crop_with_ink(1000, 7, 28), // a lone 1, read as nothing
        ];
        let mut texts = vec![
            read("1.20"),
            read("差旅费"),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ];
        assert_eq!(mark_unread(&mut texts, &crops), 2);
        assert_eq!(texts[2].len(), 1);
        assert_eq!(texts[2][0].text, UNREAD_MARK);
        assert_eq!(texts[2][0].conf, 0.0);
        // Placed on the page where its ink is.
        assert_eq!(texts[2][0].rect.x0, 410);
        assert_eq!(texts[2][0].rect.y0, 110);
        assert!(texts[3].is_empty() && texts[4].is_empty());
        assert_eq!(texts[5][0].text, UNREAD_MARK);
        // What was read is left alone.
        assert_eq!(texts[0][0].text, "1.20");
    }
}
