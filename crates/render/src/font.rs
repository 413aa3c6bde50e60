//! The CJK font of the PDF: one TrueType face of the system's CJK font,
//! cut down to the glyphs the document uses. The native PDF engine embeds
//! it directly as a CID TrueType font ([`crate::pdf::native`]); for the
//! Chromium engine it is handed over as a web font.
//!
//! Why not let Chromium take the system font itself: Skia subsets the
//! fonts it embeds with HarfBuzz, and the subsetter of HarfBuzz 6
//! (Debian 12) fails on the `GDEF` table of `wqy-zenhei.ttc` once a
//! document uses more than about 900 distinct glyphs; Skia then embeds the
//! whole 16.8 MB collection (a 10.8 MB PDF for the sample). The face
//! written here has no layout tables, no vertical metrics, no bitmap
//! strikes and a glyph-name-free `post` table, and only the used outlines
//! (glyph ids are kept, so `hmtx`/`cmap` stay as they are); Skia's own
//! subsetting of it succeeds and the PDF embeds a CID TrueType subset.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// Family names tried first, in order (TrueType outlines only).
///
/// Official documents set their body in 宋体, so the 宋体-style AR PL
/// UMing CN (`fonts-arphic-uming`, installed by `scripts/setup.sh`) comes
/// first; the characters it lacks (CJK Extension A, as in some names) are
/// taken glyph by glyph from a fallback face ([`fallbacks`]). WenQuanYi (黑体-like) serves where
/// UMing is not installed.
const PREFERRED: [&str; 4] = [
    "AR PL UMing CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
];

/// The environment variable that names the font file to embed
/// (`simsun.ttc`, `/usr/share/fonts/…/uming.ttc#0`: a face index after `#`).
pub const FONT_ENV: &str = "JUESUAN_FONT";

/// Where Debian puts the font when fontconfig cannot be asked.
const KNOWN_FILES: [&str; 2] = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];

/// A font file and the face index inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceFile {
    /// The file (`.ttf` or `.ttc`).
    pub path: PathBuf,
    /// The face in a collection (0 for a single font).
    pub index: u32,
    /// The family name as fontconfig reports it.
    pub family: String,
}

/// The font file named by [`FONT_ENV`], checked: an error names the file
/// when it is missing or not a TrueType font (`.ttf`/`.ttc`).
pub fn configured() -> Result<Option<FaceFile>, String> {
    let Some(value) = std::env::var_os(FONT_ENV).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let value = value.to_string_lossy().into_owned();
    let (path, index) = match value.rsplit_once('#') {
        Some((p, i)) if i.parse::<u32>().is_ok() => (p.to_string(), i.parse().unwrap_or(0)),
        _ => (value.clone(), 0),
    };
    let path = PathBuf::from(path);
    let data =
        std::fs::read(&path).map_err(|e| format!("字体文件 {}：无法读取：{e}", path.display()))?;
    let glyf = tables(&data, index).is_some_and(|t| t.iter().any(|(tag, _)| tag == b"glyf"));
    if !glyf {
        return Err(format!(
            "字体文件 {}：不是 TrueType 字体（.ttf/.ttc），或没有第 {index} 个字形集",
            path.display()
        ));
    }
    // The family as the face names itself (English first), as fontconfig
    // would report it; the file name when it names none.
    let named = ttf_parser::Face::parse(&data, index).ok().and_then(|f| {
        let families: Vec<ttf_parser::name::Name> = f
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
            .collect();
        families
            .iter()
            .filter(|n| n.language_id == 0x0409)
            .chain(families.iter())
            .find_map(|n| n.to_string())
    });
    let family = named.unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    Ok(Some(FaceFile {
        path,
        index,
        family,
    }))
}

/// The font to embed: the file named by [`FONT_ENV`] when set and
/// usable, else the system's simplified-Chinese TrueType font (a
/// preferred family when installed, else the first TrueType face
/// fontconfig lists for `zh-cn`).
pub fn locate() -> Option<FaceFile> {
    if let Ok(Some(face)) = configured() {
        return Some(face);
    }
    listed().into_iter().next().or_else(|| known_files().next())
}

/// The WenQuanYi files Debian installs that are present, for when
/// fontconfig cannot be asked.
fn known_files() -> impl Iterator<Item = FaceFile> {
    KNOWN_FILES
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .map(|path| FaceFile {
            path,
            index: 0,
            family: PREFERRED[1].to_string(),
        })
}

/// The faces to take a character from that `chosen` lacks, in the order
/// tried: the other faces of its own file first (the same design), then
/// the other installed simplified-Chinese TrueType faces, preferred
/// families first.
pub fn fallbacks(chosen: &FaceFile) -> Vec<FaceFile> {
    let mut faces: Vec<FaceFile> = listed();
    faces.extend(known_files());
    let mut seen = std::collections::HashSet::new();
    faces.retain(|f| {
        !(f.path == chosen.path && f.index == chosen.index)
            && seen.insert((f.path.clone(), f.index))
    });
    // Stable: the listing's preference order stays within each group.
    faces.sort_by_key(|f| f.path != chosen.path);
    faces
}

/// The TrueType faces fontconfig lists for `zh-cn`, preferred families
/// first (empty when fontconfig cannot be asked).
fn listed() -> Vec<FaceFile> {
    let listed = std::process::Command::new("fc-list")
        .args([":lang=zh-cn", "--format", "%{file}|%{index}|%{family[0]}\n"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let mut faces: Vec<FaceFile> = listed
        .lines()
        .filter_map(|l| {
            let mut it = l.splitn(3, '|');
            let path = PathBuf::from(it.next()?);
            let index = it.next()?.trim().parse().ok()?;
            let family = it.next()?.trim().to_string();
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            (ext == "ttf" || ext == "ttc").then_some(FaceFile {
                path,
                index,
                family,
            })
        })
        .collect();
    faces.sort_by_key(|f| {
        (
            PREFERRED
                .iter()
                .position(|p| *p == f.family)
                .unwrap_or(PREFERRED.len()),
            f.index,
            f.path.clone(),
        )
    });
    faces
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

/// The tables of one face: tag → bytes.
fn tables(data: &[u8], index: u32) -> Option<Vec<([u8; 4], &[u8])>> {
    let start = if data.get(..4)? == b"ttcf" {
        let n = u32_at(data, 8)?;
        if index >= n {
            return None;
        }
        u32_at(data, 12 + 4 * index as usize)? as usize
    } else {
        0
    };
    let count = u16_at(data, start + 4)? as usize;
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let rec = start + 12 + 16 * i;
        let tag: [u8; 4] = data.get(rec..rec + 4)?.try_into().ok()?;
        let off = u32_at(data, rec + 8)? as usize;
        let len = u32_at(data, rec + 12)? as usize;
        out.push((tag, data.get(off..off.checked_add(len)?)?));
    }
    Some(out)
}

/// The glyph of `c` through the Windows Unicode `cmap` (format 12 or 4).
struct Cmap<'a> {
    sub: &'a [u8],
    format: u16,
}

impl<'a> Cmap<'a> {
    fn new(cmap: &'a [u8]) -> Option<Cmap<'a>> {
        let n = u16_at(cmap, 2)? as usize;
        let mut best: Option<(u8, Cmap<'a>)> = None;
        for i in 0..n {
            let rec = 4 + 8 * i;
            let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
            let off = u32_at(cmap, rec + 4)? as usize;
            let sub = cmap.get(off..)?;
            let format = u16_at(sub, 0)?;
            let rank = match (platform, encoding, format) {
                (3, 10, 12) | (0, 4, 12) | (0, 6, 12) => 2,
                (3, 1, 4) | (0, 3, 4) | (0, 1, 4) | (0, 0, 4) => 1,
                _ => continue,
            };
            if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                best = Some((rank, Cmap { sub, format }));
            }
        }
        best.map(|b| b.1)
    }

    fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        let s = self.sub;
        if self.format == 12 {
            let groups = u32_at(s, 12)? as usize;
            let (mut lo, mut hi) = (0usize, groups);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let g = 16 + 12 * mid;
                let (first, last) = (u32_at(s, g)?, u32_at(s, g + 4)?);
                if cp < first {
                    hi = mid;
                } else if cp > last {
                    lo = mid + 1;
                } else {
                    return u16::try_from(u32_at(s, g + 8)? + (cp - first)).ok();
                }
            }
            return None;
        }
        let cp = u16::try_from(cp).ok()?;
        let segs = (u16_at(s, 6)? / 2) as usize;
        let ends = 14;
        let starts = ends + 2 * segs + 2;
        let deltas = starts + 2 * segs;
        let range_offsets = deltas + 2 * segs;
        for i in 0..segs {
            if u16_at(s, ends + 2 * i)? < cp {
                continue;
            }
            let start = u16_at(s, starts + 2 * i)?;
            if cp < start {
                return None;
            }
            let delta = u16_at(s, deltas + 2 * i)?;
            let ro = u16_at(s, range_offsets + 2 * i)? as usize;
            if ro == 0 {
                return Some(cp.wrapping_add(delta));
            }
            let at = range_offsets + 2 * i + ro + 2 * (cp - start) as usize;
            let g = u16_at(s, at)?;
            return (g != 0).then(|| g.wrapping_add(delta));
        }
        None
    }
}

/// The bytes of glyph `g` in `glyf`, by `loca`.
fn glyph_bytes<'a>(glyf: &'a [u8], loca: &[u8], long: bool, g: usize) -> Option<&'a [u8]> {
    let (a, b) = if long {
        (
            u32_at(loca, 4 * g)? as usize,
            u32_at(loca, 4 * g + 4)? as usize,
        )
    } else {
        (
            2 * u16_at(loca, 2 * g)? as usize,
            2 * u16_at(loca, 2 * g + 2)? as usize,
        )
    };
    glyf.get(a..b.max(a))
}

/// The components a composite glyph refers to.
fn components(glyph: &[u8]) -> Vec<u16> {
    let mut out = Vec::new();
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(g)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(g);
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            break;
        }
    }
    out
}

fn checksum(d: &[u8]) -> u32 {
    d.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

/// Tables copied unchanged (besides `glyf`, `loca`, `head`, `post`).
const KEEP: [&[u8; 4]; 10] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"hhea", b"hmtx", b"maxp", b"name", b"prep",
];

/// A standalone TrueType font with face `index` of `data`, holding the
/// outlines of the characters of `text` (and of printable ASCII); `None`
/// when the face is not a TrueType-outline font or is malformed.
pub fn subset(data: &[u8], index: u32, text: &str) -> Option<Vec<u8>> {
    let tabs = tables(data, index)?;
    let get = |t: &[u8; 4]| tabs.iter().find(|(tag, _)| tag == t).map(|(_, d)| *d);
    let (head, glyf, loca, maxp) = (get(b"head")?, get(b"glyf")?, get(b"loca")?, get(b"maxp")?);
    let cmap = Cmap::new(get(b"cmap")?)?;
    let long = u16_at(head, 50)? == 1;
    let n = u16_at(maxp, 4)? as usize;
    let chars: BTreeSet<char> = text.chars().chain(' '..='~').collect();
    let mut want: BTreeSet<u16> = chars.iter().filter_map(|c| cmap.glyph(*c)).collect();
    want.insert(0);
    let mut todo: Vec<u16> = want.iter().copied().collect();
    while let Some(g) = todo.pop() {
        for c in components(glyph_bytes(glyf, loca, long, g as usize).unwrap_or_default()) {
            if (c as usize) < n && want.insert(c) {
                todo.push(c);
            }
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (n + 1));
    for g in 0..n {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        if want.contains(&(g as u16)) {
            new_glyf.extend_from_slice(glyph_bytes(glyf, loca, long, g)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    // post 3.0: the same metrics, no glyph names.
    let mut post = get(b"post")
        .and_then(|p| p.get(..32))
        .map_or_else(|| vec![0u8; 32], <[u8]>::to_vec);
    post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"loca", new_loca),
        (*b"post", post),
    ];
    for t in KEEP {
        if let Some(d) = get(t) {
            out_tables.push((*t, d.to_vec()));
        }
    }
    out_tables.sort_by_key(|t| t.0);
    Some(assemble(out_tables))
}

/// Writes the sfnt: offset table, table records, tables (4-byte aligned),
/// checksums and `head.checkSumAdjustment`.
fn assemble(tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    let n = tables.len() as u16;
    let mut pow = 1u16;
    let mut log = 0u16;
    while pow * 2 <= n {
        pow *= 2;
        log += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [n, pow * 16, log, n * 16 - pow * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, d) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(d).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(d.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += d.len().div_ceil(4) * 4;
    }
    for (_, d) in &tables {
        out.extend_from_slice(d);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    if let Some(h) = head_at {
        let adj = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adj.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_of_the_system_font_keeps_used_outlines_only() {
        let face = locate();
        if !juesuan_testkit::available("中文 TrueType 字体", face.is_some()) {
            return;
        }
        let Some(face) = face else { return };
        let data = std::fs::read(&face.path).expect("the located font reads");
        let font = subset(&data, face.index, "部门决算（万元）").expect("the located font subsets");
        let tabs = tables(&font, 0).expect("parses");
        let tags: Vec<&[u8; 4]> = tabs.iter().map(|(t, _)| t).collect();
        assert!(tags.contains(&b"glyf") && tags.contains(&b"cmap"));
        assert!(!tags.contains(&b"GDEF") && !tags.contains(&b"vmtx"));
        let get = |t: &[u8; 4]| tabs.iter().find(|(tag, _)| tag == t).map(|(_, d)| *d);
        let cmap = Cmap::new(get(b"cmap").expect("cmap")).expect("unicode cmap");
        let (glyf, loca) = (get(b"glyf").expect("glyf"), get(b"loca").expect("loca"));
        let used = cmap.glyph('决').expect("决 mapped") as usize;
        assert!(!glyph_bytes(glyf, loca, true, used)
            .expect("in loca")
            .is_empty());
        let unused = cmap.glyph('龘').or(cmap.glyph('鑫'));
        if let Some(g) = unused {
            assert!(glyph_bytes(glyf, loca, true, g as usize)
                .expect("in loca")
                .is_empty());
        }
        assert!(font.len() < data.len() / 4);
        // The whole-file checksum is the magic number.
        assert_eq!(checksum(&font), 0xB1B0_AFBA);
    }

    #[test]
    fn malformed_fonts_are_refused() {
        assert!(subset(b"", 0, "字").is_none());
        assert!(subset(b"ttcf\0\x01\0\0\0\0\0\x05", 3, "字").is_none());
        assert!(subset(&[0u8; 64], 0, "字").is_none());
    }
}
