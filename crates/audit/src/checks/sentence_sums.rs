//! Arithmetic inside a sentence: a total stated with its parts.
//!
//! A sentence is read into a small tree — quantities (a number with a unit
//! of count or money, standing on its own), the words before each one (its
//! label), bracketed breakdowns and the words 其中/包括 — and three
//! structures are checked:
//! - `138 人（机关 78 人，事业单位 60 人）`: a breakdown in brackets adds up
//!   to the quantity it follows (at most to it when the brackets say 主要, 等 …);
//! - `共有车辆 33 辆，其中，领导用车 1 辆、其他用车 22 辆`: the parts after
//!   其中/包括 add up to at most the total before it;
//! - when those parts add up exactly and each has its own breakdown under the
//!   same labels as the total (`其中 1 万元标准的 62 人（机关 37 人…）、
//!   5000 元标准的 76 人（机关 42 人…）`), each label adds up across the parts
//!   (机关 37 + 42 = 78).
//!
//! A quantity with an approximate word (约, 余, 以上 …) or a label that
//! compares (比上年, 增长, 占 …) takes part in no sum.

use super::text_consistency::{texts, At};
use crate::check::{Check, CheckCtx, CheckResult};
use crate::finding::Finding;
use juesuan_model::amount::half_unit;
use juesuan_model::Decimal;

/// Units of quantities that add up, longest first so that 人次 wins over 人.
const UNITS: &[&str] = &[
    "万人次",
    "人次",
    "万人",
    "万元",
    "亿元",
    "千元",
    "台（套）",
    "台(套)",
    "平方米",
    "公里",
    "人",
    "名",
    "个",
    "家",
    "项",
    "辆",
    "台",
    "套",
    "次",
    "件",
    "户",
    "所",
    "场",
    "期",
    "份",
    "篇",
    "批",
    "座",
    "处",
    "条",
    "元",
];

/// Words that make a quantity approximate: it takes part in no sum.
const APPROXIMATE: &[&str] = &[
    "约", "近", "超", "逾", "余", "多", "左右", "以上", "以下", "不到", "不足", "将近", "大约",
];

/// Words in a label that make the quantity a comparison, a share or a rate:
/// neither a total nor a part.
const COMPARING: &[&str] = &[
    "增加", "减少", "增长", "下降", "降低", "比", "较", "同比", "上年", "占", "完成", "差", "节约",
    "人均", "平均", "每",
];

/// Words in a label that make the quantity a total or a plan: never a part.
const NOT_PART: &[&str] = &["预算", "累计", "共计", "合计", "总计"];

/// Words in a breakdown that say it lists only some parts.
const PARTIAL: &[&str] = &["主要", "等", "如", "其中", "包括", "含", "部分", "例如"];

#[derive(Debug, Clone)]
struct Qty {
    value: Decimal,
    unit: &'static str,
    /// Byte offset and length of the number and unit in the text.
    at: usize,
    len: usize,
    /// The words before the number since the last separator.
    label: String,
    approximate: bool,
    /// The bracketed items right after it, when they hold quantities.
    breakdown: Option<Group>,
}

#[derive(Debug, Clone, Default)]
struct Group {
    items: Vec<Item>,
    /// The bracket's text, for the partial words.
    text: String,
}

#[derive(Debug, Clone)]
enum Item {
    Qty(Qty),
    /// 其中 / 包括: the parts of the last quantity follow.
    Of,
    /// A sentence ends (。！？, a table cell's tab).
    End,
    /// A separator within a sentence (，、；：).
    Sep,
}

struct Parser<'t> {
    text: &'t str,
    pos: usize,
}

impl Parser<'_> {
    fn parse(&mut self, depth: usize) -> Group {
        let start = self.pos;
        let mut items: Vec<Item> = Vec::new();
        let mut label = String::new();
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let Some(c) = rest.chars().next() else { break };
            match c {
                '（' | '(' => {
                    self.pos += c.len_utf8();
                    let g = self.parse(depth + 1);
                    let has_qty = g.items.iter().any(|i| matches!(i, Item::Qty(_)));
                    let follows_qty = label.trim().is_empty()
                        && matches!(items.last(), Some(Item::Qty(q)) if q.breakdown.is_none());
                    if has_qty && follows_qty {
                        if let Some(Item::Qty(q)) = items.last_mut() {
                            q.breakdown = Some(g);
                        }
                    } else if !has_qty {
                        // A bracket of words (（省）, （含）) belongs to the label.
                        label.push(c);
                        label.push_str(&g.text);
                    }
                }
                '）' | ')' if depth > 0 => {
                    let text = self.text[start..self.pos].to_string();
                    self.pos += c.len_utf8();
                    return Group { items, text };
                }
                '。' | '！' | '？' | '\t' | '\n' => {
                    items.push(Item::End);
                    label.clear();
                    self.pos += c.len_utf8();
                }
                '，' | ',' | '、' | '；' | ';' | '：' | ':' => {
                    items.push(Item::Sep);
                    label.clear();
                    self.pos += c.len_utf8();
                }
                _ if rest.starts_with("其中") || rest.starts_with("包括") => {
                    items.push(Item::Of);
                    label.clear();
                    self.pos += "其中".len();
                }
                '0'..='9' => {
                    let prev_digit = self.text[..self.pos]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
                    match (!prev_digit).then(|| self.quantity(&label)).flatten() {
                        Some(q) => {
                            items.push(Item::Qty(q));
                            label.clear();
                        }
                        None => {
                            // Not a quantity: its digits are words of the label.
                            let n = rest
                                .bytes()
                                .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
                                .count()
                                .max(1);
                            label.push_str(&rest[..n]);
                            self.pos += n;
                        }
                    }
                }
                _ => {
                    if !c.is_whitespace() {
                        label.push(c);
                    }
                    self.pos += c.len_utf8();
                }
            }
        }
        Group {
            items,
            text: self.text[start..].to_string(),
        }
    }

    /// A number with a unit standing alone (followed by a separator, a
    /// bracket or the end), read at `self.pos`; advances past it.
    fn quantity(&mut self, label: &str) -> Option<Qty> {
        let rest = &self.text[self.pos..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b',')
            .count();
        let number = rest[..digits].trim_end_matches(['.', ',']);
        let value: Decimal = number.replace(',', "").parse().ok()?;
        let mut i = number.len();
        while rest[i..].starts_with(' ') {
            i += 1;
        }
        let unit = UNITS.iter().find(|u| rest[i..].starts_with(**u))?;
        let end = i + unit.len();
        let mut after = rest[end..].trim_start_matches(' ');
        let approximate_after = APPROXIMATE.iter().find(|w| after.starts_with(**w));
        if let Some(w) = approximate_after {
            after = &after[w.len()..];
        }
        let stands_alone = after.is_empty()
            || after.starts_with([
                '，', ',', '、', '；', ';', '。', '（', '(', '）', ')', '：', ':', '\t', '！', '？',
            ]);
        if !stands_alone {
            return None;
        }
        let approximate = approximate_after.is_some()
            || APPROXIMATE
                .iter()
                .any(|w| label.ends_with(w) || label.ends_with(&format!("{w}为")));
        let q = Qty {
            value,
            unit,
            at: self.pos,
            len: end,
            label: label.to_string(),
            approximate,
            breakdown: None,
        };
        self.pos += end;
        Some(q)
    }
}

/// A quantity that can be a part of a sum.
fn is_part(q: &Qty, unit: &str) -> bool {
    q.unit == unit
        && !q.approximate
        && !q.label.is_empty()
        && !COMPARING.iter().any(|w| q.label.contains(w))
        && !NOT_PART.iter().any(|w| q.label.contains(w))
}

/// A quantity that can be the total of a 其中 list.
fn is_total(q: &Qty) -> bool {
    !q.approximate && !COMPARING.iter().any(|w| q.label.contains(w))
}

/// Half a unit of the last printed digit, for amounts and 万-counts; counts
/// of whole things are exact.
fn rounding(q: &Qty) -> Decimal {
    if q.value.scale() > 0 || q.unit.contains('万') || q.unit.contains('亿') {
        half_unit(q.value.scale())
    } else {
        Decimal::ZERO
    }
}

/// One sum that does not hold: the total, its parts, and how they must compare.
struct Broken {
    total: Qty,
    parts: Vec<Qty>,
    /// Parts must add up exactly (else at most to the total).
    exact: bool,
    /// The label the sum runs over, for a cross-check.
    label: Option<String>,
}

fn check_sum(total: &Qty, parts: &[Qty], exact: bool, label: Option<String>) -> Option<Broken> {
    let sum: Decimal = parts.iter().map(|p| p.value).sum();
    let tol: Decimal = rounding(total) + parts.iter().map(rounding).sum::<Decimal>();
    let diff = sum - total.value;
    let broken = if exact { diff.abs() > tol } else { diff > tol };
    broken.then(|| Broken {
        total: total.clone(),
        parts: parts.to_vec(),
        exact,
        label,
    })
}

/// The labelled parts of a breakdown, by the label without particles.
fn breakdown_parts(g: &Group, unit: &str) -> Vec<Qty> {
    g.items
        .iter()
        .filter_map(|i| match i {
            Item::Qty(q) if is_part(q, unit) => Some(q.clone()),
            _ => None,
        })
        .collect()
}

fn label_key(label: &str) -> String {
    let label = label.strip_prefix("其中").unwrap_or(label);
    label
        .trim_start_matches(['，', '：'])
        .trim_end_matches(['的', '为', '有', '是'])
        .to_string()
}

/// Every broken sum in a group and the groups inside it.
fn analyse(g: &Group, out: &mut Vec<Broken>) {
    for (k, item) in g.items.iter().enumerate() {
        match item {
            Item::Qty(q) => {
                if let Some(b) = &q.breakdown {
                    let parts = breakdown_parts(b, q.unit);
                    if parts.len() >= 2 && !q.approximate {
                        let partial = PARTIAL.iter().any(|w| b.text.contains(w));
                        out.extend(check_sum(q, &parts, !partial, None));
                    }
                    analyse(b, out);
                }
            }
            Item::Of => of_list(g, k, out),
            Item::End | Item::Sep => {}
        }
    }
}

/// The parts after 其中/包括 at `g.items[k]` against the total before it.
fn of_list(g: &Group, k: usize, out: &mut Vec<Broken>) {
    let before = &g.items[..k];
    let Some(total) = before
        .iter()
        .rev()
        .take_while(|i| !matches!(i, Item::End))
        .find_map(|i| match i {
            Item::Qty(q) if is_total(q) => Some(q),
            _ => None,
        })
    else {
        return;
    };
    let parts: Vec<Qty> = g.items[k + 1..]
        .iter()
        .take_while(|i| !matches!(i, Item::End | Item::Of))
        .filter_map(|i| match i {
            Item::Qty(q) if is_part(q, total.unit) => Some(q.clone()),
            _ => None,
        })
        .collect();
    if parts.len() < 2 {
        return;
    }
    if let Some(b) = check_sum(total, &parts, false, None) {
        out.push(b);
        return;
    }
    // The parts exhaust the total: a breakdown shared by the total and every
    // part adds up label by label.
    let sum: Decimal = parts.iter().map(|p| p.value).sum();
    if sum != total.value {
        return;
    }
    let Some(total_b) = &total.breakdown else {
        return;
    };
    for t in breakdown_parts(total_b, total.unit) {
        let key = label_key(&t.label);
        let across: Vec<Qty> = parts
            .iter()
            .filter_map(|p| {
                let b = p.breakdown.as_ref()?;
                breakdown_parts(b, total.unit)
                    .into_iter()
                    .find(|q| label_key(&q.label) == key)
            })
            .collect();
        if across.len() == parts.len() {
            out.extend(check_sum(&t, &across, true, Some(key)));
        }
    }
}

/// Sentences whose stated total and parts do not add up, in 情况说明, the
/// 绩效自评表 text and every other line of the document.
pub(crate) fn sentence_sums(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let mut findings = Vec::new();
    for at in texts(ctx) {
        let text = at.text();
        // Both structures need a bracket or 其中/包括 beside a number.
        let structured = text.contains('（')
            || text.contains('(')
            || text.contains("其中")
            || text.contains("包括");
        if !structured || !text.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut broken = Vec::new();
        analyse(&Parser { text, pos: 0 }.parse(0), &mut broken);
        for b in broken {
            findings.push(finding(&at, check, text, &b));
        }
    }
    CheckResult::ran(findings)
}

fn finding(at: &At<'_>, check: &Check, text: &str, b: &Broken) -> Finding {
    let shown = |q: &Qty| text[q.at..q.at + q.len].replace(' ', "");
    let parts: Vec<String> = b
        .parts
        .iter()
        .map(|p| format!("{}{}", label_key(&p.label), shown(p)))
        .collect();
    let sum: Decimal = b.parts.iter().map(|p| p.value).sum();
    let what = match &b.label {
        Some(l) => format!("各部分中“{l}”之和"),
        None => "所列各部分之和".to_string(),
    };
    let relation = if b.exact { "不等于" } else { "超过了" };
    let message = format!(
        "{}：“{}{}”，{what}（{}）为 {sum}{}，{relation}总数",
        check.message,
        label_key(&b.total.label),
        shown(&b.total),
        parts.join(" + "),
        b.total.unit,
    );
    at.finding(
        check,
        b.total.at,
        &text[b.total.at..b.total.at + b.total.len],
        message,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(text: &str) -> Vec<(String, Decimal, bool)> {
        let mut out = Vec::new();
        analyse(&Parser { text, pos: 0 }.parse(0), &mut out);
        out.into_iter()
            .map(|b| (label_key(&b.total.label), b.total.value, b.exact))
            .collect()
    }

    /// The 吉林省人力资源和社会保障厅 2024 绩效自评 sentence: 机关 37 + 42 ≠ 78,
    /// 事业单位 25 + 34 ≠ 60, while 62 + 76 = 138.
    #[test]
    fn cross_tab_in_a_sentence() {
        let t = "确定 138 人（机关 78 人，事业单位 60 人）符合发放困难补助条件，其中 1 万元标准的 62 人（机关 37 人，事业单位 25 人）、5000 元标准的 76 人（机关 42 人，事业单位 34 人），共计发放金额 100 万元。";
        let b = broken(t);
        assert_eq!(
            b,
            vec![
                ("机关".into(), "78".parse().unwrap(), true),
                ("事业单位".into(), "60".parse().unwrap(), true)
            ]
        );
    }

    #[test]
    fn sums_that_hold() {
        assert!(broken("截至 2024 年 12 月 31 日，共有车辆 33 辆，其中，副部（省）级及以上领导用车 0 辆、主要负责人用车 1 辆、机要通信用车 2 辆、应急保障用车 3 辆、离退休干部用车 5 辆、其他用车 22 辆，其他用车主要是教学用车。").is_empty());
        assert!(broken("确定 138 人（机关 78 人，事业单位 60 人）符合条件。").is_empty());
        // Parts of another unit, comparisons and approximations add nothing.
        assert!(broken(
            "支出 100 万元，其中：基本支出 60 万元，比上年增加 50 万元；项目支出 40 万元。"
        )
        .is_empty());
        assert!(broken("培训 300 人次，其中线上约 200 人次、线下 150 人次。").is_empty());
        // A partial breakdown may add up to less.
        assert!(broken("共 10 个（主要有 A 类 3 个、B 类 2 个）。").is_empty());
        // The total is the amount, not the change told after it.
        assert!(broken(
            "机关运行经费 100 万元，比上年减少 10 万元，其中：办公费 20 万元、水电费 10 万元。"
        )
        .is_empty());
    }

    #[test]
    fn sums_that_break() {
        assert_eq!(
            broken("共有车辆 3 辆，其中：主要负责人用车 1 辆、其他用车 3 辆。"),
            vec![("共有车辆".into(), "3".parse().unwrap(), false)]
        );
        assert_eq!(
            broken("机关 78 人（处级 40 人，科级 37 人）。"),
            vec![("机关".into(), "78".parse().unwrap(), true)]
        );
    }

    #[test]
    fn numbers_inside_labels_are_words() {
        // "1 万元标准" and "5000 元标准" are not quantities.
        let g = Parser {
            text: "1 万元标准的 62 人、5000 元标准的 76 人",
            pos: 0,
        }
        .parse(0);
        let q: Vec<Decimal> = g
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Qty(q) => Some(q.value),
                _ => None,
            })
            .collect();
        assert_eq!(q, vec!["62".parse().unwrap(), "76".parse().unwrap()]);
    }
}
