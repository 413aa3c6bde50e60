//! The nine statutory tables (公开01–09表) as canonical, addressable grids.

use crate::span::Span;
use crate::unit::Unit;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Canonical table ids: the Jilin/central numbering, whatever the document's own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TableId {
    /// 收入支出决算总表
    T01,
    /// 收入决算表
    T02,
    /// 支出决算表
    T03,
    /// 财政拨款收入支出决算总表
    T04,
    /// 一般公共预算财政拨款支出决算表
    T05,
    /// 一般公共预算财政拨款基本支出决算(明细)表
    T06,
    /// 政府性基金预算财政拨款收入支出决算表
    T07,
    /// 国有资本经营预算财政拨款支出决算表
    T08,
    /// 财政拨款“三公”经费支出决算表
    T09,
}

impl TableId {
    /// All nine ids in canonical order.
    pub const ALL: [TableId; 9] = [
        TableId::T01,
        TableId::T02,
        TableId::T03,
        TableId::T04,
        TableId::T05,
        TableId::T06,
        TableId::T07,
        TableId::T08,
        TableId::T09,
    ];

    /// 1-based canonical number.
    pub fn number(self) -> u32 {
        self as u32 + 1
    }

    /// The id with canonical number `n` (1–9).
    pub fn from_number(n: u32) -> Option<TableId> {
        TableId::ALL.get(n.checked_sub(1)? as usize).copied()
    }

    /// Parses "T05".
    pub fn parse(s: &str) -> Option<TableId> {
        let n: u32 = s.strip_prefix('T')?.parse().ok()?;
        TableId::from_number(n)
    }

    /// The official title.
    pub fn title(self) -> &'static str {
        match self {
            TableId::T01 => "收入支出决算总表",
            TableId::T02 => "收入决算表",
            TableId::T03 => "支出决算表",
            TableId::T04 => "财政拨款收入支出决算总表",
            TableId::T05 => "一般公共预算财政拨款支出决算表",
            TableId::T06 => "一般公共预算财政拨款基本支出决算明细表",
            TableId::T07 => "政府性基金预算财政拨款收入支出决算表",
            TableId::T08 => "国有资本经营预算财政拨款支出决算表",
            TableId::T09 => "财政拨款“三公”经费支出决算表",
        }
    }

    /// "T01" … "T09".
    pub fn as_str(self) -> &'static str {
        [
            "T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09",
        ][self as usize]
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which half of a two-sided table (T01, T04) a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// 收入 (left half).
    Income,
    /// 支出 (right half).
    Expense,
}

/// What a row is, structurally.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A classification row with its 科目代码 (3, 5 or 7 digits).
    Code,
    /// A total row: 合计, 人员经费合计, 公用经费合计, 本年收入合计, 总计 …
    Total,
    /// A row of a two-sided total table identified by its printed 行次 or name.
    Item,
    /// The single data row of T09.
    Data,
}

/// A numeric column, identified by its printed 栏次 (or its position when none is printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The 栏次 number used in addresses (`C<n>`).
    pub number: u32,
    /// The column's printed header, with group headers joined by `/`.
    pub name: String,
    /// The canonical key of the column (see [`crate::canonical::column_keys`]).
    pub key: String,
    /// The side of a two-sided table the column belongs to.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub side: Option<Side>,
}

/// One cell: its column, its exact value (blank stays `None`) and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The column's 栏次 number.
    pub column: u32,
    /// The exact value as printed; `None` when the cell is blank.
    #[serde(with = "crate::report::opt_decimal_str")]
    pub value: Option<Decimal>,
    /// The printed text of the cell (e.g. "33,597.66").
    pub raw: String,
    /// Where the cell was read.
    pub span: Span,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The row part of the cell address: `R10`, `2080101`, `合计`, `年初结转和结余/一般公共预算财政拨款`.
    pub key: String,
    /// The row's printed name (项目 or 科目名称), exactly as printed.
    pub name: String,
    /// The printed name without ordinal prefix and spaces (with its heading
    /// prefix when the name repeats), used to find rows by meaning.
    pub label: String,
    /// What kind of row this is.
    pub kind: RowKind,
    /// The 科目代码: printed in 科目 tables; inferred from the name for the
    /// 类 rows of T01/T04 when a reader can.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub code: Option<String>,
    /// The printed 行次 in T01/T04 when printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line_no: Option<u32>,
    /// The side of a two-sided table.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub side: Option<Side>,
    /// Where the row was read (the name's span, or the whole line).
    pub span: Span,
    /// The row's cells in column order (blank cells included with `value: None`).
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `c`, if the row has one.
    pub fn cell(&self, c: u32) -> Option<&Cell> {
        self.cells.iter().find(|cell| cell.column == c)
    }

    /// The value in column `c` (`None` when absent or blank).
    pub fn value(&self, c: u32) -> Option<Decimal> {
        self.cell(c).and_then(|cell| cell.value)
    }

    /// The classification level of a 科目 row: 1 类 (3 digits), 2 款 (5), 3 项 (7).
    pub fn level(&self) -> Option<u8> {
        match self.code.as_deref().map(str::len) {
            Some(3) => Some(1),
            Some(5) => Some(2),
            Some(7) => Some(3),
            _ => None,
        }
    }
}

/// One statutory table mapped onto its canonical id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Canonical id.
    pub id: TableId,
    /// The document's own number label, e.g. "公开01表" or "表7".
    pub number_label: String,
    /// The printed title.
    pub title: String,
    /// The money unit of the table.
    pub unit: Unit,
    /// The department named in the table header ("部门：…"), if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub department: Option<String>,
    /// Where the title was read.
    pub span: Span,
    /// The numeric columns.
    pub columns: Vec<Column>,
    /// The data rows, in document order.
    pub rows: Vec<Row>,
    /// Footnotes ("注：…", "说明：…"), one entry per printed line.
    pub notes: Vec<(u32, String)>,
    /// Whether the document prints 栏次 for this table.
    pub has_column_numbers: bool,
}

impl Table {
    /// An empty table shell.
    pub fn new(id: TableId, title: &str, span: Span) -> Table {
        Table {
            id,
            number_label: String::new(),
            title: title.to_string(),
            unit: Unit::WanYuan,
            department: None,
            span,
            columns: Vec::new(),
            rows: Vec::new(),
            notes: Vec::new(),
            has_column_numbers: false,
        }
    }

    /// The row with address key `key`.
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The first row whose label is `label` (name without ordinal and spaces).
    pub fn row_by_label(&self, label: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.label == label)
    }

    /// The column whose canonical key is `key`.
    pub fn column(&self, key: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// The row with label `label` that has a cell in column `column`
    /// (two-sided tables print "总计" on both sides).
    pub fn find(&self, label: &str, column: u32) -> Option<&Row> {
        self.rows.iter().find(|r| {
            (r.label == label || r.key == label || r.code.as_deref() == Some(label))
                && r.cell(column).is_some()
        })
    }

    /// The row of 科目代码 `code`.
    pub fn row_by_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_deref() == Some(code))
    }

    /// True when no cell of the table holds a value (an empty fund table).
    pub fn is_empty_of_values(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.value.is_none()))
    }

    /// The note saying the table has no data ("本单位没有…", "…故本表无数据"), if printed.
    pub fn empty_note(&self) -> Option<&(u32, String)> {
        self.notes
            .iter()
            .find(|(_, n)| n.contains("没有") || n.contains("无数据") || n.contains("为空表"))
    }

    /// Iterates over every cell that holds a value, with its row.
    pub fn filled_cells(&self) -> impl Iterator<Item = (&Row, &Cell)> {
        self.rows
            .iter()
            .flat_map(|r| r.cells.iter().map(move |c| (r, c)))
            .filter(|(_, c)| c.value.is_some())
    }
}
