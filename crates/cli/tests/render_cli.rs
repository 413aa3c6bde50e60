//! `juesuan render`: the sample parsed to a model JSON, rendered as text,
//! HTML and workbook with `--fix` (the sample's narrative errors replaced by
//! figure-derived sentences); each output exists, reads back to the
//! sample's figures and passes `juesuan check` without an error finding.

mod common;

use common::{bin, corrected_sample as sample, Scratch};

use std::path::Path;
use std::process::Command;

/// `juesuan export FILE --format csv` as a sorted list of `table,row,column,value`.
fn figures(file: &Path) -> Vec<String> {
    let out = bin()
        .arg("export")
        .arg(file)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success(), "export {}", file.display());
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut rows: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.splitn(5, ',').take(4).collect::<Vec<_>>().join(","))
        .collect();
    rows.sort();
    rows
}

/// The error rules of a rendered report's findings, without the
/// `【待填写：…】` placeholders the draft leaves for the preparer (glossary
/// explanations of 科目 the sample's glossary lacks).
fn own_errors(findings: &[serde_json::Value]) -> Vec<&str> {
    findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .filter(|f| {
            !(f["rule"] == "text.placeholders"
                && f["message"].as_str().is_some_and(|m| m.contains("待填写")))
        })
        .map(|f| f["rule"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn render_txt_html_xlsx_and_check_each() {
    let dir = Scratch::new("formats");
    let parsed = bin()
        .arg("parse")
        .arg(sample())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(parsed.status.success());
    let model = dir.0.join("model.json");
    std::fs::write(&model, &parsed.stdout).unwrap();
    let expected = figures(&sample());
    assert_eq!(expected.len(), 492);
    for format in ["txt", "html", "xlsx"] {
        let out = dir.0.join(format!("rendered.{format}"));
        let r = bin()
            .args(["render", "--fix", "--from"])
            .arg(&model)
            .args(["--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            r.status.code(),
            Some(0),
            "render {format}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        let len = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "{format}: {len} bytes");
        // Reads back: the same filled cells, address and value.
        assert_eq!(figures(&out), expected, "{format}: figures read back");
        let c = bin()
            .arg("check")
            .arg(&out)
            .args(["--format", "json"])
            .output()
            .unwrap();
        // The drafted narrative and the tables agree: the only errors are
        // the draft's 【待填写：…】 glossary placeholders (exit 1 for them).
        assert_eq!(
            c.status.code(),
            Some(1),
            "check {format}: {}",
            String::from_utf8_lossy(&c.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
        assert_eq!(v["files"][0]["profile"], "central");
        let findings = v["files"][0]["findings"].as_array().unwrap();
        assert!(own_errors(findings).is_empty(), "{format}");
    }
}

#[test]
fn render_from_the_source_itself_and_bad_inputs() {
    let dir = Scratch::new("inputs");
    // Any input the reader understands serves as --from.
    let out = dir.0.join("direct.txt");
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .args(["--format", "txt", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    assert_eq!(figures(&out), figures(&sample()));
    // A missing input and a malformed texts file exit 2 naming the file.
    let missing = dir.0.join("missing.json");
    let r = bin()
        .args(["render", "--from"])
        .arg(&missing)
        .args(["--format", "html", "-o"])
        .arg(dir.0.join("x.html"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("missing.json"));
    let texts = dir.0.join("texts.toml");
    std::fs::write(&texts, "date = [").unwrap();
    let r = bin()
        .args(["render", "--from"])
        .arg(sample())
        .arg("--texts")
        .arg(&texts)
        .args(["--format", "txt", "-o"])
        .arg(dir.0.join("y.txt"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("texts.toml"));
}

/// `--format pdf` writes a PDF with the built-in engine by default (no
/// browser needed) that `juesuan check` reads without an error finding;
/// `--pdf-engine` accepts only the two engines.
#[test]
fn render_pdf_native_by_default() {
    let font = juesuan_render::font::locate().is_some();
    if !(juesuan_testkit::available("中文 TrueType 字体", font)
        & juesuan_testkit::tool("pdftotext"))
    {
        return;
    }
    let dir = Scratch::new("pdf");
    let out = dir.0.join("rendered.pdf");
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .args(["--format", "pdf", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "render pdf: {}",
        String::from_utf8_lossy(&r.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let c = bin()
        .arg("check")
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        c.status.code(),
        Some(1),
        "check pdf: {}",
        String::from_utf8_lossy(&c.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert!(own_errors(findings).is_empty());
    let r = bin()
        .args(["render", "--from"])
        .arg(sample())
        .args(["--format", "pdf", "--pdf-engine", "typst", "-o"])
        .arg(dir.0.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
}

/// `--font` embeds the named face (a 宋体-style one here, when installed)
/// and a font that cannot be used is an input error naming the file.
#[test]
fn render_pdf_with_a_chosen_font() {
    let dir = Scratch::new("font");
    let missing = dir.0.join("simsun.ttc");
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .args(["--format", "pdf", "--font"])
        .arg(&missing)
        .arg("-o")
        .arg(dir.0.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("simsun.ttc：无法读取"));
    // A file that is no TrueType font.
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .args(["--format", "pdf", "--font"])
        .arg(sample())
        .arg("-o")
        .arg(dir.0.join("x.pdf"))
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("不是 TrueType 字体"));
    // The default is the 宋体-style AR PL UMing; the 黑体-like WenQuanYi
    // Zen Hei is one flag away.
    let wqy = Path::new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    if !(juesuan_testkit::available("fonts-wqy-zenhei", wqy.is_file())
        & juesuan_testkit::tool("pdffonts"))
    {
        return;
    }
    let out = dir.0.join("wqy.pdf");
    let r = bin()
        .args(["render", "--fix", "--from"])
        .arg(sample())
        .args(["--format", "pdf", "--font"])
        .arg(format!("{}#0", wqy.display()))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let fonts = Command::new("pdffonts").arg(&out).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("WenQuanYiZenHei"), "{fonts}");
    assert!(!fonts.contains("UMing"), "{fonts}");
    assert!(fonts.contains("CID TrueType"), "{fonts}");
    // The chosen face's PDF reads back to the sample's cells.
    assert_eq!(figures(&out), figures(&sample()));
}
