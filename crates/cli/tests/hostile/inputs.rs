//! The hostile inputs of issue 12, generated here (nothing is committed as
//! a blob): each is small, and each once crashed the process, exhausted
//! its memory or made it work for minutes.

use flate2::{Compress, Compression, FlushCompress};
use rust_xlsxwriter::Workbook;

pub const SAMPLE: &str = include_str!("../../../../tests/data/jilin-hrss-2024-final-accounts.txt");

/// An .xlsx with one cell at A1 and one at `(row, col)` (0-based).
pub fn sparse_xlsx(row: u32, col: u16) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let written = sheet
        .write_string(0, 0, "收入支出决算总表")
        .and_then(|s| s.write_string(row, col, "远处"))
        .map(|_| ());
    assert!(written.is_ok(), "{written:?}");
    book.save_to_buffer()
        .unwrap_or_else(|e| panic!("xlsx: {e}"))
}

/// A compound file (.xls container) whose directory chain loops on
/// itself: sector 0 is the allocation table, sector 1 the directory, and
/// the table says sector 1 is followed by sector 1.
pub fn looping_xls() -> Vec<u8> {
    let mut f = vec![0u8; 512];
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put16(&mut f, 24, 0x3E); // minor version
    put16(&mut f, 26, 3); // major version
    put16(&mut f, 28, 0xFFFE); // byte order
    put16(&mut f, 30, 9); // 512-byte sectors
    put16(&mut f, 32, 6); // 64-byte mini sectors
    put32(&mut f, 44, 1); // one FAT sector
    put32(&mut f, 48, 1); // directory starts at sector 1
    put32(&mut f, 56, 4096); // mini stream cutoff
    put32(&mut f, 60, 0xFFFF_FFFE); // no mini FAT
    put32(&mut f, 68, 0xFFFF_FFFE); // no DIFAT sectors
    for i in 0..109 {
        put32(&mut f, 76 + 4 * i, if i == 0 { 0 } else { 0xFFFF_FFFF });
    }
    let mut fat = vec![0xFFu8; 512];
    put32(&mut fat, 0, 0xFFFF_FFFD); // sector 0 is a FAT sector
    put32(&mut fat, 4, 1); // sector 1 → sector 1: the loop
    let mut dir = vec![0u8; 512];
    for (i, u) in "Root Entry".encode_utf16().enumerate() {
        put16(&mut dir, 2 * i, u);
    }
    put16(&mut dir, 64, 22);
    dir[66] = 5; // root storage
    put32(&mut dir, 116, 0xFFFF_FFFE);
    f.extend(fat);
    f.extend(dir);
    f
}

/// The Jilin sample with every `33,608.20` (two rows of 公开01表 and more)
/// replaced by `amount`.
pub fn sample_with_amount(amount: &str) -> String {
    SAMPLE.replace("33,608.20", amount)
}

/// The Jilin sample with a narrative amount no report can mean.
pub fn sample_with_narrative_amount() -> String {
    SAMPLE.replacen(
        "本年收入合计 34951.33 万元",
        "本年收入合计 99999999999999999999999.99 亿元",
        1,
    )
}

/// 100 rows of 200 cells each spanning 1,000 columns (460 KB).
pub fn wide_html() -> String {
    let row = format!("<tr>{}</tr>", "<td colspan=1000>1</td>".repeat(200));
    format!(
        "<html><body><table>{}</table></body></html>",
        row.repeat(100)
    )
}

/// 100,000 nested `<div>` (500 KB).
pub fn deep_html() -> String {
    format!("<html><body>{}x</body></html>", "<div>".repeat(100_000))
}

/// The sample followed by 15,000 lines of 1,000 tabs.
pub fn sample_with_tabs() -> String {
    let tabs = format!("{}\n", "\t".repeat(1000));
    format!("{SAMPLE}{}", tabs.repeat(15_000))
}

/// An .xlsx whose sheet says it holds 1,000 bytes but inflates to 1 GiB
/// of zeros (1 MB on disk); the workbook parts around it are genuine.
pub fn zip_bomb() -> Vec<u8> {
    let stored = |name: &'static str, text: &str| Entry {
        name,
        method: 0,
        crc: crc32(text.as_bytes()),
        stated: text.len() as u32,
        data: text.as_bytes().to_vec(),
    };
    let entries = [
        stored(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        stored(
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        stored(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        Entry {
            name: "xl/worksheets/sheet1.xml",
            method: 8,
            crc: 0,
            stated: 1000,
            data: deflated_zeros(1024),
        },
    ];
    let mut z = Vec::new();
    let mut offsets = Vec::new();
    for e in &entries {
        offsets.push(z.len() as u32);
        e.header(&mut z, false);
        z.extend_from_slice(&e.data);
    }
    let cd = z.len() as u32;
    for (e, offset) in entries.iter().zip(offsets) {
        e.header(&mut z, true);
        put32v(&mut z, offset);
        z.extend_from_slice(e.name.as_bytes());
    }
    let cd_len = z.len() as u32 - cd;
    put32v(&mut z, 0x0605_4b50);
    put32v(&mut z, 0);
    put16v(&mut z, entries.len() as u16);
    put16v(&mut z, entries.len() as u16);
    put32v(&mut z, cd_len);
    put32v(&mut z, cd);
    put16v(&mut z, 0);
    z
}

/// One ZIP entry, written by hand so that its stated size can lie.
struct Entry {
    name: &'static str,
    method: u16,
    crc: u32,
    stated: u32,
    data: Vec<u8>,
}

impl Entry {
    /// The local header (with the name) or the central one (without the
    /// name and offset, which the caller appends).
    fn header(&self, z: &mut Vec<u8>, central: bool) {
        put32v(z, if central { 0x0201_4b50 } else { 0x0403_4b50 });
        if central {
            put16v(z, 20); // made by
        }
        put16v(z, 20); // needed
        put16v(z, 0); // flags
        put16v(z, self.method);
        put32v(z, 0); // time, date
        put32v(z, self.crc);
        put32v(z, self.data.len() as u32);
        put32v(z, self.stated);
        put16v(z, self.name.len() as u16);
        put16v(z, 0); // extra
        if central {
            z.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
            put32v(z, 0); // external attributes
        } else {
            z.extend_from_slice(self.name.as_bytes());
        }
    }
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = flate2::Crc::new();
    c.update(data);
    c.sum()
}

/// A raw deflate stream of `mib` MiB of zeros, made of one fully flushed
/// block (it refers to nothing before it) repeated, then a final block.
fn deflated_zeros(mib: usize) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(1 << 16);
    let ok = c.compress_vec(&zeros, &mut block, FlushCompress::Full);
    assert!(ok.is_ok() && c.total_in() == 1 << 20, "{ok:?}");
    let mut end = Vec::with_capacity(64);
    let ok = c.compress_vec(&[], &mut end, FlushCompress::Finish);
    assert!(ok.is_ok(), "{ok:?}");
    let mut out = block.repeat(mib);
    out.extend(end);
    out
}

/// A one-page PDF whose content stream makes poppler print a syntax
/// warning 20,000 times (about 900 KB on stderr).
pub fn chatty_pdf() -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 700 Td (hello) Tj ET\n".to_vec();
    content.extend(b"q 1 0 0 1 0 0 cm xyz Q\n".repeat(20_000));
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
        stream(&content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ])
}

/// A PDF of `pages` pages that all show the same grey image and no text:
/// a "scan" that would cost a second of OCR per page.
pub fn one_image_pdf(pages: usize) -> Vec<u8> {
    let side = 100;
    let pixels: Vec<u8> = (0..side * side)
        .map(|i| if i % 7 == 0 { 0 } else { 255 })
        .collect();
    let mut image = format!(
        "<< /Type /XObject /Subtype /Image /Width {side} /Height {side} \
         /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>\nstream\n",
        pixels.len()
    )
    .into_bytes();
    image.extend(pixels);
    image.extend(b"\nendstream");
    let draw = stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q");
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
        image,
        draw,
    ];
    for _ in 0..pages {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
               /Resources << /XObject << /Im1 3 0 R >> >> >>"
                .to_vec(),
        );
    }
    pdf(&objects)
}

/// The sample without the body's heading of the tables part (the table of
/// contents keeps it).
pub fn sample_without_tables_heading() -> String {
    let mut seen = 0;
    SAMPLE
        .lines()
        .filter(|l| {
            if l.starts_with("第二部分") {
                seen += 1;
                return seen != 2;
            }
            true
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

fn stream(content: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    s.extend_from_slice(content);
    s.extend(b"\nendstream");
    s
}

/// A PDF file from numbered objects (1, 2 …; 1 is the catalog).
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend_from_slice(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn put16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn put16v(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put32v(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}
