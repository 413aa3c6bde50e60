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
    // The cover spreads "2024 年度" / the department / "部门决算" over lines
    // in any order: read them as one text.
    let mut cover = String::new();
    for l in &front[..cover_end] {
        let t = squeeze(strip_bullet(&l.text));
        if let Some(d) = parse_cn_date(&t) {
            meta.published.get_or_insert(d);
            continue;
        }
        cover.push_str(&t);
    }
    if let Some(p) = cover.find("部门决算").or_else(|| cover.find("单位决算")) {
        let before = &cover[..p];
        meta.year = find_year(before);
        meta.department = remove_year(before);
    }
    if meta.department.is_empty() {
        meta.department = part_two_department(&lines[parts.tables.clone()]).unwrap_or_default();
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

/// "2024年度吉林省人力资源和社会保障厅" / "中共上海市普陀区委社会工作部2024年度"
/// → the name without its "YYYY年度".
fn remove_year(s: &str) -> String {
    match (find_year(s), s.find("年度")) {
        (Some(y), Some(p)) => {
            let y = y.to_string();
            match s[..p].rfind(&y) {
                Some(ys) => format!("{}{}", &s[..ys], &s[p + "年度".len()..]),
                None => s.to_string(),
            }
        }
        _ => s.to_string(),
    }
}

/// "第二部分上海市普陀区财政局2024年度部门决算表" → "上海市普陀区财政局".
fn part_two_department(lines: &[SourceLine]) -> Option<String> {
    let t = squeeze(&lines.first()?.text);
    let rest = t.strip_prefix("第二部分")?;
    let p = rest.find("部门决算").or_else(|| rest.find("单位决算"))?;
    let name = remove_year(&rest[..p]);
    (!name.is_empty()).then_some(name)
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
    // "1.…", "1、…", or "1 …" as converters print a table's number column.
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix('．'))
        .or_else(|| rest.strip_prefix('、'))
        .or_else(|| {
            rest.strip_prefix([' ', '\t'])
                .filter(|r| r.trim_start().starts_with(|c: char| !c.is_ascii()))
        })?;
    let rest = rest.trim();
    (!rest.is_empty() && !rest.ends_with('。')).then_some(rest)
}
