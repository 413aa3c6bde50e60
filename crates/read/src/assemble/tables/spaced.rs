//! Tables in text whose columns are separated by spaces, as converters such
//! as pdfplumber print PDFs: no tabs, no blank slots, wrapped names on lines
//! of their own above and below the row they belong to, 类/款 codes split
//! ("301 01"), header words scattered over several lines.
//!
//! Each table region is re-slotted into the tab-separated form the shape
//! parsers read: a header that names the columns of the layout the rows
//! imply (by their count of amounts, among the layouts of the families), and
//! one line per row with every amount in its column. Where a row prints
//! fewer amounts than the table has columns (blank cells print nothing), the
//! identities of the row choose the columns; where they cannot, the cells
//! are marked as doubtful and a read note says so.

use crate::source::{SourceCell, SourceLine};
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::{column_layouts, label_of, of_which, row_identities, SANGONG_ITEMS};
use juesuan_model::classification::functional_class_code;
use juesuan_model::{Decimal, ReadNote, Span, TableId};

/// Whether a document's text separates table columns by spaces: nothing is
/// tab-separated, and several lines look like 科目 rows (a code, a name and
/// amounts).
pub fn is_spaced(lines: &[SourceLine]) -> bool {
    if lines.iter().any(SourceLine::is_tabular) {
        return false;
    }
    lines
        .iter()
        .filter(|l| {
            let t = tokens(l);
            t.first()
                .is_some_and(|x| x.kind == Kind::Int && code_len(&x.text))
                && t.iter().filter(|x| x.kind == Kind::Amount).count() >= 2
        })
        .take(3)
        .count()
        >= 3
}

/// What a space-separated token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An amount: decimals or thousand separators, or a blank mark.
    Amount,
    /// Digits only: a code, a 行次 or a page number.
    Int,
    Text,
}

#[derive(Debug, Clone)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    kind: Kind,
}

fn code_len(t: &str) -> bool {
    matches!(t.len(), 3 | 5 | 7)
}

fn tokens(line: &SourceLine) -> Vec<Token> {
    let s = &line.text;
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(b)) => {
                let text = &s[b..i];
                let kind = if text == "0" {
                    Kind::Amount
                } else if text.bytes().all(|x| x.is_ascii_digit()) {
                    Kind::Int
                } else if parse_amount(text).is_some() || matches!(text, "-" | "—" | "--") {
                    Kind::Amount
                } else {
                    Kind::Text
                };
                out.push(Token {
                    text: text.to_string(),
                    start: b,
                    end: i,
                    kind,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One printed item of a row: a code or a name, and the amounts after it.
#[derive(Debug, Clone, Default)]
struct Item {
    code: Option<(String, usize, usize)>,
    name: Option<(String, usize, usize)>,
    ordinal: Option<(String, usize, usize)>,
    amounts: Vec<(String, usize, usize)>,
}

impl Item {
    fn is_empty(&self) -> bool {
        self.code.is_none() && self.name.is_none() && self.amounts.is_empty()
    }
}

/// Splits a line into items: each starts at a code or a name; adjacent
/// text tokens form one name ("项 目"); "301 01" is one code.
fn items(toks: &[Token], split_names: bool, groups: bool) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut cur = Item::default();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            Kind::Text => {
                // Two-sided tables print two names on a line without
                // figures ("使用非财政拨款结余 结余分配"): words of two
                // characters or more on both sides of a space are two names.
                let second_name = split_names
                    && cur.name.as_ref().is_some_and(|n| n.0.chars().count() >= 2)
                    && t.text.chars().count() >= 2;
                if cur.name.is_some() && cur.amounts.is_empty() && !second_name {
                    // "项 目": text split by the converter's spacing.
                    if let Some(n) = cur.name.as_mut() {
                        n.0.push_str(&t.text);
                        n.2 = t.end;
                    }
                } else {
                    if !cur.amounts.is_empty() || cur.name.is_some() {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.name = Some((t.text.clone(), t.start, t.end));
                }
            }
            Kind::Int
                if code_len(&t.text)
                    && ((cur.name.is_none() && cur.code.is_none())
                        || !cur.amounts.is_empty()
                        // Side-by-side groups (公开06表): a code after a
                        // name opens the next group, whose left one is blank.
                        || (groups && cur.name.is_some())) =>
            {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                let mut code = (t.text.clone(), t.start, t.end);
                // "301 01", "2080 1": a 类 code followed by its 款 digits.
                if let Some(n) = toks.get(i + 1) {
                    if n.kind == Kind::Int && n.text.len() == 2 && t.text.len() == 3 {
                        code.0.push_str(&n.text);
                        code.2 = n.end;
                        i += 1;
                        if let Some(m) = toks.get(i + 1) {
                            if m.kind == Kind::Int && m.text.len() == 2 {
                                code.0.push_str(&m.text);
                                code.2 = m.end;
                                i += 1;
                            }
                        }
                    }
                }
                cur.code = Some(code);
            }
            // Two-sided tables print each side's 行次: a larger one after
            // the left side's opens the right side, even a blank one
            // ("一般公共预算财政拨款 8 0.00 19").
            Kind::Int if split_names && t.text.len() <= 2 && opens_right_side(&cur, &t.text) => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur = Item::default();
                cur.ordinal = Some((t.text.clone(), t.start, t.end));
            }
            Kind::Int if cur.amounts.is_empty() && cur.ordinal.is_none() && t.text.len() <= 2 => {
                cur.ordinal = Some((t.text.clone(), t.start, t.end));
            }
            _ => cur.amounts.push((t.text.clone(), t.start, t.end)),
        }
        i += 1;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether `ordinal` follows the 行次 of `cur` as the other side's would.
fn opens_right_side(cur: &Item, ordinal: &str) -> bool {
    let left = cur.ordinal.as_ref().and_then(|o| o.0.parse::<u32>().ok());
    matches!((left, ordinal.parse::<u32>().ok()), (Some(l), Some(r)) if r > l)
}

/// A line of the region, classified.
enum Line {
    /// Kept as it is: title, unit, notes, header words, page numbers.
    Other,
    /// A data row: its items.
    Data(Vec<Item>),
    /// Only words: a fragment of wrapped names.
    Fragment(Vec<(String, usize, usize)>),
    /// Only a code: the converter printed the row's code, name and amounts
    /// on lines of their own.
    Code((String, usize, usize)),
    /// A line merged into a row printed over several lines.
    Merged,
}

fn is_note(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with("注") || t.starts_with("说明") || t.starts_with("备注") || t.starts_with("单位")
}

/// Leaf labels of the 科目编码 header that pdfplumber prints on the first
/// data row ("类 款 项 合计 4,733.14 …").
fn strip_leaf_labels(toks: &mut Vec<Token>) {
    while toks
        .first()
        .is_some_and(|t| matches!(t.text.as_str(), "类" | "款" | "项"))
        && toks.len() > 1
    {
        toks.remove(0);
    }
}

fn classify(line: &SourceLine, started: bool, two_sided: bool, groups: bool) -> Line {
    if is_note(&line.text) {
        return Line::Other;
    }
    let mut toks = tokens(line);
    strip_leaf_labels(&mut toks);
    let has_amount = toks.iter().any(|t| t.kind == Kind::Amount);
    // A row whose cells are all blank: a code and its name, nothing else.
    let coded = toks
        .first()
        .is_some_and(|t| t.kind == Kind::Int && code_len(&t.text))
        && toks.iter().any(|t| t.kind == Kind::Text);
    if coded && !has_amount {
        return Line::Data(items(&toks, two_sided, groups));
    }
    if has_amount {
        let its = items(&toks, two_sided, groups);
        let only_amounts = toks.iter().all(|t| t.kind == Kind::Amount);
        let data = its
            .iter()
            .any(|i| !i.amounts.is_empty() && (i.code.is_some() || i.name.is_some()))
            || (only_amounts && (toks.len() >= 2 || (two_sided && started)));
        if data {
            return Line::Data(its);
        }
    }
    if let [t] = toks.as_slice() {
        if t.kind == Kind::Int && code_len(&t.text) {
            return Line::Code((t.text.clone(), t.start, t.end));
        }
    }
    let words = !toks.is_empty() && toks.iter().all(|t| t.kind == Kind::Text);
    // A two-sided table lists items without figures: each name is a row
    // of its own ("十二、农林水支出", "使用非财政拨款结余 结余分配").
    if two_sided && started && words {
        let its = items(&toks, true, false);
        let rows = its.iter().all(|i| {
            i.name.as_ref().is_some_and(|n| {
                let label = label_of(&n.0);
                label != juesuan_model::canonical::fold(&n.0) || is_side_label(&label)
            })
        });
        if rows {
            return Line::Data(its);
        }
    }
    if started && words {
        return Line::Fragment(toks.into_iter().map(|t| (t.text, t.start, t.end)).collect());
    }
    Line::Other
}

/// A row whose amounts could not be placed for certain: every cell of the
/// row built from source line `line` is doubtful, for `reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    /// The source line of the row.
    pub line: u32,
    /// Why (Chinese, shown to users).
    pub reason: String,
    /// Whether only the row's name is in doubt (not its amounts).
    pub name_only: bool,
}

/// Joins rows the converter printed over several lines: a line holding only
/// a code, then its name's words, then a line of amounts only. Returns the
/// indices of the amount lines that were completed this way.
fn merge_split_rows(classes: &mut [Line]) -> Vec<usize> {
    let mut out = Vec::new();
    for k in 0..classes.len() {
        let Line::Data(items) = &classes[k] else {
            continue;
        };
        if items.len() != 1 || items[0].code.is_some() || items[0].name.is_some() {
            continue;
        }
        let Some(c) = (0..k)
            .rev()
            .take(4)
            .find(|&j| !matches!(classes[j], Line::Fragment(_)))
        else {
            continue;
        };
        let Line::Code(code) = &classes[c] else {
            continue;
        };
        let code = code.clone();
        let mut name: Option<(String, usize, usize)> = None;
        for line in &mut classes[c + 1..k] {
            if let Line::Fragment(f) = line {
                for (t, s, e) in f.iter() {
                    match name.as_mut() {
                        Some(n) => n.0.push_str(t),
                        None => name = Some((t.clone(), *s, *e)),
                    }
                }
            }
            *line = Line::Merged;
        }
        if let Line::Data(items) = &mut classes[k] {
            items[0].code = Some(code);
            // The name was printed on another line: no span on this one.
            items[0].name = name.map(|(t, _, _)| (t, 0, 0));
        }
        classes[c] = Line::Merged;
        out.push(k);
    }
    out
}

/// A code printed alone on its line without figures is a row whose cells
/// are blank (its name may be wrapped around it).
fn blank_code_rows(classes: &mut [Line], region: &[SourceLine], groups: bool) {
    for (k, c) in classes.iter_mut().enumerate() {
        if let Line::Code(_) = c {
            let toks = tokens(&region[k]);
            *c = Line::Data(items(&toks, false, groups));
        }
    }
}

/// Words right above the first row, when that row prints no name, are the
/// upper half of its name (the header above them names columns instead).
fn name_above_first_row(classes: &mut [Line], region: &[SourceLine]) {
    let Some(first) = classes.iter().position(|c| matches!(c, Line::Data(_))) else {
        return;
    };
    let Line::Data(items) = &classes[first] else {
        return;
    };
    if first == 0
        || items
            .first()
            .is_none_or(|i| i.name.is_some() || i.code.is_none())
    {
        return;
    }
    let above = &region[first - 1];
    let toks = tokens(above);
    let header_word = |t: &str| {
        matches!(
            label_of(t).as_str(),
            "项目"
                | "科目名称"
                | "科目编码"
                | "功能分类"
                | "经济分类"
                | "类"
                | "款"
                | "项"
                | "决算数"
                | "合计"
                | "基本支出"
                | "项目支出"
                | "编码"
                | "码"
        ) || t.contains("科目")
    };
    if matches!(classes[first - 1], Line::Other)
        && !toks.is_empty()
        && toks
            .iter()
            .all(|t| t.kind == Kind::Text && !header_word(&t.text))
        && !is_note(&above.text)
    {
        classes[first - 1] =
            Line::Fragment(toks.into_iter().map(|t| (t.text, t.start, t.end)).collect());
    }
}

/// Re-slots a table region of spaced text into tab-separated lines; rows
/// whose amounts could not be placed for certain are listed as doubts.
pub fn reslot(
    id: TableId,
    region: &[SourceLine],
    notes: &mut Vec<ReadNote>,
) -> (Vec<SourceLine>, Vec<Doubt>) {
    let mut classes: Vec<Line> = Vec::with_capacity(region.len());
    let mut started = false;
    for (k, l) in region.iter().enumerate() {
        let c = if k == 0 {
            Line::Other
        } else {
            classify(
                l,
                started,
                matches!(id, TableId::T01 | TableId::T04),
                id == TableId::T06,
            )
        };
        started |= matches!(c, Line::Data(_));
        classes.push(c);
    }
    // Fragments after the last row are wrapped names only if short.
    if let Some(last) = classes.iter().rposition(|c| matches!(c, Line::Data(_))) {
        for c in classes.iter_mut().skip(last + 1) {
            if matches!(c, Line::Fragment(f) if f.iter().map(|x| x.0.chars().count()).sum::<usize>() > 20)
            {
                *c = Line::Other;
            }
        }
    }
    let merged = merge_split_rows(&mut classes);
    blank_code_rows(&mut classes, region, id == TableId::T06);
    name_above_first_row(&mut classes, region);
    let header_text: Vec<String> = region
        .iter()
        .zip(&classes)
        .take_while(|(_, c)| !matches!(c, Line::Data(_)))
        .flat_map(|(l, _)| tokens(l).into_iter().map(|t| t.text))
        .collect();
    let mut rows = match id {
        TableId::T01 | TableId::T04 => two_sided(&classes),
        TableId::T06 => detail(&classes),
        TableId::T09 => single(&classes),
        _ => coded(&classes),
    };
    attach_fragments(&classes, &mut rows);
    if matches!(id, TableId::T01 | TableId::T04) {
        settle_sides(id, &mut rows);
    }
    let header = match id {
        TableId::T01 | TableId::T04 => two_sided_header(id, &rows),
        TableId::T06 => detail_header(&rows),
        TableId::T09 => sangong_header(&header_text),
        _ => coded_header(id, &rows, &header_text),
    };
    let mut out: Vec<SourceLine> = Vec::with_capacity(region.len() + 1);
    let mut doubts: Vec<Doubt> = Vec::new();
    let mut header_done = false;
    for (k, (l, c)) in region.iter().zip(&classes).enumerate() {
        match c {
            Line::Data(_) => {
                if !header_done {
                    for h in &header.lines {
                        out.push(tabbed(l.number, l.page, h));
                    }
                    header_done = true;
                }
                if let Some(r) = rows.iter().find(|r| r.at == k) {
                    out.push(render_row(id, l, r, &header, notes, &mut doubts));
                    if merged.contains(&k) {
                        let reason = "转换工具把本行的科目代码、名称和金额拆在不同的行上，名称可能不完整或次序错乱".to_string();
                        for name_only in [false, true] {
                            doubts.push(Doubt {
                                line: l.number,
                                reason: reason.clone(),
                                name_only,
                            });
                        }
                    }
                }
            }
            Line::Fragment(_) | Line::Merged => {}
            Line::Code(_) | Line::Other => out.push(l.clone()),
        }
    }
    (out, doubts)
}

/// One table row being rebuilt: the line it stands on and its groups
/// (one per side or column group), each a name, code, ordinal and amounts.
#[derive(Debug, Clone)]
struct Row {
    at: usize,
    groups: Vec<Group>,
}

#[derive(Debug, Clone, Default)]
struct Group {
    code: Option<(String, usize, usize)>,
    ordinal: Option<(String, usize, usize)>,
    /// Name pieces with the line they were printed on (wrapped names span lines).
    name: Vec<(String, Option<usize>, usize, usize)>,
    amounts: Vec<(String, usize, usize)>,
    /// The name began on a line above the row: its rest follows below.
    open: bool,
}

impl Group {
    fn from_item(i: &Item) -> Group {
        Group {
            code: i.code.clone(),
            ordinal: i.ordinal.clone(),
            name: i
                .name
                .iter()
                .map(|(t, s, e)| (t.clone(), None, *s, *e))
                .collect(),
            amounts: i.amounts.clone(),
            open: false,
        }
    }

    fn name(&self) -> String {
        self.name.iter().map(|n| n.0.as_str()).collect()
    }
}

fn coded(classes: &[Line]) -> Vec<Row> {
    classes
        .iter()
        .enumerate()
        .filter_map(|(k, c)| match c {
            Line::Data(items) => {
                // Everything on the line is one row: code, name, amounts.
                let mut g = Group::default();
                for i in items {
                    g.code = g.code.take().or_else(|| i.code.clone());
                    if let Some((t, s, e)) = &i.name {
                        g.name.push((t.clone(), None, *s, *e));
                    }
                    g.amounts.extend(i.amounts.iter().cloned());
                }
                Some(Row {
                    at: k,
                    groups: vec![g],
                })
            }
            _ => None,
        })
        .collect()
}

fn detail(classes: &[Line]) -> Vec<Row> {
    classes
        .iter()
        .enumerate()
        .filter_map(|(k, c)| match c {
            Line::Data(items) => Some(Row {
                at: k,
                groups: items.iter().map(Group::from_item).collect(),
            }),
            _ => None,
        })
        .collect()
}

fn single(classes: &[Line]) -> Vec<Row> {
    coded(classes)
}

/// Total and balance rows of T01/T04 (printed without an ordinal).
fn is_side_label(label: &str) -> bool {
    label.ends_with("合计")
        || label.ends_with("总计")
        || label.contains("结转和结余")
        || label.contains("非财政拨款结余")
        || label == "结余分配"
}

/// Labels printed on the expense side of T01/T04.
fn is_expense_label(label: &str) -> bool {
    functional_class_code(label).is_some()
        || label.ends_with("支出")
        || label.ends_with("支出合计")
        || label == "结余分配"
        || label.starts_with("年末")
}

fn two_sided(classes: &[Line]) -> Vec<Row> {
    let mut rows: Vec<Row> = classes
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let Line::Data(items) = c else { return None };
            if items.iter().all(|i| i.name.is_none() && i.code.is_none()) {
                // Figures centred beside a wrapped name: kept for the row above.
                return Some(Row {
                    at: k,
                    groups: items.iter().map(Group::from_item).collect(),
                });
            }
            let mut groups: Vec<Group> = items.iter().map(Group::from_item).collect();
            match groups.len() {
                0 => return None,
                // One side only: which one is settled once wrapped names
                // are whole (see `settle_sides`).
                1 => {}
                _ => groups.truncate(2),
            }
            Some(Row { at: k, groups })
        })
        .collect();
    // A line of figures alone belongs to the row above whose named side
    // has none; the row moves to the figures' line.
    let mut k = 1;
    while k < rows.len() {
        let bare = rows[k].groups.iter().all(|g| g.name.is_empty());
        let target = rows[k - 1]
            .groups
            .iter()
            .rposition(|g| !g.name.is_empty() && g.amounts.is_empty());
        match (bare, target) {
            (true, Some(g)) => {
                let amounts: Vec<_> = rows[k]
                    .groups
                    .iter()
                    .flat_map(|g| g.amounts.clone())
                    .collect();
                let at = rows[k - 1].at;
                for grp in &mut rows[k - 1].groups {
                    for n in &mut grp.name {
                        n.1 = n.1.or(Some(at));
                    }
                }
                rows[k - 1].groups[g].amounts = amounts;
                rows[k - 1].at = rows[k].at;
                rows.remove(k);
            }
            _ => k += 1,
        }
    }
    rows
}

/// Puts the one printed item of a two-sided row on its side: expense names
/// (a 功能分类 类, "…支出", the balances of the expense side) and rows with
/// several figures (T04's expense columns) go right, the others left.
fn settle_sides(id: TableId, rows: &mut [Row]) {
    for r in rows.iter_mut() {
        if r.groups.len() != 1 {
            continue;
        }
        let label = label_of(&r.groups[0].name());
        let right =
            is_expense_label(&label) || (id == TableId::T04 && r.groups[0].amounts.len() > 1);
        if right {
            r.groups.insert(0, Group::default());
        } else {
            r.groups.push(Group::default());
        }
    }
}

/// Gives the word fragments of wrapped names to the rows they belong to: a
/// row whose name slot is empty takes the fragment above it (and then the
/// one below); other fragments continue the name of the row above.
fn attach_fragments(classes: &[Line], rows: &mut [Row]) {
    for (k, c) in classes.iter().enumerate() {
        let Line::Fragment(frags) = c else { continue };
        let prev = rows.iter().rposition(|r| r.at < k);
        let next = rows.iter().position(|r| r.at > k);
        // Lower halves of names opened on the row above come first (they
        // must stand right below it); then upper halves of names of the
        // row below whose slot is empty.
        let width = prev
            .map(|p| rows[p].groups.len())
            .max(next.map(|n| rows[n].groups.len()))
            .unwrap_or(0);
        let below: Vec<(usize, usize)> = prev
            .map(|p| {
                (0..width)
                    .filter(|&g| rows[p].groups.get(g).is_some_and(|x| x.open))
                    .map(|g| (p, g))
                    .collect()
            })
            .unwrap_or_default();
        let above: Vec<(usize, usize)> = next
            .map(|n| {
                (0..width)
                    .filter(|&g| {
                        rows[n].groups.get(g).is_some_and(|x| {
                            x.name.is_empty() && (x.code.is_some() || !x.amounts.is_empty())
                        })
                    })
                    .filter(|&g| !below.iter().any(|b| b.1 == g))
                    .map(|g| (n, g))
                    .collect()
            })
            .unwrap_or_default();
        let mut targets: Vec<(usize, usize)> = below
            .iter()
            .chain(&above)
            .take(frags.len())
            .copied()
            .collect();
        targets.sort_by_key(|t| t.1);
        // More fragments than targets: the leading ones continue names of
        // the row above (wrapped below their first line).
        let extra = frags.len().saturating_sub(targets.len());
        let mut fi = 0;
        if let Some(p) = prev {
            let named: Vec<usize> = (0..rows[p].groups.len())
                .filter(|&g| !rows[p].groups[g].name.is_empty() && !targets.contains(&(p, g)))
                .collect();
            for &g in named.iter().take(extra) {
                let (t, s, e) = &frags[fi];
                rows[p].groups[g].name.push((t.clone(), Some(k), *s, *e));
                fi += 1;
            }
        }
        for &(r, g) in &targets {
            let Some((t, s, e)) = frags.get(fi) else {
                break;
            };
            let grp = &mut rows[r].groups[g];
            grp.name.push((t.clone(), Some(k), *s, *e));
            // An upper half opens the name; a lower half closes it.
            grp.open = rows[r].at > k;
            fi += 1;
        }
    }
    // Upper halves precede the row's own (empty) slot: keep them first.
    for r in rows.iter_mut() {
        for g in &mut r.groups {
            g.open = false;
        }
    }
}

/// The rebuilt header, and per numeric column its key.
struct Header {
    /// Header lines, each a list of cell texts.
    lines: Vec<Vec<String>>,
    /// Numeric column keys per group, left to right.
    keys: Vec<Vec<String>>,
    /// Whether a 行次 slot follows each name slot.
    ordinals: bool,
    /// Whether a code slot precedes each name slot.
    codes: bool,
    /// Whether each group has a name slot (T09 has none).
    names: bool,
}

fn coded_header(id: TableId, rows: &[Row], header_text: &[String]) -> Header {
    let n = rows
        .iter()
        .flat_map(|r| r.groups.iter().map(|g| g.amounts.len()))
        .max()
        .unwrap_or(0);
    // Rows that print blanks as nothing have fewer amounts than columns:
    // the layout is the known one with the fewest columns that holds them.
    let layouts = column_layouts(id);
    let layout = layouts.iter().find(|l| l.len() == n).or_else(|| {
        layouts
            .iter()
            .filter(|l| l.len() > n)
            .min_by_key(|l| l.len())
    });
    let keys: Vec<String> = match layout {
        Some(l) => l.iter().map(|k| k.to_string()).collect(),
        None => {
            // A table no family fixes: its own header words, when they
            // count right, else numbered columns.
            let words: Vec<String> = header_text
                .iter()
                .map(|t| label_of(t))
                .filter(|t| {
                    !matches!(
                        t.as_str(),
                        "项目" | "科目编码" | "科目名称" | "类" | "款" | "项" | "决算数" | "栏次"
                    ) && !t.starts_with("单位")
                        && !t.contains("功能分类")
                        && t.chars().count() >= 2
                })
                .collect();
            if words.len() == n {
                words
            } else {
                (1..=n).map(|i| format!("第{i}栏")).collect()
            }
        }
    };
    let mut columns = vec!["科目代码".to_string(), "科目名称".to_string()];
    columns.extend(keys.iter().cloned());
    Header {
        lines: vec![columns],
        keys: vec![keys],
        ordinals: false,
        codes: true,
        names: true,
    }
}

fn two_sided_header(id: TableId, rows: &[Row]) -> Header {
    let ordinals = rows
        .iter()
        .any(|r| r.groups.iter().any(|g| g.ordinal.is_some()));
    let right: Vec<String> = if id == TableId::T04 {
        [
            "支出合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    } else {
        vec!["决算数".to_string()]
    };
    let mut columns = vec!["项目".to_string()];
    if ordinals {
        columns.push("行次".into());
    }
    columns.push("决算数".into());
    columns.push("项目".into());
    if ordinals {
        columns.push("行次".into());
    }
    // The header prints 合计 over the expense total.
    columns.extend(
        right
            .iter()
            .map(|k| k.trim_start_matches("支出").to_string()),
    );
    Header {
        lines: vec![columns],
        keys: vec![vec!["决算数".to_string()], right],
        ordinals,
        codes: false,
        names: true,
    }
}

fn detail_header(rows: &[Row]) -> Header {
    let g = rows
        .iter()
        .map(|r| r.groups.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let mut columns = Vec::new();
    for _ in 0..g {
        columns.extend(["科目编码", "科目名称", "决算数"].map(String::from));
    }
    Header {
        lines: vec![columns],
        keys: vec![vec!["决算数".to_string()]; g],
        ordinals: false,
        codes: true,
        names: true,
    }
}

fn sangong_header(header_text: &[String]) -> Header {
    // Shanghai prints 预算数 决算数 under each item; others group them.
    let seq: Vec<&str> = header_text
        .iter()
        .map(String::as_str)
        .filter(|t| matches!(*t, "预算数" | "决算数"))
        .collect();
    let interleaved = seq.len() >= 4 && seq.windows(2).take(3).all(|w| w[0] != w[1]);
    let keys: Vec<String> = if interleaved {
        (0..12)
            .map(|i| {
                let g = if i % 2 == 0 { "预算数" } else { "决算数" };
                format!("{g}/{}", SANGONG_ITEMS[i / 2])
            })
            .collect()
    } else {
        ["预算数", "决算数"]
            .iter()
            .flat_map(|g| SANGONG_ITEMS.iter().map(move |i| format!("{g}/{i}")))
            .collect()
    };
    let lines = if interleaved {
        // One row alternating 预算数/决算数, as the Shanghai layout prints it.
        vec![keys
            .iter()
            .map(|k| k.split('/').next().unwrap_or(k).to_string())
            .collect()]
    } else {
        let mut groups = vec![String::new(); 12];
        groups[0] = "预算数".into();
        groups[6] = "决算数".into();
        let leaves = keys
            .iter()
            .map(|k| k.rsplit('/').next().unwrap_or(k).to_string())
            .collect();
        vec![groups, leaves]
    };
    Header {
        lines,
        keys: vec![keys],
        ordinals: false,
        codes: false,
        names: false,
    }
}

/// A rebuilt header line, tab-separated.
fn tabbed(number: u32, page: Option<u32>, columns: &[String]) -> SourceLine {
    let text = columns.join("\t");
    let mut l = SourceLine::from_tabbed(number, &text);
    // The header is rebuilt, not printed: no cell points into the source.
    for c in &mut l.cells {
        c.span = Span::new(number, 0, 0);
        c.span.page = page;
    }
    l.page = page;
    l
}

/// Why a name read from spaced text may not be the printed one: it was
/// joined from pieces on other lines, or it is the start of the official
/// name of its code (text without cell borders cannot show whether the
/// rest was printed on a line the converter dropped).
fn name_doubt(g: &Group, name: &str) -> Option<String> {
    if g.name.iter().any(|n| n.1.is_some()) {
        return Some(format!(
            "科目名称“{name}”由转换工具拆开的几行拼成，可能不完整或次序错乱"
        ));
    }
    let code = &g.code.as_ref()?.0;
    let kind = if code.starts_with('3') && code.len() <= 5 {
        juesuan_model::classification::Kind::Economic
    } else {
        juesuan_model::classification::Kind::Functional
    };
    let printed = label_of(name);
    let official = juesuan_model::classification::years(kind)
        .into_iter()
        .find_map(|y| juesuan_model::classification::reference(kind, Some(y)).name(code))?;
    let cut = !printed.is_empty()
        && printed != label_of(official)
        && label_of(official).starts_with(&printed);
    cut.then(|| {
        format!("转换工具输出的文本没有单元格边界，科目名称“{name}”可能缺了后半部分（{code} 的名称是“{official}”）")
    })
}

/// Builds the tab-separated row for a rebuilt row, with spans into the
/// source line (or the line a wrapped name piece was printed on).
fn render_row(
    id: TableId,
    line: &SourceLine,
    r: &Row,
    header: &Header,
    notes: &mut Vec<ReadNote>,
    doubts: &mut Vec<Doubt>,
) -> SourceLine {
    let mut cells: Vec<SourceCell> = Vec::new();
    let span = |s: usize, e: usize| {
        let mut sp = Span::new(line.number, s as u32, e as u32);
        sp.page = line.page;
        sp
    };
    let blank = || SourceCell {
        text: String::new(),
        span: span(line.text.len(), line.text.len()),
    };
    let groups = header.keys.len();
    for g in 0..groups {
        let grp = r.groups.get(g).cloned().unwrap_or_default();
        let keys = &header.keys[g];
        if header.codes {
            cells.push(match &grp.code {
                Some((t, s, e)) => SourceCell {
                    text: t.clone(),
                    span: span(*s, *e),
                },
                None => blank(),
            });
        }
        if header.names {
            let name = grp.name();
            if let Some(reason) = name_doubt(&grp, &name) {
                doubts.push(Doubt {
                    line: line.number,
                    reason,
                    name_only: true,
                });
            }
            // A name's span is its piece on the row's own line, if any.
            cells.push(match grp.name.iter().find(|n| n.1.is_none()) {
                Some((_, _, s, e)) => SourceCell {
                    text: name,
                    span: span(*s, *e),
                },
                None => SourceCell {
                    text: name,
                    span: span(0, 0),
                },
            });
        }
        if header.ordinals {
            cells.push(match &grp.ordinal {
                Some((t, s, e)) => SourceCell {
                    text: t.clone(),
                    span: span(*s, *e),
                },
                None => blank(),
            });
        }
        let placed = place(id, keys, &grp.amounts);
        if let (Err(fits), false) = (&placed, grp.amounts.is_empty()) {
            let why = if *fits == 0 {
                "所印金额无论放入哪几栏都不满足本行的勾稽关系，可能有金额未被转换出来"
            } else {
                "各栏之间没有空位标记，本行的勾稽关系也不能确定各金额所在栏目"
            };
            let reason = format!(
                "本行印有 {} 个金额，少于 {} 栏，{why}，已依次放入前几栏",
                grp.amounts.len(),
                keys.len()
            );
            notes.push(ReadNote {
                line: line.number,
                message: format!("{}：{reason}，请核对", id.title()),
            });
            doubts.push(Doubt {
                line: line.number,
                reason,
                name_only: false,
            });
        }
        let slots = placed.unwrap_or_else(|_| (0..grp.amounts.len().min(keys.len())).collect());
        let mut row_cells = vec![None; keys.len()];
        for (a, &slot) in grp.amounts.iter().zip(&slots) {
            if let Some(c) = row_cells.get_mut(slot) {
                *c = Some(a.clone());
            }
        }
        for c in row_cells {
            cells.push(match c {
                Some((t, s, e)) => SourceCell {
                    text: t,
                    span: span(s, e),
                },
                None => blank(),
            });
        }
    }
    let text = cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\t");
    SourceLine {
        number: line.number,
        page: line.page,
        // The rebuilt row is not the printed text: quoting uses the source line.
        text,
        cells,
        flow: None,
        columns_guessed: false,
    }
}

/// The columns of `keys` the printed amounts stand in: all of them when the
/// count matches; else the one placement (order kept, the others blank)
/// under which the row's identities hold, if exactly one does. `None` when
/// the placement stays ambiguous; the error is the number of placements
/// that fit (0: none, 2: several).
fn place(
    id: TableId,
    keys: &[String],
    amounts: &[(String, usize, usize)],
) -> Result<Vec<usize>, usize> {
    let n = keys.len();
    let k = amounts.len();
    if k >= n {
        return Ok((0..n).collect());
    }
    let values: Vec<Decimal> = amounts
        .iter()
        .map(|a| parse_amount(&a.0).unwrap_or_default())
        .collect();
    let identities = row_identities(id);
    if identities.is_empty() || k == 0 {
        return Err(2);
    }
    let mut fits: Vec<Vec<usize>> = Vec::new();
    let mut choice: Vec<usize> = (0..k).collect();
    loop {
        let value = |key: &str| -> Decimal {
            keys.iter()
                .position(|x| x == key)
                .and_then(|col| choice.iter().position(|&c| c == col))
                .map_or(Decimal::ZERO, |i| values[i])
        };
        let holds = identities.iter().all(|(total, parts)| {
            // An identity whose columns the layout does not print says
            // nothing (Shanghai's 公开05表 has no 人员/公用经费).
            let printed = |k: &str| keys.iter().any(|x| x == k);
            if !printed(total) || !parts.iter().all(|p| printed(p)) {
                return true;
            }
            let sum: Decimal = parts
                .iter()
                .filter(|p| of_which(id, p).is_none())
                .map(|p| value(p))
                .sum();
            let tolerance = Decimal::new(5, 3) * Decimal::from(parts.len() as u32 + 1);
            (value(total) - sum).abs() <= tolerance
        });
        // Every amount must land in a column some identity involves, or
        // the identities say nothing about it.
        let bound = choice.iter().all(|&c| {
            identities.iter().any(|(t, p)| {
                let printed = |k: &str| keys.iter().any(|x| x == k);
                printed(t)
                    && p.iter().all(|x| printed(x))
                    && (keys[c] == *t || p.contains(&keys[c].as_str()))
            })
        });
        if holds && bound {
            fits.push(choice.clone());
            if fits.len() > 1 {
                return Err(2);
            }
        }
        // Next combination of k columns out of n, in lexicographic order.
        let mut i = k;
        loop {
            if i == 0 {
                return fits.pop().ok_or(0);
            }
            i -= 1;
            if choice[i] < n - k + i {
                choice[i] += 1;
                for j in i + 1..k {
                    choice[j] = choice[j - 1] + 1;
                }
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<SourceLine> {
        SourceLine::lines_of(text)
    }

    fn cells(l: &SourceLine) -> Vec<&str> {
        l.cells.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn code_rows_and_a_wrapped_name() {
        let l = lines("支出决算表\n单位：万元\n项目\n本年支出合计 基本支出 项目支出 上缴上级支出 经营支出\n类 款 项 合计 4,733.14 3,365.38 1,367.76 0.00 0.00 0.00\n2080505 机关事业单位基本养老保险缴费 229.67 229.67 0.00 0.00 0.00 0.00\n支出\n2080506 机关事业单位职业年金缴费支出 116.59 116.59 0.00 0.00 0.00 0.00\n注：本表反映部门本年度各项支出情况。");
        let mut notes = Vec::new();
        let (out, _) = reslot(TableId::T03, &l, &mut notes);
        let rows: Vec<Vec<&str>> = out.iter().filter(|l| l.is_tabular()).map(cells).collect();
        assert_eq!(rows[0][2], "本年支出合计");
        assert_eq!(rows[1][..4], ["", "合计", "4,733.14", "3,365.38"]);
        assert_eq!(
            rows[2][..3],
            ["2080505", "机关事业单位基本养老保险缴费支出", "229.67"]
        );
        assert_eq!(rows[3][1], "机关事业单位职业年金缴费支出");
        assert!(notes.is_empty());
        // The amount keeps its place in the printed line.
        let c = &out.iter().filter(|l| l.is_tabular()).nth(2).unwrap().cells[2];
        assert_eq!(
            &l[5].text[c.span.start as usize..c.span.end as usize],
            "229.67"
        );
    }

    #[test]
    fn names_centred_on_a_row_of_two_groups() {
        let l = lines("一般公共预算财政拨款基本支出决算表\n单位：万元\n科目编码 科目名称 决算数 科目名称 决算数\n301 07 绩效工资 655.52 302 06 电费 26.20\n机关事业单位基本\n301 08 229.67 302 07 邮电费 3.48\n养老保险缴费\n301 11 公务员医疗补助缴 0.00 302 11 差旅费 1.75\n费 因公出国（境）费\n301 12 其他社会保障缴费 7.17 302 12 0.00\n用\n其他对个人和家庭 其他商品和服务支\n303 99 0.00 302 99 9.07\n的补助 出\n人员经费合计 2,949.02 公用经费合计 416.36");
        let mut notes = Vec::new();
        let (out, _) = reslot(TableId::T06, &l, &mut notes);
        let rows: Vec<Vec<&str>> = out.iter().filter(|l| l.is_tabular()).map(cells).collect();
        assert_eq!(
            rows[2],
            [
                "30108",
                "机关事业单位基本养老保险缴费",
                "229.67",
                "30207",
                "邮电费",
                "3.48"
            ]
        );
        assert_eq!(
            rows[3],
            [
                "30111",
                "公务员医疗补助缴费",
                "0.00",
                "30211",
                "差旅费",
                "1.75"
            ]
        );
        assert_eq!(
            rows[4],
            [
                "30112",
                "其他社会保障缴费",
                "7.17",
                "30212",
                "因公出国（境）费用",
                "0.00"
            ]
        );
        assert_eq!(
            rows[5],
            [
                "30399",
                "其他对个人和家庭的补助",
                "0.00",
                "30299",
                "其他商品和服务支出",
                "9.07"
            ]
        );
        assert_eq!(rows[6][..3], ["", "人员经费合计", "2,949.02"]);
    }

    #[test]
    fn a_blank_right_side_keeps_its_line_number_out_of_the_amounts() {
        let l = lines("财政拨款收入支出决算总表\n单位：万元\n项目 行次 决算数 项目 行次 合计\n年初结转和结余 7 0.00 年末结转和结余 18 0.00 0.00\n一般公共预算财政拨款 8 0.00 19\n总计 11 300.00 总计 22 300.00 300.00");
        let mut notes = Vec::new();
        let (out, _) = reslot(TableId::T04, &l, &mut notes);
        let rows: Vec<Vec<&str>> = out.iter().filter(|l| l.is_tabular()).map(cells).collect();
        let row = rows
            .iter()
            .find(|r| r.first() == Some(&"一般公共预算财政拨款"))
            .expect("the row");
        // The left side's 行次 and amount; no amount on the right.
        assert_eq!(row[..3], ["一般公共预算财政拨款", "8", "0.00"]);
        assert!(row[3..].iter().all(|c| c.is_empty()), "{row:?}");
    }

    #[test]
    fn two_sided_rows_find_their_side() {
        let l = lines("收入支出决算总表\n单位：万元\n项目 决算数 项目 决算数\n一、一般公共预算财政拨款收入 4,733.14 一、一般公共服务支出 0.00\n九、卫生健康支出 109.34\n本年收入合计 4,733.14 本年支出合计 4,733.14\n总计 4,733.14 总计 4,733.14");
        let mut notes = Vec::new();
        let (out, _) = reslot(TableId::T01, &l, &mut notes);
        let rows: Vec<Vec<&str>> = out.iter().filter(|l| l.is_tabular()).map(cells).collect();
        assert_eq!(
            rows[1],
            [
                "一、一般公共预算财政拨款收入",
                "4,733.14",
                "一、一般公共服务支出",
                "0.00"
            ]
        );
        assert_eq!(rows[2], ["", "", "九、卫生健康支出", "109.34"]);
    }

    #[test]
    fn missing_amounts_placed_by_the_row_identities() {
        let keys: Vec<String> = ["合计", "基本支出", "人员经费", "公用经费", "项目支出"]
            .map(String::from)
            .to_vec();
        let a = |v: &[&str]| v.iter().map(|t| (t.to_string(), 0, 0)).collect::<Vec<_>>();
        // 项目支出 blank: 合计 = 基本 + 0, 基本 = 人员 + 公用.
        assert_eq!(
            place(
                TableId::T05,
                &keys,
                &a(&["4,660.32", "4,660.32", "3,800.00", "860.32"])
            ),
            Ok(vec![0, 1, 2, 3])
        );
        // Only 合计 and one part printed: 基本支出 would need 人员/公用.
        assert_eq!(
            place(TableId::T05, &keys, &a(&["12.00", "12.00"])),
            Ok(vec![0, 4])
        );
        // 本年收入合计 = one source of six: ambiguous.
        let t02: Vec<String> = juesuan_model::canonical::column_keys(TableId::T02)[..7]
            .iter()
            .map(|k| k.to_string())
            .collect();
        assert_eq!(place(TableId::T02, &t02, &a(&["5.00", "5.00"])), Err(2));
        // Figures that fit nowhere: one was lost by the converter.
        assert_eq!(
            place(
                TableId::T05,
                &keys,
                &a(&["13,583.48", "1,066.51", "2,921.97"])
            ),
            Err(0)
        );
        // 基本 = 12 with one of 人员/公用 blank: either fits, so no guess.
        assert_eq!(
            place(
                TableId::T05,
                &keys,
                &a(&["20.00", "12.00", "12.00", "8.00"])
            ),
            Err(2)
        );
    }
}
