//! The nine statutory tables (公开01–09表) as canonical, addressable grids.

use crate::span::Span;
use crate::unit::Unit;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Canonical table ids: the Jilin/central numbering (T01–T09), extended by
/// the tables that other template families publish (T10–T14), and `X<nn>`
/// for a table recognised by its title and header but by no family
/// (read generically, in document order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// 财政拨款支出决算表 (高等学校 表4: every fund, 基本 and 项目).
    T10,
    /// 财政拨款支出决算明细表 (13-table 单位决算 表5).
    T11,
    /// 一般公共预算财政拨款支出决算明细表 (13-table 单位决算 表7).
    T12,
    /// 一般公共预算财政拨款项目支出决算表 (13-table 单位决算 表9).
    T13,
    /// 国有资本经营预算财政拨款支出决算表 where a family also prints the
    /// 收入支出 table (13-table 单位决算 表12; that 表11 is T08).
    T14,
    /// A table no family knows, numbered 1… in document order (`X01`).
    Other(u8),
}

/// "X01" … "X99": generic table ids as static strings.
const OTHER_IDS: [&str; 99] = [
    "X01", "X02", "X03", "X04", "X05", "X06", "X07", "X08", "X09", "X10", "X11", "X12", "X13",
    "X14", "X15", "X16", "X17", "X18", "X19", "X20", "X21", "X22", "X23", "X24", "X25", "X26",
    "X27", "X28", "X29", "X30", "X31", "X32", "X33", "X34", "X35", "X36", "X37", "X38", "X39",
    "X40", "X41", "X42", "X43", "X44", "X45", "X46", "X47", "X48", "X49", "X50", "X51", "X52",
    "X53", "X54", "X55", "X56", "X57", "X58", "X59", "X60", "X61", "X62", "X63", "X64", "X65",
    "X66", "X67", "X68", "X69", "X70", "X71", "X72", "X73", "X74", "X75", "X76", "X77", "X78",
    "X79", "X80", "X81", "X82", "X83", "X84", "X85", "X86", "X87", "X88", "X89", "X90", "X91",
    "X92", "X93", "X94", "X95", "X96", "X97", "X98", "X99",
];

impl TableId {
    /// The nine statutory tables (公开01–09表) in canonical order.
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

    /// Every table some family publishes, in canonical order.
    pub const KNOWN: [TableId; 14] = [
        TableId::T01,
        TableId::T02,
        TableId::T03,
        TableId::T04,
        TableId::T05,
        TableId::T06,
        TableId::T07,
        TableId::T08,
        TableId::T09,
        TableId::T10,
        TableId::T11,
        TableId::T12,
        TableId::T13,
        TableId::T14,
    ];

    /// Most generic tables kept from one document.
    pub const MAX_OTHER: u8 = 99;

    /// 1-based canonical number (generic tables: 100 + their number).
    pub fn number(self) -> u32 {
        match self {
            TableId::Other(n) => 100 + u32::from(n),
            known => TableId::KNOWN
                .iter()
                .position(|k| *k == known)
                .map_or(0, |i| i as u32 + 1),
        }
    }

    /// The id with canonical number `n` (1–14).
    pub fn from_number(n: u32) -> Option<TableId> {
        TableId::KNOWN.get(n.checked_sub(1)? as usize).copied()
    }

    /// Parses "T05" or "X03".
    pub fn parse(s: &str) -> Option<TableId> {
        if let Some(n) = s.strip_prefix('X') {
            let n: u8 = n.parse().ok()?;
            return (1..=TableId::MAX_OTHER)
                .contains(&n)
                .then_some(TableId::Other(n));
        }
        let n: u32 = s.strip_prefix('T')?.parse().ok()?;
        TableId::from_number(n)
    }

    /// Whether this is one of the nine statutory tables (T01–T09).
    pub fn is_statutory(self) -> bool {
        TableId::ALL.contains(&self)
    }

    /// The official title (generic tables: a placeholder; the model keeps the printed one).
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
            TableId::T10 => "财政拨款支出决算表",
            TableId::T11 => "财政拨款支出决算明细表",
            TableId::T12 => "一般公共预算财政拨款支出决算明细表",
            TableId::T13 => "一般公共预算财政拨款项目支出决算表",
            TableId::T14 => "国有资本经营预算财政拨款支出决算表",
            TableId::Other(_) => "其他决算表",
        }
    }

    /// "T01" … "T14", "X01" … "X99".
    pub fn as_str(self) -> &'static str {
        match self {
            TableId::Other(n) => OTHER_IDS
                .get(usize::from(n).wrapping_sub(1))
                .copied()
                .unwrap_or("X00"),
            known => [
                "T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09", "T10", "T11", "T12",
                "T13", "T14",
            ]
            .get((known.number() as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("T00"),
        }
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TableId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TableId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TableId, D::Error> {
        let s = String::deserialize(d)?;
        TableId::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown table id {s}")))
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
    /// For a "其中：…" sub-column: the key of the column it is part of. Such a
    /// column is never one of the parts that add up to a total; it is at
    /// most its parent.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub of_which: Option<String>,
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
    /// Why the reader is unsure of this cell (Chinese), e.g. a column
    /// placement that the spacing of the source left ambiguous. A failing
    /// identity that involves such a cell is a reading question, not an error.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doubt: Option<String>,
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
    /// For a "其中：…" row: the key of the row it is part of (never one of
    /// the parts of a total; at most its parent).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub of_which: Option<String>,
    /// Why the reader is unsure of this row's name (Chinese), e.g. a name
    /// joined from pieces a converter printed on other lines, or one that
    /// may have lost its end. A name finding on such a row is a reading
    /// question, not an error.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub doubt: Option<String>,
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
    /// The money unit the table is printed in. Cell values are in 万元
    /// whatever this unit (converted exactly by the reader); `Cell::raw`
    /// keeps the printed text.
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
    /// Amounts printed inside the table on lines (or column groups of a
    /// line) that the reader could not read as rows: the table may lack a
    /// row the document prints, so a sum over its rows is in question.
    /// Each span points at the amount (its confidence when machine-read).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub unread: Vec<Span>,
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
            unread: Vec::new(),
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
