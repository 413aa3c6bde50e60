//! Document metadata: department, year, unit, publication date, 职责, 机构, member units.

use super::narrative::join_paragraphs;
use super::parts::Parts;
use super::text::{find_year, parse_cn_date, squeeze, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::{Meta, Table, Unit};

/// Reads the metadata from the front matter, falling back on the tables' headers.
pub fn read_meta(lines: &[SourceLine], parts: &Parts, tables: &[Table]) -> Meta {
    let front = &lines[parts.front.clone()];
    let mut meta = Meta::default();

    // Cover: "2024 年度" / "XX部门决算" / "2025 年 8 月 25 日" before any part heading.
    let cover_end = front
        .iter()
        .position(|l| {
            let t = squeeze(strip_bullet(&l.text));
            t.starts_with("目录") || t.starts_with("第一部分")
        })
        .unwrap_or(front.len().min(20));
    for l in &front[..cover_end] {
        let t = squeeze(strip_bullet(&l.text));
        if meta.published.is_none() {
            if let Some(d) = parse_cn_date(&t) {
                meta.published = Some(d);
                continue;
            }
        }
        if let Some(before) = t
            .strip_suffix("部门决算")
            .or_else(|| t.strip_suffix("单位决算"))
        {
            let name = strip_year_prefix(before);
            if !name.is_empty() && meta.department.is_empty() {
                meta.department = name.to_string();
            }
        }
        if meta.year.is_none()
            && (t.ends_with("年度") || t.contains("年度部门决算") || t.contains("年度单位决算"))
        {
            meta.year = find_year(&t);
        }
    }
    if meta.department.is_empty() {
        meta.department =
            most_common(tables.iter().filter_map(|t| t.department.clone())).unwrap_or_default();
    }
    if meta.year.is_none() {
        meta.year = lines[parts.tables.clone()]
            .iter()
            .chain(front)
            .filter(|l| !l.is_tabular())
            .find_map(|l| {
                let t = squeeze(&l.text);
                (t.contains("年度部门决算") || t.contains("年度单位决算"))
                    .then(|| find_year(&t))
                    .flatten()
            });
    }
    meta.unit = most_common(tables.iter().map(|t| t.unit)).unwrap_or(Unit::WanYuan);

    read_overview(front, &mut meta);
    meta
}

fn strip_year_prefix(s: &str) -> &str {
    match s.find("年度") {
        Some(p) if find_year(&s[..p]).is_some() => &s[p + "年度".len()..],
        _ => s,
    }
}

fn most_common<T: PartialEq + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let all: Vec<T> = items.collect();
    all.iter()
        .max_by_key(|x| all.iter().filter(|y| y == x).count())
        .cloned()
}

/// 第一部分: 职责 paragraphs, internal institutions count, member units.
fn read_overview(front: &[SourceLine], meta: &mut Meta) {
    let heading = |l: &SourceLine, word: &str| {
        let t = squeeze(strip_bullet(&l.text));
        t.chars().count() <= 30 && t.contains(word) && !t.ends_with('。')
    };
    // The body headings come after the table of contents: take the last ones.
    let duties_at = front.iter().rposition(|l| heading(l, "职责"));
    let org_at = front
        .iter()
        .rposition(|l| heading(l, "机构设置") || heading(l, "单位构成"));
    if let (Some(d), Some(o)) = (duties_at, org_at) {
        if d < o {
            meta.duties = join_paragraphs(&front[d + 1..o])
                .into_iter()
                .map(|p| p.text)
                .collect();
        }
    }
    let Some(o) = org_at else { return };
    let body = &front[o + 1..];
    for l in body {
        let t = squeeze(&l.text);
        if let Some(p) = t.find("内设") {
            let digits: String = t[p + "内设".len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(n) = digits.parse() {
                meta.institutions = Some(n);
                break;
            }
        }
    }
    let list_start = body
        .iter()
        .position(|l| {
            let t = squeeze(&l.text);
            t.contains("单位包括") || t.contains("决算单位构成") || t.ends_with("包括：")
        })
        .map_or(0, |p| p + 1);
    for l in &body[list_start..] {
        let t = strip_bullet(&l.text);
        if let Some(name) = numbered_item(t) {
            meta.member_units.push(name.to_string());
        }
    }
}

/// "1.吉林省就业服务局" → "吉林省就业服务局".
fn numbered_item(t: &str) -> Option<&str> {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 {
        return None;
    }
    let rest = &t[d..];
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix('．'))
        .or_else(|| rest.strip_prefix('、'))?;
    let rest = rest.trim();
    (!rest.is_empty() && !rest.ends_with('。')).then_some(rest)
}
