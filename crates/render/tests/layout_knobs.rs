//! What the native writer's geometric layout knobs do to a table, seen in
//! the text runs of its pages: narrow name columns wrap 科目名称 and header
//! words, vertical alignment puts a row's amounts on the first, middle or
//! last line of a wrapped name, and amounts too wide for their columns
//! shrink the table's type instead of running into each other.

use juesuan_model::TableId;
use juesuan_render::document::{header_from_paths, BodyCell, Grid, GridKind};
use juesuan_render::numbers::table_amount;
use juesuan_render::pdf::layout::{Layout, VAlign, Widths};
use juesuan_render::pdf::native::{page::Run, pages};
use juesuan_render::{Block, Document};
use rust_decimal::Decimal;

fn amount(cents: i64) -> BodyCell {
    BodyCell::amount(Some(Decimal::new(cents, 2)), table_amount)
}

fn doc(paths: &[&[&str]], body: Vec<Vec<BodyCell>>) -> Document {
    let paths: Vec<Vec<String>> = paths
        .iter()
        .map(|p| p.iter().map(|s| s.to_string()).collect())
        .collect();
    let grid = Grid {
        kind: GridKind::Statutory(TableId::T05),
        title: "一般公共预算财政拨款支出决算表".into(),
        number_label: "公开05表".into(),
        unit_line: Some("单位：万元".into()),
        department_line: Some("部门：某省测试厅".into()),
        width: paths.len(),
        header: header_from_paths(&paths),
        column_numbers: None,
        body,
        notes: Vec::new(),
        frozen_columns: 2,
    };
    Document {
        department: "某省测试厅".into(),
        year: 2024,
        date: None,
        blocks: vec![Block::Table(grid)],
    }
}

/// A 科目 row with a 16-character name and two amounts.
fn wrapped_row() -> Document {
    doc(
        &[&["科目代码"], &["科目名称"], &["合计"], &["项目支出"]],
        vec![vec![
            BodyCell::text("2080505"),
            BodyCell::text("机关事业单位基本养老保险缴费支出"),
            amount(12_345),
            amount(678),
        ]],
    )
}

fn runs(d: &Document, layout: &Layout) -> Option<Vec<Run>> {
    juesuan_render::font::locate()?;
    Some(pages(d, layout).expect("lays out").concat())
}

fn top_of(runs: &[Run], text: &str) -> f32 {
    runs.iter()
        .find(|r| r.text == text)
        .unwrap_or_else(|| {
            panic!(
                "no run “{text}” in {:?}",
                runs.iter().map(|r| &r.text).collect::<Vec<_>>()
            )
        })
        .top
}

#[test]
fn official_widths_keep_a_long_name_on_one_line() {
    let Some(runs) = runs(&wrapped_row(), &Layout::default()) else {
        println!("跳过：未安装中文 TrueType 字体");
        return;
    };
    assert_eq!(
        top_of(&runs, "机关事业单位基本养老保险缴费支出"),
        top_of(&runs, "123.45")
    );
}

#[test]
fn narrow_names_wrap_and_rows_align_their_amounts() {
    let narrow = |valign| Layout {
        widths: Widths::Narrow { name: 45.0 },
        valign,
        ..Layout::default()
    };
    let Some(middle) = runs(&wrapped_row(), &narrow(VAlign::Middle)) else {
        println!("跳过：未安装中文 TrueType 字体");
        return;
    };
    // Six 7.5-point characters fit in 45 points: three lines.
    let lines = ["机关事业单位", "基本养老保险", "缴费支出"].map(|l| top_of(&middle, l));
    assert!((lines[1] - lines[0] - 9.75).abs() < 0.01, "{lines:?}");
    assert!((lines[2] - lines[1] - 9.75).abs() < 0.01, "{lines:?}");
    for (valign, line) in [(VAlign::Top, 0), (VAlign::Middle, 1), (VAlign::Bottom, 2)] {
        let runs = runs(&wrapped_row(), &narrow(valign)).expect("font");
        for t in ["2080505", "123.45", "6.78"] {
            assert_eq!(top_of(&runs, t), lines[line], "{t} {valign:?}");
        }
    }
    // The figure column is as wide as its widest amount but at least three
    // characters: 项目支出 wraps over two lines, 合计 stays whole.
    assert!(top_of(&middle, "出") > top_of(&middle, "项目支"));
    assert!(middle.iter().any(|r| r.text == "合计"));
}

#[test]
fn amounts_too_wide_for_their_columns_shrink_the_type() {
    let mut paths: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    for i in 0..12 {
        paths.push(vec![format!("第{i}栏")]);
        row.push(amount(33_597_660_000 + i));
    }
    let refs: Vec<Vec<&str>> = paths
        .iter()
        .map(|p| p.iter().map(String::as_str).collect())
        .collect();
    let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let d = doc(&refs, vec![row]);
    let Some(runs) = runs(&d, &Layout::default()) else {
        println!("跳过：未安装中文 TrueType 字体");
        return;
    };
    let mut amounts: Vec<&Run> = runs
        .iter()
        .filter(|r| r.text.starts_with("335,976,600"))
        .collect();
    assert_eq!(amounts.len(), 12);
    amounts.sort_by(|a, b| a.x.total_cmp(&b.x));
    for w in amounts.windows(2) {
        // Each amount ends before the next column's amount begins, with the
        // two cells' padding (2 points each) between them.
        assert!(
            w[0].x + w[0].width + 4.0 <= w[1].x + 0.01,
            "{:?} runs into {:?}",
            w[0],
            w[1]
        );
    }
}
