//! The native PDF prints every character: one the chosen face lacks comes
//! glyph by glyph from another installed CJK face, embedded as a second
//! CID TrueType subset, and the text layer reads back whole. AR PL UMing CN
//! (the 宋体-style default) has no glyphs for CJK Extension A (`㐀`, `䶮`,
//! found in personal and place names); WenQuanYi Zen Hei has them. Skips
//! when either font or poppler is missing (fails instead under
//! `JUESUAN_REQUIRE_TOOLS=1`).

use juesuan_render::font::FaceFile;
use juesuan_render::pdf::{render, Options};
use juesuan_render::{Block, Document};
use std::path::PathBuf;
use std::process::Command;

fn uming_cn() -> Option<FaceFile> {
    let path = PathBuf::from("/usr/share/fonts/truetype/arphic/uming.ttc");
    let wqy = std::path::Path::new("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    let installed = path.is_file() && wqy.is_file();
    juesuan_testkit::available("fonts-arphic-uming 与 fonts-wqy-zenhei", installed).then(|| {
        FaceFile {
            path,
            index: 0,
            family: "AR PL UMing CN".to_string(),
        }
    })
}

#[test]
fn a_name_in_extension_a_prints_from_a_fallback_face() {
    let Some(face) = uming_cn() else {
        return;
    };
    if !juesuan_testkit::tools(&["pdffonts", "pdftotext"]) {
        return;
    }
    let text = "实施单位：某某县㐀口镇人民政府，参加人数≥280 万人。";
    let doc = Document {
        department: "某县测试局".into(),
        year: 2024,
        date: None,
        blocks: vec![
            Block::Heading {
                level: 2,
                text: "一、部门主要职责".into(),
            },
            Block::Paragraph(text.into()),
        ],
    };
    let options = Options {
        font: Some(face),
        ..Options::default()
    };
    let pdf = render(&doc, &options).expect("pdf");
    let dir = std::env::temp_dir().join(format!("juesuan-font-fallback-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let file = dir.join("fallback.pdf");
    std::fs::write(&file, &pdf).expect("pdf written");
    let fonts = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    println!("{fonts}");
    let cid: Vec<&str> = fonts
        .lines()
        .filter(|l| l.contains("CID TrueType"))
        .collect();
    assert_eq!(cid.len(), 2, "{fonts}");
    assert!(
        cid[0].contains("ARPLUMingCN") && cid[1].contains("WenQuanYiZenHei"),
        "{fonts}"
    );
    let back = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let back: String = String::from_utf8_lossy(&back.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(back.contains(&want), "{back}");
    let _ = std::fs::remove_dir_all(&dir);
}
