//! The one font of the native PDF: the system CJK TrueType face (its CJK,
//! digits and Latin alike), measured through `ttf-parser` and embedded as a
//! glyph-id-keeping subset ([`crate::font::subset`]), so the content streams
//! can show glyph ids directly (Identity-H, CIDToGIDMap Identity).

use crate::error::{Error, ErrorKind};
use crate::font::FaceFile;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// One glyph: its id in the face and its advance in em.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    advance: f32,
}

/// The face: metrics of the characters met so far and the glyphs used.
pub struct Font {
    data: Vec<u8>,
    index: u32,
    /// The family name, for the PDF font name.
    pub family: String,
    /// Ascender in em (from `hhea`).
    pub ascent: f32,
    /// Descender in em (negative).
    pub descent: f32,
    /// Bounding box of the face in thousandths of an em.
    pub bbox: [f32; 4],
    glyphs: HashMap<char, Glyph>,
    /// Used glyph id → the character it shows (for `ToUnicode` and `/W`).
    used: BTreeMap<u16, (char, f32)>,
}

/// The advance of a character the face lacks (a full em: a CJK box).
const MISSING_ADVANCE: f32 = 1.0;

impl Font {
    /// Loads the system CJK face and measures the characters of `text`
    /// up front (any other character is measured when first met).
    pub fn load(text: &str) -> Result<Font, Error> {
        // Asking fontconfig costs a process start (~20 ms, a third of the
        // whole PDF); the installed fonts do not change while we run.
        static FACE: OnceLock<Option<FaceFile>> = OnceLock::new();
        let face = FACE.get_or_init(crate::font::locate).clone();
        let face = face.ok_or_else(|| {
            Error::new(
                ErrorKind::Io,
                "未找到中文 TrueType 字体，无法生成 PDF；请安装 fonts-wqy-zenhei（scripts/setup.sh）",
            )
        })?;
        let data = std::fs::read(&face.path).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("无法读取字体文件 {}：{e}", face.path.display()),
            )
        })?;
        let parsed = ttf_parser::Face::parse(&data, face.index).map_err(|e| {
            Error::new(
                ErrorKind::Io,
                format!("字体文件 {} 无法解析：{e}", face.path.display()),
            )
        })?;
        let upem = f32::from(parsed.units_per_em().max(1));
        let b = parsed.global_bounding_box();
        let ascent = f32::from(parsed.ascender()) / upem;
        let descent = f32::from(parsed.descender()) / upem;
        let bbox = [
            f32::from(b.x_min) * 1000.0 / upem,
            f32::from(b.y_min) * 1000.0 / upem,
            f32::from(b.x_max) * 1000.0 / upem,
            f32::from(b.y_max) * 1000.0 / upem,
        ];
        let mut glyphs = HashMap::with_capacity(2048);
        for c in text.chars().chain(' '..='~') {
            glyphs.entry(c).or_insert_with(|| measure(&parsed, upem, c));
        }
        Ok(Font {
            data,
            index: face.index,
            family: face.family,
            ascent,
            descent,
            bbox,
            glyphs,
            used: BTreeMap::new(),
        })
    }

    fn glyph(&mut self, c: char) -> Glyph {
        if let Some(g) = self.glyphs.get(&c) {
            return *g;
        }
        // Rare: a character not in the document text given to `load`.
        let g = match ttf_parser::Face::parse(&self.data, self.index) {
            Ok(face) => measure(&face, f32::from(face.units_per_em().max(1)), c),
            Err(_) => Glyph {
                id: 0,
                advance: MISSING_ADVANCE,
            },
        };
        self.glyphs.insert(c, g);
        g
    }

    /// The advance of `c` in em.
    pub fn advance(&mut self, c: char) -> f32 {
        self.glyph(c).advance
    }

    /// The width of `s` at `size` points.
    pub fn width(&mut self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The glyph ids of `s` as two-byte codes (Identity-H), marking them used.
    pub fn encode(&mut self, s: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(2 * s.len());
        for c in s.chars() {
            let g = self.glyph(c);
            self.used.entry(g.id).or_insert((c, g.advance));
            out.extend_from_slice(&g.id.to_be_bytes());
        }
        out
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

fn measure(face: &ttf_parser::Face, upem: f32, c: char) -> Glyph {
    match face.glyph_index(c) {
        Some(id) => Glyph {
            id: id.0,
            advance: face
                .glyph_hor_advance(id)
                .map_or(MISSING_ADVANCE, |a| f32::from(a) / upem),
        },
        None => Glyph {
            id: 0,
            advance: MISSING_ADVANCE,
        },
    }
}
