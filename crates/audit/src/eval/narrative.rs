//! Narrative figures (第三部分 情况说明) as addressable values.
//!
//! Sections are addressed by their canonical number (the central/Jilin order:
//! 一 收入支出总体 … 九 “三公” 十 绩效 十一 其他重要事项), whatever number the
//! document prints: a Shanghai-profile report that explains “三公” in its
//! 七 has that section at `N9`. Within a paragraph each figure may have an
//! *owner*: a year-on-year change, a rate or an implied share belongs to the
//! amount stated before it; an outturn and a completion rate belong to the
//! budget stated before them. `N[…].change` follows that link.

use crate::eval::{Binds, Lack, Leaf};
use crate::lang::ast::{NarrRef, Path, Segment};
use crate::tolerance::half_unit_of;
use juesuan_model::{Figure, FigureKind, FigureRole, Paragraph, Report};
use std::collections::HashMap;

pub use juesuan_model::sections::canonical_section;

/// Normalises a subject or a selector for matching: no spaces, quotes or
/// enumeration commas; half-width brackets.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '、'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

/// A normalised subject without a trailing aside of three or more
/// characters ("政府采购金额(以合同签订为准)" → "政府采购金额"); short groups
/// such as "(境)" or "(类)" are part of the name.
fn without_aside(s: String) -> String {
    if let Some(open) = s.rfind('(') {
        let inner = &s[open + 1..];
        if let Some(body) = inner.strip_suffix(')') {
            if body.chars().count() >= 3 && !body.contains(['(', ')']) {
                return s[..open].to_string();
            }
        }
    }
    s
}

/// The narrative prepared for lookups: canonical addresses, figure owners.
#[derive(Debug, Default)]
pub struct NarrIndex {
    /// Per paragraph: canonical section ("5.3") and canonical address ("N5.3.14").
    paras: Vec<(String, String)>,
    /// Per figure: its paragraph's index in `report.narrative`.
    fig_para: Vec<usize>,
    /// Per figure: the figure it belongs to (see the module doc).
    owner: Vec<Option<usize>>,
    /// Per figure: normalised subject.
    subject: Vec<String>,
    /// Figure address → index.
    by_addr: HashMap<String, usize>,
}

fn is_amount_level(f: &Figure) -> bool {
    matches!(f.kind, FigureKind::Amount | FigureKind::Count)
        && matches!(f.role, FigureRole::Value | FigureRole::Actual)
}

fn is_budget(f: &Figure) -> bool {
    f.kind == FigureKind::Amount && f.role == FigureRole::Budget
}

impl NarrIndex {
    /// Builds the index of a report's narrative.
    pub fn new(report: &Report) -> NarrIndex {
        let sections = juesuan_model::sections::canonical_paths(&report.narrative);
        let paras: Vec<(String, String)> = report
            .narrative
            .iter()
            .zip(sections)
            .map(|(p, section)| {
                let addr = match p.addr.strip_prefix('N') {
                    Some(a) if !p.section.is_empty() => match a.strip_prefix(p.section.as_str()) {
                        Some(tail) => format!("N{section}{tail}"),
                        None => p.addr.clone(),
                    },
                    _ => p.addr.clone(),
                };
                (section, addr)
            })
            .collect();
        let para_of: HashMap<&str, usize> = report
            .narrative
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.addr.is_empty())
            .map(|(i, p)| (p.addr.as_str(), i))
            .collect();
        let figs = &report.figures;
        let mut fig_para = Vec::with_capacity(figs.len());
        let mut owner = Vec::with_capacity(figs.len());
        let mut subject = Vec::with_capacity(figs.len());
        let mut by_addr = HashMap::with_capacity(figs.len());
        for (i, f) in figs.iter().enumerate() {
            fig_para.push(
                para_of
                    .get(f.paragraph.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
            );
            subject.push(without_aside(norm(&f.subject)));
            by_addr.insert(f.addr.clone(), i);
            let same_para = |j: &usize| figs[*j].paragraph == f.paragraph;
            let back = (0..i).rev().take_while(same_para);
            let o = match f.role {
                FigureRole::Actual | FigureRole::Completion => {
                    back.into_iter().find(|j| is_budget(&figs[*j]))
                }
                FigureRole::Increase | FigureRole::Decrease => back
                    .into_iter()
                    .find(|j| is_amount_level(&figs[*j]))
                    // "…0 万元；公务用车…支出决算增加 21.90 万元": a change
                    // that names its own thing is not the previous amount's.
                    .filter(|j| same_thing(&subject[i], &subject[*j])),
                FigureRole::IncreaseRate | FigureRole::DecreaseRate => {
                    back.into_iter().find(|j| is_amount_level(&figs[*j]))
                }
                FigureRole::Share if subject[i].is_empty() => {
                    back.into_iter().find(|j| is_amount_level(&figs[*j]))
                }
                _ => None,
            };
            owner.push(o);
        }
        NarrIndex {
            paras,
            fig_para,
            owner,
            subject,
            by_addr,
        }
    }

    /// Whether paragraph `p` lies in `scope` ("5.3" section or "5.3.14" paragraph).
    fn in_scope(&self, p: usize, scope: &str) -> bool {
        if scope.is_empty() {
            return true;
        }
        let Some((section, addr)) = self.paras.get(p) else {
            return false;
        };
        addr.get(1..) == Some(scope)
            || section == scope
            || (section.len() > scope.len()
                && section.starts_with(scope)
                && section.as_bytes()[scope.len()] == b'.')
    }

    /// The paragraph whose canonical address is `N<scope>`.
    pub fn paragraph<'r>(&self, report: &'r Report, scope: &str) -> Option<&'r Paragraph> {
        self.paras
            .iter()
            .position(|(_, a)| a.get(1..) == Some(scope))
            .and_then(|i| report.narrative.get(i))
    }

    /// The item numbers of the numbered paragraphs within `scope`.
    pub fn items(&self, report: &Report, scope: &str) -> Vec<String> {
        report
            .narrative
            .iter()
            .enumerate()
            .filter(|(i, p)| !p.is_heading && p.item.is_some() && self.paras[*i].0 == scope)
            .filter_map(|(_, p)| p.item.map(|n| n.to_string()))
            .collect()
    }

    /// Addresses of the figures within `scope` having a partner of kind `field`.
    pub fn anchors(&self, report: &Report, scope: &str, field: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (j, f) in report.figures.iter().enumerate() {
            if !role_matches(f, field) {
                continue;
            }
            if let Some(o) = self.owner[j] {
                if self.in_scope(self.fig_para[o], scope) {
                    let a = &report.figures[o].addr;
                    if !out.contains(a) {
                        out.push(a.clone());
                    }
                }
            }
        }
        out
    }

    fn first(
        &self,
        report: &Report,
        scope: &str,
        test: impl Fn(usize, &Figure) -> bool,
    ) -> Option<usize> {
        report
            .figures
            .iter()
            .enumerate()
            .find(|(i, f)| self.in_scope(self.fig_para[*i], scope) && test(*i, f))
            .map(|(i, _)| i)
    }

    /// The figure a reference selects, before its field.
    fn select(&self, report: &Report, r: &NarrRef, binds: &Binds) -> Result<usize, Lack> {
        let scope = scope_text(&r.scope, binds);
        let Some(alt) = &r.selector else {
            return self
                .first(report, &scope, |_, _| true)
                .ok_or_else(|| missing(&scope, ""));
        };
        let mut first_name = String::new();
        for p in alt {
            let name = path_name(p, binds);
            if name.starts_with('N') && name.contains('#') {
                if let Some(i) = self.by_addr.get(&name) {
                    return Ok(*i);
                }
            } else if NarrRef::ROLES.contains(&name.as_str()) {
                if let Some(i) = self.first(report, &scope, |_, f| role_matches(f, &name)) {
                    return Ok(i);
                }
            } else {
                let w = norm(&name);
                let named = |i: usize| {
                    let s = &self.subject[i];
                    !w.is_empty() && (s == &w || s.starts_with(&w) || s.ends_with(&w))
                };
                // A subject names an anchor figure; a partner of another
                // figure ("…，其中：公务接待费支出决算为0.00万元" after the
                // 三公 budget) is only what a field asks for.
                // A budget is what the text states as one ("…预算为 A 万元"),
                // never the first figure of a sentence that states only
                // the actual ("…支出决算为 16.95 万元，完成预算的 82.68%").
                if r.field.as_deref() == Some("budget") {
                    if let Some(i) =
                        self.first(report, &scope, |i, f| named(i) && role_matches(f, "budget"))
                    {
                        return Ok(i);
                    }
                    continue;
                }
                if let Some(i) =
                    self.first(report, &scope, |i, _| named(i) && self.owner[i].is_none())
                {
                    return Ok(i);
                }
                if let Some(field) = &r.field {
                    if let Some(i) =
                        self.first(report, &scope, |i, f| named(i) && role_matches(f, field))
                    {
                        return Ok(i);
                    }
                }
            }
            if first_name.is_empty() {
                first_name = name;
            }
        }
        Err(missing(&scope, &first_name))
    }

    /// The figure index a reference resolves to.
    pub fn resolve(&self, report: &Report, r: &NarrRef, binds: &Binds) -> Result<usize, Lack> {
        let anchor = self.select(report, r, binds)?;
        let Some(field) = &r.field else {
            return Ok(anchor);
        };
        if (self.owner[anchor].is_some() || field == "budget")
            && role_matches(&report.figures[anchor], field)
        {
            // `select` found the partner itself (its anchor was not stated),
            // or the stated budget.
            return Ok(anchor);
        }
        report
            .figures
            .iter()
            .enumerate()
            .skip(anchor + 1)
            .find(|(j, f)| self.owner[*j] == Some(anchor) && role_matches(f, field))
            .map(|(j, _)| j)
            .ok_or_else(|| {
                Lack::Unsupported(format!(
                    "{}（情况说明中{}之后没有{}）",
                    report.figures[anchor].addr,
                    report.figures[anchor].value,
                    field_name(field)
                ))
            })
    }

    /// The leaf of a reference: the figure's value, signed for decreases, in the report's unit.
    pub fn leaf(&self, report: &Report, r: &NarrRef, binds: &Binds) -> Result<Leaf, Lack> {
        let i = self.resolve(report, r, binds)?;
        Ok(figure_leaf(&report.figures[i], i))
    }

    /// In this (last year's) narrative, the figure stating what `addr`
    /// states in `cur` (this year's): the same kind and role in the same
    /// canonical section, about the same thing once years are left out;
    /// the k-th such figure for the k-th in `cur`.
    pub fn counterpart(
        &self,
        report: &Report,
        cur_idx: &NarrIndex,
        cur: &Report,
        addr: &str,
    ) -> Result<usize, Lack> {
        let Some(&i) = cur_idx.by_addr.get(addr) else {
            return Err(Lack::Unsupported(addr.to_string()));
        };
        fn section(idx: &NarrIndex, j: usize) -> Option<&str> {
            idx.fig_para
                .get(j)
                .and_then(|p| idx.paras.get(*p))
                .map(|(s, _)| s.as_str())
        }
        let want = &cur.figures[i];
        let Some(sec) = section(cur_idx, i) else {
            return Err(Lack::Unsupported(addr.to_string()));
        };
        let key = year_free(thing(&cur_idx.subject[i]));
        let same = |idx: &NarrIndex, figs: &[Figure], j: usize| {
            let f = &figs[j];
            f.kind == want.kind
                && f.role == want.role
                && section(idx, j) == Some(sec)
                && year_free(thing(&idx.subject[j])) == key
        };
        let k = (0..i).filter(|j| same(cur_idx, &cur.figures, *j)).count();
        (0..report.figures.len())
            .filter(|j| same(self, &report.figures, *j))
            .nth(k)
            .ok_or_else(|| {
                Lack::Unsupported(format!("上年报告情况说明 N{sec} 中的“{}”", want.subject))
            })
    }

    /// The subject of the figure at `addr`.
    pub fn subject_of<'r>(&self, report: &'r Report, addr: &str) -> Option<&'r str> {
        self.by_addr
            .get(addr)
            .map(|i| report.figures[*i].subject.as_str())
    }
}

/// What a change is about, without its comparison ("…比 2024 年度" / "较上年")
/// and the words for the amount itself ("支出决算数").
fn thing(subject: &str) -> &str {
    let cut = subject
        .find(['比', '较'])
        .map_or(subject, |k| &subject[..k]);
    let mut t = cut.trim_start_matches("与上年相比");
    for tail in ["决算数", "支出决算", "决算", "支出"] {
        t = t.strip_suffix(tail).unwrap_or(t);
    }
    t
}

/// A subject without its years ("2024年度收支总计" → "收支总计"), to
/// match a subject across years.
fn year_free(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            rest = rest
                .strip_prefix("年度")
                .or_else(|| rest.strip_prefix('年'))
                .unwrap_or(rest);
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The figure address bound to a variable selector (`N[f]` in a family
/// over `figures(…)`), when the reference asks for the figure itself.
pub fn bound_figure<'b>(r: &NarrRef, binds: &'b Binds) -> Option<&'b str> {
    if r.field.is_some() {
        return None;
    }
    match r.selector.as_deref() {
        Some([Path(segs)]) => match segs.as_slice() {
            [Segment::Var(v)] => binds
                .get(v)
                .filter(|a| a.starts_with('N') && a.contains('#')),
            _ => None,
        },
        _ => None,
    }
}

/// Whether a change's subject may be about the amount before it: it names
/// nothing of its own, or the same thing.
fn same_thing(change: &str, amount: &str) -> bool {
    let (c, a) = (thing(change), thing(amount));
    c.is_empty() || a.is_empty() || a.contains(c) || c.contains(a)
}

/// A figure as a leaf: decreases negative, amounts in 万元.
pub fn figure_leaf(f: &Figure, index: usize) -> Leaf {
    let sign = if matches!(f.role, FigureRole::Decrease | FigureRole::DecreaseRate) {
        -juesuan_model::Decimal::ONE
    } else {
        juesuan_model::Decimal::ONE
    };
    // Amounts are in 万元 already (the reader converts 元 and 亿元, keeping
    // the printed precision); half a unit of the printed scale: the text
    // often rounds ("21.1 万元").
    let (value, half) = match f.kind {
        FigureKind::Count => (f.value, juesuan_model::Decimal::ZERO),
        _ => (f.value, half_unit_of(&f.value)),
    };
    Leaf {
        addr: super::LeafAt::Figure(index),
        value: sign * value,
        half,
        printed: Some(super::Printed::Figure(index)),
        span: Some(f.span.clone()),
    }
}

/// Half a cent, or half a unit of the printed scale when finer.
pub fn amount_half(v: &juesuan_model::Decimal) -> juesuan_model::Decimal {
    juesuan_model::amount::half_unit(v.scale().max(2))
}

fn missing(scope: &str, name: &str) -> Lack {
    if name.is_empty() {
        Lack::Unsupported(format!("情况说明 N{scope} 中的数字"))
    } else {
        Lack::Unsupported(format!("情况说明 N{scope} 中的“{name}”"))
    }
}

fn field_name(field: &str) -> &'static str {
    match field {
        "budget" => "预算数",
        "actual" => "决算数",
        "completion" => "完成预算的百分比",
        "share" => "占比",
        "change" | "increase" | "decrease" => "增减额",
        "rate" => "增减幅度",
        _ => "数字",
    }
}

/// Whether a figure plays the role named by a keyword.
pub fn role_matches(f: &Figure, key: &str) -> bool {
    match key {
        "value" => f.role == FigureRole::Value,
        "budget" => f.role == FigureRole::Budget,
        "actual" => f.role == FigureRole::Actual,
        "completion" => f.role == FigureRole::Completion,
        "share" => f.role == FigureRole::Share,
        "change" => matches!(f.role, FigureRole::Increase | FigureRole::Decrease),
        "increase" => f.role == FigureRole::Increase,
        "decrease" => f.role == FigureRole::Decrease,
        "rate" => matches!(f.role, FigureRole::IncreaseRate | FigureRole::DecreaseRate),
        _ => false,
    }
}

/// "5.3.14" from the scope path with variables substituted.
pub fn scope_text(path: &Path, binds: &Binds) -> String {
    let mut s = String::new();
    for (i, seg) in path.0.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        match seg {
            Segment::Lit(l) => s.push_str(l),
            Segment::Var(v) => s.push_str(binds.get(v).unwrap_or("")),
        }
    }
    s
}

fn path_name(p: &Path, binds: &Binds) -> String {
    super::resolve::path_text(p, binds)
}

/// The 类, 款 and 项 names of an item's "X（类）Y（款）Z（项）" text.
pub fn item_names(text: &str) -> Option<[&str; 3]> {
    let mut out = [""; 3];
    let mut rest = text;
    for (k, level) in ["类", "款", "项"].iter().enumerate() {
        // Brackets of either width, even mixed ("（项)"): documents and OCR
        // readings mix them.
        let (pos, mark_len) = [("（", "）"), ("(", ")"), ("（", ")"), ("(", "）")]
            .iter()
            .filter_map(|(o, c)| {
                let mark = format!("{o}{level}{c}");
                rest.find(&mark).map(|p| (p, mark.len()))
            })
            .min()?;
        out[k] = rest[..pos].trim();
        rest = &rest[pos + mark_len..];
    }
    // Item numbering "14." before the 类 name.
    let first = out[0].trim_start_matches(|c: char| c.is_ascii_digit());
    out[0] = first.trim_start_matches(['.', '．', '、']).trim();
    Some(out)
}

/// The 科目代码 of `table` named by the item names: each level's code is a
/// printed row whose name, or whose official name in `year`, is the stated one.
pub fn code_of_names(
    table: &juesuan_model::Table,
    names: [&str; 3],
    year: Option<u32>,
) -> Option<String> {
    let mut parent = String::new();
    for (level, name) in names.iter().enumerate() {
        let want = norm(name);
        let len = 3 + 2 * level;
        let found = table.rows.iter().find_map(|r| {
            let code = r.code.as_deref()?;
            if code.len() != len || !code.starts_with(parent.as_str()) {
                return None;
            }
            let official = crate::reference::functional_name(year, code).map(norm);
            (norm(&r.label) == want || official.as_deref() == Some(want.as_str()))
                .then(|| code.to_string())
        });
        parent = match found {
            Some(c) => c,
            // A 科目 the table does not print (nothing spent): the official code.
            None => crate::reference::functional_code_under(year, &parent, len, name)?.to_string(),
        };
    }
    Some(parent)
}

#[cfg(test)]
mod tests {
    use super::item_names;

    #[test]
    fn item_names_take_brackets_of_either_width_even_mixed() {
        let want = Some(["一般公共服务支出", "社会工作事务", "行政运行"]);
        assert_eq!(
            item_names("1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。"),
            want
        );
        assert_eq!(
            item_names("1、一般公共服务支出(类)社会工作事务（款)行政运行(项）。"),
            want
        );
        assert_eq!(item_names("1、一般公共服务支出（类）社会工作事务。"), None);
    }
}
