/*!
Publishing: the complete 部门决算公开 document in the official layout, from
the model (+ last year's report + the preparer's texts).

[`build`] turns the inputs into a format-neutral [`Document`] (cover, 目录,
第一部分 概况, the tables of the report's family in its order and layout
([`layouts`]), the 绩效自评表, the drafted 第三部分 情况说明,
the 名词解释, charts); one renderer per format writes it:
[`txt::render`] (the text form the reader understands), [`html::render`]
(one self-contained, print-ready file with SVG charts), [`xlsx::render`]
(one sheet per table) and [`pdf::render`] (its own A4 layout written
straight to PDF; headless Chromium printing the HTML as the alternative).

```
use juesuan_render::{build, Inputs, Texts};
let report = juesuan_model::Report::default();
let doc = build(&Inputs { report: &report, prior: None, texts: &Texts::default() });
let text = juesuan_render::txt::render(&doc);
assert!(text.contains("第三部分"));
assert!(text.contains("【待填写："));
```
*/
#![deny(missing_docs)]

pub mod charts;
pub mod csv;
pub mod document;
pub mod error;
pub mod font;
pub mod front;
pub mod glossary;
pub mod html;
pub mod layouts;
pub mod narrative;
pub mod numbers;
pub mod pdf;
pub mod performance;
pub mod revisions;
pub mod tables;
pub mod template;
pub mod texts;
pub mod texts_list;
pub mod txt;
pub mod txt_spaced;
pub mod xlsx;

pub use document::{Block, Document, Grid};
pub use error::{Error, ErrorKind};
pub use texts::Texts;

use juesuan_model::Report;
use numbers::ordinal;

/// What a document is built from.
pub struct Inputs<'a> {
    /// This year's figures.
    pub report: &'a Report,
    /// Last year's report, for the year-on-year statements.
    pub prior: Option<&'a Report>,
    /// The preparer's words (already merged with anything harvested).
    pub texts: &'a Texts,
}

/// The texts to draft with: the preparer's file first, then what the
/// report's own narrative already says (re-rendering a published report).
pub fn texts_for(report: &Report, preparer: Texts) -> Texts {
    preparer.or(narrative::harvest(report))
}

/// Builds the whole document.
pub fn build(inputs: &Inputs) -> Document {
    let report = inputs.report;
    let texts = inputs.texts;
    let year = report.meta.year.unwrap_or(0);
    let dept = report.meta.department.clone();
    texts.ask("", "date", "封面日期（如 2025 年 8 月 25 日）");
    let date = texts.date.clone();
    let mut blocks = vec![
        Block::Cover {
            year_line: format!("{year} 年度"),
            title: format!("{dept}部门决算"),
            date: date.clone(),
        },
        Block::PageBreak,
        Block::Toc(front::toc(report, year)),
        Block::PageBreak,
    ];
    blocks.extend(front::overview(report, texts, year));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 1,
        text: format!("第二部分 {year} 年度部门决算表"),
    });
    let order = layouts::order(report);
    for (i, id) in order.iter().enumerate() {
        blocks.push(Block::Heading {
            level: 2,
            text: format!("{}{}", ordinal(i as u32 + 1), layouts::title(report, *id)),
        });
        blocks.push(Block::Table(tables::grid(report, *id)));
        blocks.push(Block::PageBreak);
    }
    if !report.performance.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: front::performance_heading(order.len()),
        });
        for p in &report.performance {
            blocks.push(Block::Table(performance::grid(report, p)));
        }
        blocks.push(Block::PageBreak);
    }
    blocks.push(Block::Heading {
        level: 1,
        text: format!("第三部分 {year} 年度部门决算情况说明"),
    });
    let ctx = narrative::Ctx {
        report,
        prior: inputs.prior,
        texts,
        year,
    };
    let mut drafted = narrative::draft(&ctx);
    insert_charts(&mut drafted, report, inputs.prior, texts, year);
    blocks.extend(drafted);
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 1,
        text: "第四部分 名词解释".into(),
    });
    blocks.extend(glossary::blocks(report));
    Document {
        department: dept,
        year,
        date,
        blocks,
    }
}

/// Places each chart after the section it illustrates.
fn insert_charts(
    blocks: &mut Vec<Block>,
    report: &Report,
    prior: Option<&Report>,
    texts: &Texts,
    year: u32,
) {
    let after_heading = |blocks: &Vec<Block>, start: &str| -> Option<usize> {
        let h = blocks
            .iter()
            .position(|b| matches!(b, Block::Heading { text, .. } if text.starts_with(start)))?;
        let next = blocks[h + 1..]
            .iter()
            .position(|b| matches!(b, Block::Heading { .. }))
            .map_or(blocks.len(), |p| h + 1 + p);
        Some(next)
    };
    let mut plan: Vec<(&str, Option<document::Chart>)> = vec![
        (
            "（二）一般公共预算财政拨款支出决算结构",
            charts::structure(report),
        ),
        (
            "（三）一般公共预算财政拨款支出决算具体",
            charts::budget_vs_actual(report, texts),
        ),
        (
            "（一）“三公”经费财政拨款支出决算总体",
            charts::sangong(report),
        ),
    ];
    if let Some(p) = prior {
        plan.push((
            "一、收入支出决算总体情况说明",
            charts::year_on_year(report, p, year),
        ));
    }
    for (heading, chart) in plan {
        let (Some(chart), Some(at)) = (chart, after_heading(blocks, heading)) else {
            continue;
        };
        blocks.insert(at, Block::Chart(chart));
    }
}
