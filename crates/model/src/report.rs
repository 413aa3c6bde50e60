//! The whole report: metadata, tables, performance tables, narrative, glossary.

use crate::address::CellAddr;
use crate::narrative::{Figure, GlossaryEntry, Paragraph};
use crate::performance::Performance;
use crate::profile::Family;
use crate::span::Span;
use crate::table::{Cell, Row, Table, TableId};
use crate::unit::Unit;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Document metadata (封面 and 第一部分 部门概况).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The department (部门), e.g. 吉林省人力资源和社会保障厅.
    pub department: String,
    /// The fiscal year reported on.
    pub year: Option<u32>,
    /// The money unit of the tables.
    pub unit: Unit,
    /// Publication date as ISO `YYYY-MM-DD`, when printed.
    pub published: Option<String>,
    /// 部门职责 paragraphs.
    pub duties: Vec<String>,
    /// Number of internal institutions (内设机构), when stated.
    pub institutions: Option<u32>,
    /// 决算单位构成: the member units, in printed order.
    pub member_units: Vec<String>,
}

/// A note from a reader about the input: a repair it made or something it could not place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadNote {
    /// Source line.
    pub line: u32,
    /// What happened, in Chinese (shown to users).
    pub message: String,
}

/// A whole 部门决算 report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The source file name as given to the reader.
    pub source: String,
    /// The template family the reader recognised (JSON: "central",
    /// "shanghai", "university", "unit13", "unknown").
    pub profile: Family,
    /// Metadata.
    pub meta: Meta,
    /// The tables found, by canonical id.
    pub tables: BTreeMap<TableId, Table>,
    /// Canonical tables the document does not contain.
    pub absent_tables: Vec<TableId>,
    /// 项目支出绩效自评表, in document order.
    pub performance: Vec<Performance>,
    /// 第三部分 情况说明, paragraph by paragraph.
    pub narrative: Vec<Paragraph>,
    /// Every figure stated in the narrative, in document order.
    pub figures: Vec<Figure>,
    /// 第四部分 名词解释.
    pub glossary: Vec<GlossaryEntry>,
    /// The source text's lines (for quoting in diagnostics); not serialized.
    #[serde(skip)]
    pub lines: Vec<String>,
    /// For paged inputs: the (page, line-within-page) of each entry of
    /// `lines`; empty when `lines` is numbered 1, 2, 3 … (plain text).
    #[serde(skip)]
    pub line_keys: Vec<(Option<u32>, u32)>,
    /// Reader notes (repairs, unplaced lines).
    pub notes: Vec<ReadNote>,
}

impl Report {
    /// The table with canonical id `id`.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.get(&id)
    }

    /// Resolves an address to its row and cell.
    pub fn cell(&self, addr: &CellAddr) -> Option<(&Row, &Cell)> {
        // Two-sided tables without 行次 print "总计" on both sides: the
        // column tells them apart.
        self.table(addr.table)?
            .rows
            .iter()
            .filter(|r| r.key == addr.row)
            .find_map(|r| Some((r, r.cell(addr.column)?)))
    }

    /// The source line `n` (1-based), if known.
    pub fn line_text(&self, n: u32) -> Option<&str> {
        self.lines
            .get((n as usize).checked_sub(1)?)
            .map(String::as_str)
    }

    /// The source line at `line` of `page` (paged inputs) or at `line` (text).
    pub fn source_line(&self, page: Option<u32>, line: u32) -> Option<&str> {
        if self.line_keys.is_empty() {
            return if page.is_none() {
                self.line_text(line)
            } else {
                None
            };
        }
        let i = self.line_keys.iter().position(|k| *k == (page, line))?;
        self.lines.get(i).map(String::as_str)
    }

    /// Every numeric cell of T01–T09 with its address, in table and row order.
    pub fn numeric_cells(&self) -> Vec<(CellAddr, &Row, &Cell)> {
        let mut out = Vec::new();
        for table in self.tables.values() {
            for (row, cell) in table.filled_cells() {
                out.push((CellAddr::new(table.id, &row.key, cell.column), row, cell));
            }
        }
        out
    }

    /// The span of a cell, if the address resolves.
    pub fn span_of(&self, addr: &CellAddr) -> Option<&Span> {
        self.cell(addr).map(|(_, c)| &c.span)
    }
}

/// Serde helper: `Option<Decimal>` as a decimal string (or null), never a float.
pub mod opt_decimal_str {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serializes as `"34951.33"` or `null`.
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Deserializes from a decimal string or null.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        match s {
            None => Ok(None),
            Some(s) => super::decimal_str::parse(&s).map(Some),
        }
    }
}

/// Serde helper: `Decimal` as a decimal string, never a float.
pub mod decimal_str {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    /// Serializes as `"34951.33"`.
    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    /// Deserializes from a decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        parse(&String::deserialize(d)?)
    }

    /// A model value from outside the readers is held to the same range as
    /// a read one, so no later arithmetic on it can overflow.
    pub(super) fn parse<E: serde::de::Error>(s: &str) -> Result<Decimal, E> {
        let v = Decimal::from_str(s).map_err(E::custom)?;
        if !crate::amount::in_model_range(&v) {
            return Err(E::custom(format!("金额 {s} 超出可处理范围")));
        }
        Ok(v)
    }
}
