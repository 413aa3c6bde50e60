//! The syntax tree of one rule.

use juesuan_model::{Decimal, Family, TableId};

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
    /// The template families the rule applies to (the `scope` line above it).
    pub scope: Scope,
}

/// The template families a rule applies to: set by a `scope` line of a
/// rulebook for the rules that follow it (`scope central shanghai unit13`,
/// `scope *`); a rulebook without one applies to every family.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every family.
    #[default]
    All,
    /// Only these families.
    Only(Vec<Family>),
}

impl Scope {
    /// Whether a report of family `f` is in scope.
    pub fn includes(&self, f: Family) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(families) => families.contains(&f),
        }
    }
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
    /// `items(N5.3)`: the item numbers of the numbered paragraphs of a narrative section.
    Items(Path),
    /// `figures(N5.2, share)`: the figures of a narrative section that have a
    /// partner of the given kind (`share`, `change`, `rate`, `completion`, `actual`, `budget`).
    Figures(Path, String),
    /// `tables(P)`: the indices 1…n of the 项目支出绩效自评表.
    Tables,
    /// `indicators(P[k], 成本指标)`: the names (三级指标) of table `k`'s
    /// indicators of a class (一级 or 二级指标 containing the word) whose
    /// values are amounts of money (元, 万元, 亿元).
    Indicators(PIndex, String),
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
    /// `code(N5.3.i)`: the 科目 named by a narrative item's "X（类）Y（款）Z（项）" text.
    Code(Path),
    /// `subject(f)`: the row whose name is the subject of the narrative figure bound to `f`.
    Subject(String),
    /// `named(行政运行)`: every 科目 row printed with this name.
    Named(Alt),
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
    /// `N2[本年收入合计]`, `N5.3.i[actual]`, `N[f].change`: a narrative figure.
    Narrative(NarrRef),
    /// `P3.funds[年度资金总额].executed`, `P[k].score`,
    /// `P[k].indicators[i].actual`: a 绩效自评表 value.
    Performance {
        /// Which self-evaluation table(s).
        index: PIndex,
        /// The part (`funds`, `indicators`, `score`).
        part: String,
        /// The row within the part: the fund row, or the indicator's name.
        row: Option<Path>,
        /// The field (`initial_budget`, `full_year_budget`, `executed`,
        /// `rate`; `target`, `actual` of an indicator), possibly a variable.
        field: Option<Path>,
    },
}

/// A reference to a narrative figure: scope, selector and partner field.
#[derive(Debug, Clone, PartialEq)]
pub struct NarrRef {
    /// The section or paragraph (`2`, `5.3`, `5.3.i`, `5.3.14`), segments joined by `.`;
    /// empty for the whole narrative (`N[f]`).
    pub scope: Path,
    /// `[本年收入合计|收入合计]`: a subject, a role keyword, or a variable bound to a figure.
    pub selector: Option<Alt>,
    /// `.change`, `.rate`, `.share`, `.completion`, `.actual`, `.budget`: the figure's partner.
    pub field: Option<String>,
}

impl NarrRef {
    /// Role keywords accepted as selectors and fields.
    pub const ROLES: [&'static str; 9] = [
        "value",
        "budget",
        "actual",
        "completion",
        "share",
        "change",
        "rate",
        "increase",
        "decrease",
    ];
}

/// Which 绩效自评表 a performance reference reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PIndex {
    /// `P3`.
    Lit(u32),
    /// `P[k]` with `k` bound by `tables(P)`.
    Var(String),
    /// `P[*]`: every table (only inside `sum(…)`).
    All,
}

impl Ref {
    /// Whether the reference selects one value (no range or family of rows).
    pub fn is_scalar(&self) -> bool {
        match self {
            Ref::Table { rows, cols, .. } => {
                matches!(rows, RowSel::One(_) | RowSel::Code(_) | RowSel::Subject(_))
                    && matches!(cols, ColSel::One(_))
            }
            Ref::Performance { index, .. } => *index != PIndex::All,
            Ref::Narrative(_) => true,
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
    /// `pct(a, b)`: a / b × 100, compared at the printed precision of the other side.
    Pct(Box<Expr>, Box<Expr>),
    /// `prior(v, c)`: last year's value from this year's `v` and the change `c` (v − c).
    Prior(Box<Expr>, Box<Expr>),
    /// `count(P)`: the number of 项目支出绩效自评表.
    CountTables,
    /// `last(e)`: `e` read in the same department's report of the year
    /// before (cross-year rules); a narrative figure bound to a variable
    /// means last year's figure about the same subject in the same section.
    Last(Box<Expr>),
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
