//! The syntax tree of one rule.

use juesuan_model::{Decimal, TableId};

/// How bad a failed rule is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Within rounding (尾数误差) or advice.
    Info,
    /// Suspicious or unverifiable.
    Warning,
    /// Inconsistent beyond rounding.
    Error,
}

impl Severity {
    /// Parses `error`, `warning`, `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }

    /// `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// 错误, 警告, 提示.
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule as written in a rulebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Unique id, e.g. `T01.income_total`.
    pub id: String,
    /// Severity when the rule fails beyond rounding.
    pub severity: Severity,
    /// The Chinese message; `{var}` is replaced by the value bound to `var`.
    pub message: String,
    /// `##` doc lines written just above the rule.
    pub doc: String,
    /// The family bindings (`for r in rows(T02), c in columns(T02)`); empty for a single identity.
    pub bindings: Vec<Binding>,
    /// The identity.
    pub formula: Comparison,
    /// Rulebook name and 1-based line where the rule is written.
    pub origin: (String, u32),
}

/// `var in domain | domain …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The variable name.
    pub var: String,
    /// The union of domains the variable ranges over.
    pub domains: Vec<Domain>,
}

/// What a family variable ranges over.
#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    /// `rows(T)`: the keys of every data row; `rows(T, 列)`: of rows having a cell in that column.
    Rows(TableId, Option<Path>),
    /// `codes(T)`, `codes(T, 类 款)`: the 科目代码 of 科目 rows, optionally of given levels (1–3).
    Codes(TableId, Vec<u8>),
    /// `columns(T)` or `columns(T, a..b)`: canonical column keys.
    Columns(TableId, Option<(Path, Path)>),
    /// `[a, b, c]`: an explicit list of names.
    List(Vec<String>),
}

/// A name possibly built from variables: segments joined by `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path(pub Vec<Segment>);

/// One segment of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A literal name.
    Lit(String),
    /// A variable bound by `for`.
    Var(String),
}

/// Alternatives: the first that exists in the table is used (`年初结转和结余|年初财政拨款结转和结余`).
pub type Alt = Vec<Path>;

/// Row selection inside `T[rows, columns]`.
#[derive(Debug, Clone, PartialEq)]
pub enum RowSel {
    /// One row by label, key or code.
    One(Alt),
    /// Every row from the first to the last, inclusive, in printed order.
    Range(Alt, Alt),
    /// `codes()` / `codes(类 款)`: 科目 rows, optionally of given levels.
    Codes(Vec<u8>),
    /// `children(r)`: the rows one level below the 科目 bound to `r`.
    Children(String),
}

/// Column selection inside `T[rows, columns]`.
#[derive(Debug, Clone, PartialEq)]
pub enum ColSel {
    /// One column by canonical key.
    One(Alt),
    /// Every column from the first to the last, inclusive, in printed order.
    Range(Alt, Alt),
}

/// A reference to figures of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Ref {
    /// `T05[合计, 人员经费]`.
    Table {
        /// The canonical table.
        table: TableId,
        /// Rows.
        rows: RowSel,
        /// Columns.
        cols: ColSel,
    },
    /// `N5.3.14`: a narrative figure (issue #4).
    Narrative(String),
    /// `P3.funds[年度资金总额].executed`: a 绩效自评表 value.
    Performance {
        /// 1-based index of the self-evaluation table.
        index: u32,
        /// The part (`funds`).
        part: String,
        /// The row within the part.
        row: Path,
        /// The field (`initial_budget`, `full_year_budget`, `executed`, `rate`).
        field: String,
    },
}

impl Ref {
    /// Whether the reference selects one value (no range or family of rows).
    pub fn is_scalar(&self) -> bool {
        match self {
            Ref::Table { rows, cols, .. } => {
                matches!(rows, RowSel::One(_)) && matches!(cols, ColSel::One(_))
            }
            _ => true,
        }
    }
}

/// An arithmetic expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal number.
    Num(Decimal),
    /// One figure.
    Ref(Ref),
    /// `sum(ref, ref…)`: the sum of every cell selected.
    Sum(Vec<Ref>),
    /// `a + b`.
    Add(Box<Expr>, Box<Expr>),
    /// `a - b`.
    Sub(Box<Expr>, Box<Expr>),
    /// `-a`.
    Neg(Box<Expr>),
}

/// The comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `<=` / `≤`
    Le,
}

impl Op {
    /// The symbol used in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Le => "≤",
        }
    }
}

/// `lhs op rhs [~ tolerance]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Left side (the printed total, usually).
    pub lhs: Expr,
    /// The operator (`>=` is stored as `<=` with the sides swapped).
    pub op: Op,
    /// Right side.
    pub rhs: Expr,
    /// An explicit tolerance replacing the derived one.
    pub tolerance: Option<Decimal>,
}
