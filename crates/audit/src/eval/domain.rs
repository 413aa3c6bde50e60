//! Expanding family bindings (`for r in codes(T02, 类 款), c in columns(T02)`)
//! into the list of instances.

use super::narrative::{scope_text, NarrIndex};
use super::resolve::{path_text, table};
use super::{Binds, Lack};
use crate::lang::ast::{Binding, Domain};
use juesuan_model::Report;

/// Every combination of values of the bindings, in order. A domain over an
/// absent table makes the whole family lack data.
pub fn expand(report: &Report, nidx: &NarrIndex, bindings: &[Binding]) -> Result<Vec<Binds>, Lack> {
    let mut out = vec![Binds::default()];
    for b in bindings {
        let mut next = Vec::new();
        for binds in &out {
            for v in values(report, nidx, b, binds)? {
                let mut nb = binds.clone();
                nb.0.push((b.var.clone(), v));
                next.push(nb);
            }
        }
        out = next;
    }
    Ok(out)
}

fn values(
    report: &Report,
    nidx: &NarrIndex,
    b: &Binding,
    binds: &Binds,
) -> Result<Vec<String>, Lack> {
    let mut vals: Vec<String> = Vec::new();
    fn push(v: String, vals: &mut Vec<String>) {
        if !vals.contains(&v) {
            vals.push(v);
        }
    }
    for d in &b.domains {
        match d {
            Domain::List(items) => items.iter().for_each(|i| push(i.clone(), &mut vals)),
            Domain::Items(scope) => {
                let scope = scope_text(scope, binds);
                let items = nidx.items(report, &scope);
                if items.is_empty() {
                    return Err(Lack::Unsupported(format!("情况说明 N{scope} 中的编号段落")));
                }
                items.into_iter().for_each(|i| push(i, &mut vals));
            }
            Domain::Figures(scope, field) => {
                let scope = scope_text(scope, binds);
                let anchors = nidx.anchors(report, &scope, field);
                if anchors.is_empty() {
                    return Err(Lack::Unsupported(format!("情况说明 N{scope} 中的数字")));
                }
                anchors.into_iter().for_each(|a| push(a, &mut vals));
            }
            Domain::Indicators(index, class) => {
                let k = super::resolve::performance_index(index, binds)?;
                let perf = report
                    .performance
                    .iter()
                    .find(|p| p.index == k)
                    .ok_or_else(|| {
                        Lack::Unsupported(format!("未找到第 {k} 张项目支出绩效自评表"))
                    })?;
                // A table without such indicators gives an empty family:
                // nothing to check, not missing data.
                perf.indicators
                    .iter()
                    .filter(|i| {
                        i.level1.contains(class.as_str()) || i.level2.contains(class.as_str())
                    })
                    .filter(|i| {
                        i.actual.in_wan_yuan().is_some() || i.target.in_wan_yuan().is_some()
                    })
                    .for_each(|i| push(i.level3.clone(), &mut vals));
            }
            Domain::Tables => {
                if report.performance.is_empty() {
                    return Err(Lack::Unsupported("项目支出绩效自评表".to_string()));
                }
                report
                    .performance
                    .iter()
                    .for_each(|p| push(p.index.to_string(), &mut vals));
            }
            Domain::Rows(id, col) => {
                let t = table(report, *id)?;
                let number = match col {
                    Some(p) => {
                        let key = path_text(p, binds);
                        Some(match t.column(&key) {
                            Some(c) => c.number,
                            None => return Err(Lack::missing_column(t, key)),
                        })
                    }
                    None => None,
                };
                for r in &t.rows {
                    if number.is_none_or(|n| r.cell(n).is_some()) && !r.key.is_empty() {
                        push(r.key.clone(), &mut vals);
                    }
                }
            }
            Domain::Codes(id, levels) => {
                let t = table(report, *id)?;
                for r in &t.rows {
                    if let (Some(code), Some(l)) = (&r.code, r.level()) {
                        if levels.is_empty() || levels.contains(&l) {
                            push(code.clone(), &mut vals);
                        }
                    }
                }
            }
            Domain::Columns(id, range) => {
                let t = table(report, *id)?;
                let (lo, hi) = match range {
                    None => (0, t.columns.len()),
                    Some((a, b)) => {
                        let pos = |p| {
                            let k = path_text(p, binds);
                            t.columns
                                .iter()
                                .position(|c| c.key == k)
                                .ok_or_else(|| Lack::missing_column(t, k))
                        };
                        let (ia, ib) = (pos(a)?, pos(b)?);
                        (ia.min(ib), ia.max(ib) + 1)
                    }
                };
                for c in &t.columns[lo..hi] {
                    push(c.key.clone(), &mut vals);
                }
            }
        }
    }
    Ok(vals)
}
