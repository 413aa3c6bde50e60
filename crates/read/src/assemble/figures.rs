//! Figures stated in the narrative: every number with a unit, with the role
//! the words before it give it ("比上年减少 3044.73 万元" is a decrease,
//! "占 4.3%" a share) and the phrase it is about. The audit binds figures to
//! table cells and to each other; this module only reads them.

use super::bounds::OutOfRange;
use juesuan_model::amount::{read_amount, NotAnAmount};
use juesuan_model::{Figure, FigureKind, FigureRole, Paragraph, Span};

/// Units that make a number a figure, longest first.
const UNITS: &[(&str, FigureKind)] = &[
    ("万元", FigureKind::Amount),
    ("亿元", FigureKind::Amount),
    ("元", FigureKind::Amount),
    ("%", FigureKind::Percent),
    ("％", FigureKind::Percent),
    ("万人次", FigureKind::Count),
    ("人次", FigureKind::Count),
    ("万人", FigureKind::Count),
    // "0.39 万（含外宾接待支出 0.00 万元）": 万元 without its 元 (see `unit_ok`).
    ("万", FigureKind::Amount),
    ("台（套）", FigureKind::Count),
    ("台(套)", FigureKind::Count),
    ("批次", FigureKind::Count),
    ("场次", FigureKind::Count),
    ("个", FigureKind::Count),
    ("人", FigureKind::Count),
    ("辆", FigureKind::Count),
    ("项", FigureKind::Count),
    ("台", FigureKind::Count),
    ("套", FigureKind::Count),
    ("家", FigureKind::Count),
    ("次", FigureKind::Count),
    ("批", FigureKind::Count),
    ("期", FigureKind::Count),
    ("户", FigureKind::Count),
    ("份", FigureKind::Count),
    ("分", FigureKind::Score),
];

/// Clause delimiters.
const DELIMS: &[char] = &['，', '。', '；', '：', ',', ';', ':', '！', '？', '、'];

/// Extracts the figures of every non-heading paragraph. An amount beyond
/// what a report can mean stops the reading: it is no figure to check.
pub fn extract(paragraphs: &[Paragraph]) -> Result<Vec<Figure>, OutOfRange> {
    let mut out = Vec::new();
    for p in paragraphs
        .iter()
        .filter(|p| !p.is_heading && !p.addr.is_empty())
    {
        extract_paragraph(p, &mut out)?;
    }
    Ok(out)
}

fn extract_paragraph(p: &Paragraph, out: &mut Vec<Figure>) -> Result<(), OutOfRange> {
    let text = p.text.as_str();
    let bytes = text.as_bytes();
    let mut index = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && is_number_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len() && is_number_byte(bytes[end]) {
            end += 1;
        }
        // A trailing dot ends a sentence ("…为 30 万元." is rare, "1." is an item).
        while end > start && !bytes[end - 1].is_ascii_digit() {
            end -= 1;
        }
        i = end.max(start + 1);
        let number = &text[start..end];
        let after = text[end..].trim_start();
        let Some((unit, kind)) = UNITS
            .iter()
            .find(|(u, _)| after.starts_with(u) && unit_ok(u, &after[u.len()..]))
        else {
            continue;
        };
        // "3-5 万人次", "2024 年": ranges and dates are not figures.
        if text[..start].ends_with(['-', '~', '～']) {
            continue;
        }
        let value = match read_amount(number) {
            Ok(v) => in_wan_yuan(v, unit),
            Err(NotAnAmount::NotANumber) => continue,
            Err(NotAnAmount::OutOfRange) => {
                return Err(OutOfRange {
                    span: Span::new(p.line_at(start), 0, 0),
                    text: format!("{number}{unit}"),
                })
            }
        };
        let clause_start = clause_start(text, start);
        let clause_end = text[end..].find(DELIMS).map_or(text.len(), |d| end + d);
        let before = &text[clause_start..start];
        let (role, subject, base) = interpret(before, *kind);
        index += 1;
        let line = p.line_at(start);
        let line_offset = p
            .lines
            .iter()
            .rev()
            .find(|(o, _)| *o as usize <= start)
            .map_or(0, |(o, _)| *o as usize);
        out.push(Figure {
            addr: format!("{}#{index}", p.addr),
            paragraph: p.addr.clone(),
            index,
            value,
            unit: unit.to_string(),
            kind: *kind,
            role,
            subject,
            base,
            clause: text[clause_start..clause_end].trim().to_string(),
            span: Span::new(
                line,
                (start - line_offset) as u32,
                (end - line_offset) as u32,
            ),
        });
    }
    Ok(())
}

/// A bare "万" is 万元 only where a word does not go on ("199 万平方米").
fn unit_ok(unit: &str, rest: &str) -> bool {
    unit != "万"
        || rest
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() || matches!(c, '（' | '）'))
}

/// Amounts are compared in 万元, the tables' unit: 元 and 亿元 are
/// converted exactly, keeping the printed precision (1 元 = 0.0001 万元).
fn in_wan_yuan(value: juesuan_model::Decimal, unit: &str) -> juesuan_model::Decimal {
    use juesuan_model::Unit;
    let from = match unit {
        "元" => Unit::Yuan,
        "亿元" => Unit::YiYuan,
        _ => return value,
    };
    let mut v = from.convert(value, Unit::WanYuan);
    if from == Unit::Yuan {
        v.rescale(value.scale() + 4);
    }
    v
}

/// Where the clause holding byte `at` starts. "收、支总计均为" is one clause:
/// an enumeration comma after a one- or two-character fragment does not
/// end a clause.
fn clause_start(text: &str, at: usize) -> usize {
    let after = |d: usize| d + text[d..].chars().next().map_or(1, char::len_utf8);
    let mut start = text[..at].rfind(DELIMS).map_or(0, after);
    while start > 0 && text[..start].ends_with('、') {
        // The idiom "收、支总计" names one thing.
        if text[..start - '、'.len_utf8()].ends_with('收') && text[start..].starts_with('支') {
            let prev = text[..start - '、'.len_utf8()]
                .rfind(DELIMS)
                .map_or(0, after);
            start = prev;
            continue;
        }
        let prev = text[..start - '、'.len_utf8()]
            .rfind(DELIMS)
            .map_or(0, after);
        let fragment = strip_year(text[prev..start].trim());
        if fragment.chars().filter(|c| !c.is_whitespace()).count() > 3 {
            break;
        }
        start = prev;
    }
    start
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || b == b'.' || b == b','
}

/// The role, subject and (for shares) base of a figure from the clause text before it.
fn interpret(before: &str, kind: FigureKind) -> (FigureRole, String, String) {
    let b: String = before.chars().filter(|c| !c.is_whitespace()).collect();
    let b = b.as_str();
    let ends = |words: &[&'static str]| -> Option<(&str, &'static str)> {
        words
            .iter()
            .find_map(|w| b.strip_suffix(w).map(|rest| (rest, *w)))
    };
    if kind == FigureKind::Percent {
        if let Some(p) = b.rfind('占') {
            let base = b[p + '占'.len_utf8()..].trim_end_matches('的');
            return (FigureRole::Share, subject_of(&b[..p]), base.to_string());
        }
        if b.contains("完成") || b.contains("执行率") || b.contains("完成率") {
            return (FigureRole::Completion, subject_of(b), String::new());
        }
        if let Some((rest, _)) = ends(&["增长", "增加", "上升", "提高", "增幅为", "增长率为"])
        {
            return (FigureRole::IncreaseRate, subject_of(rest), String::new());
        }
        if let Some((rest, _)) = ends(&["下降", "减少", "降低", "降幅为", "增降低"]) {
            return (FigureRole::DecreaseRate, subject_of(rest), String::new());
        }
        return (FigureRole::Value, subject_of(b), String::new());
    }
    if let Some((rest, _)) = ends(&["增加", "增长", "上升", "提高"]) {
        return (FigureRole::Increase, subject_of(rest), String::new());
    }
    if let Some((rest, _)) = ends(&["减少", "下降", "降低", "缩减", "节约"]) {
        return (FigureRole::Decrease, subject_of(rest), String::new());
    }
    if b.ends_with("预算为") || b.ends_with("预算数为") || b.ends_with("预算数") {
        return (FigureRole::Budget, subject_of(b), String::new());
    }
    if b.ends_with("决算为") || b.ends_with("执行数为") || b.ends_with("决算数为") {
        return (FigureRole::Actual, subject_of(b), String::new());
    }
    (FigureRole::Value, subject_of(b), String::new())
}

/// "2024 年度收" → "收".
fn strip_year(s: &str) -> &str {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 {
        return s;
    }
    let rest = s[4..].trim_start();
    rest.strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))
        .unwrap_or(rest)
        .trim_start()
}

/// The phrase a figure is about: the clause without leading years and
/// connecting words ("2024 年度一般公共预算财政拨款支出" → "一般公共预算财政拨款支出").
fn subject_of(before: &str) -> String {
    let mut s = strip_year(before);
    // Item numbering "1." / "2．".
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d <= 2 {
        if let Some(r) = s[d..]
            .strip_prefix('.')
            .or_else(|| s[d..].strip_prefix('．'))
        {
            s = r;
        }
    }
    for lead in ["其中", "比上年", "较上年", "与上年相比"] {
        s = s.strip_prefix(lead).unwrap_or(s);
    }
    let mut t = s;
    for tail in ["均为", "为", "是", "共计", "共", "达到", "达", "约", "的"] {
        if let Some(r) = t.strip_suffix(tail) {
            t = r;
            break;
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(f: &[Figure]) -> Vec<FigureRole> {
        f.iter().map(|x| x.role).collect()
    }

    fn para(text: &str) -> Paragraph {
        Paragraph {
            section: "2".into(),
            heading: String::new(),
            item: None,
            line: 10,
            page: None,
            text: text.into(),
            lines: vec![(0, 10)],
            addr: "N2.p1".into(),
            is_heading: false,
        }
    }

    #[test]
    fn roles_subjects_and_spans() {
        let p = para("本年收入合计 34951.33 万元，其中：财政拨款收入 33597.66 万元，比上年减少 3044.73 万元，下降 8.3%，主要是社会保障和就业支出减少。");
        let f = extract(std::slice::from_ref(&p)).unwrap_or_default();
        assert_eq!(f.len(), 4);
        assert_eq!(
            (
                f[0].subject.as_str(),
                f[0].role,
                f[0].value.to_string().as_str()
            ),
            ("本年收入合计", FigureRole::Value, "34951.33")
        );
        assert_eq!(f[1].subject, "财政拨款收入");
        assert_eq!(f[2].role, FigureRole::Decrease);
        assert_eq!(f[3].role, FigureRole::DecreaseRate);
        assert_eq!(f[3].unit, "%");
        assert_eq!(
            &p.text[f[0].span.start as usize..f[0].span.end as usize],
            "34951.33"
        );
        assert_eq!(f[2].addr, "N2.p1#3");
    }

    #[test]
    fn shares_completion_and_budget() {
        let p = para("2024 年度一般公共预算财政拨款支出年初预算为 25007.99 万元，支出决算为 33608.2 万元，完成年初预算的 134.4%。教育支出 1431.94 万元，占 4.3%；占本年支出合计的 96.4%。");
        let f = extract(std::slice::from_ref(&p)).unwrap_or_default();
        assert_eq!(
            roles(&f),
            vec![
                FigureRole::Budget,
                FigureRole::Actual,
                FigureRole::Completion,
                FigureRole::Value,
                FigureRole::Share,
                FigureRole::Share
            ]
        );
        assert_eq!(f[0].subject, "一般公共预算财政拨款支出年初预算");
        assert_eq!(f[5].base, "本年支出合计");
        assert_eq!(f[4].base, "");
    }

    #[test]
    fn a_decrease_against_the_budget_is_no_budget() {
        let p = para("公务接待费年初预算为 0.54 万元，支出决算为 0.39 万元，比年初预算减少 0.15 万元，完成年初预算的 72.2%。");
        let f = extract(std::slice::from_ref(&p)).unwrap_or_default();
        assert_eq!(
            roles(&f),
            vec![
                FigureRole::Budget,
                FigureRole::Actual,
                FigureRole::Decrease,
                FigureRole::Completion
            ]
        );
    }

    #[test]
    fn units_other_than_wan_yuan() {
        let p = para("公务接待费支出 0.39 万（含外宾接待支出 0.00 万元），办公用房 199 万平方米，购置 12,345.00 元。");
        let f = extract(std::slice::from_ref(&p)).unwrap_or_default();
        let got: Vec<(String, &str)> = f
            .iter()
            .map(|x| (x.value.to_string(), x.unit.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("0.39".to_string(), "万"),
                ("0.00".to_string(), "万元"),
                ("1.234500".to_string(), "元")
            ]
        );
        assert_eq!(f[0].subject, "公务接待费支出");
    }

    #[test]
    fn years_dates_and_ranges_are_not_figures() {
        let p = para("截至 2024 年 12 月 31 日，共有车辆 33 辆，组织考试 3-5 万人次。");
        let f = extract(std::slice::from_ref(&p)).unwrap_or_default();
        assert_eq!(f.len(), 1);
        assert_eq!(
            (f[0].subject.as_str(), f[0].kind),
            ("共有车辆", FigureKind::Count)
        );
    }
}
