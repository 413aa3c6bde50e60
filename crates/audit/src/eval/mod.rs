//! Evaluation of rules over a report: families expanded, cells resolved,
//! exact sums compared under the rounding policy.

mod domain;
pub mod narrative;
pub mod resolve;

use crate::coverage::{RuleOutcome, Status};
use crate::finding::{CellRef, Finding};
use crate::lang::ast::{Comparison, Expr, Op, PIndex, Ref, Rule};
use crate::lang::Severity;
use crate::tolerance::{judge_eq, judge_le, Verdict};
use juesuan_model::{Decimal, Family, Report, Span, TableId};
pub use narrative::NarrIndex;
use rust_decimal::RoundingStrategy;

/// Variable bindings of one family instance.
#[derive(Debug, Clone, Default)]
pub struct Binds(Vec<(String, String)>);

impl Binds {
    /// The value bound to `var`.
    pub fn get(&self, var: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == var)
            .map(|(_, v)| v.as_str())
    }
}

/// Why an instance could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lack {
    /// The document has no such table, although its family publishes it.
    Absent(TableId),
    /// The document's family does not publish the table: the rule does not apply.
    NotPublished(TableId, Family),
    /// A named row is not in the table (a profile or reader gap).
    MissingRow(TableId, String),
    /// A column key is not in the table.
    MissingColumn(TableId, String),
    /// The table is printed in a known layout that has no such column
    /// (a Shanghai 公开05表 has no 人员经费/公用经费): the rule does not apply.
    NotInLayout(TableId, String),
    /// A reference kind not available yet (narrative figures) or not found.
    Unsupported(String),
    /// A sum selected no row at all (e.g. a 款 printed without its 项).
    EmptySum,
    /// A percentage of a zero base (checked separately: a rate against a zero budget).
    ZeroDivisor(String),
    /// `last(…)` without last year's report: the rule does not apply.
    NoPrior,
}

impl Lack {
    /// Why `key` cannot be used on `t`: a layout without it, or a reading gap.
    pub fn missing_column(t: &juesuan_model::Table, key: String) -> Lack {
        let printed: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
        let known_without = juesuan_model::canonical::column_layouts(t.id)
            .iter()
            .any(|layout| layout[..] == printed[..] && !layout.contains(&key.as_str()));
        if known_without {
            Lack::NotInLayout(t.id, key)
        } else {
            Lack::MissingColumn(t.id, key)
        }
    }

    fn status(&self) -> Status {
        match self {
            Lack::EmptySum
            | Lack::ZeroDivisor(_)
            | Lack::NotInLayout(..)
            | Lack::NotPublished(..)
            | Lack::NoPrior => Status::NotApplicable,
            _ => Status::InsufficientData,
        }
    }

    fn reason(&self) -> String {
        match self {
            Lack::Absent(t) => format!("报告中没有{}（{}）", t.title(), t),
            Lack::NotPublished(t, f) => format!(
                "本报告的模板（{}）不含{}（{}）",
                f.profile().name,
                t.title(),
                t
            ),
            Lack::MissingRow(t, r) => format!("{t} 中找不到行“{r}”"),
            Lack::MissingColumn(t, c) => format!("{t} 中找不到栏“{c}”"),
            Lack::NotInLayout(t, c) => format!("{t} 所用表式不设“{c}”栏"),
            Lack::Unsupported(s) => format!("无法取得“{s}”"),
            Lack::EmptySum => "求和范围内没有任何行".to_string(),
            Lack::ZeroDivisor(d) => format!("{d} 为零或在尾数误差之内，无法计算百分比"),
            Lack::NoPrior => "没有同一部门上一年度的报告".to_string(),
        }
    }
}

/// Where a leaf was read. Rendered to an address only when a finding is
/// reported: most identities hold, and building thousands of address
/// strings for them was most of the audit's time.
#[derive(Debug, Clone)]
pub enum LeafAt {
    /// A printed table cell: table, index of the row in `Table::rows`, 栏次.
    Cell(TableId, usize, u32),
    /// A 科目 the table does not print: table, code, 栏次.
    Unprinted(TableId, String, u32),
    /// A narrative figure: its index in `Report::figures`.
    Figure(usize),
    /// A 绩效自评表 score: the table's index (`P3.score`).
    Score(u32),
    /// A 绩效自评表 fund cell: table index, row and field
    /// (`P3.funds[年度资金总额].executed`).
    Fund(u32, String, String),
    /// A 绩效自评表 indicator's value in 万元: table index, 三级指标 name and
    /// field (`P3.indicators[云平台服务费用].actual`).
    Indicator(u32, String, String),
}

impl LeafAt {
    /// The address shown to users (`T02[2080101,C2]`, `N5.3.14#2`, `P3.score`).
    pub fn render(&self, report: &Report) -> String {
        match self {
            LeafAt::Cell(t, row, col) => {
                let key = report
                    .table(*t)
                    .and_then(|tb| tb.rows.get(*row))
                    .map_or("?", |r| r.key.as_str());
                format!("{t}[{key},C{col}]")
            }
            LeafAt::Unprinted(t, code, col) => format!("{t}[{code},C{col}]"),
            LeafAt::Figure(i) => report
                .figures
                .get(*i)
                .map_or_else(String::new, |f| f.addr.clone()),
            LeafAt::Score(k) => format!("P{k}.score"),
            LeafAt::Fund(k, row, field) => format!("P{k}.funds[{row}].{field}"),
            LeafAt::Indicator(k, name, field) => format!("P{k}.indicators[{name}].{field}"),
        }
    }
}

/// What a leaf's source printed, rendered only for findings.
#[derive(Debug, Clone, Copy)]
pub enum Printed {
    /// A number as printed (scale kept).
    Number(Decimal),
    /// A narrative figure with its unit: its index in `Report::figures`.
    Figure(usize),
}

impl Printed {
    /// The printed text.
    pub fn render(&self, report: &Report) -> String {
        match self {
            Printed::Number(d) => d.to_string(),
            Printed::Figure(i) => report
                .figures
                .get(*i)
                .map_or_else(String::new, |f| format!("{}{}", f.value, f.unit)),
        }
    }
}

/// The position of `item` in `slice` (it must be one of its elements).
pub(crate) fn index_in<T>(slice: &[T], item: &T) -> usize {
    let size = std::mem::size_of::<T>().max(1);
    (std::ptr::from_ref(item) as usize).saturating_sub(slice.as_ptr() as usize) / size
}

/// One cell read by a rule, with its value converted to the report's unit.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Where it was read.
    pub addr: LeafAt,
    /// Value (blank = 0), in the report's unit.
    pub value: Decimal,
    /// Half a unit of its printed scale (0 for a blank cell), in the report's unit.
    pub half: Decimal,
    /// The printed value.
    pub printed: Option<Printed>,
    /// Where it was printed.
    pub span: Option<Span>,
}

impl Leaf {
    fn zero(addr: LeafAt, span: Option<Span>) -> Leaf {
        Leaf {
            addr,
            value: Decimal::ZERO,
            half: Decimal::ZERO,
            printed: None,
            span,
        }
    }
}

/// Last year's report of the same department, with its narrative index,
/// for the `last(…)` of cross-year rules.
#[derive(Clone, Copy)]
pub struct PriorRef<'a> {
    /// The report.
    pub report: &'a Report,
    /// Its narrative index.
    pub nidx: &'a NarrIndex,
}

struct Ctx<'a> {
    report: &'a Report,
    nidx: &'a NarrIndex,
    /// Last year's report; `None` inside `last(…)` (no year before that).
    prior: Option<PriorRef<'a>>,
    /// Inside `last(…)`: this year's report and index, to find a bound
    /// figure's counterpart.
    current: Option<PriorRef<'a>>,
    /// Cells read in last year's report, rendered against it.
    prior_cells: Vec<CellRef>,
    leaves: Vec<Leaf>,
    tables: Vec<TableId>,
    /// Whether a narrative or performance figure was read (an empty fund
    /// table is then still checked against what the text states).
    figures: bool,
    /// Whether to build descriptions and keep the leaves: only needed for a
    /// finding, so an instance is first evaluated without them (most hold).
    describe: bool,
}

/// A side of a comparison: value, the bound of its rounding error and a
/// short description for the message.
struct Side {
    value: Decimal,
    err: Decimal,
    /// For one stated figure (narrative or self-evaluation table): its printed scale.
    precision: Option<u32>,
    desc: String,
    composite: bool,
}

/// A value for messages: at most four decimals.
fn show(d: Decimal) -> Decimal {
    if d.scale() > 4 {
        d.round_dp(4).normalize()
    } else {
        d
    }
}

impl Ctx<'_> {
    fn touch(&mut self, t: TableId) {
        if !self.tables.contains(&t) {
            self.tables.push(t);
        }
    }

    fn reference(&mut self, r: &Ref, binds: &Binds, in_sum: bool) -> Result<Vec<Leaf>, Lack> {
        match r {
            Ref::Table { table, rows, cols } => {
                self.touch(*table);
                resolve::table_leaves(self.report, self.nidx, *table, rows, cols, binds)
            }
            Ref::Narrative(n) => {
                self.figures = true;
                if let Some(cur) = self.current {
                    // Inside last(…): a figure variable means last year's
                    // figure about the same thing.
                    if let Some(addr) = narrative::bound_figure(n, binds) {
                        let i = self
                            .nidx
                            .counterpart(self.report, cur.nidx, cur.report, addr)?;
                        return Ok(vec![narrative::figure_leaf(&self.report.figures[i], i)]);
                    }
                }
                match self.nidx.leaf(self.report, n, binds) {
                    Ok(l) => Ok(vec![l]),
                    // In a sum, a figure the text does not state adds nothing.
                    Err(_) if in_sum => Ok(Vec::new()),
                    Err(e) => Err(e),
                }
            }
            Ref::Performance { index, .. } => {
                self.figures = true;
                match index {
                    PIndex::All => {
                        let mut out = Vec::with_capacity(self.report.performance.len());
                        for p in &self.report.performance {
                            out.push(resolve::performance_leaf(self.report, r, p.index, binds)?);
                        }
                        Ok(out)
                    }
                    PIndex::Lit(k) => {
                        Ok(vec![resolve::performance_leaf(self.report, r, *k, binds)?])
                    }
                    PIndex::Var(v) => {
                        let k = binds
                            .get(v)
                            .and_then(|k| k.parse().ok())
                            .ok_or_else(|| Lack::Unsupported(format!("P[{v}]")))?;
                        Ok(vec![resolve::performance_leaf(self.report, r, k, binds)?])
                    }
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr, binds: &Binds) -> Result<Side, Lack> {
        match e {
            Expr::Num(n) => Ok(Side {
                value: *n,
                err: Decimal::ZERO,
                precision: None,
                desc: if self.describe {
                    n.to_string()
                } else {
                    String::new()
                },
                composite: false,
            }),
            Expr::CountTables => {
                self.figures = true;
                let n = Decimal::from(self.report.performance.len());
                Ok(Side {
                    value: n,
                    err: Decimal::ZERO,
                    precision: None,
                    desc: if self.describe {
                        "项目支出绩效自评表张数".to_string()
                    } else {
                        String::new()
                    },
                    composite: false,
                })
            }
            Expr::Ref(r) => {
                let leaves = self.reference(r, binds, false)?;
                let value = leaves.iter().map(|l| l.value).sum();
                let err = leaves.iter().map(|l| l.half).sum();
                let desc = if self.describe {
                    leaves
                        .first()
                        .map(|l| l.addr.render(self.report))
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let precision = match (r, leaves.as_slice()) {
                    (Ref::Narrative(_) | Ref::Performance { .. }, [one])
                        if one.printed.is_some() =>
                    {
                        Some(one.value.scale())
                    }
                    _ => None,
                };
                if self.describe {
                    self.leaves.extend(leaves);
                }
                Ok(Side {
                    value,
                    err,
                    precision,
                    desc,
                    composite: false,
                })
            }
            Expr::Pct(a, b) => {
                let a = self.expr(a, binds)?;
                let b = self.expr(b, binds)?;
                let base = b.value.abs();
                if base <= b.err || base.is_zero() {
                    return Err(Lack::ZeroDivisor(b.desc));
                }
                let hundred = Decimal::ONE_HUNDRED;
                let ratio = a.value / b.value;
                // |Δ(a/b)| ≤ (Δa + |a/b|·Δb) / (|b| − Δb).
                let err = (a.err + ratio.abs() * b.err) / (base - b.err) * hundred;
                let wrap = |s: Side| {
                    if s.composite {
                        format!("（{}）", s.desc)
                    } else {
                        s.desc
                    }
                };
                let desc = if self.describe {
                    format!("{} ÷ {} × 100", wrap(a), wrap(b))
                } else {
                    String::new()
                };
                Ok(Side {
                    value: ratio * hundred,
                    err,
                    precision: None,
                    desc,
                    composite: true,
                })
            }
            Expr::Last(inner) => {
                let prior = self.prior.ok_or(Lack::NoPrior)?;
                let here = PriorRef {
                    report: self.report,
                    nidx: self.nidx,
                };
                let mark = self.leaves.len();
                self.report = prior.report;
                self.nidx = prior.nidx;
                self.prior = None;
                self.current = Some(here);
                let side = self.expr(inner, binds);
                self.report = here.report;
                self.nidx = here.nidx;
                self.prior = Some(prior);
                self.current = None;
                let mut side = side?;
                let year = prior
                    .report
                    .meta
                    .year
                    .map_or_else(|| "上年".to_string(), |y| y.to_string());
                for leaf in self.leaves.drain(mark..) {
                    self.prior_cells.push(CellRef {
                        addr: format!("{}@{year}", leaf.addr.render(prior.report)),
                        printed: leaf.printed.map(|p| p.render(prior.report)),
                        span: leaf.span,
                    });
                }
                if self.describe {
                    side.desc = format!("{year} 年 {}", side.desc);
                }
                side.precision = None;
                Ok(side)
            }
            Expr::Prior(v, c) => {
                let v = self.expr(v, binds)?;
                let c = self.expr(c, binds)?;
                Ok(Side {
                    value: v.value - c.value,
                    err: v.err + c.err,
                    precision: None,
                    desc: if self.describe {
                        format!("上年数（{} − {}）", v.desc, c.desc)
                    } else {
                        String::new()
                    },
                    composite: false,
                })
            }
            Expr::Sum(refs) => {
                let mut all = Vec::new();
                for r in refs {
                    all.extend(self.reference(r, binds, true)?);
                }
                if all.is_empty() {
                    return Err(Lack::EmptySum);
                }
                let value = all.iter().map(|l| l.value).sum();
                let err = all.iter().map(|l| l.half).sum();
                let desc = if !self.describe {
                    String::new()
                } else if all.len() <= 3 {
                    all.iter()
                        .map(|l| l.addr.render(self.report))
                        .collect::<Vec<_>>()
                        .join(" + ")
                } else {
                    format!(
                        "{} + … + {}（共 {} 项）",
                        all[0].addr.render(self.report),
                        all[all.len() - 1].addr.render(self.report),
                        all.len()
                    )
                };
                let composite = all.len() > 1;
                if self.describe {
                    self.leaves.extend(all);
                }
                Ok(Side {
                    value,
                    err,
                    precision: None,
                    desc,
                    composite,
                })
            }
            Expr::Add(a, b) | Expr::Sub(a, b) => {
                let a = self.expr(a, binds)?;
                let b = self.expr(b, binds)?;
                let plus = matches!(e, Expr::Add(..));
                let bdesc = if !plus && b.composite {
                    format!("（{}）", b.desc)
                } else {
                    b.desc
                };
                Ok(Side {
                    value: if plus {
                        a.value + b.value
                    } else {
                        a.value - b.value
                    },
                    err: a.err + b.err,
                    precision: None,
                    desc: if self.describe {
                        format!("{} {} {}", a.desc, if plus { "+" } else { "−" }, bdesc)
                    } else {
                        String::new()
                    },
                    composite: true,
                })
            }
            Expr::Neg(a) => {
                let a = self.expr(a, binds)?;
                Ok(Side {
                    value: -a.value,
                    err: a.err,
                    precision: None,
                    desc: if self.describe {
                        format!("−{}", a.desc)
                    } else {
                        String::new()
                    },
                    composite: a.composite,
                })
            }
        }
    }
}

/// What one instance of a rule gave.
enum Instance {
    Holds,
    Found(Finding),
    Skipped(Lack),
}

/// Evaluates one rule over the report (its narrative indexed once for all
/// rules): its outcome and findings.
pub fn run_rule_indexed(
    report: &Report,
    nidx: &NarrIndex,
    rule: &Rule,
) -> (RuleOutcome, Vec<Finding>) {
    run_rule_with_prior(report, nidx, None, rule)
}

/// [`run_rule_indexed`] with last year's report for `last(…)`.
pub fn run_rule_with_prior(
    report: &Report,
    nidx: &NarrIndex,
    prior: Option<PriorRef<'_>>,
    rule: &Rule,
) -> (RuleOutcome, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut ran = 0usize;
    let mut first_lack: Option<Lack> = None;
    let mut any_insufficient = false;
    let expanded = domain::expand(report, nidx, &rule.bindings);
    match expanded {
        Err(lack) => {
            any_insufficient = lack.status() == Status::InsufficientData;
            first_lack = Some(lack);
        }
        Ok(instances) => {
            for binds in instances {
                match instance(report, nidx, prior, rule, &binds) {
                    Instance::Holds => ran += 1,
                    Instance::Found(f) => {
                        ran += 1;
                        findings.push(f);
                    }
                    Instance::Skipped(lack) => {
                        if lack.status() == Status::InsufficientData {
                            if !any_insufficient {
                                first_lack = Some(lack);
                            }
                            any_insufficient = true;
                        } else if first_lack.is_none() {
                            first_lack = Some(lack);
                        }
                    }
                }
            }
        }
    }
    let status = if ran > 0 {
        Status::Ran
    } else if any_insufficient {
        Status::InsufficientData
    } else {
        Status::NotApplicable
    };
    let reason = match status {
        Status::Ran => None,
        _ => Some(
            first_lack
                .map(|l| l.reason())
                .unwrap_or_else(|| "没有需要核对的行（表为空）".to_string()),
        ),
    };
    (
        RuleOutcome {
            rule: rule.id.clone(),
            status,
            instances: ran,
            reason,
        },
        findings,
    )
}

fn instance(
    report: &Report,
    nidx: &NarrIndex,
    prior: Option<PriorRef<'_>>,
    rule: &Rule,
    binds: &Binds,
) -> Instance {
    match judge(report, nidx, prior, rule, binds, false) {
        // Describe only what is reported: evaluate again with descriptions.
        Instance::Found(_) => judge(report, nidx, prior, rule, binds, true),
        other => other,
    }
}

fn judge(
    report: &Report,
    nidx: &NarrIndex,
    prior: Option<PriorRef<'_>>,
    rule: &Rule,
    binds: &Binds,
    describe: bool,
) -> Instance {
    let mut cx = Ctx {
        report,
        nidx,
        prior,
        current: None,
        prior_cells: Vec::new(),
        leaves: Vec::new(),
        tables: Vec::new(),
        figures: false,
        describe,
    };
    let Comparison {
        lhs,
        op,
        rhs,
        tolerance,
    } = &rule.formula;
    let l = match cx.expr(lhs, binds) {
        Ok(s) => s,
        Err(lack) => return Instance::Skipped(lack),
    };
    let r = match cx.expr(rhs, binds) {
        Ok(s) => s,
        Err(lack) => return Instance::Skipped(lack),
    };
    // Every table involved is an empty fund table: nothing to check.
    if !cx.figures
        && !cx.tables.is_empty()
        && cx
            .tables
            .iter()
            .all(|t| report.table(*t).is_some_and(|t| t.is_empty_of_values()))
    {
        return Instance::Skipped(Lack::EmptySum);
    }
    let tol = tolerance.unwrap_or(l.err + r.err);
    let tol = if tol.scale() > 4 {
        // A derived bound (percentages): rounded up to four decimals.
        (tol * Decimal::from(10_000)).ceil() / Decimal::from(10_000)
    } else {
        tol
    };
    let diff = l.value - r.value;
    let verdict = match op {
        Op::Eq => judge_eq(diff, tol),
        Op::Le => judge_le(diff, tol),
    };
    // A stated figure equal to the other side rounded to its printed
    // precision (四舍五入) is right; one equal to it truncated is a slip.
    let mut truncated = false;
    if *op == Op::Eq && verdict != Verdict::Holds {
        for (stated, other) in [(&l, &r), (&r, &l)] {
            let Some(scale) = stated.precision else {
                continue;
            };
            if other.value.scale() <= scale && other.precision.is_some() {
                continue;
            }
            let at = |s| other.value.round_dp_with_strategy(scale, s);
            if at(RoundingStrategy::MidpointAwayFromZero) == stated.value {
                return Instance::Holds;
            }
            if verdict == Verdict::Violated && at(RoundingStrategy::ToZero) == stated.value {
                truncated = true;
            }
        }
    }
    let severity = match verdict {
        Verdict::Holds => return Instance::Holds,
        Verdict::Violated if truncated => rule.severity.min(Severity::Warning),
        Verdict::Rounding if rule.severity == Severity::Error => Severity::Info,
        Verdict::Rounding => return Instance::Holds,
        Verdict::Violated => rule.severity,
    };
    if !describe {
        return Instance::Found(Finding::note(&rule.id, severity, String::new(), Vec::new()));
    }
    let head = substitute(&rule.message, binds, report, nidx);
    let message = match (op, verdict) {
        (Op::Eq, Verdict::Rounding) => format!(
            "{head}：{} = {}，{} = {}，相差 {}，在尾数误差容许范围 ±{} 之内（尾数误差）",
            l.desc, show(l.value), r.desc, show(r.value), show(diff), tol
        ),
        (Op::Eq, _) if truncated => format!(
            "{head}：{} = {}，{} = {}，相差 {}，超出尾数误差容许范围 ±{}；所印数字系截尾而非四舍五入",
            l.desc, show(l.value), r.desc, show(r.value), show(diff), tol
        ),
        (Op::Eq, _) => format!(
            "{head}：{} = {}，{} = {}，相差 {}，超出尾数误差容许范围 ±{}",
            l.desc, show(l.value), r.desc, show(r.value), show(diff), tol
        ),
        (Op::Le, Verdict::Rounding) => format!(
            "{head}：{} = {} 比 {} = {} 多 {}，在尾数误差容许范围 {} 之内（尾数误差）",
            l.desc, l.value, r.desc, r.value, diff, tol
        ),
        (Op::Le, _) => format!(
            "{head}：{} = {} 大于 {} = {}，多 {}（尾数误差容许范围 {}）",
            l.desc, l.value, r.desc, r.value, diff, tol
        ),
    };
    let mut cells: Vec<CellRef> = Vec::with_capacity(cx.leaves.len() + cx.prior_cells.len());
    for leaf in cx.leaves {
        let addr = leaf.addr.render(report);
        if cells.iter().any(|c| c.addr == addr) {
            continue;
        }
        cells.push(CellRef {
            addr,
            printed: leaf.printed.map(|p| p.render(report)),
            span: leaf.span,
        });
    }
    cells.append(&mut cx.prior_cells);
    let mut f = Finding::note(&rule.id, severity, message, cells);
    f.expected = Some(show(r.value).to_string());
    f.actual = Some(show(l.value).to_string());
    f.difference = Some(show(diff).to_string());
    f.tolerance = Some(tol.to_string());
    Instance::Found(f)
}

/// Replaces `{var}` by the value bound to `var` (a figure by its subject).
fn substitute(message: &str, binds: &Binds, report: &Report, nidx: &NarrIndex) -> String {
    let mut out = message.to_string();
    for (k, v) in &binds.0 {
        let shown = match nidx.subject_of(report, v) {
            Some(s) if !s.is_empty() => format!("{s}（{v}）"),
            _ => v.clone(),
        };
        out = out.replace(&format!("{{{k}}}"), &shown);
    }
    out
}
