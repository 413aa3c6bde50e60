//! Scanned PDFs: the 财政局 report's table pages are rasterised at 300 dpi
//! (`pdftoppm -gray`) and wrapped into an image-only PDF (`img2pdf`) here,
//! then read back through OCR and compared cell by cell with the verified
//! text-layer reading of the same report (tests/shanghai_pdfs.rs).
//!
//! Skipped, with a message, when pdftoppm, img2pdf or tesseract (with
//! chi_sim) is not installed (`scripts/setup.sh` installs them); fails
//! instead under `JUESUAN_REQUIRE_TOOLS=1`.

use juesuan_audit::{audit, Rulebook, Severity};
use juesuan_model::{CellAddr, Report};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The table pages rasterised (the tables T01–T09 run over pages 6–20).
const FIRST: u32 = 6;
const LAST: u32 = 20;

fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf")
}

/// Whether the tools are installed (see [`juesuan_testkit`]: absent tools
/// skip the test, or fail it where tools are required).
fn tools_present() -> bool {
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

/// Rasterises pages `first..=last` of `pdf` into an image-only PDF.
fn scan(pdf: &Path, first: u32, last: u32, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("ocr-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let st = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-png"])
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg(dir.join("p"))
        .status()
        .unwrap();
    assert!(st.success());
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pngs.sort();
    let out = dir.join(format!("{name}.pdf"));
    let st = Command::new("img2pdf")
        .args(&pngs)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success());
    out
}

fn value_of(r: &Report, addr: &str) -> Option<String> {
    let a = CellAddr::parse(addr)?;
    r.cell(&a).and_then(|(_, c)| c.value).map(|v| v.to_string())
}

#[test]
fn scanned_tables_read_back_through_ocr() {
    if !tools_present() {
        return;
    }
    let truth = juesuan_read::read_path(&sample()).unwrap();
    let scanned = scan(&sample(), FIRST, LAST, "finance-bureau");
    let pages = LAST - FIRST + 1;
    let started = Instant::now();
    let ocr = juesuan_read::read_path(&scanned).unwrap_or_else(|e| panic!("{e}"));
    let secs = started.elapsed().as_secs_f64();
    println!(
        "OCR: {pages} pages in {secs:.1} s = {:.2} pages/s (debug build, 2 workers)",
        pages as f64 / secs
    );

    // Every table cell of the text-layer reading, compared with the scan.
    let mut total = 0usize;
    let mut wrong: Vec<(String, Option<String>, String)> = Vec::new();
    for (addr, _, cell) in truth.numeric_cells() {
        let Some(v) = cell.value else { continue };
        total += 1;
        let a = addr.to_string();
        let got = value_of(&ocr, &a);
        if got.as_deref() != Some(v.to_string().as_str()) {
            wrong.push((a, got, v.to_string()));
        }
    }
    // Figures the scan invented where the text has none count as wrong too.
    for (addr, _, cell) in ocr.numeric_cells() {
        if cell.value.is_some() && value_of(&truth, &addr.to_string()).is_none() {
            total += 1;
            wrong.push((
                addr.to_string(),
                cell.value.map(|v| v.to_string()),
                "空".into(),
            ));
        }
    }
    let exact = total - wrong.len();
    let ratio = exact as f64 / total as f64;
    println!("OCR cells exact: {exact}/{total} = {:.2} %", ratio * 100.0);
    for (a, got, want) in &wrong {
        println!("  wrong: {a}: read {got:?}, printed {want}");
    }
    assert!(total > 150, "only {total} cells compared");
    assert!(
        ratio >= 0.99,
        "OCR accuracy {:.2} % below 99 %",
        ratio * 100.0
    );

    // Every value read by OCR carries its confidence.
    for (addr, _, cell) in ocr.numeric_cells() {
        let c = cell.span.confidence;
        assert!(c.is_some_and(|c| c <= 100), "{addr} has no OCR confidence");
    }

    // The audit names every wrong cell in a 请核对识别结果 warning, and no
    // error finding rests on a misread cell.
    let book = Rulebook::builtin().unwrap();
    let mut result = audit(&ocr, &book);
    // Downgrades errors a plausible misreading explains (idempotent, so
    // this holds whether or not `audit` already applies it).
    juesuan_audit::checks::ocr::review(&ocr, &mut result.findings);
    let review: Vec<_> = result
        .findings
        .iter()
        .filter(|f| f.message.contains("请核对识别结果"))
        .collect();
    for f in &review {
        println!("  {:?} {}", f.severity, f.message);
    }
    for (a, _, want) in &wrong {
        assert!(
            review
                .iter()
                .any(|f| f.severity == Severity::Warning && f.message.contains(a.as_str())),
            "misread {a} (printed {want}) is not named by a 请核对识别结果 warning"
        );
    }
    for f in result
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        for c in &f.cells {
            let Some(addr) = CellAddr::parse(&c.addr) else {
                continue;
            };
            let got = ocr.cell(&addr).and_then(|(_, c)| c.value);
            let want = truth.cell(&addr).and_then(|(_, c)| c.value);
            assert_eq!(
                got, want,
                "error finding {} rests on misread cell {}: {}",
                f.rule, c.addr, f.message
            );
        }
    }

    // Misreadings OCR makes, put into the scan's reading: a lost decimal
    // point and a 5↔6 swap. Each is named with its candidate in a warning,
    // and no error finding rests on either.
    let mut bad = ocr.clone();
    let mut injected: Vec<(String, String)> = Vec::new();
    let pick = |r: &Report, t: &str, f: &dyn Fn(&str) -> bool| {
        r.numeric_cells()
            .into_iter()
            .find(|(a, _, c)| a.table.to_string() == t && f(&c.raw) && c.span.confidence.is_some())
            .map(|(a, _, c)| (a, c.raw.clone()))
    };
    let (a1, raw1) = pick(&bad, "T05", &|raw| raw.contains('.') && raw.len() >= 6).unwrap();
    let (a2, raw2) = pick(&bad, "T02", &|raw| {
        raw.split('.').next().is_some_and(|i| i.contains('5'))
    })
    .unwrap();
    for (addr, raw, misread) in [
        (&a1, &raw1, raw1.replace(['.', ','], "")),
        (&a2, &raw2, raw2.replacen('5', "6", 1)),
    ] {
        let table = bad.tables.get_mut(&addr.table).unwrap();
        let cell = table
            .rows
            .iter_mut()
            .filter(|r| r.key == addr.row)
            .find_map(|r| r.cells.iter_mut().find(|c| c.column == addr.column))
            .unwrap();
        cell.value = juesuan_model::amount::parse_amount(&misread);
        cell.raw = misread.clone();
        println!("injected {addr}: {raw} → {misread}");
        injected.push((addr.to_string(), raw.clone()));
    }
    let mut result = audit(&bad, &book);
    juesuan_audit::checks::ocr::review(&bad, &mut result.findings);
    for (addr, raw) in &injected {
        let want = juesuan_model::amount::parse_amount(raw).unwrap();
        let named = result.findings.iter().any(|f| {
            f.rule == "ocr.review"
                && f.severity == Severity::Warning
                && f.message.contains(addr.as_str())
                && f.expected
                    .as_deref()
                    .and_then(juesuan_model::amount::parse_amount)
                    == Some(want)
        });
        assert!(
            named,
            "injected misreading of {addr} not named with candidate {raw}"
        );
        for f in result
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            assert!(
                !f.cells.iter().any(|c| &c.addr == addr),
                "error finding {} rests on misread {addr}: {}",
                f.rule,
                f.message
            );
        }
    }
    let downgraded = result
        .findings
        .iter()
        .filter(|f| f.rule != "ocr.review" && f.message.contains("请核对识别结果"))
        .count();
    println!("{downgraded} findings explained by the injected misreadings");
    assert!(downgraded > 0);
}

#[test]
fn blank_scan_is_a_clear_error() {
    if !tools_present() {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ocr-blank");
    std::fs::create_dir_all(&dir).unwrap();
    // A white A4 page at 50 dpi as a grey PGM → PNG via pdftoppm is not
    // needed: img2pdf takes the PNG pdftoppm makes of a blank page.
    let png = dir.join("blank.png");
    std::fs::write(&png, blank_png(413, 585)).unwrap();
    let pdf = dir.join("blank.pdf");
    let st = Command::new("img2pdf")
        .arg(&png)
        .arg("-o")
        .arg(&pdf)
        .status()
        .unwrap();
    assert!(st.success());
    let err = juesuan_read::read_path(&pdf).unwrap_err();
    println!("{err}");
    assert!(err.message.contains("未读出任何文字"), "{err}");
    assert!(err.to_string().contains("blank.pdf"));
}

/// A white greyscale PNG, uncompressed (stored deflate blocks).
fn blank_png(w: u32, h: u32) -> Vec<u8> {
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0u8);
        raw.extend(std::iter::repeat_n(255u8, w as usize));
    }
    // zlib stream of stored blocks.
    let mut z = vec![0x78, 0x01];
    for (i, block) in raw.chunks(65535).enumerate() {
        let last = (i + 1) * 65535 >= raw.len();
        z.push(u8::from(last));
        z.extend((block.len() as u16).to_le_bytes());
        z.extend((!(block.len() as u16)).to_le_bytes());
        z.extend(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + u32::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}
