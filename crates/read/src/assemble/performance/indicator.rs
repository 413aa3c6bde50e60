//! Indicator rows (一级/二级/三级指标, 年度指标值, 实际完成值, 偏差原因).

use super::super::line_cells::filled;
use super::super::text::{eq_squeezed, squeeze};
use crate::source::SourceLine;
use juesuan_model::amount::parse_amount;
use juesuan_model::{Comparator, Indicator, Measure, Performance};

/// 一级指标 names.
const LEVEL1: &[&str] = &["产出指标", "效益指标", "满意度指标", "成本指标"];
/// Words that make a short "…指标" cell a 二级指标.
const LEVEL2_WORDS: &[&str] = &[
    "数量",
    "质量",
    "时效",
    "成本",
    "效益",
    "满意度",
    "影响",
    "经济",
    "社会",
    "生态",
];

/// Reads the indicator rows between the 一级指标 header and the 总分 row.
/// Merged 一级/二级 cells are printed once: later rows carry them down.
pub fn read_indicators(block: &[SourceLine], p: &mut Performance) {
    let Some(h) = block
        .iter()
        .position(|l| l.cells.iter().any(|c| eq_squeezed(&c.text, "一级指标")))
    else {
        return;
    };
    let (mut level1, mut level2) = (String::new(), String::new());
    for l in &block[h + 1..] {
        let cells = filled(l);
        let mut texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        if texts.first().is_some_and(|t| eq_squeezed(t, "总分")) {
            break;
        }
        if texts.first().is_some_and(|t| eq_squeezed(t, "绩效指标")) {
            texts.remove(0);
        }
        if texts.is_empty() {
            continue;
        }
        if LEVEL1.iter().any(|l| eq_squeezed(texts[0], l)) {
            level1 = squeeze(texts[0]);
            level2.clear();
            texts.remove(0);
        }
        if texts.first().is_some_and(|t| is_level2(t)) {
            level2 = squeeze(texts[0]);
            texts.remove(0);
        }
        let Some((&name, rest)) = texts.split_first() else {
            continue;
        };
        p.indicators.push(Indicator {
            level1: level1.clone(),
            level2: level2.clone(),
            level3: name.to_string(),
            target: parse_measure(rest.first().copied().unwrap_or("")),
            actual: parse_measure(rest.get(1).copied().unwrap_or("")),
            deviation_reason: rest.get(2..).map(|r| r.join(" ")).unwrap_or_default(),
            line: l.number,
        });
    }
}

fn is_level2(t: &str) -> bool {
    if t.len() > 40 {
        return false;
    }
    let sq = squeeze(t);
    sq.ends_with("指标") && sq.chars().count() <= 10 && LEVEL2_WORDS.iter().any(|w| sq.contains(w))
}

/// Parses "≥440人", "\geq 500 万人次", ">=90%", "=12月", "有所提升".
pub fn parse_measure(raw: &str) -> Measure {
    let cleaned = raw
        .replace("\\geq", "≥")
        .replace("\\leq", "≤")
        .replace("\\%", "%")
        .replace('$', "");
    let cleaned = cleaned.trim().to_string();
    let sq = squeeze(&cleaned);
    let (comparator, rest) = split_comparator(&sq);
    let digits_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (num, unit) = rest.split_at(digits_end);
    // "3-5万人次" is a range, not a number with unit "-5万人次".
    let value = if unit.starts_with(['-', '~', '～', '至']) {
        None
    } else {
        parse_amount(num)
    };
    Measure {
        raw: cleaned,
        comparator,
        unit: if value.is_some() {
            unit.to_string()
        } else {
            String::new()
        },
        value,
    }
}

fn split_comparator(s: &str) -> (Option<Comparator>, &str) {
    const TABLE: &[(&str, Comparator)] = &[
        (">=", Comparator::Ge),
        ("<=", Comparator::Le),
        ("≥", Comparator::Ge),
        ("≤", Comparator::Le),
        ("≧", Comparator::Ge),
        ("≦", Comparator::Le),
        ("不少于", Comparator::Ge),
        ("不低于", Comparator::Ge),
        ("大于等于", Comparator::Ge),
        ("不超过", Comparator::Le),
        ("不高于", Comparator::Le),
        ("小于等于", Comparator::Le),
        ("＞", Comparator::Gt),
        ("＜", Comparator::Lt),
        (">", Comparator::Gt),
        ("<", Comparator::Lt),
        ("大于", Comparator::Gt),
        ("小于", Comparator::Lt),
        ("＝", Comparator::Eq),
        ("=", Comparator::Eq),
        ("等于", Comparator::Eq),
    ];
    for (p, c) in TABLE {
        if let Some(rest) = s.strip_prefix(p) {
            return (Some(*c), rest);
        }
    }
    (None, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures() {
        let m = parse_measure("\\geq 500 万人次");
        assert_eq!(m.comparator, Some(Comparator::Ge));
        assert_eq!(m.value.map(|v| v.to_string()).as_deref(), Some("500"));
        assert_eq!(m.unit, "万人次");
        let m = parse_measure("≥2.1万人");
        assert_eq!(
            (m.value.map(|v| v.to_string()), m.unit.as_str()),
            (Some("2.1".into()), "万人")
        );
        let m = parse_measure("<=30个");
        assert_eq!(m.comparator, Some(Comparator::Le));
        let m = parse_measure("有所提升");
        assert_eq!((m.comparator, m.value), (None, None));
        let m = parse_measure("3-5万人次");
        assert_eq!(m.value, None);
        let m = parse_measure("≥90百分比");
        assert_eq!(m.unit, "百分比");
    }
}
