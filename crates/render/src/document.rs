//! The intermediate document: what the disclosure says, in order, before any
//! format decides how it looks. Every renderer walks the same blocks.

use juesuan_model::TableId;
use rust_decimal::Decimal;

/// The whole disclosure.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The department (封面).
    pub department: String,
    /// The fiscal year.
    pub year: u32,
    /// The publication date as printed ("2025 年 8 月 25 日"), if known.
    pub date: Option<String>,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
}

/// One block of the document.
#[derive(Debug, Clone)]
pub enum Block {
    /// The cover: year line, title line, date line.
    Cover {
        /// "2024 年度"
        year_line: String,
        /// "XX部门决算"
        title: String,
        /// "2025 年 8 月 25 日"
        date: Option<String>,
    },
    /// 目录: entries with their level (1 = part, 2 = section).
    Toc(Vec<(u8, String)>),
    /// A heading: level 1 = 第X部分, 2 = 一、…, 3 = （一）…
    Heading {
        /// Heading level.
        level: u8,
        /// The text as printed.
        text: String,
    },
    /// A paragraph of prose.
    Paragraph(String),
    /// A numbered list entry (member units).
    ListItem(String),
    /// A table in the official layout.
    Table(Grid),
    /// A chart (SVG in HTML/PDF; omitted from text and workbook).
    Chart(Chart),
    /// Start a new page (HTML/PDF).
    PageBreak,
}

/// What a grid is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridKind {
    /// One of the nine statutory tables.
    Statutory(TableId),
    /// A 项目支出绩效自评表.
    Performance,
}

/// A header cell; `None` slots in the header matrix are covered by a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadCell {
    /// Printed text.
    pub text: String,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
}

/// Horizontal alignment of a body cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Centred labels.
    Center,
    /// Amounts.
    Right,
}

/// A body cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyCell {
    /// Printed text ("33,597.66", "行政运行", "").
    pub text: String,
    /// The exact amount, for cells that hold one.
    pub value: Option<Decimal>,
    /// Columns spanned (1 = none); the covered slots are blank.
    pub colspan: usize,
    /// Rows spanned (1 = none): the rows below keep a blank cell in the
    /// covered slot, which formats that merge cells leave out (the native
    /// PDF and the workbook; text and HTML print the blank cells).
    pub rowspan: usize,
    /// Alignment.
    pub align: Align,
}

impl BodyCell {
    /// A text cell.
    pub fn text(t: impl Into<String>) -> BodyCell {
        BodyCell {
            text: clean(&t.into()),
            value: None,
            colspan: 1,
            rowspan: 1,
            align: Align::Left,
        }
    }

    /// A centred label cell.
    pub fn label(t: impl Into<String>) -> BodyCell {
        BodyCell {
            align: Align::Center,
            ..BodyCell::text(t)
        }
    }

    /// A blank cell.
    pub fn blank() -> BodyCell {
        BodyCell::text("")
    }

    /// An amount cell (blank when `None`), printed with `fmt`.
    pub fn amount(v: Option<Decimal>, fmt: fn(Decimal) -> String) -> BodyCell {
        BodyCell {
            text: v.map(fmt).unwrap_or_default(),
            value: v,
            colspan: 1,
            rowspan: 1,
            align: Align::Right,
        }
    }

    /// The same cell spanning `n` columns.
    pub fn span(mut self, n: usize) -> BodyCell {
        self.colspan = n.max(1);
        self
    }

    /// The same cell spanning `n` rows down.
    pub fn down(mut self, n: usize) -> BodyCell {
        self.rowspan = n.max(1);
        self
    }
}

/// The body slots covered by a cell spanning rows from above: `covered[r][slot]`.
pub fn covered(g: &Grid) -> Vec<Vec<bool>> {
    let mut out = vec![vec![false; g.width.max(1)]; g.body.len()];
    for (r, row) in g.body.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            for below in out.iter_mut().skip(r + 1).take(cell.rowspan.max(1) - 1) {
                for slot in below.iter_mut().skip(c).take(cell.colspan.max(1)) {
                    *slot = true;
                }
            }
            c += cell.colspan.max(1);
        }
    }
    out
}

/// Cell text is one line: tabs and line breaks become spaces.
pub fn clean(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.split(['\t', '\n', '\r'])
            .filter(|p| !p.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        s.to_string()
    }
}

/// A table in the official layout, format-neutral.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Statutory table or performance table.
    pub kind: GridKind,
    /// The title line.
    pub title: String,
    /// "公开01表" (empty for performance tables).
    pub number_label: String,
    /// "单位：万元" line, if printed.
    pub unit_line: Option<String>,
    /// "部门：…" line, if printed.
    pub department_line: Option<String>,
    /// Number of slots per row.
    pub width: usize,
    /// Header matrix: `header[r][c]` is a cell starting there, `None` when covered.
    pub header: Vec<Vec<Option<HeadCell>>>,
    /// The 栏次 row, when printed (one text per slot).
    pub column_numbers: Option<Vec<String>>,
    /// Body rows (cells with their spans; the spans of a row sum to `width`).
    pub body: Vec<Vec<BodyCell>>,
    /// Notes under the table, one per printed line.
    pub notes: Vec<String>,
    /// Columns to freeze in a workbook (label columns).
    pub frozen_columns: usize,
}

impl Grid {
    /// The slot texts of a header row (covered slots blank), as the text form prints them.
    pub fn header_slots(&self, r: usize) -> Vec<&str> {
        self.header[r]
            .iter()
            .map(|c| c.as_ref().map_or("", |c| c.text.as_str()))
            .collect()
    }

    /// The slot texts of a body row (spanned slots blank).
    pub fn body_slots(row: &[BodyCell]) -> Vec<&str> {
        let mut out = Vec::new();
        for c in row {
            out.push(c.text.as_str());
            out.extend(std::iter::repeat_n("", c.colspan.saturating_sub(1)));
        }
        out
    }
}

/// Builds a merged header matrix from one label path per column: equal
/// consecutive prefixes merge into a column span, a path shorter than the
/// deepest one spans down to the bottom row.
pub fn header_from_paths(paths: &[Vec<String>]) -> Vec<Vec<Option<HeadCell>>> {
    let depth = paths.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = paths.len();
    let mut m: Vec<Vec<Option<HeadCell>>> = vec![vec![None; width]; depth];
    for r in 0..depth {
        let mut c = 0;
        while c < width {
            let path = &paths[c];
            if r >= path.len() {
                // Covered by the rowspan of the path's last label.
                c += 1;
                continue;
            }
            let mut span = 1;
            while c + span < width
                && paths[c + span].len() > r
                && paths[c + span][..=r] == path[..=r]
                && !(r + 1 == path.len() && r + 1 == paths[c + span].len())
            {
                span += 1;
            }
            let rowspan = if r + 1 == path.len() { depth - r } else { 1 };
            m[r][c] = Some(HeadCell {
                text: path[r].clone(),
                colspan: span,
                rowspan,
            });
            c += span;
        }
    }
    m
}

/// A chart, as data; renderers draw it.
#[derive(Debug, Clone)]
pub struct Chart {
    /// Caption.
    pub title: String,
    /// What kind of chart.
    pub kind: ChartKind,
    /// Category labels.
    pub labels: Vec<String>,
    /// Series: name and one value per label (exact; `None` where nothing
    /// is printed). [`crate::charts::geometry`] lays it out.
    pub series: Vec<(String, Vec<Option<Decimal>>)>,
    /// Unit shown on values ("万元").
    pub unit: String,
}

/// Chart kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Parts of a whole (one series): a ring with a legend.
    Structure,
    /// Grouped horizontal bars (one bar per series per label).
    Bars,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn merged_header() {
        let m = header_from_paths(&[
            p(&["科目代码"]),
            p(&["合计"]),
            p(&["基本支出", "小计"]),
            p(&["基本支出", "人员经费"]),
            p(&["项目支出"]),
        ]);
        assert_eq!(m.len(), 2);
        let top: Vec<_> = m[0]
            .iter()
            .map(|c| c.as_ref().map(|c| (c.text.as_str(), c.colspan, c.rowspan)))
            .collect();
        assert_eq!(
            top,
            vec![
                Some(("科目代码", 1, 2)),
                Some(("合计", 1, 2)),
                Some(("基本支出", 2, 1)),
                None,
                Some(("项目支出", 1, 2))
            ]
        );
        assert_eq!(m[1][2].as_ref().map(|c| c.text.as_str()), Some("小计"));
        assert!(m[1][0].is_none());
    }
}
