//! The disclosure quality score (信息公开质量评分) of one report: how
//! complete its required items are, how consistent it is (errors and
//! warnings by class), and how timely it was published. The method is data
//! — `score.toml` next to this file, explained in `docs/score.md` — so a
//! reviewer can change it without touching code. Points are exact decimals.

use crate::finding::Finding;
use crate::lang::Severity;
use juesuan_model::{Decimal, Report};
use serde::{Deserialize, Deserializer, Serialize};
use std::str::FromStr;
use std::sync::OnceLock;

/// The built-in method.
pub const BUILTIN: &str = include_str!("score.toml");

/// The environment variable naming a method file that replaces the built-in one.
pub const ENV: &str = "JUESUAN_SCORE";

/// Points, written as a TOML integer, float or string ("0.5").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Points(pub Decimal);

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Points, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Float(f64),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Int(n) => n.to_string(),
            // The shortest text that reads back as the same float: "0.5", "2.25".
            Raw::Float(f) => f.to_string(),
            Raw::Text(t) => t,
        };
        let v = Decimal::from_str(text.trim()).map_err(serde::de::Error::custom)?;
        if v.is_sign_negative() || v > Decimal::from(1000) {
            return Err(serde::de::Error::custom(format!(
                "分值 {text} 应在 0 到 1000 之间"
            )));
        }
        Ok(Points(v))
    }
}

/// Completeness: the required items.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Completeness {
    /// The family's tables, in proportion of those present.
    pub tables: Points,
    /// At least one non-zero amount in the tables.
    pub data: Points,
    /// 情况说明 present, less `section_missing` per missing section.
    pub narrative: Points,
    /// Points off per `narrative.sections` finding.
    pub section_missing: Points,
    /// At least one 绩效自评表.
    pub performance: Points,
    /// 名词解释 present.
    pub glossary: Points,
    /// 决算单位构成 listed.
    pub member_units: Points,
    /// No template placeholder left, less `placeholder_each` per one.
    pub placeholders: Points,
    /// Points off per `text.placeholders` finding.
    pub placeholder_each: Points,
    /// Rules about absent items, counted here and not under consistency.
    pub rules: Vec<String>,
}

/// One class of consistency findings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// Shown name (Chinese).
    pub name: String,
    /// Rule id patterns (see `score.toml`).
    pub rules: Vec<String>,
    /// Points of the class.
    pub points: Points,
    /// Points off per error.
    pub error: Points,
    /// Points off per warning.
    pub warning: Points,
    /// Points off per info.
    pub info: Points,
    /// Scored only when last year's report was compared.
    #[serde(default)]
    pub needs_prior: bool,
}

/// Consistency: the classes of findings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consistency {
    /// The class of a finding no class names.
    pub other: String,
    /// Not judged when the tables hold no non-zero amount.
    #[serde(default)]
    pub needs_data: bool,
    /// The classes.
    pub class: Vec<Class>,
}

/// Timeliness: the printed publication date against two month-days of the
/// year after the fiscal year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeliness {
    /// Points.
    pub points: Points,
    /// `MM-DD`: on or before, full points.
    pub on_time: String,
    /// `MM-DD`: on or after, none.
    pub late: String,
}

/// A scoring method (`score.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// The method's version, stored with each score.
    pub version: String,
    /// Completeness.
    pub completeness: Completeness,
    /// Consistency.
    pub consistency: Consistency,
    /// Timeliness.
    pub timeliness: Timeliness,
}

impl Method {
    /// Parses a method file; the message (Chinese) names what is wrong.
    pub fn parse(text: &str) -> Result<Method, String> {
        let m: Method = toml::from_str(text).map_err(|e| format!("评分方法文件有误：{e}"))?;
        if !m
            .consistency
            .class
            .iter()
            .any(|c| c.name == m.consistency.other)
        {
            return Err(format!(
                "评分方法文件有误：other = \"{}\" 不是任何一类的名称",
                m.consistency.other
            ));
        }
        for d in [&m.timeliness.on_time, &m.timeliness.late] {
            if month_day(d).is_none() {
                return Err(format!("评分方法文件有误：日期 \"{d}\" 应为 MM-DD"));
            }
        }
        Ok(m)
    }

    /// The built-in method.
    pub fn builtin() -> &'static Method {
        static M: OnceLock<Method> = OnceLock::new();
        // The built-in file always parses (a test holds it to that); an
        // empty class list would only score completeness and timeliness.
        M.get_or_init(|| Method::parse(BUILTIN).unwrap_or_else(|_| Method::empty()))
    }

    /// The method in use: the file named by `JUESUAN_SCORE` if set (an
    /// unreadable or invalid file is an error), else the built-in one.
    pub fn configured() -> Result<Method, String> {
        match std::env::var_os(ENV) {
            Some(path) if !path.is_empty() => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("无法读取评分方法文件 {}：{e}", path.to_string_lossy()))?;
                Method::parse(&text)
            }
            _ => Ok(Method::builtin().clone()),
        }
    }

    fn empty() -> Method {
        Method {
            version: String::new(),
            completeness: Completeness {
                tables: Points::default(),
                data: Points::default(),
                placeholders: Points::default(),
                placeholder_each: Points::default(),
                narrative: Points::default(),
                section_missing: Points::default(),
                performance: Points::default(),
                glossary: Points::default(),
                member_units: Points::default(),
                rules: Vec::new(),
            },
            consistency: Consistency {
                other: String::new(),
                needs_data: false,
                class: Vec::new(),
            },
            timeliness: Timeliness {
                points: Points::default(),
                on_time: "09-30".to_string(),
                late: "12-31".to_string(),
            },
        }
    }
}

/// One line of a score: what was judged, the points earned of those possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// 完整性 / 一致性 / 及时性.
    pub group: String,
    /// The item or class (Chinese).
    pub item: String,
    /// Points earned.
    #[serde(with = "juesuan_model::report::decimal_str")]
    pub earned: Decimal,
    /// Points possible.
    #[serde(with = "juesuan_model::report::decimal_str")]
    pub possible: Decimal,
    /// Why (Chinese): what was counted.
    pub note: String,
}

/// A report's score with its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    /// 0–100, one decimal.
    #[serde(with = "juesuan_model::report::decimal_str")]
    pub value: Decimal,
    /// The method's version.
    pub method: String,
    /// Every part judged.
    pub parts: Vec<Part>,
}

impl Score {
    /// The score in tenths of a point (0–1000), for storing and ordering.
    pub fn tenths(&self) -> i64 {
        use rust_decimal::prelude::ToPrimitive;
        (self.value * Decimal::TEN).round().to_i64().unwrap_or(0)
    }
}

/// Scores a report from its audit findings; `compared` tells whether last
/// year's report was compared (the cross-year class counts only then).
pub fn score(method: &Method, report: &Report, findings: &[Finding], compared: bool) -> Score {
    let mut parts = Vec::new();
    completeness(method, report, findings, &mut parts);
    if has_data(report) || !method.consistency.needs_data {
        consistency(method, findings, compared, &mut parts);
    }
    timeliness(method, report, &mut parts);
    finish(method, parts)
}

/// `base` (a score computed without last year) with the cross-year
/// classes judged on `cross_year`, the `Y.*` findings against last year's
/// report; `compared` false leaves them out (no last year in the library).
pub fn with_cross_year(
    method: &Method,
    base: &Score,
    cross_year: &[Finding],
    compared: bool,
) -> Score {
    let prior_classes: Vec<&str> = method
        .consistency
        .class
        .iter()
        .filter(|c| c.needs_prior)
        .map(|c| c.name.as_str())
        .collect();
    let mut parts: Vec<Part> = base
        .parts
        .iter()
        .filter(|p| !(p.group == "一致性" && prior_classes.contains(&p.item.as_str())))
        .cloned()
        .collect();
    if compared {
        let mut judged = Vec::new();
        consistency(method, cross_year, true, &mut judged);
        parts.extend(
            judged
                .into_iter()
                .filter(|p| prior_classes.contains(&p.item.as_str())),
        );
    }
    finish(method, parts)
}

fn finish(method: &Method, parts: Vec<Part>) -> Score {
    let earned: Decimal = parts.iter().map(|p| p.earned).sum();
    let possible: Decimal = parts.iter().map(|p| p.possible).sum();
    let value = if possible.is_zero() {
        Decimal::ZERO
    } else {
        (earned * Decimal::ONE_HUNDRED / possible).round_dp(1)
    };
    Score {
        value,
        method: method.version.clone(),
        parts,
    }
}

fn part(group: &str, item: &str, earned: Decimal, possible: Decimal, note: String) -> Part {
    Part {
        group: group.to_string(),
        item: item.to_string(),
        earned: earned.max(Decimal::ZERO).min(possible),
        possible,
        note,
    }
}

fn count(findings: &[Finding], rule: &str) -> usize {
    findings.iter().filter(|f| f.rule == rule).count()
}

fn completeness(method: &Method, report: &Report, findings: &[Finding], out: &mut Vec<Part>) {
    let c = &method.completeness;
    const G: &str = "完整性";
    let required = report.profile.profile().tables.len();
    let missing = count(findings, "tables.present").min(required);
    if required > 0 {
        let share = Decimal::from(required - missing) / Decimal::from(required);
        out.push(part(
            G,
            "决算公开表",
            (c.tables.0 * share).round_dp(2),
            c.tables.0,
            format!("本模板规定 {required} 张，缺 {missing} 张"),
        ));
    }
    let filled = has_data(report);
    out.push(part(
        G,
        "决算数据",
        if filled { c.data.0 } else { Decimal::ZERO },
        c.data.0,
        if filled {
            "表中填有金额"
        } else {
            "各表均无非零金额"
        }
        .to_string(),
    ));
    let has_text = report.narrative.iter().any(|p| !p.is_heading);
    let sections = count(findings, "narrative.sections");
    let earned = if has_text {
        c.narrative.0 - c.section_missing.0 * Decimal::from(sections)
    } else {
        Decimal::ZERO
    };
    let note = if has_text {
        format!("缺规定部分 {sections} 处")
    } else {
        "没有情况说明".to_string()
    };
    out.push(part(G, "情况说明", earned, c.narrative.0, note));
    let n = report.performance.len();
    let perf = if n > 0 {
        c.performance.0
    } else {
        Decimal::ZERO
    };
    out.push(part(
        G,
        "绩效自评表",
        perf,
        c.performance.0,
        format!("公开 {n} 张"),
    ));
    let g = report.glossary.len();
    let gloss = if g > 0 { c.glossary.0 } else { Decimal::ZERO };
    out.push(part(G, "名词解释", gloss, c.glossary.0, format!("{g} 条")));
    let left = count(findings, "text.placeholders");
    out.push(part(
        G,
        "占位文字已填写",
        c.placeholders.0 - c.placeholder_each.0 * Decimal::from(left),
        c.placeholders.0,
        format!("留有模板占位文字 {left} 处"),
    ));
    let m = report.meta.member_units.len();
    let members = if m > 0 {
        c.member_units.0
    } else {
        Decimal::ZERO
    };
    out.push(part(
        G,
        "决算单位构成",
        members,
        c.member_units.0,
        format!("列出 {m} 个单位"),
    ));
}

/// Whether the tables hold at least one non-zero amount.
fn has_data(report: &Report) -> bool {
    report.tables.values().any(|t| {
        t.filled_cells()
            .any(|(_, c)| c.value.is_some_and(|v| !v.is_zero()))
    })
}

/// Whether pattern `p` names rule `id` (see `score.toml`).
fn names(p: &str, id: &str) -> bool {
    let head = id.split('.').next().unwrap_or(id);
    match p.strip_suffix('#') {
        Some(letter) => {
            head.strip_prefix(letter)
                .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
                && (letter != "T" || head.len() > 1)
        }
        None => head == p,
    }
}

fn consistency(method: &Method, findings: &[Finding], compared: bool, out: &mut Vec<Part>) {
    let c = &method.consistency;
    let absent = &method.completeness.rules;
    let mut off = vec![(Decimal::ZERO, [0usize; 3]); c.class.len()];
    let other = c.class.iter().position(|k| k.name == c.other).unwrap_or(0);
    for f in findings {
        if absent.contains(&f.rule) || f.reading.as_ref().is_some_and(|r| r.shape.is_artefact()) {
            continue;
        }
        let k = c
            .class
            .iter()
            .position(|k| k.rules.iter().any(|p| names(p, &f.rule)))
            .unwrap_or(other);
        let Some(class) = c.class.get(k) else {
            continue;
        };
        let (points, slot) = match f.severity {
            Severity::Error => (class.error.0, 0),
            Severity::Warning => (class.warning.0, 1),
            Severity::Info => (class.info.0, 2),
        };
        off[k].0 += points;
        off[k].1[slot] += 1;
    }
    for (class, (taken, [e, w, i])) in c.class.iter().zip(off) {
        if class.needs_prior && !compared {
            continue;
        }
        out.push(part(
            "一致性",
            &class.name,
            class.points.0 - taken,
            class.points.0,
            format!("错误 {e} 个，警告 {w} 个，提示 {i} 个"),
        ));
    }
}

fn month_day(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days(y: i64, m: u32, d: u32) -> i64 {
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * i64::from(m) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn timeliness(method: &Method, report: &Report, out: &mut Vec<Part>) {
    let t = &method.timeliness;
    let (Some(year), Some(date)) = (report.meta.year, report.meta.published.as_deref()) else {
        return;
    };
    let mut it = date.split('-').map(|s| s.parse::<u32>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (it.next(), it.next(), it.next()) else {
        return;
    };
    let (Some((om, od)), Some((lm, ld))) = (month_day(&t.on_time), month_day(&t.late)) else {
        return;
    };
    let next = i64::from(year) + 1;
    let at = days(i64::from(y), m, d);
    // A date within the fiscal year itself is not a publication date of its accounts.
    if at <= days(i64::from(year), 12, 31) {
        return;
    }
    let (on, late) = (days(next, om, od), days(next, lm, ld));
    let share = if at <= on {
        Decimal::ONE
    } else if at >= late || late <= on {
        Decimal::ZERO
    } else {
        Decimal::from(late - at) / Decimal::from(late - on)
    };
    out.push(part(
        "及时性",
        "公开日期",
        (t.points.0 * share).round_dp(2),
        t.points.0,
        format!("{date} 公开（{next}-{} 前为按时）", t.on_time),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_method_parses_and_adds_up_to_100() {
        let m = Method::parse(BUILTIN).unwrap();
        let c = &m.completeness;
        let total: Decimal = [
            c.tables,
            c.data,
            c.narrative,
            c.performance,
            c.glossary,
            c.member_units,
            c.placeholders,
        ]
        .iter()
        .map(|p| p.0)
        .chain(m.consistency.class.iter().map(|k| k.points.0))
        .chain([m.timeliness.points.0])
        .sum();
        assert_eq!(total, Decimal::ONE_HUNDRED);
        assert_eq!(m.consistency.class[0].warning.0.to_string(), "0.5");
    }

    #[test]
    fn patterns_name_rules() {
        assert!(names("T#", "T01.income_total"));
        assert!(names("T#", "T14.row_sum"));
        assert!(!names("T#", "tables.unit"));
        assert!(names("N#", "N.yoy"));
        assert!(names("N#", "N5.3.items"));
        assert!(!names("N#", "narrative.wording"));
        assert!(names("narrative", "narrative.wording"));
        assert!(names("Y", "Y.carry_forward"));
        assert!(!names("P", "performance.paragraphs"));
    }

    #[test]
    fn civil_days() {
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2025, 9, 30) - days(2025, 8, 25), 36);
        assert_eq!(days(2025, 12, 31) - days(2025, 9, 30), 92);
    }

    #[test]
    fn a_bad_method_is_an_error() {
        let bad = BUILTIN.replace("other = \"表内表间\"", "other = \"无此类\"");
        assert!(Method::parse(&bad).unwrap_err().contains("无此类"));
        let bad = BUILTIN.replace("error = 3", "error = -3");
        assert!(Method::parse(&bad).is_err());
    }
}
