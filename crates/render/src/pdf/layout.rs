//! Layout knobs: the ways published reports print the same figures.
//!
//! The default prints the official look ([`crate::build`]'s document as it
//! is). Other values print what other departments' PDFs look like — names
//! wrapped in narrow columns, amounts standing on the first or last line
//! of a wrapped row, `其中：` sub-columns under their parent, amounts in 元,
//! no thousand separators, another table order, `表 1：` numbering, part
//! headings missing — so readers can be tested against all of them (the
//! layout fuzz test of `juesuan-render`). The figures never change: a
//! table printed in 元 shows exactly 10,000 times its 万元 amounts.
//!
//! [`Layout::document`] applies the knobs that change the document's words
//! (for both PDF engines and the space-separated text form); the native
//! engine reads [`Layout::widths`] and [`Layout::valign`] itself.

use crate::document::{header_from_paths, Block, Document, Grid, GridKind};
use crate::numbers::{cn_numeral, ordinal, table_amount};
use juesuan_model::TableId;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// How the tables and parts of a document are printed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Column widths of the statutory tables.
    pub widths: Widths,
    /// Where the lines of a body cell stand in a row made taller by a
    /// wrapped neighbour.
    pub valign: VAlign,
    /// Print each `其中：` sub-column (e.g. 教育收费 of 事业收入) under its
    /// parent's header as `金额` / `其中：…`, as 高等学校 reports do;
    /// otherwise it stands as a column of its own, as built.
    pub nest_of_which: bool,
    /// Print the statutory tables' amounts in 元 (`单位：元`, values × 10,000)
    /// instead of 万元.
    pub in_yuan: bool,
    /// Thousand separators in the statutory tables' amounts.
    pub separators: Separators,
    /// The printed order of the statutory tables (tables not listed follow
    /// in their built order); `None` keeps the built order.
    pub order: Option<Vec<TableId>>,
    /// How the statutory tables are numbered.
    pub numbering: Numbering,
    /// Part headings (第X部分) left out.
    pub parts: Parts,
}

/// Column widths of the statutory tables.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Widths {
    /// The HTML form's weights, filling the text area (the official look).
    #[default]
    Weights,
    /// Name columns (科目名称, 项目) `name` points wide, so long names wrap
    /// over two or three lines; code, 行次 and amount columns just as wide
    /// as their widest entry, so header words wrap too. A table wider than
    /// the text area is set in a smaller size.
    Narrow {
        /// Text width of a name column in points (7.5-point characters).
        name: f32,
    },
}

/// Vertical alignment of the body cells of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VAlign {
    /// At the top: amounts level with the first line of a wrapped name.
    Top,
    /// Centred (the official look): amounts between the lines of a name
    /// wrapped over two lines, level with the middle one of three.
    #[default]
    Middle,
    /// At the bottom: amounts level with the last line of a wrapped name.
    Bottom,
}

/// Thousand separators in table amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Separators {
    /// `33,597.66` (the official look).
    #[default]
    Thousands,
    /// `33597.66`.
    None,
}

/// How the statutory tables are numbered: the style of the number and
/// where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbering {
    /// As built (`公开01表` at the right above the table, central order).
    #[default]
    AsBuilt,
    /// The number at the right above the table, counted in printed order.
    Line(NumberStyle),
    /// The number on the title line before the title, counted in printed
    /// order (`表 1：收入支出决算总表`); no number line.
    Title(NumberStyle),
}

/// The style of a table number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `公开01表`
    Official,
    /// `表1`
    Arabic,
    /// `表一`
    Chinese,
    /// `表 1：` before a title (`表 1` on a line of its own).
    Colon,
}

impl NumberStyle {
    /// The number label of the `n`-th table (1-based), and the text before
    /// a title that carries it.
    fn label(self, n: u32) -> (String, String) {
        match self {
            NumberStyle::Official => {
                let l = format!("公开{n:02}表");
                (l.clone(), format!("{l} "))
            }
            NumberStyle::Arabic => (format!("表{n}"), format!("表{n} ")),
            NumberStyle::Chinese => {
                let l = format!("表{}", cn_numeral(n));
                (l.clone(), format!("{l} "))
            }
            NumberStyle::Colon => (format!("表 {n}"), format!("表 {n}：")),
        }
    }
}

/// Part headings left out of the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parts {
    /// The parts (1–4: 第一部分 … 第四部分) whose heading is not printed
    /// in the body.
    pub omitted: Vec<u8>,
    /// Whether the table of contents still lists the omitted parts (as in
    /// reports whose body lacks a heading only the contents has).
    pub listed_in_toc: bool,
}

impl Layout {
    /// Whether the knobs leave the document's words as built.
    fn keeps_words(&self) -> bool {
        !self.nest_of_which
            && !self.in_yuan
            && self.separators == Separators::Thousands
            && self.order.is_none()
            && self.numbering == Numbering::AsBuilt
            && self.parts.omitted.is_empty()
    }

    /// The document with the knobs that change its words applied: table
    /// order, numbering, part headings, units, separators and nested
    /// `其中：` headers. The document itself when they are all default.
    pub fn document<'d>(&self, doc: &'d Document) -> Cow<'d, Document> {
        if self.keeps_words() {
            return Cow::Borrowed(doc);
        }
        let mut doc = doc.clone();
        if let Some(order) = &self.order {
            reorder(&mut doc.blocks, order);
        }
        omit_parts(&mut doc.blocks, &self.parts);
        let mut n = 0;
        for b in &mut doc.blocks {
            let Block::Table(g) = b else { continue };
            let GridKind::Statutory(id) = g.kind else {
                continue;
            };
            n += 1;
            if self.nest_of_which {
                nest_of_which(g, id);
            }
            if self.in_yuan || self.separators != Separators::Thousands {
                reprint_amounts(g, self.in_yuan, self.separators);
            }
            match self.numbering {
                Numbering::AsBuilt => {}
                Numbering::Line(style) => g.number_label = style.label(n).0,
                Numbering::Title(style) => {
                    g.title = format!("{}{}", style.label(n).1, g.title);
                    g.number_label.clear();
                }
            }
        }
        Cow::Owned(doc)
    }
}

/// The label path of every slot of a header matrix, top to bottom.
fn header_paths(g: &Grid) -> Vec<Vec<String>> {
    let mut paths = vec![Vec::new(); g.width];
    for row in &g.header {
        for (c, cell) in row.iter().enumerate() {
            let Some(h) = cell else { continue };
            for p in paths.iter_mut().skip(c).take(h.colspan.max(1)) {
                p.push(h.text.clone());
            }
        }
    }
    paths
}

/// Puts each `其中：` sub-column under its parent: the parent's header
/// becomes a group over `金额` and `其中：<name>` (the sub-column must
/// follow its parent, as the profiles lay them out).
fn nest_of_which(g: &mut Grid, id: TableId) {
    let mut paths = header_paths(g);
    let mut changed = false;
    for c in 1..paths.len() {
        let Some(leaf) = paths[c].last().cloned() else {
            continue;
        };
        let Some(parent) = juesuan_model::canonical::of_which(id, &leaf) else {
            continue;
        };
        if paths[c - 1].last().map(String::as_str) != Some(parent) {
            continue;
        }
        paths[c - 1].push("金额".into());
        paths[c].pop();
        paths[c].push(parent.to_string());
        paths[c].push(format!("其中：{leaf}"));
        changed = true;
    }
    if changed {
        g.header = header_from_paths(&paths);
    }
}

/// Prints a statutory table's amounts again: in 元 (× 10,000, exact) when
/// the table is in 万元 and `in_yuan`, with or without separators.
fn reprint_amounts(g: &mut Grid, in_yuan: bool, separators: Separators) {
    let convert = in_yuan && g.unit_line.as_deref() == Some("单位：万元");
    if convert {
        g.unit_line = Some("单位：元".into());
    }
    let format = |v: Decimal| match separators {
        Separators::Thousands => table_amount(v),
        Separators::None => v.to_string(),
    };
    for cell in g.body.iter_mut().flatten() {
        let Some(v) = cell.value else { continue };
        let v = if convert {
            v * Decimal::from(10_000)
        } else {
            v
        };
        cell.value = Some(v);
        cell.text = format(v);
    }
}

/// A heading's text without its `一、` ordinal.
fn without_ordinal(text: &str) -> &str {
    match text.split_once('、') {
        Some((n, rest))
            if !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)) =>
        {
            rest
        }
        _ => text,
    }
}

/// Reorders the statutory tables — each with its heading before and its
/// page break after — and numbers their headings and the matching entries
/// of the table of contents again in the new order. Tables that do not
/// stand together (nothing else between them) keep their places.
fn reorder(blocks: &mut Vec<Block>, order: &[TableId]) {
    // (start, end, id) of every table's unit of blocks.
    let mut units: Vec<(usize, usize, TableId)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Table(Grid {
            kind: GridKind::Statutory(id),
            ..
        }) = b
        else {
            continue;
        };
        let start = match i.checked_sub(1).map(|p| &blocks[p]) {
            Some(Block::Heading { level: 2, .. }) => i - 1,
            _ => i,
        };
        let end = match blocks.get(i + 1) {
            Some(Block::PageBreak) => i + 2,
            _ => i + 1,
        };
        units.push((start, end, *id));
    }
    let (Some(first), Some(last)) = (units.first(), units.last()) else {
        return;
    };
    let (from, to) = (first.0, last.1);
    if units.windows(2).any(|w| w[0].1 != w[1].0) {
        return;
    }
    let rank = |id: TableId| order.iter().position(|o| *o == id).unwrap_or(order.len());
    let mut sorted = units.clone();
    sorted.sort_by_key(|u| rank(u.2));
    let old_headings: Vec<String> = units
        .iter()
        .filter_map(|u| match &blocks[u.0] {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let mut region: Vec<Block> = Vec::with_capacity(to - from);
    let mut new_headings = Vec::new();
    for (k, (start, end, _)) in sorted.iter().enumerate() {
        for b in &blocks[*start..*end] {
            let mut b = b.clone();
            if let Block::Heading { level: 2, text } = &mut b {
                *text = format!("{}{}", ordinal(k as u32 + 1), without_ordinal(text));
                new_headings.push(text.clone());
            }
            region.push(b);
        }
    }
    blocks.splice(from..to, region);
    // The contents list the tables by their headings: the same places, the
    // new order.
    if new_headings.len() != old_headings.len() {
        return;
    }
    for b in blocks.iter_mut() {
        let Block::Toc(entries) = b else { continue };
        let places: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, (level, t))| *level == 2 && old_headings.contains(t))
            .map(|(i, _)| i)
            .collect();
        if places.len() == new_headings.len() {
            for (p, t) in places.into_iter().zip(&new_headings) {
                entries[p].1 = t.clone();
            }
        }
    }
}

/// Drops the headings of the omitted parts from the body and, unless they
/// stay listed, from the table of contents.
fn omit_parts(blocks: &mut Vec<Block>, parts: &Parts) {
    if parts.omitted.is_empty() {
        return;
    }
    let prefixes: Vec<String> = parts
        .omitted
        .iter()
        .map(|n| format!("第{}部分", cn_numeral(u32::from(*n))))
        .collect();
    let omitted = |t: &str| prefixes.iter().any(|p| t.starts_with(p.as_str()));
    blocks.retain(|b| !matches!(b, Block::Heading { level: 1, text } if omitted(text)));
    if !parts.listed_in_toc {
        for b in blocks.iter_mut() {
            if let Block::Toc(entries) = b {
                entries.retain(|(level, t)| !(*level == 1 && omitted(t)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BodyCell;

    fn grid(id: TableId, paths: &[&[&str]], values: &[i64]) -> Grid {
        let paths: Vec<Vec<String>> = paths
            .iter()
            .map(|p| p.iter().map(|s| s.to_string()).collect())
            .collect();
        Grid {
            kind: GridKind::Statutory(id),
            title: id.title().into(),
            number_label: format!("公开{:02}表", id.number()),
            unit_line: Some("单位：万元".into()),
            department_line: None,
            width: paths.len(),
            header: header_from_paths(&paths),
            column_numbers: None,
            body: vec![values
                .iter()
                .map(|c| BodyCell::amount(Some(Decimal::new(*c, 2)), table_amount))
                .collect()],
            notes: Vec::new(),
            frozen_columns: 0,
        }
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            department: "测试".into(),
            year: 2024,
            date: None,
            blocks,
        }
    }

    fn tables(d: &Document) -> Vec<&Grid> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(g) => Some(g),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn default_keeps_the_document() {
        let d = doc(vec![Block::Paragraph("甲".into())]);
        assert!(matches!(Layout::default().document(&d), Cow::Borrowed(_)));
    }

    #[test]
    fn yuan_multiplies_exactly_and_separators_go() {
        let d = doc(vec![Block::Table(grid(
            TableId::T05,
            &[&["合计"], &["项目支出"]],
            &[3_359_766, 5],
        ))]);
        let layout = Layout {
            in_yuan: true,
            separators: Separators::None,
            ..Layout::default()
        };
        let out = layout.document(&d);
        let g = tables(&out)[0];
        assert_eq!(g.unit_line.as_deref(), Some("单位：元"));
        let texts: Vec<&str> = g.body[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["335976600.00", "500.00"]);
        let layout = Layout {
            in_yuan: true,
            ..Layout::default()
        };
        let out = layout.document(&d);
        assert_eq!(tables(&out)[0].body[0][0].text, "335,976,600.00");
    }

    #[test]
    fn of_which_columns_nest_under_their_parent() {
        let mut g = grid(
            TableId::T02,
            &[&["科目名称"], &["事业收入"], &["教育收费"], &["其他收入"]],
            &[0, 10, 5, 1],
        );
        nest_of_which(&mut g, TableId::T02);
        assert_eq!(
            header_paths(&g),
            vec![
                vec!["科目名称".to_string()],
                vec!["事业收入".into(), "金额".into()],
                vec!["事业收入".into(), "其中：教育收费".into()],
                vec!["其他收入".into()],
            ]
        );
    }

    #[test]
    fn tables_reorder_and_number_in_printed_order() {
        let mut blocks = vec![Block::Toc(vec![
            (1, "第二部分 决算表".into()),
            (2, "一、收入支出决算总表".into()),
            (2, "二、收入决算表".into()),
            (1, "第三部分 情况说明".into()),
        ])];
        for (i, id) in [TableId::T01, TableId::T02].into_iter().enumerate() {
            blocks.push(Block::Heading {
                level: 2,
                text: format!("{}{}", ordinal(i as u32 + 1), id.title()),
            });
            blocks.push(Block::Table(grid(id, &[&["合计"]], &[1])));
            blocks.push(Block::PageBreak);
        }
        blocks.push(Block::Heading {
            level: 1,
            text: "第三部分 情况说明".into(),
        });
        let layout = Layout {
            order: Some(vec![TableId::T02]),
            numbering: Numbering::Title(NumberStyle::Colon),
            parts: Parts {
                omitted: vec![3],
                listed_in_toc: true,
            },
            ..Layout::default()
        };
        let d = doc(blocks);
        let out = layout.document(&d);
        let titles: Vec<&str> = tables(&out).iter().map(|g| g.title.as_str()).collect();
        assert_eq!(titles, ["表 1：收入决算表", "表 2：收入支出决算总表"]);
        assert!(tables(&out).iter().all(|g| g.number_label.is_empty()));
        let Block::Toc(toc) = &out.blocks[0] else {
            panic!("contents first");
        };
        assert_eq!(toc[1].1, "一、收入决算表");
        assert_eq!(toc[2].1, "二、收入支出决算总表");
        assert_eq!(toc[3].1, "第三部分 情况说明");
        assert!(matches!(&out.blocks[1], Block::Heading { text, .. } if text == "一、收入决算表"));
        assert!(!out
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 1, .. })));
    }
}
