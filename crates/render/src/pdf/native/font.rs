//! The fonts of the native PDF: the chosen CJK TrueType face for every
//! character it has, and, glyph by glyph, the first other installed CJK face
//! that has a character it lacks (AR PL UMing CN, the 宋体-style default, has
//! no CJK Extension A, found in some personal and place names). Each face
//! is measured through
//! `ttf-parser` and embedded as a glyph-id-keeping subset
//! ([`crate::font::subset`]), so the content streams show glyph ids directly
//! (Identity-H, CIDToGIDMap Identity).

use crate::error::{Error, ErrorKind};
use crate::font::FaceFile;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// One glyph: its id in its face and its advance in em.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    advance: f32,
}

/// The most faces one document opens: the chosen one and seven fallbacks
/// (each a resource name of [`crate::pdf::native::page`]; only faces a
/// glyph was taken from are embedded).
pub const MAX_FACES: usize = 8;

/// One embedded face: its file, metrics and the glyphs used from it.
pub struct Face {
    data: Arc<Vec<u8>>,
    path: std::path::PathBuf,
    index: u32,
    upem: f32,
    /// The family name, for the PDF font name.
    pub family: String,
    /// Ascender in em (from `hhea`).
    pub ascent: f32,
    /// Descender in em (negative).
    pub descent: f32,
    /// Bounding box of the face in thousandths of an em.
    pub bbox: [f32; 4],
    /// Used glyph id → the character it shows (for `ToUnicode` and `/W`).
    used: BTreeMap<u16, (char, f32)>,
}

impl Face {
    fn open(file: &FaceFile, data: Arc<Vec<u8>>) -> Result<Face, Error> {
        let parsed = ttf_parser::Face::parse(&data, file.index).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("字体文件 {} 无法解析：{e}", file.path.display()),
            )
        })?;
        let upem = f32::from(parsed.units_per_em().max(1));
        let b = parsed.global_bounding_box();
        let scale = 1000.0 / upem;
        Ok(Face {
            upem,
            family: file.family.clone(),
            ascent: f32::from(parsed.ascender()) / upem,
            descent: f32::from(parsed.descender()) / upem,
            bbox: [
                f32::from(b.x_min) * scale,
                f32::from(b.y_min) * scale,
                f32::from(b.x_max) * scale,
                f32::from(b.y_max) * scale,
            ],
            index: file.index,
            path: file.path.clone(),
            data,
            used: BTreeMap::new(),
        })
    }

    /// The glyph of `c`, `None` when the face lacks it.
    fn measure(&self, c: char) -> Option<Glyph> {
        let face = ttf_parser::Face::parse(&self.data, self.index).ok()?;
        self.measure_in(&face, c)
    }

    fn measure_in(&self, face: &ttf_parser::Face, c: char) -> Option<Glyph> {
        let id = face.glyph_index(c)?;
        // A face may map a character to an empty outline: that prints
        // nothing, so the face lacks it.
        if !c.is_whitespace() && face.glyph_bounding_box(id).is_none() {
            return None;
        }
        Some(Glyph {
            id: id.0,
            advance: face
                .glyph_hor_advance(id)
                .map_or(MISSING_ADVANCE, |a| f32::from(a) / self.upem),
        })
    }

    /// The used glyphs: id → (character, advance in em).
    pub fn used(&self) -> &BTreeMap<u16, (char, f32)> {
        &self.used
    }

    /// The embedded font program: the face cut down to the used glyphs.
    pub fn program(&self) -> Result<Vec<u8>, Error> {
        let text: String = self.used.values().map(|(c, _)| *c).collect();
        crate::font::subset(&self.data, self.index, &text).ok_or_else(|| {
            Error::new(
                ErrorKind::Io,
                format!("字体 {} 不是 TrueType 轮廓字体，无法嵌入 PDF", self.family),
            )
        })
    }

    /// The six-letter subset tag: derived from the used glyphs, so the same
    /// document always gets the same name (deterministic output).
    pub fn tag(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for g in self.used.keys() {
            for b in g.to_be_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
            .collect()
    }
}

/// The faces of one document: the chosen face first, fallbacks opened when
/// a character needs one.
pub struct Font {
    faces: Vec<Face>,
    /// Fallback faces not opened yet, in the order they are tried.
    waiting: Vec<FaceFile>,
    /// Character → (face, glyph); the chosen face's notdef when no face
    /// has it.
    glyphs: HashMap<char, (usize, Glyph)>,
    /// Ascender in em of the chosen face (line boxes follow it).
    pub ascent: f32,
    /// Descender in em of the chosen face (negative).
    pub descent: f32,
}

/// The advance of a character no face has (a full em: a CJK box).
const MISSING_ADVANCE: f32 = 1.0;

/// The installed faces, asked once: fontconfig costs a process start
/// (~20 ms, a third of the whole PDF) and the fonts do not change while
/// we run.
fn installed() -> &'static (Option<FaceFile>, Vec<FaceFile>) {
    static FACES: OnceLock<(Option<FaceFile>, Vec<FaceFile>)> = OnceLock::new();
    FACES.get_or_init(|| {
        let chosen = crate::font::locate();
        let fallbacks = chosen
            .as_ref()
            .map(crate::font::fallbacks)
            .unwrap_or_default();
        (chosen, fallbacks)
    })
}

fn read(file: &FaceFile) -> Result<Vec<u8>, Error> {
    std::fs::read(&file.path).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            format!("无法读取字体文件 {}：{e}", file.path.display()),
        )
    })
}

impl Font {
    /// Loads `face` (`None`: the installed default) and measures the
    /// characters of `text` up front (any other character is measured when
    /// first met).
    pub fn load(text: &str, face: Option<&FaceFile>) -> Result<Font, Error> {
        let given;
        let (chosen, fallbacks): (Option<&FaceFile>, &[FaceFile]) = match face {
            Some(f) => {
                given = crate::font::fallbacks(f);
                (Some(f), &given)
            }
            None => {
                let (c, f) = installed();
                (c.as_ref(), f)
            }
        };
        let chosen = chosen.ok_or_else(|| {
            Error::new(
                ErrorKind::Io,
                "未找到中文 TrueType 字体，无法生成 PDF；请安装 fonts-arphic-uming 或 fonts-wqy-zenhei（scripts/setup.sh）",
            )
        })?;
        let face = Face::open(chosen, Arc::new(read(chosen)?))?;
        let mut font = Font {
            ascent: face.ascent,
            descent: face.descent,
            faces: vec![face],
            // Tried last first: `pop` takes from the end.
            waiting: fallbacks.iter().rev().cloned().collect(),
            glyphs: HashMap::with_capacity(2048),
        };
        let data = Arc::clone(&font.faces[0].data);
        if let Ok(parsed) = ttf_parser::Face::parse(&data, font.faces[0].index) {
            for c in text.chars().chain(' '..='~') {
                if font.glyphs.contains_key(&c) {
                    continue;
                }
                match font.faces[0].measure_in(&parsed, c) {
                    Some(g) => {
                        font.glyphs.insert(c, (0, g));
                    }
                    None => {
                        font.fall_back(c);
                    }
                }
            }
        }
        Ok(font)
    }

    /// The glyph of a character the chosen face lacks: from the first
    /// fallback face that has it, opening fallbacks in turn; the chosen
    /// face's notdef box when none has it.
    fn fall_back(&mut self, c: char) -> (usize, Glyph) {
        let found = (1..self.faces.len()).find_map(|i| self.faces[i].measure(c).map(|g| (i, g)));
        let found = found.or_else(|| {
            while self.faces.len() < MAX_FACES {
                let file = self.waiting.pop()?;
                // A collection's faces share one file: read it once.
                let shared = self.faces.iter().find(|f| f.path == file.path);
                let data = match shared.map(|f| Arc::clone(&f.data)) {
                    Some(d) => d,
                    None => match read(&file) {
                        Ok(d) => Arc::new(d),
                        Err(_) => continue,
                    },
                };
                let Ok(face) = Face::open(&file, data) else {
                    continue;
                };
                let glyph = face.measure(c);
                self.faces.push(face);
                if let Some(g) = glyph {
                    return Some((self.faces.len() - 1, g));
                }
            }
            None
        });
        let g = found.unwrap_or((
            0,
            Glyph {
                id: 0,
                advance: MISSING_ADVANCE,
            },
        ));
        self.glyphs.insert(c, g);
        g
    }

    fn glyph(&mut self, c: char) -> (usize, Glyph) {
        if let Some(g) = self.glyphs.get(&c) {
            return *g;
        }
        // Rare: a character not in the document text given to `load`.
        match self.faces[0].measure(c) {
            Some(g) => {
                self.glyphs.insert(c, (0, g));
                (0, g)
            }
            None => self.fall_back(c),
        }
    }

    /// The advance of `c` in em.
    pub fn advance(&mut self, c: char) -> f32 {
        self.glyph(c).1.advance
    }

    /// The width of `s` at `size` points.
    pub fn width(&mut self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// `s` as runs of one face each: (face, glyph ids as two-byte codes for
    /// Identity-H), marking the glyphs used.
    pub fn encode(&mut self, s: &str) -> Vec<(usize, Vec<u8>)> {
        let mut out: Vec<(usize, Vec<u8>)> = Vec::with_capacity(1);
        for c in s.chars() {
            let (face, g) = self.glyph(c);
            self.faces[face].used.entry(g.id).or_insert((c, g.advance));
            match out.last_mut() {
                Some((f, bytes)) if *f == face => bytes.extend_from_slice(&g.id.to_be_bytes()),
                _ => out.push((face, g.id.to_be_bytes().to_vec())),
            }
        }
        out
    }

    /// The faces opened, the chosen one first (some may be unused).
    pub fn faces(&self) -> &[Face] {
        &self.faces
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// AR PL UMing CN has no glyphs for CJK Extension A (`㐀`, U+3400, in
    /// some personal and place names); WenQuanYi Zen Hei has them.
    #[test]
    fn a_character_the_face_lacks_comes_from_another_face() {
        let uming = std::path::PathBuf::from("/usr/share/fonts/truetype/arphic/uming.ttc");
        let wqy = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
        if !uming.is_file() || !wqy.is_file() {
            println!("跳过：未安装 fonts-arphic-uming 与 fonts-wqy-zenhei");
            return;
        }
        let cn = FaceFile {
            path: uming,
            index: 0,
            family: "AR PL UMing CN".to_string(),
        };
        let mut font = Font::load("张㐀≥280万人", Some(&cn)).expect("UMing loads");
        let runs = font.encode("张㐀≥280万人");
        let faces: Vec<usize> = runs.iter().map(|r| r.0).collect();
        assert_eq!(faces.len(), 3, "{faces:?}");
        assert_eq!((faces[0], faces[2]), (0, 0));
        let other = &font.faces()[faces[1]];
        assert_eq!(other.path, wqy);
        // The lacking character is measured in the face that prints it,
        // and only the faces used carry glyphs into the PDF.
        assert_eq!(runs[1].1.len(), 2);
        assert!(other.used().values().all(|(c, _)| *c == '㐀'));
        let unused = font.faces().iter().filter(|f| f.used().is_empty()).count();
        assert_eq!(unused + 2, font.faces().len());
    }
}
