//! The native PDF writer with default layout knobs prints exactly what it
//! printed before the knobs existed: a hand-built document (independent of
//! the reader and of the drafting code) gives the recorded bytes.
//!
//! The fingerprint was first recorded at commit a8903d2 (before the knobs)
//! with WenQuanYi Zen Hei, and recorded again when the 宋体-style AR PL
//! UMing became the default face (with glyph-by-glyph fallback, so one more
//! font resource per page and the font selected run by run). It holds for
//! the font `scripts/setup.sh` installs, `uming.ttc` of Debian's
//! fonts-arphic-uming 0.2.20080216.2 (face 0, 21,053,592 bytes): the
//! embedded subset and every glyph width come from that file, so another
//! font gives other bytes and the comparison cannot be made.

use juesuan_model::TableId;
use juesuan_render::document::{header_from_paths, BodyCell, Grid, GridKind};
use juesuan_render::pdf::{render, Options};
use juesuan_render::{Block, Document};
use rust_decimal::Decimal;

/// FNV-1a 64: enough to notice any changed byte.
fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in b {
        h ^= u64::from(*x);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn paths(p: &[&[&str]]) -> Vec<Vec<String>> {
    p.iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn amount(cents: i64) -> BodyCell {
    BodyCell::amount(
        Some(Decimal::new(cents, 2)),
        juesuan_render::numbers::table_amount,
    )
}

/// A document touching every block kind but charts: cover, contents,
/// headings of three levels, justified paragraphs with a placeholder, list
/// items, a 科目 table with 栏次 and wrapped names, a two-sided table, a
/// table running over a page, page breaks.
fn document() -> Document {
    let code_table = Grid {
        kind: GridKind::Statutory(TableId::T05),
        title: "一般公共预算财政拨款支出决算表".into(),
        number_label: "公开05表".into(),
        unit_line: Some("单位：万元".into()),
        department_line: Some("部门：某省测试厅".into()),
        width: 7,
        header: header_from_paths(&paths(&[
            &["科目代码"],
            &["科目名称"],
            &["合计"],
            &["基本支出", "小计"],
            &["基本支出", "人员经费"],
            &["基本支出", "公用经费"],
            &["项目支出"],
        ])),
        column_numbers: Some(
            ["栏次", "", "1", "2", "3", "4", "5"]
                .map(String::from)
                .to_vec(),
        ),
        body: vec![
            vec![
                BodyCell::label("合计").span(2),
                amount(3_359_766),
                amount(2_000_000),
                amount(1_500_000),
                amount(500_000),
                amount(1_359_766),
            ],
            vec![
                BodyCell::text("2080199"),
                BodyCell::text(
                    "其他人力资源和社会保障管理事务支出其他人力资源和社会保障管理事务支出",
                ),
                amount(3_359_766),
                amount(2_000_000),
                amount(1_500_000),
                amount(500_000),
                amount(1_359_766),
            ],
        ],
        notes: vec!["注：本表反映部门本年度一般公共预算财政拨款支出情况。".into()],
        frozen_columns: 2,
    };
    let two_sided = Grid {
        kind: GridKind::Statutory(TableId::T01),
        title: "收入支出决算总表".into(),
        number_label: "公开01表".into(),
        unit_line: Some("单位：万元".into()),
        department_line: Some("部门：某省测试厅".into()),
        width: 6,
        header: header_from_paths(&paths(&[
            &["收入", "项目"],
            &["收入", "行次"],
            &["收入", "决算数"],
            &["支出", "项目"],
            &["支出", "行次"],
            &["支出", "决算数"],
        ])),
        column_numbers: Some(
            ["栏次", "", "1", "栏次", "", "2"]
                .map(String::from)
                .to_vec(),
        ),
        body: (1..=14)
            .map(|i| {
                vec![
                    BodyCell::text(format!("收入项目{i}（含专用结余）")),
                    BodyCell::label(i.to_string()),
                    amount(i * 1_234_567),
                    BodyCell::text(format!("支出项目{}", i + 14)),
                    BodyCell::label((i + 14).to_string()),
                    BodyCell::amount(None, juesuan_render::numbers::table_amount),
                ]
            })
            .collect(),
        notes: vec!["注：本表反映部门本年度的总收支和年末结转结余情况。".into()],
        frozen_columns: 0,
    };
    let long = Grid {
        kind: GridKind::Statutory(TableId::T03),
        title: "支出决算表".into(),
        number_label: "公开03表".into(),
        unit_line: Some("单位：万元".into()),
        department_line: None,
        width: 3,
        header: header_from_paths(&paths(&[&["科目代码"], &["科目名称"], &["合计"]])),
        column_numbers: None,
        body: (0..90)
            .map(|i| {
                vec![
                    BodyCell::text(format!("2080{i:03}")),
                    BodyCell::text(format!("第{i}项支出，名称较长以便在单元格内折行显示的科目")),
                    amount(1_234_567 + i),
                ]
            })
            .collect(),
        notes: vec!["注：本表反映部门本年度各项支出情况。".into()],
        frozen_columns: 2,
    };
    Document {
        department: "某省测试厅".into(),
        year: 2024,
        date: Some("2025 年 8 月 25 日".into()),
        blocks: vec![
            Block::Cover {
                year_line: "2024 年度".into(),
                title: "某省测试厅部门决算".into(),
                date: Some("2025 年 8 月 25 日".into()),
            },
            Block::PageBreak,
            Block::Toc(vec![
                (1, "第一部分 部门概况".into()),
                (2, "一、部门职责".into()),
                (1, "第二部分 2024 年度部门决算表".into()),
            ]),
            Block::PageBreak,
            Block::Heading {
                level: 1,
                text: "第一部分 部门概况".into(),
            },
            Block::Heading {
                level: 2,
                text: "一、部门职责".into(),
            },
            Block::Paragraph(
                "（一）负责测试工作。2024 年度收入合计 33,597.66 万元，比上年增加 1,234.56 万元，增长 3.8%。主要原因是【待填写：增减原因】，以及其他需要说明的事项较多，段落折行两端对齐。"
                    .into(),
            ),
            Block::ListItem("1. 某省测试厅（本级）".into()),
            Block::Heading {
                level: 3,
                text: "（一）测试".into(),
            },
            Block::PageBreak,
            Block::Heading {
                level: 1,
                text: "第二部分 2024 年度部门决算表".into(),
            },
            Block::Heading {
                level: 2,
                text: "一、收入支出决算总表".into(),
            },
            Block::Table(two_sided),
            Block::PageBreak,
            Block::Heading {
                level: 2,
                text: "五、一般公共预算财政拨款支出决算表".into(),
            },
            Block::Table(code_table),
            Block::Table(long),
        ],
    }
}

/// The recorded fingerprint: (length, FNV-1a 64) of the PDF.
const GOLDEN: (usize, u64) = (148_535, 0x8ab6_5de1_1fb7_da96);
/// The font it was recorded with: (length, FNV-1a 64) of the file.
const FONT: (usize, u64) = (21_053_592, 0x4d0f_927e_b1e2_b556);

#[test]
fn default_knobs_print_the_recorded_bytes() {
    let Some(face) = juesuan_render::font::locate() else {
        println!("跳过：未安装中文 TrueType 字体");
        return;
    };
    let font = std::fs::read(&face.path).expect("font file reads");
    assert_eq!(
        (font.len(), fnv(&font)),
        FONT,
        "字体 {} 不是记录指纹时的 uming.ttc（fonts-arphic-uming 0.2.20080216.2），无法逐字节比较；请用 scripts/setup.sh 安装",
        face.path.display()
    );
    let pdf = render(&document(), &Options::default()).expect("pdf");
    println!("FP {} {:#018x}", pdf.len(), fnv(&pdf));
    assert_eq!((pdf.len(), fnv(&pdf)), GOLDEN);
}
