//! Blotted scans: chosen pages of a text-layer PDF rasterised at [`DPI`] in
//! grey, one digit of chosen words covered by an ink blot (a dark blob
//! with speckle around it, as a drop of ink or a stain leaves), wrapped
//! into an image-only PDF. The words' boxes come from the text layer
//! (`pdftotext -bbox-layout`), so the blot falls on the digit whatever the
//! layout; the same pages are also cut out of the original (`pdfseparate`,
//! `pdfunite`) so the scan can be compared with a text-layer reading of
//! exactly what was scanned.

use super::{files_with, run, Gray, Rng, DPI};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether the extra tools are installed (see [`super::tools_present`]).
pub fn tools_present() -> bool {
    super::tools_present() && juesuan_testkit::tools(&["pdftotext", "pdfseparate", "pdfunite"])
}

/// A word of the text layer and its box, in points from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// The words of 1-based `page` of `pdf`.
pub fn words(pdf: &Path, page: u32) -> Vec<Word> {
    let out = Command::new("pdftotext")
        .args([
            "-bbox-layout",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext on page {page}");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).expect("a word box") + key.len();
        let end = tag[at..].find('"').expect("a closing quote") + at;
        tag[at..end].parse().expect("a coordinate")
    };
    html.split("<word ")
        .skip(1)
        .filter_map(|w| {
            let (tag, rest) = w.split_once('>')?;
            let text = rest.split_once("</word>")?.0.trim().to_string();
            Some(Word {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text,
            })
        })
        .collect()
}

/// One digit to blot: the word on a page and the byte index of the digit.
#[derive(Debug, Clone)]
pub struct Target {
    pub page: u32,
    pub word: Word,
    pub at: usize,
}

/// An ink blot over one character cell `(x0, y0)–(x1, y1)` (pixels): a
/// dark blob filling most of it, speckle spilling over its edges.
fn blot(img: &mut Gray, (x0, y0, x1, y1): (f64, f64, f64, f64), rng: &mut Rng) {
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (rx, ry) = ((x1 - x0) / 2.0 * 0.9, (y1 - y0) / 2.0 * 0.55);
    let (w, h) = (img.width as f64, img.height as f64);
    let (left, right) = ((cx - 2.0 * rx).max(0.0), (cx + 2.0 * rx).min(w - 1.0));
    let (top, bottom) = ((cy - 2.0 * ry).max(0.0), (cy + 2.0 * ry).min(h - 1.0));
    for y in top as usize..=bottom as usize {
        for x in left as usize..=right as usize {
            let (dx, dy) = ((x as f64 - cx) / rx, (y as f64 - cy) / ry);
            let d = dx * dx + dy * dy;
            // Solid inside, thinning speckle out to twice the radius.
            let ink = d <= 1.0 || rng.unit() < (1.0 - (d.sqrt() - 1.0)).clamp(0.0, 1.0) * 0.6;
            if ink {
                let shade = 20 + (rng.next_u64() % 60) as u8;
                let i = y * img.width + x;
                img.data[i] = img.data[i].min(shade);
            }
        }
    }
}

/// The box of the character at byte `at` of a word, in pixels: the word's
/// width shared evenly among its characters (figures are set in
/// fixed-width digits; a comma or a point takes a little less, which the
/// blot's overspill covers).
fn char_box(word: &Word, at: usize) -> (f64, f64, f64, f64) {
    let scale = f64::from(DPI) / 72.0;
    let n = word.text.chars().count().max(1) as f64;
    let i = word.text[..at].chars().count() as f64;
    let cw = (word.x1 - word.x0) / n;
    // pdftotext's box runs from the font's ascent to its descent: the
    // digits stand in its middle half.
    let h = word.y1 - word.y0;
    (
        (word.x0 + cw * i) * scale,
        (word.y0 + h * 0.25) * scale,
        (word.x0 + cw * (i + 1.0)) * scale,
        (word.y0 + h * 0.75) * scale,
    )
}

/// What [`scan_blotted`] made.
pub struct Blotted {
    /// The image-only PDF of the pages, blotted.
    pub scan: PathBuf,
    /// The same pages cut out of the text-layer original.
    pub text: PathBuf,
    /// Pages scanned.
    pub pages: usize,
}

/// Scans `pages` of `pdf` at [`DPI`] with each target digit blotted.
pub fn scan_blotted(
    pdf: &Path,
    name: &str,
    pages: &[u32],
    targets: &[Target],
    seed: u64,
) -> Blotted {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("blot-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng::new(seed);
    let mut pgms = Vec::new();
    let mut singles = Vec::new();
    for &p in pages {
        let stem = dir.join(format!("p-{p:03}"));
        run(Command::new("pdftoppm")
            .args(["-r", &DPI.to_string(), "-gray", "-singlefile"])
            .args(["-f", &p.to_string(), "-l", &p.to_string()])
            .arg(pdf)
            .arg(&stem));
        let pgm = stem.with_extension("pgm");
        let mut img = Gray::from_pgm(&std::fs::read(&pgm).unwrap());
        for t in targets.iter().filter(|t| t.page == p) {
            blot(&mut img, char_box(&t.word, t.at), &mut rng);
        }
        std::fs::write(&pgm, img.to_pgm()).unwrap();
        pgms.push(pgm);
        let single = dir.join(format!("t-{p:03}.pdf"));
        run(Command::new("pdfseparate")
            .args(["-f", &p.to_string(), "-l", &p.to_string()])
            .arg(pdf)
            .arg(&single));
        singles.push(single);
    }
    let scan = dir.join(format!("{name}.pdf"));
    run(Command::new("img2pdf")
        .arg("-s")
        .arg(format!("{DPI}dpix{DPI}dpi"))
        .args(&pgms)
        .arg("-o")
        .arg(&scan));
    let text = dir.join(format!("{name}-text.pdf"));
    if singles.len() == 1 {
        std::fs::copy(&singles[0], &text).unwrap();
    } else {
        run(Command::new("pdfunite").args(&singles).arg(&text));
    }
    debug_assert_eq!(files_with(&dir, "pgm").len(), pages.len());
    Blotted {
        scan,
        text,
        pages: pages.len(),
    }
}
