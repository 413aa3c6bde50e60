//! The document's words against its own facts: balance dates against the
//! report year, the contents (目录) against the part headings, and the
//! level words (我省/我市/我区/我县) against the department's level.

use super::document_text::{self, finding_in_paragraph, finding_on_line, DocLine};
use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::finding::Finding;
use std::collections::BTreeMap;

/// Where a match was found: a narrative paragraph or another line.
pub(crate) enum At<'a> {
    Paragraph(&'a juesuan_model::Paragraph),
    Line(DocLine<'a>),
}

impl At<'_> {
    /// The text searched.
    pub(crate) fn text(&self) -> &str {
        match self {
            At::Paragraph(p) => &p.text,
            At::Line(l) => l.text,
        }
    }

    /// A finding about `matched` at byte `at` of the text.
    pub(crate) fn finding(
        &self,
        check: &Check,
        at: usize,
        matched: &str,
        message: String,
    ) -> Finding {
        match self {
            At::Paragraph(p) => finding_in_paragraph(check, p, at, matched, message),
            At::Line(l) => finding_on_line(check, l, at, matched, message),
        }
    }
}

/// The whole text once: narrative paragraphs (a sentence wrapped over lines
/// stays whole) and the lines outside them.
pub(crate) fn texts<'a>(ctx: &'a CheckCtx<'_>) -> Vec<At<'a>> {
    let report = ctx.report;
    let mut out: Vec<At<'a>> = report.narrative.iter().map(At::Paragraph).collect();
    out.extend(ctx.outside_narrative().iter().copied().map(At::Line));
    out
}

const AS_OF: &[&str] = &["截至到", "截止到", "截至", "截止"];

/// Words of a sentence that states holdings at a balance date.
const ASSET_WORDS: &[&str] = &["资产", "车辆", "房屋", "设备", "土地", "占用", "共有"];

/// A year-end balance date (`截至 2023 年 12 月 31 日`, `截至2023年末`) at
/// byte `at` of `text`: (its length in bytes, its year).
fn year_end_date(text: &str, at: usize) -> Option<(usize, u32)> {
    let rest = &text[at..];
    let lead = AS_OF.iter().find(|p| rest.starts_with(**p))?;
    let mut i = lead.len();
    let skip_ws = |i: &mut usize| {
        while rest[*i..].starts_with(char::is_whitespace) {
            *i += rest[*i..].chars().next().map_or(1, char::len_utf8);
        }
    };
    skip_ws(&mut i);
    let digits = rest[i..].bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return None;
    }
    let year: u32 = rest[i..i + 4].parse().ok()?;
    i += 4;
    skip_ws(&mut i);
    let tail: String = rest[i..]
        .chars()
        .take(12)
        .filter(|c| !c.is_whitespace())
        .collect();
    let end = ["年12月31日", "年末", "年底"]
        .iter()
        .find(|p| tail.starts_with(**p))?;
    // Byte length of the matched tail in the original (spaces included).
    let mut seen = 0;
    let mut len = 0;
    for c in rest[i..].chars() {
        if seen == end.chars().count() {
            break;
        }
        if !c.is_whitespace() {
            seen += 1;
        }
        len += c.len_utf8();
    }
    Some((i + len, year))
}

/// The sentence (up to 。；) around byte `at`.
fn sentence(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind(['。', '；'])
        .map_or(0, |p| p + '。'.len_utf8());
    let end = text[at..].find(['。', '；']).map_or(text.len(), |p| at + p);
    &text[start.min(at)..end]
}

/// A year-end date (资产、车辆 “截至…年12月31日”) naming another year than
/// the report's, unless the sentence compares two dates.
pub(crate) fn date_years(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let Some(year) = ctx.report.meta.year else {
        return CheckResult::skipped(Status::InsufficientData, "未能识别报告年度".into());
    };
    let mut findings = Vec::new();
    for at in texts(ctx) {
        let text = at.text();
        if !text.contains('截') {
            continue;
        }
        for (pos, _) in document_text::find_all(text, AS_OF) {
            let Some((len, y)) = year_end_date(text, pos) else {
                continue;
            };
            let dates = document_text::find_all(sentence(text, pos), AS_OF)
                .into_iter()
                .filter(|(p, _)| year_end_date(sentence(text, pos), *p).is_some())
                .count();
            if y != year && dates == 1 {
                let printed = &text[pos..pos + len];
                // A balance date of assets or vehicles is the report's year
                // end; elsewhere (a 自评表 recalling progress) it may be a
                // past date told as such: a warning.
                let severity = if ASSET_WORDS.iter().any(|w| sentence(text, pos).contains(w)) {
                    check.severity
                } else {
                    crate::lang::Severity::Warning
                };
                let mut f = at.finding(
                    check,
                    pos,
                    printed,
                    format!(
                        "{}：“{printed}”的年度 {y} 与报告年度 {year} 不一致",
                        check.message
                    ),
                );
                f.severity = severity;
                findings.push(f);
            }
        }
    }
    CheckResult::ran(findings)
}

/// A part heading without spaces, ordinal kept, dot leaders and the page
/// number of a contents entry removed.
fn part_key(text: &str) -> Option<(String, String)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_start_matches(['-', '*', '#', '•']);
    let rest = t.strip_prefix('第')?;
    let n = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    if n == 0 {
        return None;
    }
    let ordinal: String = rest.chars().take(n).collect();
    let after: String = rest.chars().skip(n).collect();
    let title = after.strip_prefix("部分")?;
    let title = title.trim_end_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '．' | '-' | '—' | '。')
    });
    Some((ordinal, title.to_string()))
}

/// A title's words: letters, digits and ideographs, punctuation dropped.
fn words_of(title: &str) -> String {
    title.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The contents and the body name each part alike: the first printing of a
/// part heading (the contents) against each later one. A heading wrapped over
/// two lines is a prefix of the contents entry and agrees with it.
pub(crate) fn contents(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    let mut findings = Vec::new();
    let mut parts = 0;
    for l in document_text::lines(report) {
        if !l.text.contains("部分") {
            continue;
        }
        let Some((ordinal, title)) = part_key(l.text) else {
            continue;
        };
        if title.is_empty() || title.chars().count() > 50 {
            continue;
        }
        parts += 1;
        match first.get(&ordinal) {
            None => {
                first.insert(ordinal, title);
            }
            Some(seen) => {
                // Punctuation (a stray quote OCR read from a speck, a
                // bracket's width) does not change a title.
                let (a, b) = (words_of(seen), words_of(&title));
                if !(a.starts_with(&b) || b.starts_with(a.as_str())) {
                    let printed = l.text.trim();
                    let at = l.text.find(printed).unwrap_or(0);
                    findings.push(finding_on_line(
                        check,
                        &l,
                        at,
                        printed,
                        format!(
                            "{}：第{ordinal}部分在正文中印为“{title}”，在目录（或此前）印为“{seen}”"
                        , check.message),
                    ));
                }
            }
        }
    }
    if parts == 0 {
        return CheckResult::skipped(Status::NotApplicable, "报告没有“第…部分”标题".into());
    }
    CheckResult::ran(findings)
}

/// Administrative levels, highest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Province,
    City,
    County,
}

/// The municipalities directly under the central government: their own
/// word is 我市, at provincial level.
const MUNICIPALITIES: &[&str] = &["北京市", "上海市", "天津市", "重庆市"];

/// Words ending in 市/区/县 that name no place (吉林省城市建设…).
const NOT_PLACES: &[&str] = &[
    "城市", "都市", "社区", "园区", "地区", "景区", "小区", "街区", "市区", "郊区", "辖区", "城区",
    "山区", "林区", "矿区", "牧区", "灾区", "省市", "本市", "本区", "本县", "全省", "全市", "全区",
    "全县", "各省", "各市", "各区", "各县",
];

/// The department's own level from the places its name starts with
/// (吉林省… → province; 上海市普陀区… → county level): `None` when the name
/// starts with no place (a university, a central ministry).
fn own_level(department: &str) -> Option<(Level, bool)> {
    let mut rest = department
        .trim()
        .trim_start_matches("中国共产党")
        .trim_start_matches("中共");
    let mut level = None;
    let mut autonomous_region = false;
    for depth in 0.. {
        let chars: Vec<(usize, char)> = rest.char_indices().take(9).collect();
        let hit = chars
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, (_, c))| matches!(c, '省' | '市' | '区' | '县' | '旗'));
        let Some((_, &(pos, c))) = hit else { break };
        let token = &rest[..pos + c.len_utf8()];
        if NOT_PLACES.contains(&token) {
            break;
        }
        let l = match c {
            '省' => Level::Province,
            '区' if depth == 0 && token.ends_with("自治区") => {
                autonomous_region = true;
                Level::Province
            }
            '市' if depth == 0 && MUNICIPALITIES.contains(&token) => Level::Province,
            '市' => Level::City,
            _ => Level::County,
        };
        level = Some(l);
        rest = &rest[pos + c.len_utf8()..];
    }
    level.map(|l| (l, autonomous_region))
}

/// The level a word names, for a department whose own level is given.
fn word_level(word: &str, autonomous_region: bool) -> Level {
    match word {
        "我省" => Level::Province,
        "我区" if autonomous_region => Level::Province,
        "我市" => Level::City,
        _ => Level::County,
    }
}

/// A level word below the department's own level (a provincial department
/// writing 我市): text copied from another report.
pub(crate) fn level_words(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let Some((own, ar)) = own_level(&report.meta.department) else {
        return CheckResult::skipped(
            Status::NotApplicable,
            "部门名称不以省、市、区、县开头，无法判断其层级".into(),
        );
    };
    let own_word = match own {
        Level::Province if ar => "我区",
        Level::Province
            if MUNICIPALITIES
                .iter()
                .any(|m| report.meta.department.contains(m)) =>
        {
            "我市"
        }
        Level::Province => "我省",
        Level::City => "我市",
        Level::County => "我区/我县",
    };
    const WORDS: &[&str] = &["我省", "我市", "我区", "我县"];
    let mut findings = Vec::new();
    for at in texts(ctx) {
        let text = at.text();
        if !text.contains('我') {
            continue;
        }
        for (pos, w) in document_text::find_all(text, WORDS) {
            // 我市场…, 我区域…: not a level word.
            let next = text[pos + w.len()..].chars().next();
            if matches!(next, Some('场' | '域' | '间')) {
                continue;
            }
            // The department's own word (我市 of a 直辖市, 我区 of an
            // autonomous region) is right whatever level it names elsewhere.
            if w == own_word {
                continue;
            }
            if word_level(w, ar) > own {
                findings.push(at.finding(
                    check,
                    pos,
                    w,
                    format!(
                        "{}：{}是{}，文中却称“{w}”（应为“{own_word}”）",
                        check.message,
                        report.meta.department,
                        match own {
                            Level::Province => "省级部门",
                            Level::City => "市级部门",
                            Level::County => "区县级部门",
                        }
                    ),
                ));
            }
        }
    }
    CheckResult::ran(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_names() {
        assert_eq!(
            own_level("吉林省人力资源和社会保障厅"),
            Some((Level::Province, false))
        );
        assert_eq!(
            own_level("上海市普陀区财政局"),
            Some((Level::County, false))
        );
        assert_eq!(
            own_level("上海市普陀区市场监督管理局"),
            Some((Level::County, false))
        );
        assert_eq!(
            own_level("中共上海市普陀区委社会工作部"),
            Some((Level::County, false))
        );
        assert_eq!(own_level("上海市财政局"), Some((Level::Province, false)));
        assert_eq!(
            own_level("广西壮族自治区财政厅"),
            Some((Level::Province, true))
        );
        assert_eq!(own_level("长春市财政局"), Some((Level::City, false)));
        assert_eq!(
            own_level("吉林省城市建设档案馆"),
            Some((Level::Province, false))
        );
        assert_eq!(own_level("西南大学"), None);
    }

    #[test]
    fn year_end_dates() {
        let t = "截至 2023 年 12 月 31 日，共有车辆 3 辆";
        let (len, y) = year_end_date(t, 0).unwrap();
        assert_eq!(y, 2023);
        assert_eq!(&t[..len], "截至 2023 年 12 月 31 日");
        assert_eq!(year_end_date("截至2024年末，", 0).map(|d| d.1), Some(2024));
        assert_eq!(year_end_date("截至2024年6月30日", 0), None);
    }

    #[test]
    fn part_keys() {
        assert_eq!(
            part_key("第二部分 上海市普陀区财政局2024年度部门决算表……………3"),
            Some(("二".into(), "上海市普陀区财政局2024年度部门决算表".into()))
        );
        assert_eq!(part_key("二、机构设置"), None);
    }
}
