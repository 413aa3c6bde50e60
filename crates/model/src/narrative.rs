//! The narrative (第三部分 情况说明) and the glossary (第四部分 名词解释).

use crate::span::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One paragraph of the narrative, with the section it belongs to.
///
/// Its address is `N<section>.<item>` for a numbered item (`N5.3.14`: item
/// 14 of 五(三)) and `N<section>.p<k>` for the k-th unnumbered paragraph of
/// a section (`N2.p1`).
///
/// A paragraph that the PDF conversion broke across a page (a line ending
/// mid-sentence) is joined back: `text` is the exact concatenation of the
/// source lines listed in `lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Section path: "5" for 五, "5.3" for 五(三), "" before the first section.
    pub section: String,
    /// The section heading text, as printed.
    pub heading: String,
    /// The numbered item within the section ("14." → 14), if the paragraph starts one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub item: Option<u32>,
    /// First source line (within its page for paged documents).
    pub line: u32,
    /// The page of the first line, for paged documents (PDF, scans).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// The exact text.
    pub text: String,
    /// The source lines joined into `text`: (byte offset in `text`, line number).
    pub lines: Vec<(u32, u32)>,
    /// The paragraph's address (`N5.3.14`, `N2.p1`); empty for headings.
    #[serde(default)]
    pub addr: String,
    /// Whether this paragraph is a heading line.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub is_heading: bool,
}

impl Paragraph {
    /// The source line holding byte `offset` of `text`.
    pub fn line_at(&self, offset: usize) -> u32 {
        self.line_entry(offset).map_or(self.line, |(_, l)| l)
    }

    /// The byte offset in `text` where the source line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_entry(offset).map_or(0, |(o, _)| o as usize)
    }

    /// The page of the source line holding byte `offset`, for paged
    /// documents. Lines are numbered within their page, so within one
    /// paragraph a line number lower than the one before starts the next
    /// page.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        let first = self.page?;
        let turns = self
            .lines
            .windows(2)
            .take_while(|w| w[1].0 as usize <= offset)
            .filter(|w| w[1].1 < w[0].1)
            .count();
        Some(first + turns as u32)
    }

    /// Where `len` bytes at byte `offset` of `text` were printed: page,
    /// line, and their place within the line.
    pub fn span_at(&self, offset: usize, len: usize) -> crate::Span {
        let start = offset.saturating_sub(self.line_start(offset));
        let mut span = crate::Span::new(self.line_at(offset), start as u32, (start + len) as u32);
        span.page = self.page_at(offset);
        span
    }

    fn line_entry(&self, offset: usize) -> Option<(u32, u32)> {
        self.lines
            .iter()
            .rev()
            .find(|(o, _)| *o as usize <= offset)
            .copied()
    }
}

/// One glossary entry: term → definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// The term, without numbering and markup.
    pub term: String,
    /// The definition.
    pub definition: String,
    /// Source line.
    pub line: u32,
}

/// The kind of quantity a narrative figure states, from its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// An amount of money (万元, 元, 亿元).
    Amount,
    /// A percentage.
    Percent,
    /// A count (个, 人次, 辆, 项 …).
    Count,
    /// A performance score (分).
    Score,
}

/// What a figure says within its sentence, from the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureRole {
    /// A plain level ("本年收入合计 34951.33 万元").
    Value,
    /// A budget ("年初预算为 287.33 万元", "预算为", "全年预算数为").
    Budget,
    /// An outturn ("支出决算为 287.33 万元", "执行数为").
    Actual,
    /// An increase over last year ("增加 93.56 万元").
    Increase,
    /// A decrease from last year ("减少 3044.73 万元").
    Decrease,
    /// A growth rate ("增长 161.3%").
    IncreaseRate,
    /// A decline rate ("下降 8.3%").
    DecreaseRate,
    /// A share of a base ("占本年支出合计的 96.4%", "占 4.3%").
    Share,
    /// A completion rate ("完成年初预算的 134.4%", "完成预算的 94%").
    Completion,
}

/// A figure stated in the narrative, with its meaning and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    /// `N5.3.14#2`: the 2nd figure of paragraph `N5.3.14`.
    pub addr: String,
    /// The paragraph's address.
    pub paragraph: String,
    /// 1-based position of the figure in its paragraph.
    pub index: u32,
    /// The number, exact: amounts in 万元 whatever the printed unit (a
    /// figure printed in 元 is converted, keeping its printed precision:
    /// 12,345.00 元 is 1.234500), other figures as printed.
    #[serde(with = "crate::report::decimal_str")]
    pub value: Decimal,
    /// The printed unit: 万元, %, 个, 人次 …
    pub unit: String,
    /// Amount, percent, count or score.
    pub kind: FigureKind,
    /// What the figure says in its sentence.
    pub role: FigureRole,
    /// The phrase the figure is about ("财政拨款收入", "一般公共预算财政拨款支出").
    pub subject: String,
    /// For shares: the base named after 占 ("本年支出合计"); empty when implied.
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub base: String,
    /// The clause the figure sits in.
    pub clause: String,
    /// Where the number was read.
    pub span: Span,
}
