//! Table headers: which slots are numeric columns, their 栏次 numbers, and
//! the canonical key of each column (resolved from the header text, with
//! merged group headers carried over the columns they span).

use super::super::text::eq_squeezed;
use super::cells::as_ordinal;
use crate::source::SourceLine;
use juesuan_model::canonical::{column_keys, column_layouts, label_of};
use juesuan_model::{Column, TableId};

/// What a table's header says about its slots.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Number of header rows (the data starts after them).
    pub rows: usize,
    /// Slot index → printed 栏次 number, for the numeric columns (from the 栏次 row).
    pub numbered: Vec<(usize, u32)>,
    /// Per slot: the header texts from top to bottom, group headers carried over.
    pub paths: Vec<Vec<String>>,
    /// Per slot: only the texts printed in the slot itself (a wrapped header
    /// word arrives in pieces, one per header line).
    pub own: Vec<Vec<String>>,
    /// Width of the widest header row.
    pub width: usize,
}

impl Header {
    /// The slot index of the first header cell whose label is one of `labels`.
    pub fn slot_of(&self, labels: &[&str]) -> Option<usize> {
        self.paths
            .iter()
            .position(|p| p.iter().any(|t| labels.contains(&t.as_str())))
    }

    /// All slot indices whose header contains one of `labels`.
    pub fn slots_of(&self, labels: &[&str]) -> Vec<usize> {
        (0..self.paths.len())
            .filter(|&i| self.paths[i].iter().any(|t| labels.contains(&t.as_str())))
            .collect()
    }

    /// Whether a 栏次 row was printed.
    pub fn has_numbers(&self) -> bool {
        !self.numbered.is_empty()
    }
}

/// A "栏次" row: a "栏次" label, or nothing but consecutive small integers.
pub fn is_column_number_row(l: &SourceLine) -> bool {
    let filled: Vec<&str> = l
        .cells
        .iter()
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    if filled.iter().any(|t| eq_squeezed(t, "栏次")) {
        return true;
    }
    let nums: Vec<u32> = filled.iter().filter_map(|t| as_ordinal(t)).collect();
    nums.len() >= 2 && nums.len() == filled.len() && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Reads the header rows (`rows[..n]` where `n` is decided by `is_data`).
pub fn read(rows: &[&SourceLine], is_data: impl Fn(&SourceLine) -> bool) -> Header {
    let n = rows
        .iter()
        .position(|r| is_data(r) && !is_column_number_row(r))
        .unwrap_or(rows.len());
    let head = &rows[..n];
    let width = head.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut numbered = Vec::new();
    if let Some(lr) = head.iter().rev().find(|r| is_column_number_row(r)) {
        for (i, c) in lr.cells.iter().enumerate() {
            if let Some(num) = as_ordinal(&c.text) {
                numbered.push((i, num));
            }
        }
    }
    let text_rows: Vec<Vec<String>> = head
        .iter()
        .filter(|r| !is_column_number_row(r) && !is_caption_row(r))
        .map(|r| r.cells.iter().map(|c| label_of(&c.text)).collect())
        .collect();
    let mut paths = vec![Vec::new(); width];
    let mut owns = vec![Vec::new(); width];
    for (ri, row) in text_rows.iter().enumerate() {
        for (slot, path) in paths.iter_mut().enumerate() {
            let own = row.get(slot).filter(|t| !t.is_empty());
            if let Some(t) = own {
                path.push(t.clone());
                owns[slot].push(t.clone());
                continue;
            }
            // A merged group header spans to the right over the columns that
            // have their own headers in a lower row.
            let lower_named = text_rows[ri + 1..]
                .iter()
                .any(|r| r.get(slot).is_some_and(|t| !t.is_empty()));
            if !lower_named {
                continue;
            }
            if let Some(left) = (0..slot)
                .rev()
                .find_map(|j| row.get(j).filter(|t| !t.is_empty()))
            {
                if !is_label_header(left) {
                    path.push(left.clone());
                }
            }
        }
    }
    Header {
        rows: n,
        numbered,
        paths,
        own: owns,
        width,
    }
}

/// The "部门：… 单位：万元" line some converters print as cells above the
/// header: it names no column.
fn is_caption_row(l: &SourceLine) -> bool {
    l.cells.iter().any(|c| {
        let t: String = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        ["单位：", "单位:", "部门：", "部门:", "编制单位"]
            .iter()
            .any(|p| t.starts_with(p))
    })
}

/// Header words of name/code columns, which never group numeric columns.
fn is_label_header(t: &str) -> bool {
    t.starts_with("项目（")
        || matches!(
            t,
            "项目"
                | "科目代码"
                | "科目名称"
                | "科目编码"
                | "行次"
                | "栏次"
                | "功能分类科目编码"
                | "支出功能分类科目"
        )
}

/// "其中：教育收费" → "教育收费".
fn strip_of_which(t: &str) -> Option<&str> {
    let rest = t.strip_prefix("其中")?;
    Some(rest.trim_start_matches(['：', ':']))
}

/// Resolves the canonical key of a numeric column from its header path.
pub fn resolve_key(id: TableId, path: &[String]) -> Option<&'static str> {
    let keys = column_keys(id);
    let leaf = leaf_meaning(path)?;
    if let Some(k) = keys.iter().find(|k| !k.contains('/') && **k == leaf) {
        return Some(k);
    }
    // "合计" heading the first column of the 收入/支出决算表 is its 本年…合计.
    if leaf == "合计" && path.len() <= 2 {
        if let Some(k) = keys
            .first()
            .filter(|k| k.ends_with("合计") && !k.contains('/'))
        {
            return Some(k);
        }
    }
    // "本年支出/合计" in a table whose key for that column is 本年支出.
    if leaf == "合计" {
        if let Some(g) = group_meaning(path) {
            if let Some(k) = keys.iter().find(|k| !k.contains('/') && **k == g) {
                return Some(k);
            }
        }
    }
    let group = path.first()?;
    if let Some(k) = keys
        .iter()
        .find(|k| k.split_once('/') == Some((group.as_str(), leaf.as_str())))
    {
        return Some(k);
    }
    // A header word wrapped over several lines ("一般公共预算" / "财" /
    // "政拨款") lands in one slot piece by piece: join the pieces.
    let joined: String = path.iter().map(|p| normalise_header(p)).collect();
    keys.iter()
        .filter(|k| !k.contains('/'))
        .filter(|k| joined.ends_with(*k))
        .max_by_key(|k| k.len())
        .copied()
}

/// The meaning of a column: its lowest header, where "小计" means its group.
fn leaf_meaning(path: &[String]) -> Option<String> {
    let mut it = path.iter().rev().filter(|t| !t.is_empty());
    let leaf = it.next()?;
    let leaf = normalise_header(leaf);
    if leaf == "小计" || leaf == "金额" {
        return it.next().map(|g| normalise_header(g));
    }
    Some(leaf)
}

/// The group a column's 合计/小计 leaf totals ("本年支出" for 本年支出/合计).
fn group_meaning(path: &[String]) -> Option<String> {
    let mut it = path.iter().rev().filter(|t| !t.is_empty());
    let _leaf = it.next()?;
    it.next().map(|g| normalise_header(g))
}

/// Variants of header words that mean the same column.
fn normalise_header(t: &str) -> String {
    let t = t.trim_end_matches("（万元）").trim_end_matches("（元）");
    // "其中：教育收费": the sub-column's own meaning.
    let t = strip_of_which(t).unwrap_or(t);
    match t {
        "本年支出小计" => "本年支出".to_string(),
        "因公出国（境）费用" => "因公出国（境）费".to_string(),
        "公务用车购置及运行费" => "公务用车购置及运行维护费".to_string(),
        "公务用车运行费" => "公务用车运行维护费".to_string(),
        _ => t.to_string(),
    }
}

/// Builds the model's columns: `slots` are the numeric slots in order. Keys
/// come from the header when every slot resolves to a distinct key; else,
/// when the count matches one of the table's known layouts, by position.
pub fn columns(
    id: TableId,
    header: &Header,
    slots: &[usize],
    resolve: impl Fn(usize, &[String]) -> Option<&'static str>,
) -> Vec<Column> {
    let resolved = resolve_all(id, header, slots, &resolve);
    let trusted = is_trusted(&resolved);
    let layout = column_layouts(id)
        .into_iter()
        .find(|l| l.len() == slots.len());
    let keys: Vec<Option<String>> = match (trusted, layout) {
        (false, Some(l)) => l.iter().map(|k| Some(k.to_string())).collect(),
        _ => resolved,
    };
    build(id, header, slots, keys)
}

/// Like [`columns`], for 科目 tables whose body is known: `filled(slot)`
/// says whether the slot holds a value in any body row (asked only when
/// the header alone does not account for every slot). A slot that holds
/// none and whose header names no column of its own is an artefact of the
/// layout (a group label or a wrapped header word that opened a column):
/// it is dropped when that lets the header, or a known layout, account for
/// the remaining slots. Returns the columns and the slots kept.
pub fn columns_with_body(
    id: TableId,
    header: &Header,
    slots: &[usize],
    filled: impl Fn(usize) -> bool,
) -> (Vec<Column>, Vec<usize>) {
    let resolve = |_: usize, p: &[String]| resolve_key(id, p);
    let layout_for = |n: usize| column_layouts(id).into_iter().find(|l| l.len() == n);
    let positional = |l: &[&str]| l.iter().map(|k| Some(k.to_string())).collect::<Vec<_>>();
    let resolved = resolve_all(id, header, slots, &resolve);
    if is_trusted(&resolved) {
        return (build(id, header, slots, resolved), slots.to_vec());
    }
    if let Some(l) = layout_for(slots.len()) {
        return (build(id, header, slots, positional(l)), slots.to_vec());
    }
    // Slots without a value in any row whose header holds no word of its
    // own (or a stray fragment of a wrapped word) are not columns.
    let kept: Vec<usize> = slots
        .iter()
        .zip(&resolved)
        .filter(|(s, k)| {
            let own: usize = header
                .own
                .get(**s)
                .map_or(0, |o| o.iter().map(|t| t.chars().count()).sum());
            k.is_some() || own > 2 || filled(**s)
        })
        .map(|(s, _)| *s)
        .collect();
    if kept.len() < slots.len() {
        let kept_resolved = resolve_all(id, header, &kept, &resolve);
        if is_trusted(&kept_resolved) {
            return (build(id, header, &kept, kept_resolved), kept);
        }
        if let Some(l) = layout_for(kept.len()) {
            return (build(id, header, &kept, positional(l)), kept);
        }
    }
    (build(id, header, slots, resolved), slots.to_vec())
}

/// Every slot's key: the canonical one the header names, or, for tables
/// whose columns no family fixes, the printed header itself.
fn resolve_all(
    id: TableId,
    header: &Header,
    slots: &[usize],
    resolve: &impl Fn(usize, &[String]) -> Option<&'static str>,
) -> Vec<Option<String>> {
    let keys = column_keys(id);
    slots
        .iter()
        .map(|&s| {
            let path = header.paths.get(s).map(Vec::as_slice).unwrap_or(&[]);
            let known = resolve(s, path).or_else(|| {
                // A wrapped header word: join the slot's own pieces.
                let joined: String = header.own.get(s).map(|o| o.concat()).unwrap_or_default();
                keys.iter()
                    .filter(|k| !k.contains('/') && !joined.is_empty() && joined.ends_with(*k))
                    .max_by_key(|k| k.len())
                    .copied()
            });
            match known {
                Some(k) => Some(k.to_string()),
                None if keys.is_empty() => generic_key(path),
                None => None,
            }
        })
        .collect()
}

/// The key of a column of a table whose columns no family fixes: its
/// header path, folded ("小计"/"金额" stand for their group).
fn generic_key(path: &[String]) -> Option<String> {
    let mut parts: Vec<String> = path
        .iter()
        .filter(|t| !t.is_empty() && !is_label_header(t))
        .map(|t| normalise_header(t))
        .collect();
    if parts.len() > 1 && matches!(parts.last().map(String::as_str), Some("小计" | "金额")) {
        parts.pop();
    }
    parts.dedup();
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn is_trusted(resolved: &[Option<String>]) -> bool {
    let all = resolved.iter().all(Option::is_some);
    let distinct = resolved
        .iter()
        .flatten()
        .enumerate()
        .all(|(i, k)| !resolved.iter().flatten().skip(i + 1).any(|o| o == k));
    all && distinct && !resolved.is_empty()
}

fn build(id: TableId, header: &Header, slots: &[usize], keys: Vec<Option<String>>) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::with_capacity(slots.len());
    for (i, (&s, key)) in slots.iter().zip(keys).enumerate() {
        let number = header
            .numbered
            .iter()
            .find(|(slot, _)| *slot == s)
            .map(|(_, n)| *n)
            .unwrap_or(i as u32 + 1);
        let path = header.paths.get(s).map(Vec::as_slice).unwrap_or(&[]);
        let key = key.unwrap_or_default();
        let of_which = of_which_parent(id, &key, path, &out);
        out.push(Column {
            number,
            name: path.join("/"),
            key,
            side: None,
            of_which,
        });
    }
    out
}

/// The column a "其中：…" column is part of: the canonical parent, else the
/// column its group header names, else the column to its left.
fn of_which_parent(id: TableId, key: &str, path: &[String], left: &[Column]) -> Option<String> {
    if let Some(p) = juesuan_model::canonical::of_which(id, key) {
        return Some(p.to_string());
    }
    let leaf = path.iter().rev().find(|t| !t.is_empty())?;
    strip_of_which(leaf)?;
    let group = path.iter().rev().filter(|t| !t.is_empty()).nth(1);
    if let Some(g) = group.map(|g| normalise_header(g)) {
        if let Some(c) = left
            .iter()
            .rev()
            .find(|c| c.key == g || c.key.ends_with(&format!("/{g}")))
        {
            return Some(c.key.clone());
        }
    }
    left.last().map(|c| c.key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &str) -> Vec<SourceLine> {
        SourceLine::lines_of(t)
    }

    #[test]
    fn t05_three_row_header() {
        let src = rows("项 目\t\t本年支出\t\t\t\t\n科目代码\t科目名称\t合计\t基本支出\t\t\t项目支出\n\t\t\t小计\t人员经费\t公用经费\t\n栏次\t\t7\t8\t9\t10\t11\n合计\t\t1.00\t1.00\t1.00\t0.00\t0.00");
        let refs: Vec<&SourceLine> = src.iter().collect();
        let h = read(&refs, |l| l.cells[0].text == "合计");
        assert_eq!(h.rows, 4);
        let keys: Vec<_> = (2..7)
            .map(|s| resolve_key(TableId::T05, &h.paths[s]))
            .collect();
        assert_eq!(
            keys,
            vec![
                Some("合计"),
                Some("基本支出"),
                Some("人员经费"),
                Some("公用经费"),
                Some("项目支出")
            ]
        );
        assert_eq!(h.numbered[0], (2, 7));
    }

    #[test]
    fn t09_group_headers() {
        let src = rows("预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接 待费\t合计\t因公出国 (境)费\t公务用车购置及运行维护费\t\t\t公务接待费\n\t\t小计\t公务用车购 置费\t公务用车运 行维护费\t\t\t\t小计\t公务用车 购置费\t公务用车 运行维护 费\t\n1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n1.00\t1.00\t0.00\t\t0.00\t0.00\t1.00\t1.00\t0.00\t\t0.00\t0.00");
        let refs: Vec<&SourceLine> = src.iter().collect();
        let h = read(&refs, |l| l.cells[0].text.contains('.'));
        let keys: Vec<_> = (0..12)
            .map(|s| resolve_key(TableId::T09, &h.paths[s]).unwrap_or("?"))
            .collect();
        assert_eq!(keys, column_keys(TableId::T09).to_vec());
    }
}
