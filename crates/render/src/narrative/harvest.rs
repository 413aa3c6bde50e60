//! Harvesting the preparer's words from an existing report's narrative:
//! 年初预算 by 项, reasons, last year's amounts implied by the stated
//! changes, 三公 details and 绩效 remarks. Re-rendering a published report
//! then drafts the same sentences without a texts.toml.

use super::sections::code_name;
use crate::texts::Texts;
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::label_of;
use juesuan_model::{Figure, FigureKind, FigureRole, Paragraph, Report};
use rust_decimal::Decimal;

/// The texts a report's own narrative and metadata provide.
pub fn harvest(report: &Report) -> Texts {
    let mut t = Texts {
        duties: report.meta.duties.clone(),
        date: report.meta.published.as_deref().and_then(cn_date),
        ..Texts::default()
    };
    for p in report.narrative.iter().filter(|p| !p.is_heading) {
        let figs: Vec<&Figure> = report
            .figures
            .iter()
            .filter(|f| f.paragraph == p.addr)
            .collect();
        match p.section.as_str() {
            "5.3" => budget_item(report, p, &figs, &mut t),
            "9.2" => sangong_details(p, &mut t),
            "10.2" => performance_remark(report, p, &mut t),
            "11.2" => procurement(&figs, &mut t),
            "11.3" => {
                t.notes.insert("国有资产占用".into(), p.text.clone());
            }
            _ => {}
        }
        changes(p, &figs, &mut t);
    }
    t
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
    if let Some(r) = after(&p.text, "预算数的主要原因是") {
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
fn change_key(p: &Paragraph, current: Option<&&Figure>) -> Option<String> {
    let fixed = match p.section.as_str() {
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
    [
        "财政拨款收入",
        "上级补助收入",
        "事业收入",
        "经营收入",
        "附属单位上缴收入",
        "其他收入",
        "基本支出",
        "项目支出",
        "上缴上级支出",
        "经营支出",
        "对附属单位补助支出",
    ]
    .iter()
    .find(|k| subject.contains(*k))
    .map(|k| k.to_string())
}

/// Last year's amount implied by "比上年减少 A 万元" and the reason given after it.
fn changes(p: &Paragraph, figs: &[&Figure], t: &mut Texts) {
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
        let Some(key) = change_key(p, current) else {
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
        if let Some(r) = after(&p.text, "预算数的主要原因是") {
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
        for key in [
            "政府采购支出总额",
            "政府采购货物支出",
            "政府采购工程支出",
            "政府采购服务支出",
            "授予中小企业合同金额",
            "授予小微企业合同金额",
        ] {
            if f.subject.ends_with(key) && !t.amounts.contains_key(key) {
                t.amounts.insert(key.into(), f.value.to_string());
            }
        }
    }
}
