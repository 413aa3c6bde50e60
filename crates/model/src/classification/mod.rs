//! The 政府收支分类科目 as data: the 支出功能分类 (functional classification:
//! 类 3 digits, 款 5, 项 7) and the 部门预算支出经济分类 (economic
//! classification: 类 3, 款 5), year by year.
//!
//! Codes and names are set each year by 财政部《政府收支分类科目》, and some
//! 项 are added or renamed between years, so a report is checked against the
//! list of its own fiscal year ([`functional`], [`economic`]; a year without
//! a list falls back to the nearest year that has one). The lists are plain
//! data files next to this module (`code<TAB>name<TAB>sources`, `#` comments
//! naming every source), embedded at build time and parsed once.
//!
//! A list is [complete](Reference::is_complete) only when it is the official
//! full list. None is today: they hold the codes that cited public reports
//! print (see `docs/classification.md`), so a code missing from a list is
//! unverifiable, never wrong.
//!
//! ```
//! use juesuan_model::classification;
//! let r = classification::functional(Some(2024));
//! assert_eq!(r.name("2080505"), Some("机关事业单位基本养老保险缴费支出"));
//! assert!(!r.is_complete());
//! ```

mod classes;
mod reference;

pub use classes::{
    functional_class_code, functional_class_name, ECONOMIC_CLASSES, FUNCTIONAL_CLASSES,
};
pub use reference::{Kind, Reference};

use std::sync::OnceLock;

/// One embedded data file: its classification, year and text.
struct DataFile {
    kind: Kind,
    year: u32,
    text: &'static str,
}

/// Every data file, by classification and year.
const DATA: &[DataFile] = &[
    DataFile {
        kind: Kind::Functional,
        year: 2023,
        text: include_str!("functional_2023.tsv"),
    },
    DataFile {
        kind: Kind::Functional,
        year: 2024,
        text: include_str!("functional_2024.tsv"),
    },
    DataFile {
        kind: Kind::Functional,
        year: 2025,
        text: include_str!("functional_2025.tsv"),
    },
    DataFile {
        kind: Kind::Economic,
        year: 2024,
        text: include_str!("economic_2024.tsv"),
    },
    DataFile {
        kind: Kind::Economic,
        year: 2025,
        text: include_str!("economic_2025.tsv"),
    },
];

/// The parsed references, in the order of [`DATA`].
fn all() -> &'static [Reference] {
    static ALL: OnceLock<Vec<Reference>> = OnceLock::new();
    ALL.get_or_init(|| {
        DATA.iter()
            .map(|d| Reference::parse(d.kind, d.year, d.text))
            .collect()
    })
}

/// The reference of `kind` for a report of fiscal year `year`: the list of
/// that year, else of the nearest year that has one (the later of two equally
/// near); without a year, the latest list.
pub fn reference(kind: Kind, year: Option<u32>) -> &'static Reference {
    let mut candidates = all().iter().filter(|r| r.kind() == kind);
    // DATA lists at least one file of each kind (tested), so `first` exists.
    let mut best = candidates
        .next()
        .unwrap_or_else(|| unreachable!("no {kind:?} data file"));
    for r in candidates {
        let better = match year {
            Some(y) => {
                let (d, d_best) = (r.year().abs_diff(y), best.year().abs_diff(y));
                d < d_best || (d == d_best && r.year() > best.year())
            }
            None => r.year() > best.year(),
        };
        if better {
            best = r;
        }
    }
    best
}

/// The 支出功能分类 reference for a report of fiscal year `year`.
pub fn functional(year: Option<u32>) -> &'static Reference {
    reference(Kind::Functional, year)
}

/// The 部门预算支出经济分类 reference for a report of fiscal year `year`.
pub fn economic(year: Option<u32>) -> &'static Reference {
    reference(Kind::Economic, year)
}

/// The years that have a list of `kind`, ascending.
pub fn years(kind: Kind) -> Vec<u32> {
    let mut y: Vec<u32> = all()
        .iter()
        .filter(|r| r.kind() == kind)
        .map(Reference::year)
        .collect();
    y.sort_unstable();
    y
}

#[cfg(test)]
mod tests;
