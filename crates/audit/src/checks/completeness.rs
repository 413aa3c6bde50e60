//! Completeness and form of the disclosure: mandated narrative sections,
//! “三公” details, the glossary, template placeholders, repeated
//! punctuation, and years in headings.

use super::document_text;
use crate::check::{Check, CheckCtx, CheckResult};
use crate::coverage::Status;
use crate::eval::narrative::canonical_section;
use crate::finding::Finding;
use crate::lang::Severity;
use juesuan_model::{Paragraph, Report};

/// The mandated sections by canonical number, with their official titles.
const SECTIONS: &[(&str, &str, Severity)] = &[
    ("1", "收入支出决算总体情况说明", Severity::Error),
    ("2", "收入决算情况说明", Severity::Error),
    ("3", "支出决算情况说明", Severity::Error),
    ("4", "财政拨款收入支出决算总体情况说明", Severity::Error),
    ("5", "一般公共预算财政拨款支出决算情况说明", Severity::Error),
    (
        "6",
        "一般公共预算财政拨款基本支出决算情况说明",
        Severity::Error,
    ),
    (
        "7",
        "政府性基金预算财政拨款收入支出决算情况说明",
        Severity::Error,
    ),
    (
        "8",
        "国有资本经营预算财政拨款支出决算情况说明",
        Severity::Error,
    ),
    ("9", "财政拨款“三公”经费支出决算情况说明", Severity::Error),
    ("10", "预算绩效管理（绩效评价）情况说明", Severity::Warning),
    ("11", "其他重要事项情况说明", Severity::Warning),
];

fn section_text(report: &Report, canon: &str) -> String {
    let top: Vec<&str> = report
        .narrative
        .iter()
        .filter(|p| p.is_heading && !p.section.contains('.'))
        .filter(|p| canonical_section(&p.heading) == Some(canon))
        .map(|p| p.section.as_str())
        .collect();
    report
        .narrative
        .iter()
        .filter(|p| {
            top.iter().any(|t| {
                p.section == *t
                    || (p.section.starts_with(t)
                        && p.section.as_bytes().get(t.len()) == Some(&b'.'))
            })
        })
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("")
}

/// Every mandated section of 第三部分 is present, and 十一's three sub-items.
pub(crate) fn sections(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    if report.narrative.is_empty() {
        return CheckResult::ran(vec![Finding::note(
            check.id,
            Severity::Error,
            format!("{}：报告中没有第三部分情况说明", check.message),
            Vec::new(),
        )]);
    }
    let present: Vec<&str> = report
        .narrative
        .iter()
        .filter(|p| p.is_heading && !p.section.is_empty() && !p.section.contains('.'))
        .filter_map(|p| canonical_section(&p.heading))
        .collect();
    let (line, page) = (report.narrative[0].line, report.narrative[0].page);
    let mut findings = Vec::new();
    for (n, title, sev) in SECTIONS {
        if !present.contains(n) {
            findings.push(
                Finding::note(
                    check.id,
                    *sev,
                    format!("{}：情况说明缺少“{title}”一节", check.message),
                    Vec::new(),
                )
                .at_line(line, page),
            );
        }
    }
    if present.contains(&"11") {
        let text = section_text(report, "11");
        for (words, what) in [
            (&["机关运行经费"][..], "机关运行经费"),
            (&["政府采购"][..], "政府采购"),
            (&["国有资产", "车辆"][..], "国有资产占用（车辆、大型设备）"),
        ] {
            if !words.iter().any(|w| text.contains(w)) {
                findings.push(
                    Finding::note(
                        check.id,
                        Severity::Warning,
                        format!("{}：其他重要事项中没有说明{what}情况", check.message),
                        Vec::new(),
                    )
                    .at_line(line, page),
                );
            }
        }
    }
    CheckResult::ran(findings)
}

/// The “三公” section gives 团组数/人次, 购置数/保有量 and 接待批次/人次.
pub(crate) fn sangong_details(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let text: String = section_text(report, "9")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return CheckResult::skipped(
            Status::InsufficientData,
            "情况说明中没有“三公”经费一节".into(),
        );
    }
    if text.contains("无“三公”经费") || text.contains("没有“三公”经费") {
        return CheckResult::skipped(Status::NotApplicable, "本部门无“三公”经费支出".into());
    }
    let (line, page) = report
        .narrative
        .iter()
        .find(|p| p.is_heading && canonical_section(&p.heading) == Some("9"))
        .map_or((0, None), |p| (p.line, p.page));
    let mut findings = Vec::new();
    for (all, what) in [
        (&["团组", "人次"][..], "因公出国（境）团组数和人次"),
        (&["保有量"][..], "公务用车保有量"),
        (&["购置"][..], "公务用车购置数"),
        (&["接待", "人次"][..], "公务接待批次（团组）和人次"),
    ] {
        let ok = all.iter().all(|w| text.contains(w))
            && (what != "公务接待批次（团组）和人次"
                || text.contains("批次")
                || text.contains("团组"));
        if !ok {
            findings.push(
                Finding::note(
                    check.id,
                    check.severity,
                    format!("{}：“三公”经费一节没有说明{what}", check.message),
                    Vec::new(),
                )
                .at_line(line, page),
            );
        }
    }
    CheckResult::ran(findings)
}

/// 第四部分 名词解释 is present.
pub(crate) fn glossary(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let findings = if report.glossary.is_empty() {
        vec![Finding::note(
            check.id,
            check.severity,
            format!("{}：报告中没有第四部分名词解释", check.message),
            Vec::new(),
        )]
    } else {
        Vec::new()
    };
    CheckResult::ran(findings)
}

/// Every occurrence of any pattern in the narrative, in text order; where
/// two patterns start at one place the earlier-listed one wins. Candidates
/// are found by their first character (a fast single-character search),
/// then confirmed.
fn occurrences<'p>(
    report: &'p Report,
    pats: &'p [&'p str],
) -> Vec<(&'p Paragraph, usize, &'p str)> {
    let mut firsts: Vec<char> = pats.iter().filter_map(|p| p.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut out = Vec::new();
    for p in &report.narrative {
        let mut hits: Vec<(usize, &'p str)> = Vec::new();
        for &c in &firsts {
            for (at, _) in p.text.match_indices(c) {
                let rest = &p.text[at..];
                if let Some(pat) = pats.iter().find(|pat| rest.starts_with(**pat)) {
                    hits.push((at, pat));
                }
            }
        }
        hits.sort_by_key(|h| h.0);
        out.extend(hits.into_iter().map(|(at, pat)| (p, at, pat)));
    }
    out
}

/// Template placeholders left in the narrative.
pub(crate) fn placeholders(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    const PATS: &[&str] = &[
        "XX",
        "××",
        "xx",
        "待填写",
        "请填写",
        "(略)",
        "（略）",
        "增加（减少）",
        "减少（增加）",
        "增长（下降）",
        "下降（增长）",
        "小于（大于）",
        "大于（小于）",
        "主要原因是：。",
        "主要原因是。",
        "主要原因：。",
        "【】",
        "某某",
    ];
    wording(ctx, check, PATS, "留有模板占位文字")
}

/// Repeated punctuation ("。。", "，，", "；。").
pub(crate) fn punctuation(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    const PATS: &[&str] = &[
        "。。", "，，", "；；", "；。", "，。", "。，", "、、", "：。",
    ];
    wording(ctx, check, PATS, "标点重复或连用")
}

/// A finding at every occurrence of one of `pats` in the narrative:
/// "…：情况说明中{what}“{pat}”".
fn wording(ctx: &CheckCtx<'_>, check: &Check, pats: &[&str], what: &str) -> CheckResult {
    let report = ctx.report;
    if report.lines.is_empty() && report.narrative.is_empty() {
        return CheckResult::skipped(Status::InsufficientData, "报告中没有可核对的文字".into());
    }
    let mut findings: Vec<Finding> = occurrences(report, pats)
        .into_iter()
        .map(|(p, at, pat)| {
            document_text::finding_in_paragraph(
                check,
                p,
                at,
                pat,
                format!("{}：情况说明中{what}“{pat}”", check.message),
            )
        })
        .collect();
    // The rest of the document: cover, contents, part headings, table
    // titles, 绩效自评表 and glossary.
    let finder = document_text::Finder::new(pats);
    for (l, at, pat) in ctx.outside_text().find_all(&finder) {
        findings.push(document_text::finding_on_line(
            check,
            l,
            at,
            pat,
            format!("{}：{}“{pat}”", check.message, where_is(l.text, what)),
        ));
    }
    CheckResult::ran(findings)
}

/// "标题中{what}" for a heading line, else "{what}".
fn where_is(text: &str, what: &str) -> String {
    if document_text::is_heading_line(text) {
        format!("标题“{}”中{what}", text.trim())
    } else {
        what.to_string()
    }
}

/// A year printed in a narrative heading that is not the report's year.
pub(crate) fn heading_years(ctx: &CheckCtx<'_>, check: &Check) -> CheckResult {
    let report = ctx.report;
    let Some(year) = report.meta.year else {
        return CheckResult::skipped(Status::InsufficientData, "未能识别报告年度".into());
    };
    let mut findings = Vec::new();
    for l in ctx.outside_narrative() {
        if !document_text::is_heading_line(l.text) {
            continue;
        }
        for (at, y) in document_text::years(l.text) {
            if y != year {
                findings.push(document_text::finding_on_line(
                    check,
                    l,
                    at,
                    &l.text[at..at + 4],
                    format!(
                        "{}：标题“{}”中的年度 {y} 与报告年度 {year} 不一致",
                        check.message,
                        l.text.trim()
                    ),
                ));
            }
        }
    }
    for p in report.narrative.iter().filter(|p| p.is_heading) {
        for (i, y) in document_text::four_digit_years(&p.text) {
            if y != year {
                findings.push(document_text::finding_in_paragraph(
                    check,
                    p,
                    i,
                    &p.text[i..i + 4],
                    format!(
                        "{}：标题“{}”中的年度 {y} 与报告年度 {year} 不一致",
                        check.message,
                        p.text.trim()
                    ),
                ));
            }
        }
    }
    CheckResult::ran(findings)
}
