//! Scans made in the test from the bundled text-layer PDFs: every page is
//! rasterised at 200 dpi in grey (`pdftoppm`) and wrapped into an
//! image-only PDF (`img2pdf`), straight, or as a real scanner leaves it:
//! turned by a random angle of up to ±2°, slightly blurred, speckled and
//! compressed as JPEG of quality 70 (re-rendered by `pdftoppm -jpeg`). The
//! random draws come from a fresh seed each run, printed, so a failing run
//! can be repeated with `JUESUAN_SCAN_SEED`.

#![allow(dead_code)]

pub mod blot;
pub mod compare;
pub mod rules;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Scanning resolution.
pub const DPI: u32 = 200;
/// Largest turn of a page, in degrees.
pub const MAX_TURN: f64 = 2.0;
/// JPEG quality of a distorted scan.
pub const JPEG_QUALITY: u32 = 70;

/// Whether the tools are installed (see [`juesuan_testkit`]: absent tools
/// skip the test, or fail it where tools are required).
pub fn tools_present() -> bool {
    if !juesuan_testkit::tools(&["pdftoppm", "img2pdf", "tesseract"]) {
        return false;
    }
    let langs = Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .expect("tesseract --list-langs runs");
    let chinese = String::from_utf8_lossy(&langs.stdout).contains("chi_sim");
    juesuan_testkit::available("Tesseract 中文语言包 chi_sim", chinese)
}

/// A bundled sample by file name.
pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(name)
}

/// SplitMix64: a small seeded generator, enough for test noise.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The seed of a distorted scan: `JUESUAN_SCAN_SEED` when set (to replay
/// a failure), else a fresh one each run, from the clock and the name, so
/// that runs together try many distortions.
pub fn seed_for(name: &str) -> u64 {
    if let Some(s) = std::env::var("JUESUAN_SCAN_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
    {
        return s;
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let named = name.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    Rng::new(now ^ named).next_u64()
}

/// An 8-bit grey image.
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
}

impl Gray {
    fn from_pgm(bytes: &[u8]) -> Gray {
        // pdftoppm writes "P5\n<w> <h>\n255\n".
        let mut fields = Vec::new();
        let mut pos = 0;
        while fields.len() < 4 {
            while bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let start = pos;
            while !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            fields.push(std::str::from_utf8(&bytes[start..pos]).unwrap().to_string());
        }
        assert_eq!(fields[0], "P5");
        let width: usize = fields[1].parse().unwrap();
        let height: usize = fields[2].parse().unwrap();
        let data = bytes[pos + 1..pos + 1 + width * height].to_vec();
        Gray {
            width,
            height,
            data,
        }
    }

    fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.width, self.height).into_bytes();
        out.extend_from_slice(&self.data);
        out
    }

    /// Turned by `degrees` about the centre (bilinear, white outside).
    fn turned(&self, degrees: f64) -> Gray {
        let (s, c) = degrees.to_radians().sin_cos();
        let (cx, cy) = (self.width as f64 / 2.0, self.height as f64 / 2.0);
        let mut data = vec![255u8; self.data.len()];
        for y in 0..self.height {
            for x in 0..self.width {
                let (dx, dy) = (x as f64 - cx, y as f64 - cy);
                let sx = c * dx + s * dy + cx;
                let sy = -s * dx + c * dy + cy;
                if sx < 0.0 || sy < 0.0 {
                    continue;
                }
                let (x0, y0) = (sx as usize, sy as usize);
                if x0 + 1 >= self.width || y0 + 1 >= self.height {
                    continue;
                }
                let (fx, fy) = (sx - x0 as f64, sy - y0 as f64);
                let p = |x: usize, y: usize| f64::from(self.data[y * self.width + x]);
                let top = p(x0, y0) * (1.0 - fx) + p(x0 + 1, y0) * fx;
                let bottom = p(x0, y0 + 1) * (1.0 - fx) + p(x0 + 1, y0 + 1) * fx;
                data[y * self.width + x] = (top * (1.0 - fy) + bottom * fy).round() as u8;
            }
        }
        Gray {
            width: self.width,
            height: self.height,
            data,
        }
    }

    /// A slight blur: the 3×3 binomial kernel.
    fn blurred(&self) -> Gray {
        let (w, h) = (self.width, self.height);
        let mut data = self.data.clone();
        for y in 1..h - 1 {
            for x in 1..w - 1 {
                let p = |dx: usize, dy: usize| u32::from(self.data[(y + dy - 1) * w + x + dx - 1]);
                let sum = p(0, 0)
                    + 2 * p(1, 0)
                    + p(2, 0)
                    + 2 * p(0, 1)
                    + 4 * p(1, 1)
                    + 2 * p(2, 1)
                    + p(0, 2)
                    + 2 * p(1, 2)
                    + p(2, 2);
                data[y * w + x] = (sum / 16) as u8;
            }
        }
        Gray {
            width: w,
            height: h,
            data,
        }
    }

    /// Speckle: dark dots of one or two pixels on the paper, and paper-grey
    /// noise everywhere.
    fn speckled(mut self, rng: &mut Rng) -> Gray {
        let (w, h) = (self.width, self.height);
        // About one dot per 18 × 18 mm at 200 dpi (some 200 on an A4 page).
        let dots = w * h / 20_000;
        for _ in 0..dots {
            let x = (rng.next_u64() % (w as u64 - 1)) as usize;
            let y = (rng.next_u64() % (h as u64 - 1)) as usize;
            let side = 1 + (rng.next_u64() % 2) as usize;
            let shade = (rng.next_u64() % 120) as u8;
            for dy in 0..side {
                for dx in 0..side {
                    let i = (y + dy) * w + x + dx;
                    self.data[i] = self.data[i].min(shade);
                }
            }
        }
        for v in &mut self.data {
            let n = (rng.next_u64() % 25) as i32 - 12;
            *v = (i32::from(*v) + n).clamp(0, 255) as u8;
        }
        self
    }
}

fn run(cmd: &mut Command) {
    let st = cmd.status().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(st.success(), "{cmd:?}: {st}");
}

fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// What a distorted scan did to each page.
pub struct Made {
    /// The image-only PDF.
    pub pdf: PathBuf,
    /// Pages scanned.
    pub pages: usize,
    /// Each page's turn in degrees (empty for a straight scan).
    pub turns: Vec<f64>,
}

/// Scans the bundled report `file` as [`scan_as`] does, under `name`
/// (distorted with `seed`, printed with its turns), and reads the scan
/// back, printing the pages per second.
pub fn scan_and_read(
    file: &str,
    name: &str,
    seed: Option<u64>,
    unruled: bool,
) -> juesuan_model::Report {
    let pdf = sample(file);
    let made = scan_as(&pdf, name, seed, unruled);
    if let Some(seed) = seed {
        let turns: Vec<String> = made.turns.iter().map(|t| format!("{t:+.2}°")).collect();
        println!(
            "{name}: seed {seed} (JUESUAN_SCAN_SEED), turns {}",
            turns.join(" ")
        );
    }
    let started = std::time::Instant::now();
    let ocr = juesuan_read::read_path(&made.pdf).unwrap_or_else(|e| panic!("{e}"));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{name}: {} pages in {secs:.1} s = {:.2} pages/s",
        made.pages,
        made.pages as f64 / secs
    );
    ocr
}

/// Scans `pdf` into an image-only PDF at [`DPI`]: straight when `seed` is
/// `None`, else turned, blurred, speckled and JPEG-compressed.
pub fn scan(pdf: &Path, name: &str, seed: Option<u64>) -> Made {
    scan_as(pdf, name, seed, false)
}

/// [`scan`], of the report as printed without table borders when
/// `unruled` (its ruling lines erased, [`rules`]).
pub fn scan_as(pdf: &Path, name: &str, seed: Option<u64>, unruled: bool) -> Made {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("scan-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let size = format!("{DPI}dpix{DPI}dpi");
    run(Command::new("pdftoppm")
        .args(["-r", &DPI.to_string(), "-gray"])
        .arg(pdf)
        .arg(dir.join("p")));
    let pages = files_with(&dir, "pgm");
    if unruled {
        for page in &pages {
            let img = Gray::from_pgm(&std::fs::read(page).unwrap());
            std::fs::write(page, img.without_rules().to_pgm()).unwrap();
        }
    }
    let out = dir.join(format!("{name}.pdf"));
    let Some(seed) = seed else {
        run(Command::new("img2pdf")
            .arg("-s")
            .arg(&size)
            .args(&pages)
            .arg("-o")
            .arg(&out));
        return Made {
            pdf: out,
            pages: pages.len(),
            turns: Vec::new(),
        };
    };
    let mut rng = Rng::new(seed);
    let mut turns = Vec::new();
    let mut jpegs = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let img = Gray::from_pgm(&std::fs::read(page).unwrap());
        let turn = (rng.unit() * 2.0 - 1.0) * MAX_TURN;
        turns.push(turn);
        let img = img.turned(turn).blurred().speckled(&mut rng);
        let pgm = dir.join(format!("d-{i:03}.pgm"));
        std::fs::write(&pgm, img.to_pgm()).unwrap();
        // pdftoppm is the JPEG encoder at hand: wrap the page, render it
        // back at the same resolution as JPEG.
        let one = dir.join(format!("d-{i:03}.pdf"));
        run(Command::new("img2pdf")
            .arg("-s")
            .arg(&size)
            .arg(&pgm)
            .arg("-o")
            .arg(&one));
        let stem = dir.join(format!("j-{i:03}"));
        run(Command::new("pdftoppm")
            .args(["-r", &DPI.to_string(), "-singlefile", "-jpeg"])
            .args(["-jpegopt", &format!("quality={JPEG_QUALITY}")])
            .arg(&one)
            .arg(&stem));
        jpegs.push(stem.with_extension("jpg"));
    }
    run(Command::new("img2pdf")
        .arg("-s")
        .arg(&size)
        .args(&jpegs)
        .arg("-o")
        .arg(&out));
    Made {
        pdf: out,
        pages: pages.len(),
        turns,
    }
}

/// A red seal (公章) drawn over an RGB image: a ring of 42 mm across,
/// strokes of text-like arcs inside it and a star at its centre, in red
/// ink laid over the print like a stamp (multiplied, 70 % opaque).
pub fn stamp_seal(rgb: &mut [u8], width: usize, height: usize, dpi: u32, centre: (usize, usize)) {
    let mm = f64::from(dpi) / 25.4;
    let (cx, cy) = (centre.0 as f64, centre.1 as f64);
    let outer = 21.0 * mm;
    let ring = 1.2 * mm;
    let ink = [222.0f64, 36.0, 44.0];
    let alpha = 0.7;
    let reach = outer.ceil() as usize + 2;
    for y in centre.1.saturating_sub(reach)..(centre.1 + reach).min(height) {
        for x in centre.0.saturating_sub(reach)..(centre.0 + reach).min(width) {
            let (dx, dy) = (x as f64 - cx, y as f64 - cy);
            let r = (dx * dx + dy * dy).sqrt();
            let angle = dy.atan2(dx).to_degrees();
            let on_ring = r <= outer && r >= outer - ring;
            // Characters around the inside of the ring: short strokes in
            // bands of 14° with gaps, over the upper three quarters.
            let band = (angle + 180.0) % 14.0;
            let letters = r <= outer - 2.5 * mm
                && r >= outer - 8.0 * mm
                && !(45.0..135.0).contains(&angle)
                && band < 9.0
                && ((r / (0.9 * mm)) as i64 % 2 == 0 || band < 1.5);
            // A five-pointed star of 8 mm radius at the centre.
            let star = {
                let a = (angle + 90.0).rem_euclid(72.0) - 36.0;
                let edge = 8.0 * mm * (0.45 + 0.55 * (1.0 - a.abs() / 36.0));
                r <= edge
            };
            if on_ring || letters || star {
                let i = (y * width + x) * 3;
                for c in 0..3 {
                    let cover = (1.0 - alpha) * 255.0 + alpha * ink[c];
                    let v = f64::from(rgb[i + c]) * cover / 255.0;
                    rgb[i + c] = v.round() as u8;
                }
            }
        }
    }
}

/// One page of `pdf` scanned into an image-only PDF at `dpi`, in grey or
/// in colour (the page's own colours), with a red seal over the point
/// `seal` (fractions of the page's width and height) when given.
pub fn scan_page(
    pdf: &Path,
    page: u32,
    name: &str,
    dpi: u32,
    colour: bool,
    seal: Option<(f64, f64)>,
) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("page-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let n = page.to_string();
    let stem = dir.join("p");
    let mut cmd = Command::new("pdftoppm");
    cmd.args(["-r", &dpi.to_string(), "-f", &n, "-l", &n, "-singlefile"]);
    if !colour {
        cmd.arg("-gray");
    }
    run(cmd.arg(pdf).arg(&stem));
    let image = stem.with_extension(if colour { "ppm" } else { "pgm" });
    if let Some((fx, fy)) = seal {
        let bytes = std::fs::read(&image).unwrap();
        // pdftoppm writes "P6\n<w> <h>\n255\n".
        let head: Vec<&[u8]> = bytes.splitn(4, |b| *b == b'\n').collect();
        assert_eq!(head[0], b"P6", "a seal is drawn on a colour page");
        let dims: Vec<usize> = std::str::from_utf8(head[1])
            .unwrap()
            .split_whitespace()
            .map(|v| v.parse().unwrap())
            .collect();
        let (w, h) = (dims[0], dims[1]);
        let start = bytes.len() - w * h * 3;
        let mut rgb = bytes[start..].to_vec();
        let centre = ((fx * w as f64) as usize, (fy * h as f64) as usize);
        stamp_seal(&mut rgb, w, h, dpi, centre);
        let mut out = format!("P6\n{w} {h}\n255\n").into_bytes();
        out.extend_from_slice(&rgb);
        std::fs::write(&image, out).unwrap();
    }
    let out = dir.join(format!("{name}.pdf"));
    run(Command::new("img2pdf")
        .arg("-s")
        .arg(format!("{dpi}dpix{dpi}dpi"))
        .arg(&image)
        .arg("-o")
        .arg(&out));
    out
}

/// One page of a text-layer PDF on its own (`pdfseparate`), to read the
/// truth a scan of that page is compared with.
pub fn text_page(pdf: &Path, page: u32, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("page-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("text.pdf");
    let n = page.to_string();
    run(Command::new("pdfseparate")
        .args(["-f", &n, "-l", &n])
        .arg(pdf)
        .arg(&out));
    out
}
