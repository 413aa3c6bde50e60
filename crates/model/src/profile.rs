//! Layout profiles: the template families of published 决算 reports, as data.
//!
//! A family fixes which tables a report publishes, under which printed
//! titles and numbers, and in which column order each table prints its
//! columns. Readers recognise tables through it, the audit asks it which
//! tables a report must contain (and which rules apply: rules are scoped by
//! family name in the rulebook), the renderer lays tables out by it and the
//! library shows it. Nothing else in the workspace may hard-code a family.
//!
//! The data of each family sits in its own module under `profile/` with the
//! public description it was taken from (see `docs/families.md`).

mod central;
mod shanghai;
mod unit13;
mod university;

use crate::table::TableId;
use serde::{Deserialize, Serialize};

/// A template family of 决算公开 reports.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Central and provincial 部门决算: nine tables, 三公 as 公开09表 (the Jilin sample).
    #[default]
    Central,
    /// The Shanghai order of the nine tables (三公 = 表7, 基金 = 表8, 国资 = 表9);
    /// also used by Hubei, Guangdong and Shaanxi.
    Shanghai,
    /// 高等学校 (universities reporting to a ministry): four tables, `表 1：`…`表 4：`.
    University,
    /// The 13-table 单位决算 of county units (Sichuan and elsewhere).
    Unit13,
    /// No family fits: tables are read generically and only rules whose
    /// meaning is certain run.
    Unknown,
}

impl Family {
    /// Every family, most specific first (the order detection tries them).
    pub const ALL: [Family; 5] = [
        Family::University,
        Family::Unit13,
        Family::Shanghai,
        Family::Central,
        Family::Unknown,
    ];

    /// The name used in JSON, the library and rulebook scopes.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Central => "central",
            Family::Shanghai => "shanghai",
            Family::University => "university",
            Family::Unit13 => "unit13",
            Family::Unknown => "unknown",
        }
    }

    /// Parses a name given by [`Family::as_str`].
    pub fn parse(s: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The family's layout data.
    pub fn profile(self) -> &'static Profile {
        match self {
            Family::Central => &central::PROFILE,
            Family::Shanghai => &shanghai::PROFILE,
            Family::University => &university::PROFILE,
            Family::Unit13 => &unit13::PROFILE,
            Family::Unknown => &UNKNOWN,
        }
    }
}

impl std::fmt::Display for Family {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One table as a family prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSpec {
    /// The canonical table.
    pub id: TableId,
    /// The table's printed number in this family (公开05表, 表7, 表 4：).
    pub number: u32,
    /// Title endings that name this table in this family, after the title
    /// is folded by [`title_label`] (most specific titles are matched first
    /// whatever their order here).
    pub titles: &'static [&'static str],
    /// The canonical column keys left to right as the family prints them
    /// (empty: read the columns from the printed header alone).
    pub layout: &'static [&'static str],
}

/// A family's layout data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// The family.
    pub family: Family,
    /// Its name in Chinese (shown to users).
    pub name: &'static str,
    /// Where the description of the family comes from.
    pub source: &'static str,
    /// The tables the family publishes, in printed order. Every one must be
    /// published (an empty table with a note when there is no data).
    pub tables: &'static [TableSpec],
    /// Whether 公开09表's 预算数 and 决算数 columns alternate (C1 合计预算,
    /// C2 合计决算, …) instead of standing in two groups.
    pub t09_interleaved: bool,
}

impl Profile {
    /// The spec of table `id`, when the family publishes it.
    pub fn table(&self, id: TableId) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Whether the family publishes table `id`.
    pub fn has(&self, id: TableId) -> bool {
        self.table(id).is_some()
    }

    /// The table a folded title names in this family (longest ending wins).
    pub fn table_for_title(&self, label: &str) -> Option<TableId> {
        best_title(self.tables.iter(), label)
    }

    /// The printed label of a table's number ("公开05表", "表7", "表4").
    pub fn number_label(&self, id: TableId) -> Option<String> {
        let spec = self.table(id)?;
        Some(match self.family {
            Family::Central | Family::Unit13 => format!("公开{:02}表", spec.number),
            _ => format!("表{}", spec.number),
        })
    }
}

const UNKNOWN: Profile = Profile {
    family: Family::Unknown,
    name: "未知模板",
    source: "无：报告的表格与已知模板都不相符，按表头逐表读取",
    tables: &[],
    t09_interleaved: false,
};

/// Folds a printed title for matching: no spaces, ordinal or `表 1：`
/// numbering, brackets or 高等学校 prefix; quotes made plain.
pub fn title_label(text: &str) -> String {
    let label = crate::canonical::label_of(strip_table_number(text.trim()));
    label
        .chars()
        .filter(|c| !matches!(c, '（' | '）' | '(' | ')'))
        .map(|c| match c {
            '“' | '”' | '＂' => '"',
            _ => c,
        })
        .collect()
}

/// Splits a title line that starts with its table number ("表 1：高等学校
/// 收入决算表", "表4 财政拨款收入支出决算总表") into the number and the title.
pub fn split_table_number(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let title = strip_table_number(s);
    (title.len() < s.len() && !title.is_empty()).then(|| {
        let number = s[..s.len() - title.len()]
            .trim_end()
            .trim_end_matches(['：', ':', '、', '．', '.']);
        (number.trim_end(), title)
    })
}

/// "表 1：高等学校收入决算表", "表4 财政拨款收入支出决算总表", "表一、…"
/// → the title. A number in Chinese numerals must be set off by a space or
/// a separator ("表五一般公共…" keeps its 一).
fn strip_table_number(s: &str) -> &str {
    let Some(rest) = s.strip_prefix('表') else {
        return s;
    };
    let rest = rest.trim_start();
    let ascii = rest.bytes().take_while(u8::is_ascii_digit).count();
    let chinese: usize = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    let (n, needs_separator) = if ascii > 0 {
        (ascii, false)
    } else {
        (chinese, true)
    };
    if n == 0 {
        return s;
    }
    let after = &rest[n..];
    let trimmed = after.trim_start();
    for sep in ["：", ":", "、", "．", "."] {
        if let Some(r) = trimmed.strip_prefix(sep) {
            return r.trim_start();
        }
    }
    if trimmed.len() < after.len() || !needs_separator {
        return trimmed;
    }
    s
}

fn best_title<'a>(specs: impl Iterator<Item = &'a TableSpec>, label: &str) -> Option<TableId> {
    specs
        .flat_map(|s| s.titles.iter().map(move |t| (s.id, *t)))
        .filter(|(_, t)| label.ends_with(t))
        .max_by_key(|(_, t)| t.len())
        .map(|(id, _)| id)
}

/// The table a folded title names in any family, preferring the central
/// meaning where families differ (the family is decided later).
pub fn any_table_for_title(label: &str) -> Option<TableId> {
    let own = best_title(central::PROFILE.tables.iter(), label);
    let len = |id: Option<TableId>, p: &Profile| {
        id.and_then(|id| p.table(id))
            .and_then(|s| {
                s.titles
                    .iter()
                    .filter(|t| label.ends_with(*t))
                    .map(|t| t.len())
                    .max()
            })
            .unwrap_or(0)
    };
    let mut best = (own, len(own, &central::PROFILE));
    for f in [Family::Shanghai, Family::University, Family::Unit13] {
        let p = f.profile();
        let id = p.table_for_title(label);
        let l = len(id, p);
        if l > best.1 {
            best = (id, l);
        }
    }
    best.0
}

/// Decides the family from the tables a document prints, in document order,
/// each with its folded title and printed number (when printed).
pub fn detect(tables: &[(TableId, &str, Option<u32>)]) -> Family {
    if tables.is_empty() {
        return Family::Unknown;
    }
    let has = |id: TableId| tables.iter().any(|(t, _, _)| *t == id);
    if tables
        .iter()
        .any(|(_, title, _)| title.contains("高等学校"))
        || has(TableId::T10)
    {
        return Family::University;
    }
    let capital = tables
        .iter()
        .filter(|(_, title, _)| title.contains("国有资本经营预算财政拨款"))
        .count();
    if has(TableId::T11) || has(TableId::T12) || has(TableId::T13) || capital >= 2 {
        return Family::Unit13;
    }
    let pos = |id: TableId| tables.iter().position(|(t, _, _)| *t == id);
    let sangong_seventh = tables
        .iter()
        .any(|(t, _, n)| *t == TableId::T09 && *n == Some(7));
    let sangong_first = match (pos(TableId::T09), pos(TableId::T07).or(pos(TableId::T08))) {
        (Some(s), Some(f)) => s < f,
        _ => false,
    };
    if sangong_seventh || sangong_first {
        return Family::Shanghai;
    }
    if !tables.iter().any(|(t, _, _)| t.is_statutory()) {
        return Family::Unknown;
    }
    Family::Central
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_fold_and_match() {
        assert_eq!(
            title_label("表 1：高等学校收支决算总表"),
            "高等学校收支决算总表"
        );
        assert_eq!(title_label("表一、收入决算表"), "收入决算表");
        assert_eq!(
            title_label("表5 一般公共预算财政拨款支出决算表"),
            "一般公共预算财政拨款支出决算表"
        );
        assert_eq!(
            title_label("表五 一般公共预算财政拨款支出决算表"),
            "一般公共预算财政拨款支出决算表"
        );
        assert_eq!(
            title_label("表4财政拨款收入支出决算总表"),
            "财政拨款收入支出决算总表"
        );
        assert_eq!(title_label("表格说明"), "表格说明");
        assert_eq!(
            split_table_number("表 1：高等学校收支决算总表"),
            Some(("表 1", "高等学校收支决算总表"))
        );
        assert_eq!(split_table_number("收入决算表"), None);
        assert_eq!(
            title_label("财政拨款“三公”经费支出决算表"),
            "财政拨款\"三公\"经费支出决算表"
        );
        let u = Family::University.profile();
        assert_eq!(
            u.table_for_title(&title_label("表 4：高等学校财政拨款支出决算表")),
            Some(TableId::T10)
        );
        assert_eq!(
            any_table_for_title(&title_label("一般公共预算财政拨款支出决算表")),
            Some(TableId::T05)
        );
        assert_eq!(
            any_table_for_title(&title_label("财政拨款支出决算明细表")),
            Some(TableId::T11)
        );
        let c = Family::Unit13.profile();
        assert_eq!(
            c.table_for_title("国有资本经营预算财政拨款支出决算表"),
            Some(TableId::T14)
        );
        assert_eq!(
            Family::Central
                .profile()
                .table_for_title("国有资本经营预算财政拨款支出决算表"),
            Some(TableId::T08)
        );
    }

    #[test]
    fn every_family_lists_distinct_tables_with_layouts_of_known_keys() {
        for f in Family::ALL {
            let p = f.profile();
            for (i, t) in p.tables.iter().enumerate() {
                assert!(
                    p.tables[i + 1..].iter().all(|o| o.id != t.id),
                    "{f}: {} twice",
                    t.id
                );
                let keys = crate::canonical::column_keys(t.id);
                for k in t.layout {
                    assert!(keys.contains(k), "{f} {}: {k} not a key", t.id);
                }
            }
        }
        assert_eq!(Family::Central.profile().tables.len(), 9);
        assert_eq!(Family::University.profile().tables.len(), 4);
        assert_eq!(Family::Unit13.profile().tables.len(), 13);
    }

    #[test]
    fn detection() {
        let t = |id, title, n| (id, title, n);
        assert_eq!(
            detect(&[
                t(TableId::T01, "高等学校收支决算总表", Some(1)),
                t(TableId::T02, "高等学校收入决算表", Some(2))
            ]),
            Family::University
        );
        assert_eq!(
            detect(&[
                t(TableId::T05, "一般公共预算财政拨款支出决算表", None),
                t(TableId::T09, "财政拨款\"三公\"经费支出决算表", Some(7)),
            ]),
            Family::Shanghai
        );
        assert_eq!(
            detect(&[t(TableId::T11, "财政拨款支出决算明细表", Some(5))]),
            Family::Unit13
        );
        assert_eq!(
            detect(&[t(TableId::T01, "收入支出决算总表", Some(1))]),
            Family::Central
        );
        assert_eq!(detect(&[]), Family::Unknown);
        assert_eq!(Family::parse("unit13"), Some(Family::Unit13));
    }
}
