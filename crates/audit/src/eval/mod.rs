//! Evaluation of rules over a report: families expanded, cells resolved,
//! exact sums compared under the rounding policy.

mod domain;
pub mod resolve;

use crate::coverage::{RuleOutcome, Status};
use crate::finding::{CellRef, Finding};
use crate::lang::ast::{Comparison, Expr, Op, Ref, Rule};
use crate::lang::Severity;
use crate::tolerance::{judge_eq, judge_le, Verdict};
use juesuan_model::{Decimal, Report, Span, TableId, Unit};

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
    /// The document has no such table.
    Absent(TableId),
    /// A named row is not in the table (a profile or reader gap).
    MissingRow(TableId, String),
    /// A column key is not in the table.
    MissingColumn(TableId, String),
    /// A reference kind not available yet (narrative figures) or not found.
    Unsupported(String),
    /// A sum selected no row at all (e.g. a 款 printed without its 项).
    EmptySum,
}

impl Lack {
    fn status(&self) -> Status {
        match self {
            Lack::EmptySum => Status::NotApplicable,
            _ => Status::InsufficientData,
        }
    }

    fn reason(&self) -> String {
        match self {
            Lack::Absent(t) => format!("报告中没有{}（{}）", t.title(), t),
            Lack::MissingRow(t, r) => format!("{t} 中找不到行“{r}”"),
            Lack::MissingColumn(t, c) => format!("{t} 中找不到栏“{c}”"),
            Lack::Unsupported(s) => format!("无法取得“{s}”"),
            Lack::EmptySum => "求和范围内没有任何行".to_string(),
        }
    }
}

/// One cell read by a rule, with its value converted to the report's unit.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Address shown to users.
    pub addr: String,
    /// Value (blank = 0), in the report's unit.
    pub value: Decimal,
    /// Half a unit of its printed scale (0 for a blank cell), in the report's unit.
    pub half: Decimal,
    /// The printed value.
    pub printed: Option<String>,
    /// Where it was printed.
    pub span: Option<Span>,
}

impl Leaf {
    fn zero(addr: String, span: Option<Span>) -> Leaf {
        Leaf {
            addr,
            value: Decimal::ZERO,
            half: Decimal::ZERO,
            printed: None,
            span,
        }
    }
}

struct Ctx<'a> {
    report: &'a Report,
    unit: Unit,
    leaves: Vec<Leaf>,
    tables: Vec<TableId>,
}

/// A side of a comparison: value and a short description for the message.
struct Side {
    value: Decimal,
    desc: String,
    composite: bool,
}

impl Ctx<'_> {
    fn touch(&mut self, t: TableId) {
        if !self.tables.contains(&t) {
            self.tables.push(t);
        }
    }

    fn reference(&mut self, r: &Ref, binds: &Binds) -> Result<Vec<Leaf>, Lack> {
        match r {
            Ref::Table { table, rows, cols } => {
                self.touch(*table);
                resolve::table_leaves(self.report, *table, rows, cols, binds, self.unit)
            }
            Ref::Narrative(n) => Err(Lack::Unsupported(format!(
                "{n}（情况说明中的数字尚未提取）"
            ))),
            Ref::Performance { .. } => Ok(vec![resolve::performance_leaf(self.report, r, binds)?]),
        }
    }

    fn expr(&mut self, e: &Expr, binds: &Binds) -> Result<Side, Lack> {
        match e {
            Expr::Num(n) => Ok(Side {
                value: *n,
                desc: n.to_string(),
                composite: false,
            }),
            Expr::Ref(r) => {
                let leaves = self.reference(r, binds)?;
                let value = leaves.iter().map(|l| l.value).sum();
                let desc = leaves.first().map(|l| l.addr.clone()).unwrap_or_default();
                self.leaves.extend(leaves);
                Ok(Side {
                    value,
                    desc,
                    composite: false,
                })
            }
            Expr::Sum(refs) => {
                let mut all = Vec::new();
                for r in refs {
                    all.extend(self.reference(r, binds)?);
                }
                if all.is_empty() {
                    return Err(Lack::EmptySum);
                }
                let value = all.iter().map(|l| l.value).sum();
                let desc = if all.len() <= 3 {
                    all.iter()
                        .map(|l| l.addr.as_str())
                        .collect::<Vec<_>>()
                        .join(" + ")
                } else {
                    format!(
                        "{} + … + {}（共 {} 项）",
                        all[0].addr,
                        all[all.len() - 1].addr,
                        all.len()
                    )
                };
                let composite = all.len() > 1;
                self.leaves.extend(all);
                Ok(Side {
                    value,
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
                    desc: format!("{} {} {}", a.desc, if plus { "+" } else { "−" }, bdesc),
                    composite: true,
                })
            }
            Expr::Neg(a) => {
                let a = self.expr(a, binds)?;
                Ok(Side {
                    value: -a.value,
                    desc: format!("−{}", a.desc),
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

/// Evaluates one rule over the report: its outcome and findings.
pub fn run_rule(report: &Report, rule: &Rule) -> (RuleOutcome, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut ran = 0usize;
    let mut first_lack: Option<Lack> = None;
    let mut any_insufficient = false;
    let unit = report.meta.unit;
    let expanded = domain::expand(report, &rule.bindings);
    match expanded {
        Err(lack) => {
            any_insufficient = lack.status() == Status::InsufficientData;
            first_lack = Some(lack);
        }
        Ok(instances) => {
            for binds in instances {
                match instance(report, unit, rule, &binds) {
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

fn instance(report: &Report, unit: Unit, rule: &Rule, binds: &Binds) -> Instance {
    let mut cx = Ctx {
        report,
        unit,
        leaves: Vec::new(),
        tables: Vec::new(),
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
    if !cx.tables.is_empty()
        && cx
            .tables
            .iter()
            .all(|t| report.table(*t).is_some_and(|t| t.is_empty_of_values()))
    {
        return Instance::Skipped(Lack::EmptySum);
    }
    let tol = tolerance.unwrap_or_else(|| cx.leaves.iter().map(|l| l.half).sum());
    let diff = l.value - r.value;
    let verdict = match op {
        Op::Eq => judge_eq(diff, tol),
        Op::Le => judge_le(diff, tol),
    };
    let severity = match verdict {
        Verdict::Holds => return Instance::Holds,
        Verdict::Rounding if rule.severity == Severity::Error => Severity::Info,
        Verdict::Rounding => return Instance::Holds,
        Verdict::Violated => rule.severity,
    };
    let head = substitute(&rule.message, binds);
    let message = match (op, verdict) {
        (Op::Eq, Verdict::Rounding) => format!(
            "{head}：{} = {}，{} = {}，相差 {}，在尾数误差容许范围 ±{} 之内（尾数误差）",
            l.desc, l.value, r.desc, r.value, diff, tol
        ),
        (Op::Eq, _) => format!(
            "{head}：{} = {}，{} = {}，相差 {}，超出尾数误差容许范围 ±{}",
            l.desc, l.value, r.desc, r.value, diff, tol
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
    let mut cells: Vec<CellRef> = Vec::with_capacity(cx.leaves.len());
    for leaf in cx.leaves {
        if cells.iter().any(|c| c.addr == leaf.addr) {
            continue;
        }
        cells.push(CellRef {
            addr: leaf.addr,
            printed: leaf.printed,
            span: leaf.span,
        });
    }
    let mut f = Finding::note(&rule.id, severity, message, cells);
    f.expected = Some(r.value.to_string());
    f.actual = Some(l.value.to_string());
    f.difference = Some(diff.to_string());
    f.tolerance = Some(tol.to_string());
    Instance::Found(f)
}

/// Replaces `{var}` by the value bound to `var`.
fn substitute(message: &str, binds: &Binds) -> String {
    let mut out = message.to_string();
    for (k, v) in &binds.0 {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}
