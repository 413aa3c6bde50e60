//! Harvesting the preparer's words from an existing report's narrative:
//! 年初预算 by 项, reasons, last year's amounts implied by the stated
//! changes, 三公 details and 绩效 remarks. Re-rendering a published report
//! then drafts the same sentences without a texts.toml.

use super::sections::code_name;
use crate::texts::Texts;
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::{column_keys, label_of, of_which};
use juesuan_model::sections::canonical_paths;
use juesuan_model::{Figure, FigureKind, FigureRole, Paragraph, Report, TableId};
use rust_decimal::Decimal;

/// The texts a report's own narrative and metadata provide.
pub fn harvest(report: &Report) -> Texts {
    let mut t = Texts {
        duties: report.meta.duties.clone(),
        date: report.meta.published.as_deref().and_then(cn_date),
        ..Texts::default()
    };
    // Sections by their central number, whatever the document prints
    // (a Shanghai report explains 三公 in its 七).
    let sections = canonical_paths(&report.narrative);
    for (p, section) in report.narrative.iter().zip(&sections) {
        if p.is_heading {
            continue;
        }
        let figs: Vec<&Figure> = report
            .figures
            .iter()
            .filter(|f| f.paragraph == p.addr)
            .collect();
        match section.as_str() {
            "5.3" => budget_item(report, p, &figs, &mut t),
            "9.1" | "9.2" => {
                sangong_details(p, &mut t);
                sangong_unchanged(report, p, &mut t);
                let key = if section == "9.1" {
                    Some("三公经费".to_string())
                } else {
                    change_key(p, section, None)
                };
                if let (Some(key), Some(r)) = (key, budget_reason(&p.text)) {
                    t.reasons
                        .entry(format!("{key}/预算"))
                        .or_insert(r.to_string());
                }
            }
            "10.2" => performance_remark(report, p, &mut t),
            "11.1" => {
                // What the department counts as 机关运行经费 varies; its own figure wins.
                if let Some(f) = figs.iter().find(|f| {
                    f.kind == FigureKind::Amount
                        && matches!(f.role, FigureRole::Value | FigureRole::Actual)
                        && f.subject.contains("机关运行经费")
                }) {
                    t.amounts
                        .entry("机关运行经费".into())
                        .or_insert(f.value.to_string());
                }
            }
            "11.2" => procurement(&figs, &mut t),
            "11.3" => {
                t.notes.insert("国有资产占用".into(), p.text.clone());
                vehicles(p, &mut t);
            }
            _ => {}
        }
        changes(p, section, &figs, &mut t);
    }
    t
}

/// The reason stated after "…预算数的主要原因" ("是…" or "：…").
fn budget_reason(text: &str) -> Option<&str> {
    let start = text.find("预算数的主要原因")? + "预算数的主要原因".len();
    let rest = &text[start..];
    let rest = rest
        .strip_prefix('是')
        .or_else(|| rest.strip_prefix('：'))
        .or_else(|| rest.strip_prefix(':'))?;
    let end = rest.find(['。', '；']).unwrap_or(rest.len());
    let r = rest[..end].trim();
    (!r.is_empty()).then_some(r)
}

/// "…与2023年度持平", "因公出国（境）费支出决算持平": last year's 三公
/// amounts equal this year's (from 公开09表).
fn sangong_unchanged(report: &Report, p: &Paragraph, t: &mut Texts) {
    let text = p.text.replace(' ', "");
    for clause in text.split(['。', '；', '，']) {
        if !clause.contains("持平") {
            continue;
        }
        let key = [
            ("因公出国", "因公出国（境）费"),
            ("公务用车", "公务用车购置及运行维护费"),
            ("公务接待", "公务接待费"),
            ("三公", "三公经费"),
        ]
        .iter()
        .find(|(word, _)| clause.contains(word));
        let Some((_, key)) = key else { continue };
        let column = match *key {
            "三公经费" => "决算数/合计".to_string(),
            k => format!("决算数/{k}"),
        };
        // A blank cell of a printed 公开09表 is nothing spent.
        let Some(t09) = report.table(juesuan_model::TableId::T09) else {
            continue;
        };
        let current = super::value_in(report, t09.id, "R1", &column).unwrap_or_default();
        t.prior
            .entry(key.to_string())
            .or_insert(current.to_string());
    }
}

/// 十一(三): "共有车辆N辆" is the 公务用车保有量 when 三公 did not state it.
fn vehicles(p: &Paragraph, t: &mut Texts) {
    let text = p.text.replace(' ', "");
    for marker in ["共有车辆", "共有公务用车"] {
        if let Some(v) = number_after(&text, marker) {
            if let Ok(n) = u64::try_from(v.trunc().mantissa()) {
                t.counts.entry("公务用车保有量".into()).or_insert(n);
                return;
            }
        }
    }
}

/// "2025-08-25" → "2025 年 8 月 25 日".
fn cn_date(iso: &str) -> Option<String> {
    let mut it = iso.split('-').map(|x| x.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    Some(format!("{y} 年 {m} 月 {d} 日"))
}

/// The text after `marker` up to the end of its clause (；) or sentence (。).
fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let start = text.find(marker)? + marker.len();
    let rest = &text[start..];
    let end = rest.find(['。', '；']).unwrap_or(rest.len());
    let s = rest[..end].trim();
    (!s.is_empty()).then_some(s)
}

/// The number printed right after `marker` (spaces allowed).
fn number_after(text: &str, marker: &str) -> Option<Decimal> {
    let start = text.find(marker)? + marker.len();
    let rest = text[start..].trim_start();
    let n: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    parse_amount(n.trim_end_matches('.'))
}

/// 五(三): the 年初预算 and the reason of one 项 (or the whole, for the lead paragraph).
fn budget_item(report: &Report, p: &Paragraph, figs: &[&Figure], t: &mut Texts) {
    let budget = figs.iter().find(|f| f.role == FigureRole::Budget);
    let Some(item) = p.item else {
        if let Some(b) = budget {
            t.budgets.insert("total".into(), b.value.to_string());
        }
        return;
    };
    let _ = item;
    let Some(code) = match_code(report, &p.text) else {
        return;
    };
    if let Some(b) = budget {
        t.budgets.insert(code.clone(), b.value.to_string());
    }
    if let Some(r) = budget_reason(&p.text) {
        t.reasons.insert(code, r.to_string());
    }
}

/// The 项 code whose 类/款/项 names the paragraph states.
fn match_code(report: &Report, text: &str) -> Option<String> {
    let names: Vec<String> = text
        .split_inclusive(['）', ')'])
        .filter_map(|piece| {
            let p = piece.trim_end_matches(['）', ')']);
            for level in ["类", "款", "项"] {
                if let Some(name) = p.strip_suffix(level) {
                    let name = name.trim_end_matches(['（', '(']);
                    let name = name.rsplit(['.', '。', '．']).next().unwrap_or(name);
                    return Some(label_of(name));
                }
            }
            None
        })
        .collect();
    if names.len() != 3 {
        return None;
    }
    let mut codes: Vec<String> = report
        .tables
        .values()
        .flat_map(|t| t.rows.iter().filter_map(|r| r.code.clone()))
        .filter(|c| c.len() == 7)
        .collect();
    codes.sort();
    codes.dedup();
    codes.into_iter().find(|c| {
        [&c[..3], &c[..5], &c[..]]
            .iter()
            .zip(&names)
            .all(|(code, name)| code_name(report, code).is_some_and(|n| label_of(&n) == *name))
    })
}

/// The subject key of a year-on-year statement, as the drafting names it.
fn change_key(p: &Paragraph, section: &str, current: Option<&&Figure>) -> Option<String> {
    let fixed = match section {
        "1" => Some("收支总计"),
        "4" => Some("财政拨款收支总计"),
        "5.1" => Some("一般公共预算财政拨款支出"),
        "9.1" => Some("三公经费"),
        "11.1" => Some("机关运行经费"),
        "9.2" => ["因公出国（境）费", "公务用车购置及运行", "公务接待费"]
            .iter()
            .map(|k| (p.text.find(k).unwrap_or(usize::MAX), *k))
            .min()
            .filter(|(pos, _)| *pos < usize::MAX)
            .map(|(_, k)| {
                if k.starts_with("公务用车") {
                    "公务用车购置及运行维护费"
                } else {
                    k
                }
            }),
        _ => None,
    };
    if let Some(k) = fixed {
        return Some(k.to_string());
    }
    let subject = current?.subject.as_str();
    // The parts of 本年收入合计 (T02) and 本年支出合计 (T03).
    [TableId::T02, TableId::T03]
        .iter()
        .flat_map(|id| {
            column_keys(*id)
                .iter()
                .skip(1)
                .filter(move |k| of_which(*id, k).is_none())
        })
        .find(|k| subject.contains(*k))
        .map(|k| k.to_string())
}

/// Last year's amount implied by "比上年减少 A 万元" and the reason given after it.
fn changes(p: &Paragraph, section: &str, figs: &[&Figure], t: &mut Texts) {
    for (i, f) in figs.iter().enumerate() {
        let sign = match f.role {
            FigureRole::Increase => Decimal::NEGATIVE_ONE,
            FigureRole::Decrease => Decimal::ONE,
            _ => continue,
        };
        if f.kind != FigureKind::Amount {
            continue;
        }
        let current = figs[..i].iter().rev().find(|g| {
            g.kind == FigureKind::Amount && matches!(g.role, FigureRole::Value | FigureRole::Actual)
        });
        let Some(key) = change_key(p, section, current) else {
            continue;
        };
        if let Some(c) = current {
            t.prior
                .insert(key.clone(), (c.value + sign * f.value).to_string());
        }
        // The reason follows the change within the same clause group.
        let from = p.text.find(f.clause.as_str()).unwrap_or(0);
        let rest = &p.text[from..];
        let reason = [
            "主要原因是",
            "主要原因：",
            "主要原因:",
            "主要是",
            "主要原因",
        ]
        .iter()
        .filter_map(|m| rest.find(m).map(|pos| (pos, usize::MAX - m.len(), *m)))
        .min()
        .map(|(pos, _, m)| (pos, m))
        .and_then(|(pos, m)| after(&rest[pos..], m));
        if let Some(r) = reason {
            if !rest[..rest.find(r).unwrap_or(0)].contains("预算数的") {
                t.reasons.insert(key.clone(), r.to_string());
            }
        }
        if let Some(r) = budget_reason(&p.text) {
            t.reasons.insert(format!("{key}/预算"), r.to_string());
        }
    }
}

/// 九(二): 团组, 人次, vehicles, receptions.
fn sangong_details(p: &Paragraph, t: &mut Texts) {
    let text = p.text.replace(' ', "");
    let mut count = |key: &str, marker: &str| {
        if let Some(v) = number_after(&text, marker) {
            if let Ok(n) = u64::try_from(v.trunc().mantissa()) {
                t.counts.insert(key.into(), n);
            }
        }
    };
    count("出国团组", "因公出国（境）团组");
    count("出国人次", "个，因公出国（境）");
    count("公务用车保有量", "保有量为");
    count("公务用车购置数", "购置数为");
    count("外事接待批次", "外事来访团组数");
    count("外事接待人次", "来访外宾");
    count("国内接待批次", "国内来访团组");
    count("国内接待人次", "来宾");
    if let Some(d) = text.find("主要包括：") {
        if text.contains("因公出国") {
            t.notes.insert(
                "出国详情".into(),
                text[d..].trim_end_matches('。').to_string(),
            );
        }
    }
    if let Some(u) = after(&text, "主要是用于") {
        t.notes
            .insert("公务用车运行维护费用途".into(), u.to_string());
    }
    if let Some(v) = number_after(&text, "外事接待费支出") {
        t.amounts.insert("外事接待费".into(), v.to_string());
    }
    if let Some(v) = number_after(&text, "其他国内公务接待支出") {
        t.amounts.insert("国内公务接待费".into(), v.to_string());
    }
}

/// 十(二): the project's 绩效目标完成情况 text.
fn performance_remark(report: &Report, p: &Paragraph, t: &mut Texts) {
    let Some(k) = p.item else { return };
    let Some(perf) = report.performance.get(k as usize - 1) else {
        return;
    };
    for marker in ["绩效目标完成情况：", "绩效目标完成情况:"] {
        if let Some(pos) = p.text.find(marker) {
            let rest = p.text[pos + marker.len()..].trim();
            t.notes
                .insert(format!("绩效:{}", perf.name), rest.to_string());
            return;
        }
    }
}

/// 十一(二): 政府采购 amounts.
fn procurement(figs: &[&Figure], t: &mut Texts) {
    for f in figs.iter().filter(|f| f.kind == FigureKind::Amount) {
        // The central wording, then the Shanghai one ("政府采购金额（以合同签订为准）为…，其中：货物采购金额…").
        for (key, words) in [
            (
                "政府采购支出总额",
                &["政府采购支出总额", "政府采购金额"][..],
            ),
            ("政府采购货物支出", &["政府采购货物支出", "货物采购金额"]),
            ("政府采购工程支出", &["政府采购工程支出", "工程采购金额"]),
            ("政府采购服务支出", &["政府采购服务支出", "服务采购金额"]),
            ("授予中小企业合同金额", &["授予中小企业合同金额"]),
            ("授予小微企业合同金额", &["授予小微企业合同金额"]),
        ] {
            let subject = without_brackets(&f.subject);
            let named = words.iter().any(|w| subject.ends_with(w));
            if named && !t.amounts.contains_key(key) {
                t.amounts.insert(key.into(), f.value.to_string());
            }
        }
    }
}

/// The text without its bracketed asides ("金额（以合同签订为准）" → "金额").
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
