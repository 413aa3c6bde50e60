//! The cases of the layout fuzz test: a random consistent report
//! ([`crate::layout_report`]) and the knobs it is printed with, the
//! strategies that draw them, and the round trips through the PDF reader
//! and the space-separated text reader with the differences they find.

#![allow(dead_code)]

use crate::common::cells;
use crate::layout_report::{self, Item};
use juesuan_model::{Report, TableId};
use juesuan_render::pdf::layout::{
    Layout, NumberStyle, Numbering, Parts, Separators, VAlign, Widths,
};
use juesuan_render::{build, texts_for, txt_spaced, Document, Inputs};
use proptest::prelude::*;

/// One way of printing a report, named for the gate list and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Knob {
    /// Name columns 40–75 points wide: 科目名称 wrap over two or three
    /// lines, header words over several (amounts centred in the row).
    NarrowNames,
    /// Body cells at the top of their rows (with narrow names).
    TopAligned,
    /// Body cells at the bottom of their rows (with narrow names).
    BottomAligned,
    /// 事业收入 with its sub-column 其中：教育收费 in the 收入决算表.
    OfWhichColumn,
    /// Amounts in 元.
    Yuan,
    /// No thousand separators.
    NoSeparators,
    /// The tables in another order (三公 before the fund tables, or shuffled).
    Order,
    /// A table number on its own line, counted in printed order.
    NumberLine(Style),
    /// A table number before the title, counted in printed order.
    NumberTitle(Style),
    /// A part heading (第二/三/四部分) missing from the body and the contents.
    NoPart(u8),
    /// A part heading missing from the body but listed in the contents.
    PartOnlyInContents(u8),
    /// The report as space-separated text (pdfplumber's form of the PDF).
    SpacedText,
    /// Space-separated text with CR LF line ends.
    Crlf,
    /// Space-separated text starting with a byte order mark.
    Bom,
    /// Space-separated text keeping the page numbers.
    Footers,
    /// Reports whose 科目 all have short names (教育支出, 住房公积金): in
    /// the official widths no name reaches under the centred 科目名称.
    ShortNames,
    /// Amounts narrower than the header word above them (0.00 or under
    /// 100.00 in a wide column, right-aligned under a centred header).
    ShortAmounts,
}

/// The table number styles, comparable in the gate list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `公开01表`
    Official,
    /// `表1`
    Arabic,
    /// `表一`
    Chinese,
    /// `表 1：`
    Colon,
}

impl Style {
    /// Every style.
    pub const ALL: [Style; 4] = [Style::Official, Style::Arabic, Style::Chinese, Style::Colon];

    fn number_style(self) -> NumberStyle {
        match self {
            Style::Official => NumberStyle::Official,
            Style::Arabic => NumberStyle::Arabic,
            Style::Chinese => NumberStyle::Chinese,
            Style::Colon => NumberStyle::Colon,
        }
    }
}

/// A report and how it is printed.
#[derive(Debug, Clone)]
pub struct Case {
    /// The report's 项 and amounts.
    pub items: Vec<Item>,
    /// Its 三公 amounts in cents.
    pub sangong: [u32; 8],
    /// Whether its 收入决算表 has the 其中：教育收费 column.
    pub tuition: bool,
    /// The PDF layout.
    pub layout: Layout,
    /// The text form's options.
    pub text: txt_spaced::Options,
}

impl Case {
    /// The knobs this case turns (the text form's only count for text).
    pub fn knobs(&self) -> Vec<Knob> {
        let l = &self.layout;
        let mut v = Vec::new();
        if matches!(l.widths, Widths::Narrow { .. }) {
            v.push(Knob::NarrowNames);
        }
        match l.valign {
            VAlign::Top => v.push(Knob::TopAligned),
            VAlign::Bottom => v.push(Knob::BottomAligned),
            VAlign::Middle => {}
        }
        if self.tuition {
            v.push(Knob::OfWhichColumn);
        }
        if l.in_yuan {
            v.push(Knob::Yuan);
        }
        if l.separators == Separators::None {
            v.push(Knob::NoSeparators);
        }
        if l.order.is_some() {
            v.push(Knob::Order);
        }
        for s in Style::ALL {
            if l.numbering == Numbering::Line(s.number_style()) {
                v.push(Knob::NumberLine(s));
            }
            if l.numbering == Numbering::Title(s.number_style()) {
                v.push(Knob::NumberTitle(s));
            }
        }
        for p in &l.parts.omitted {
            v.push(if l.parts.listed_in_toc {
                Knob::PartOnlyInContents(*p)
            } else {
                Knob::NoPart(*p)
            });
        }
        if !self.items.iter().any(|i| LONG_NAMED.contains(&i.0)) {
            v.push(Knob::ShortNames);
        }
        let short = |(_, [p, u, j, xb, xj], [a, b]): &Item| {
            [p, u, j].iter().any(|x| **x < 10_000)
                || [xb, xj].iter().any(|x| **x < 50_000)
                || [a, b].iter().any(|x| !(20..=80).contains(*x))
        };
        if self.items.iter().any(short) {
            v.push(Knob::ShortAmounts);
        }
        for (on, k) in [
            (self.text.crlf, Knob::Crlf),
            (self.text.bom, Knob::Bom),
            (self.text.footers, Knob::Footers),
        ] {
            if on {
                v.push(k);
            }
        }
        v
    }

    /// The report.
    pub fn source(&self) -> Report {
        layout_report::report(&self.items, self.sangong, self.tuition)
    }

    /// The drafted document of the report (with last year's report and the
    /// preparer's words, so no placeholder is left).
    pub fn document(&self, source: &Report) -> Document {
        let prior = layout_report::report(&self.items[..1], self.sangong.map(|x| x / 2 + 1), false);
        let texts = texts_for(source, layout_report::texts(source));
        build(&Inputs {
            report: source,
            prior: Some(&prior),
            texts: &texts,
        })
    }
}

/// The 项 of [`layout_report::POOL`] whose names are all long enough to
/// reach under a centred 科目名称 (社会保障和就业支出 …).
const LONG_NAMED: std::ops::RangeInclusive<usize> = 1..=3;

/// A 项 with amounts of any size, or (`short` not allowed) with every
/// printed amount at least 100.00 and no 0.00 in a 科目 table.
fn item(short: bool) -> BoxedStrategy<Item> {
    let pool = 0..layout_report::POOL.len();
    if short {
        (
            pool,
            [
                1u32..5_000_000,
                1u32..500_000,
                0u32..5_000_000,
                0u32..100_000,
                0u32..100_000,
            ],
            [0u32..=100, 0u32..=100],
        )
            .boxed()
    } else {
        // Non-fiscal money of at least 1,000.00 split 20–80 %: every part
        // stays above 100.00.
        (
            pool,
            [
                10_000u32..5_000_000,
                10_000u32..500_000,
                10_000u32..5_000_000,
                50_000u32..100_000,
                50_000u32..100_000,
            ],
            [20u32..=80, 20u32..=80],
        )
            .boxed()
    }
}

/// The report's 项: with short names allowed any of the pool, else at
/// least one long-named 项 first.
fn items(allowed: fn(Knob) -> bool) -> BoxedStrategy<Vec<Item>> {
    let short = allowed(Knob::ShortAmounts);
    let any = proptest::collection::vec(item(short), 1..4);
    if allowed(Knob::ShortNames) {
        any.boxed()
    } else {
        (
            LONG_NAMED,
            item(short),
            proptest::collection::vec(item(short), 0..3),
        )
            .prop_map(|(i, first, rest)| {
                let mut v = vec![(i, first.1, first.2)];
                v.extend(rest);
                v
            })
            .boxed()
    }
}

/// `on` or `off` when the gate allows `knob`, else always `off`.
fn gated<T: Clone + std::fmt::Debug + 'static>(
    allowed: fn(Knob) -> bool,
    knob: Knob,
    on: impl Strategy<Value = T> + 'static,
    off: T,
) -> BoxedStrategy<T> {
    if allowed(knob) {
        prop_oneof![Just(off), on].boxed()
    } else {
        Just(off).boxed()
    }
}

/// The layout (and whether the 其中 column is printed) of a case.
fn layout(allowed: fn(Knob) -> bool) -> impl Strategy<Value = (Layout, bool)> {
    let widths = gated(
        allowed,
        Knob::NarrowNames,
        (40u32..=75).prop_map(|w| Widths::Narrow { name: w as f32 }),
        Widths::Weights,
    );
    let valign = prop_oneof![
        Just(VAlign::Middle),
        gated(allowed, Knob::TopAligned, Just(VAlign::Top), VAlign::Middle),
        gated(
            allowed,
            Knob::BottomAligned,
            Just(VAlign::Bottom),
            VAlign::Middle
        ),
    ];
    let tuition = gated(allowed, Knob::OfWhichColumn, Just(true), false);
    let yuan = gated(allowed, Knob::Yuan, Just(true), false);
    let separators = gated(
        allowed,
        Knob::NoSeparators,
        Just(Separators::None),
        Separators::Thousands,
    );
    let order = gated(
        allowed,
        Knob::Order,
        prop_oneof![
            Just(Some(SHANGHAI_ORDER.to_vec())),
            Just(TableId::ALL.to_vec()).prop_shuffle().prop_map(Some),
        ],
        None,
    );
    let mut numberings = vec![Numbering::AsBuilt];
    for s in Style::ALL {
        if s != Style::Colon && allowed(Knob::NumberLine(s)) {
            numberings.push(Numbering::Line(s.number_style()));
        }
        if allowed(Knob::NumberTitle(s)) {
            numberings.push(Numbering::Title(s.number_style()));
        }
    }
    let mut parts = vec![Parts::default()];
    for p in [2u8, 3, 4] {
        for (listed, knob) in [
            (false, Knob::NoPart(p)),
            (true, Knob::PartOnlyInContents(p)),
        ] {
            if allowed(knob) {
                parts.push(Parts {
                    omitted: vec![p],
                    listed_in_toc: listed,
                });
            }
        }
    }
    (
        (widths, valign, tuition, yuan, separators),
        (
            order,
            proptest::sample::select(numberings),
            proptest::sample::select(parts),
        ),
    )
        .prop_map(
            |((widths, valign, tuition, in_yuan, separators), (order, numbering, parts))| {
                let layout = Layout {
                    widths,
                    valign,
                    nest_of_which: tuition,
                    in_yuan,
                    separators,
                    order,
                    numbering,
                    parts,
                };
                (layout, tuition)
            },
        )
}

/// The Shanghai order of the nine tables (三公 = 表7).
pub const SHANGHAI_ORDER: [TableId; 9] = [
    TableId::T01,
    TableId::T02,
    TableId::T03,
    TableId::T04,
    TableId::T05,
    TableId::T06,
    TableId::T09,
    TableId::T07,
    TableId::T08,
];

fn text_options(allowed: fn(Knob) -> bool) -> impl Strategy<Value = txt_spaced::Options> {
    (
        gated(allowed, Knob::Crlf, Just(true), false),
        gated(allowed, Knob::Bom, Just(true), false),
        gated(allowed, Knob::Footers, Just(true), false),
    )
        .prop_map(|(crlf, bom, footers)| txt_spaced::Options { crlf, bom, footers })
}

/// A random case drawing only the knobs `allowed` lets through.
pub fn case(allowed: fn(Knob) -> bool) -> impl Strategy<Value = Case> {
    (
        items(allowed),
        [
            1u32..300_000,
            0u32..3_000_000,
            1u32..300_000,
            1u32..100_000,
            1u32..300_000,
            0u32..3_000_000,
            1u32..300_000,
            1u32..100_000,
        ],
        layout(allowed),
        text_options(allowed),
    )
        .prop_map(|(items, sangong, (layout, tuition), text)| Case {
            items,
            sangong,
            tuition,
            layout,
            text,
        })
}

/// How a read-back report differs from its source in the cells of
/// `tables`: changed, missing or extra cells, and the audit's error
/// findings (only those reading cells of `tables` alone when `tables` is
/// not all nine). Empty when it reads back exactly.
pub fn differences(source: &Report, back: &Report, tables: &[TableId]) -> Vec<String> {
    differences_unflagged(source, back, tables, |_| false)
}

/// Like [`differences`], leaving out the cells of rows whose placement
/// the reader marked as doubtful (a cell it could not place is missing
/// from a row whose other cells carry the doubt): those are a reading
/// question that the audit shows as such. What remains is what the reader
/// got wrong without saying so.
pub fn silent_differences(source: &Report, back: &Report) -> Vec<String> {
    let doubtful = |k: &(TableId, String, u32)| {
        back.table(k.0)
            .and_then(|t| t.row(&k.1))
            .is_some_and(|r| r.cells.iter().any(|c| c.doubt.is_some()))
    };
    differences_unflagged(source, back, &TableId::ALL, doubtful)
}

fn differences_unflagged(
    source: &Report,
    back: &Report,
    tables: &[TableId],
    flagged: impl Fn(&(TableId, String, u32)) -> bool,
) -> Vec<String> {
    let keep = |t: &TableId| tables.contains(t);
    let (want, got) = (cells(source), cells(back));
    let mut out: Vec<String> = want
        .iter()
        .filter(|(k, v)| keep(&k.0) && got.get(*k) != Some(*v) && !flagged(k))
        .map(|(k, v)| {
            format!(
                "{}[{},C{}] 应为 {v}，读作 {}",
                k.0,
                k.1,
                k.2,
                got.get(k).map_or("（无）", String::as_str)
            )
        })
        .collect();
    out.extend(
        got.iter()
            .filter(|(k, _)| keep(&k.0) && !want.contains_key(*k) && !flagged(k))
            .map(|(k, v)| format!("多出 {}[{},C{}] = {v}", k.0, k.1, k.2)),
    );
    let book = juesuan_audit::Rulebook::builtin().expect("rulebook");
    let in_tables = |addr: &str| tables.iter().any(|t| addr.starts_with(&format!("{t}[")));
    out.extend(
        juesuan_audit::audit(back, &book)
            .findings
            .iter()
            .filter(|f| f.severity == juesuan_audit::Severity::Error)
            .filter(|f| {
                tables.len() == TableId::ALL.len()
                    || (!f.cells.is_empty() && f.cells.iter().all(|c| in_tables(&c.addr)))
            })
            .map(|f| format!("错误 {}: {}", f.rule, f.message)),
    );
    out
}

/// The case's read-back differences as a native PDF (`Err` when the PDF
/// does not read at all).
pub fn pdf_round_trip(case: &Case) -> Result<Vec<String>, String> {
    let source = case.source();
    let doc = case.document(&source);
    let pdf =
        juesuan_render::pdf::native::render_with(&doc, &case.layout).map_err(|e| e.to_string())?;
    let back = juesuan_read::read_bytes("fuzz.pdf", &pdf).map_err(|e| e.to_string())?;
    Ok(differences(&source, &back, &TableId::ALL))
}

/// The case's read-back differences as space-separated text.
pub fn text_round_trip(case: &Case) -> Result<Vec<String>, String> {
    let source = case.source();
    let doc = case.document(&source);
    let text = txt_spaced::render(&doc, &case.layout, &case.text).map_err(|e| e.to_string())?;
    let back = juesuan_read::read_bytes("fuzz.txt", text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(differences(&source, &back, &TableId::ALL))
}

/// The case's read-back differences as space-separated text that the
/// reader did not mark as doubtful, and the audit's error findings.
pub fn text_silent_misreadings(case: &Case) -> Result<Vec<String>, String> {
    let source = case.source();
    let doc = case.document(&source);
    let text = txt_spaced::render(&doc, &case.layout, &case.text).map_err(|e| e.to_string())?;
    let back = juesuan_read::read_bytes("fuzz.txt", text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(silent_differences(&source, &back))
}

/// Fixed reports (amounts of 100.00 and more): one 项 with long names;
/// three 项 of three classes.
pub fn fixed_cases() -> Vec<Case> {
    let base = |items: Vec<Item>| Case {
        items,
        sangong: [
            12_000, 250_000, 30_000, 40_000, 11_000, 240_000, 29_000, 39_000,
        ],
        tuition: false,
        layout: Layout::default(),
        text: txt_spaced::Options::default(),
    };
    vec![
        base(vec![(
            3,
            [1_234_567, 234_567, 3_456_789, 55_678, 56_789],
            [40, 50],
        )]),
        base(vec![
            (0, [2_345_678, 123_456, 1_000_000, 52_345, 60_000], [50, 50]),
            (2, [1_000_000, 200_000, 4_999_999, 99_999, 88_888], [30, 20]),
            (4, [55_555, 14_444, 33_333, 50_000, 50_000], [20, 80]),
        ]),
    ]
}

/// `case` with one knob turned (narrow names for the alignments, which
/// only show in wrapped rows).
pub fn with_knob(case: &Case, knob: Knob) -> Case {
    let mut c = case.clone();
    let l = &mut c.layout;
    match knob {
        Knob::NarrowNames => l.widths = Widths::Narrow { name: 45.0 },
        Knob::TopAligned | Knob::BottomAligned => {
            l.widths = Widths::Narrow { name: 60.0 };
            l.valign = if knob == Knob::TopAligned {
                VAlign::Top
            } else {
                VAlign::Bottom
            };
        }
        Knob::OfWhichColumn => {
            c.tuition = true;
            l.nest_of_which = true;
        }
        Knob::Yuan => l.in_yuan = true,
        Knob::NoSeparators => l.separators = Separators::None,
        Knob::Order => {
            l.order = Some(vec![
                TableId::T09,
                TableId::T05,
                TableId::T01,
                TableId::T07,
                TableId::T03,
                TableId::T02,
                TableId::T08,
                TableId::T06,
                TableId::T04,
            ])
        }
        Knob::NumberLine(s) => l.numbering = Numbering::Line(s.number_style()),
        Knob::NumberTitle(s) => l.numbering = Numbering::Title(s.number_style()),
        Knob::NoPart(p) | Knob::PartOnlyInContents(p) => {
            l.parts = Parts {
                omitted: vec![p],
                listed_in_toc: matches!(knob, Knob::PartOnlyInContents(_)),
            }
        }
        Knob::SpacedText => {}
        // 教育支出 / 职业教育 / 技校教育.
        Knob::ShortNames => c.items = vec![(0, c.items[0].1, c.items[0].2)],
        Knob::ShortAmounts => {
            for i in &mut c.items {
                i.1[1] = 4_729;
                i.1[2] = 0;
            }
        }
        Knob::Crlf => c.text.crlf = true,
        Knob::Bom => c.text.bom = true,
        Knob::Footers => c.text.footers = true,
    }
    c
}

/// Every knob, once (table numbers in every style).
pub fn every_knob() -> Vec<Knob> {
    let mut v = vec![
        Knob::NarrowNames,
        Knob::TopAligned,
        Knob::BottomAligned,
        Knob::OfWhichColumn,
        Knob::Yuan,
        Knob::NoSeparators,
        Knob::Order,
    ];
    for s in Style::ALL {
        if s != Style::Colon {
            v.push(Knob::NumberLine(s));
        }
        v.push(Knob::NumberTitle(s));
    }
    for p in [2, 3, 4] {
        v.push(Knob::NoPart(p));
        v.push(Knob::PartOnlyInContents(p));
    }
    v.extend([
        Knob::SpacedText,
        Knob::Crlf,
        Knob::Bom,
        Knob::Footers,
        Knob::ShortNames,
        Knob::ShortAmounts,
    ]);
    v
}

/// Whether a knob shows only in the text form.
pub fn text_only(k: Knob) -> bool {
    matches!(k, Knob::SpacedText | Knob::Crlf | Knob::Bom | Knob::Footers)
}
