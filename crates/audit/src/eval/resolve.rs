//! Resolving references to cells: rows by label, key or code; columns by
//! canonical key; blank cells as zero; units converted explicitly.

use super::narrative::{code_of_names, item_names, scope_text, NarrIndex};
use super::{Binds, Lack, Leaf, LeafAt, Printed};
use crate::lang::ast::{Alt, ColSel, PIndex, Path, Ref, RowSel, Segment};
use crate::tolerance::half_unit_of;
use juesuan_model::canonical::label_of;
use juesuan_model::{Column, Decimal, Report, Row, Table, TableId};

/// Substitutes bound variables into a path: `年初结转和结余/f` → `年初结转和结余/一般公共预算财政拨款`.
pub fn path_text(path: &Path, binds: &Binds) -> String {
    let mut s = String::new();
    for (i, seg) in path.0.iter().enumerate() {
        if i > 0 {
            s.push('/');
        }
        match seg {
            Segment::Lit(l) => s.push_str(l),
            Segment::Var(v) => s.push_str(binds.get(v).unwrap_or("")),
        }
    }
    s
}

/// A 科目代码: 3, 5 or 7 ASCII digits. A 科目 row a table does not print is zero.
pub fn is_code(s: &str) -> bool {
    matches!(s.len(), 3 | 5 | 7) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The table `id`, or why it cannot be used: missing from the document, or
/// not a table of the document's family.
pub fn table(report: &Report, id: TableId) -> Result<&Table, Lack> {
    report.table(id).ok_or_else(|| {
        if report.profile.profile().has(id) {
            Lack::Absent(id)
        } else {
            Lack::NotPublished(id, report.profile)
        }
    })
}

/// The column a "其中：…" column is part of: as the reader marked it, or as
/// the canonical vocabulary knows it.
pub fn of_which_column<'t>(t: &Table, c: &'t Column) -> Option<&'t str> {
    c.of_which
        .as_deref()
        .or_else(|| juesuan_model::canonical::of_which(t.id, &c.key))
}

fn column<'t>(t: &'t Table, alt: &Alt, binds: &Binds) -> Result<&'t Column, Lack> {
    let mut first = String::new();
    for p in alt {
        let key = path_text(p, binds);
        if let Some(c) = t.column(&key).or_else(|| {
            let l = label_of(&key);
            t.columns
                .iter()
                .find(|c| c.key == l || label_of(&c.name) == l)
        }) {
            return Ok(c);
        }
        if first.is_empty() {
            first = key;
        }
    }
    Err(Lack::missing_column(t, first))
}

/// The columns selected, in printed order.
pub fn columns<'t>(t: &'t Table, sel: &ColSel, binds: &Binds) -> Result<Vec<&'t Column>, Lack> {
    match sel {
        ColSel::One(alt) => Ok(vec![column(t, alt, binds)?]),
        ColSel::Range(a, b) => {
            let ca = column(t, a, binds)?;
            let cb = column(t, b, binds)?;
            let ia = t.columns.iter().position(|c| c == ca).unwrap_or(0);
            let ib = t.columns.iter().position(|c| c == cb).unwrap_or(0);
            let (lo, hi) = if ia <= ib { (ia, ib) } else { (ib, ia) };
            // A "其中" column inside the range is part of another, never an addend.
            Ok(t.columns[lo..=hi]
                .iter()
                .enumerate()
                .filter(|(i, c)| *i == 0 || lo + i == hi || of_which_column(t, c).is_none())
                .map(|(_, c)| c)
                .collect())
        }
    }
}

fn matches_name(row: &Row, name: &str) -> bool {
    row.key == name || row.code.as_deref() == Some(name) || row.label == name
}

/// Finds the row named `name`, preferring one with a cell in one of `cols`
/// (two-sided tables print 总计 on both sides). Names are matched as written
/// first, then normalised (no spaces, ordinal, half-width brackets).
fn row_index(t: &Table, name: &str, cols: &[&Column]) -> Option<usize> {
    let found = |name: &str| {
        let mut fallback = None;
        for (i, r) in t.rows.iter().enumerate() {
            if matches_name(r, name) {
                if cols.iter().any(|c| r.cell(c.number).is_some()) {
                    return Some(i);
                }
                fallback.get_or_insert(i);
            }
        }
        fallback
    };
    found(name).or_else(|| {
        let label = label_of(name);
        if label == name {
            None
        } else {
            found(&label)
        }
    })
}

/// A selected row: a printed one, or a 科目 the table does not print (zero).
pub enum RowPick<'t> {
    /// A printed row.
    Printed(&'t Row),
    /// A 科目代码 the table does not list.
    Unprinted(String),
}

fn one_row<'t>(
    t: &'t Table,
    alt: &Alt,
    binds: &Binds,
    cols: &[&Column],
) -> Result<RowPick<'t>, Lack> {
    let mut first = String::new();
    for p in alt {
        let name = path_text(p, binds);
        if let Some(i) = row_index(t, &name, cols) {
            return Ok(RowPick::Printed(&t.rows[i]));
        }
        if first.is_empty() {
            first = name;
        }
    }
    if is_code(&first) {
        return Ok(RowPick::Unprinted(first));
    }
    Err(Lack::MissingRow(t.id, first))
}

/// The rows selected, in printed order.
pub fn rows<'t>(
    t: &'t Table,
    sel: &RowSel,
    binds: &Binds,
    cols: &[&Column],
) -> Result<Vec<RowPick<'t>>, Lack> {
    match sel {
        RowSel::One(alt) => Ok(vec![one_row(t, alt, binds, cols)?]),
        RowSel::Range(a, b) => {
            let find = |alt: &Alt| -> Result<usize, Lack> {
                let mut first = String::new();
                for p in alt {
                    let name = path_text(p, binds);
                    if let Some(i) = row_index(t, &name, cols) {
                        return Ok(i);
                    }
                    if first.is_empty() {
                        first = name;
                    }
                }
                Err(Lack::MissingRow(t.id, first))
            };
            let ia = find(a)?;
            let ib = find(b)?;
            let (lo, hi) = if ia <= ib { (ia, ib) } else { (ib, ia) };
            // A "其中" row inside the range is part of another, never an addend.
            Ok(t.rows[lo..=hi]
                .iter()
                .enumerate()
                .filter(|(i, r)| *i == 0 || lo + i == hi || r.of_which.is_none())
                .map(|(_, r)| r)
                .filter(|r| cols.iter().any(|c| r.cell(c.number).is_some()))
                .map(RowPick::Printed)
                .collect())
        }
        RowSel::Codes(levels) => Ok(t
            .rows
            .iter()
            .filter(|r| {
                r.level()
                    .is_some_and(|l| levels.is_empty() || levels.contains(&l))
            })
            .map(RowPick::Printed)
            .collect()),
        RowSel::Named(alt) => {
            let names: Vec<String> = alt.iter().map(|p| label_of(&path_text(p, binds))).collect();
            Ok(t.rows
                .iter()
                .filter(|r| r.code.is_some() && names.iter().any(|n| label_of(&r.label) == *n))
                .map(RowPick::Printed)
                .collect())
        }
        // Resolved to a name in `table_leaves`.
        RowSel::Code(_) | RowSel::Subject(_) => Err(Lack::Unsupported("?".into())),
        RowSel::Children(v) => {
            let parent = binds.get(v).unwrap_or("");
            Ok(t.rows
                .iter()
                .filter(|r| {
                    r.code.as_deref().is_some_and(|c| {
                        c.len() == parent.len() + 2 && c.starts_with(parent) && !parent.is_empty()
                    })
                })
                .map(RowPick::Printed)
                .collect())
        }
    }
}

/// The leaves (cells) a table reference selects.
pub fn table_leaves(
    report: &Report,
    nidx: &NarrIndex,
    id: TableId,
    rsel: &RowSel,
    csel: &ColSel,
    binds: &Binds,
) -> Result<Vec<Leaf>, Lack> {
    let t = table(report, id)?;
    let cols = columns(t, csel, binds)?;
    let named;
    let rsel = match rsel {
        RowSel::Code(scope) => {
            let scope = scope_text(scope, binds);
            let p = nidx
                .paragraph(report, &scope)
                .ok_or_else(|| Lack::Unsupported(format!("情况说明 N{scope}")))?;
            let names = item_names(&p.text).ok_or_else(|| {
                Lack::Unsupported(format!(
                    "情况说明 N{scope} 中的“（类）（款）（项）”科目名称"
                ))
            })?;
            let code = code_of_names(t, names, report.meta.year).ok_or_else(|| {
                Lack::Unsupported(format!(
                    "{id} 中与“{}（类）{}（款）{}（项）”对应的科目",
                    names[0], names[1], names[2]
                ))
            })?;
            named = RowSel::One(vec![Path(vec![Segment::Lit(code)])]);
            &named
        }
        RowSel::Subject(v) => {
            let addr = binds.get(v).unwrap_or("");
            let subject = nidx
                .subject_of(report, addr)
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Lack::Unsupported(format!("{addr} 的主语")))?;
            // "一般公共服务支出（类）2106.66万元": the row is named without its level.
            let subject = ["（类）", "(类)", "（款）", "(款)", "（项）", "(项)"]
                .iter()
                .find_map(|q| subject.trim_end().strip_suffix(q))
                .unwrap_or(subject)
                .trim();
            named = RowSel::One(vec![Path(vec![Segment::Lit(subject.to_string())])]);
            &named
        }
        other => other,
    };
    let picks = rows(t, rsel, binds, &cols)?;
    let scalar = matches!(rsel, RowSel::One(_)) && matches!(csel, ColSel::One(_));
    let mut out = Vec::new();
    for pick in &picks {
        for c in &cols {
            match pick {
                RowPick::Printed(r) => match r.cell(c.number) {
                    Some(cell) => {
                        // Values are in 万元 whatever the printed unit (the
                        // reader converts them, keeping the printed precision).
                        let (value, half) = match cell.value {
                            Some(v) => (v, half_unit_of(&v)),
                            None => (Decimal::ZERO, Decimal::ZERO),
                        };
                        out.push(Leaf {
                            addr: LeafAt::Cell(id, super::index_in(&t.rows, r), c.number),
                            value,
                            half,
                            printed: cell.value.map(Printed::Number),
                            span: Some(cell.span.clone()),
                        });
                    }
                    None if scalar => out.push(Leaf::zero(
                        LeafAt::Cell(id, super::index_in(&t.rows, r), c.number),
                        Some(r.span.clone()),
                    )),
                    None => {}
                },
                RowPick::Unprinted(code) => out.push(Leaf::zero(
                    LeafAt::Unprinted(id, code.clone(), c.number),
                    None,
                )),
            }
        }
    }
    Ok(out)
}

/// The table a performance index names under `binds`.
pub fn performance_index(index: &PIndex, binds: &Binds) -> Result<u32, Lack> {
    match index {
        PIndex::Lit(k) => Ok(*k),
        PIndex::Var(v) => binds
            .get(v)
            .and_then(|k| k.parse().ok())
            .ok_or_else(|| Lack::Unsupported(format!("P[{v}]"))),
        PIndex::All => Err(Lack::Unsupported("P[*]".into())),
    }
}

/// An indicator's `target` or `actual` in 万元, read from a money unit
/// (元, 万元, 亿元); its rounding is half a unit of the printed last digit,
/// scaled like the value.
fn indicator_leaf(
    report: &Report,
    perf: &juesuan_model::Performance,
    name: String,
    field: String,
) -> Result<Leaf, Lack> {
    let k = perf.index;
    let lack = || Lack::Unsupported(format!("P{k}.indicators[{name}].{field}"));
    let ind = perf
        .indicators
        .iter()
        .find(|i| i.level3 == name)
        .ok_or_else(lack)?;
    let measure = match field.as_str() {
        "actual" => &ind.actual,
        "target" => &ind.target,
        _ => return Err(lack()),
    };
    let (Some(printed), Some(value)) = (measure.value, measure.in_wan_yuan()) else {
        return Err(lack());
    };
    let scale = if printed.is_zero() {
        Decimal::ONE
    } else {
        value / printed
    };
    let page = perf.page_of_line(ind.line);
    let len = report.source_line(page, ind.line).map_or(0, str::len);
    let span = juesuan_model::Span {
        page,
        ..juesuan_model::Span::line(ind.line, len)
    };
    Ok(Leaf {
        addr: LeafAt::Indicator(k, name.clone(), field.clone()),
        value,
        half: half_unit_of(&printed) * scale,
        printed: Some(Printed::Number(printed)),
        span: Some(span),
    })
}

/// The leaf of a performance reference `P3.funds[年度资金总额].executed` on table `index`.
pub fn performance_leaf(report: &Report, r: &Ref, index: u32, binds: &Binds) -> Result<Leaf, Lack> {
    let Ref::Performance {
        part, row, field, ..
    } = r
    else {
        return Err(Lack::Unsupported("?".into()));
    };
    let Some(perf) = report.performance.iter().find(|p| p.index == index) else {
        return Err(Lack::Unsupported(format!(
            "未找到第 {index} 张项目支出绩效自评表"
        )));
    };
    if part == "score" {
        let v = perf
            .score
            .ok_or_else(|| Lack::Unsupported(format!("P{index}.score（总分）")))?;
        let len = report.line_text(perf.score_line).map_or(0, str::len);
        return Ok(Leaf {
            addr: LeafAt::Score(index),
            value: v,
            half: half_unit_of(&v),
            printed: Some(Printed::Number(v)),
            span: Some(juesuan_model::Span {
                page: perf.page,
                ..juesuan_model::Span::line(perf.score_line, len)
            }),
        });
    }
    let (Some(row), Some(field)) = (row, field) else {
        return Err(Lack::Unsupported(format!("P{index}.{part}")));
    };
    let row_name = path_text(row, binds);
    let field = path_text(field, binds);
    // The address is rendered only for a message: most identities hold.
    let lack =
        |row: &str, field: &str| Lack::Unsupported(format!("P{index}.{part}[{row}].{field}"));
    if part == "indicators" {
        return indicator_leaf(report, perf, row_name, field);
    }
    if part != "funds" {
        return Err(lack(&row_name, &field));
    }
    let fund = perf
        .fund(&row_name)
        .ok_or_else(|| lack(&row_name, &field))?;
    let k = juesuan_model::FundRow::KEYS
        .iter()
        .position(|k| *k == field)
        .ok_or_else(|| lack(&row_name, &field))?;
    let v = fund.get(&field);
    let span = fund.spans.get(k).cloned();
    // Amounts to the cent ("165" is 165.00); the rate at its printed precision.
    let half = |v: Decimal| {
        if field == "rate" {
            half_unit_of(&v)
        } else {
            super::narrative::amount_half(&v)
        }
    };
    let (value, half) = (
        v.unwrap_or(Decimal::ZERO),
        v.map(half).unwrap_or(Decimal::ZERO),
    );
    Ok(Leaf {
        addr: LeafAt::Fund(index, row_name, field),
        value,
        half,
        printed: v.map(Printed::Number),
        span,
    })
}
