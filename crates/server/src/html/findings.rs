//! Findings as the pages show them: one item (rule, message, values, the
//! quoted source line), the summary by severity that opens a report page,
//! and a report's findings page filtered on the server by severity and
//! rule (`/reports/{id}/findings?severity=error&rule=T01`), so that a
//! reader without scripts sees only what was asked for.

use super::{esc, page, pct, severity_name, severity_rank};
use crate::routes::params::href;
use juesuan_store::{FindingFilter, ReportSummary, StoredFinding};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The severities, worst first, with their Chinese names.
pub const SEVERITIES: [(&str, &str); 3] =
    [("error", "错误"), ("warning", "警告"), ("info", "提示")];

/// `findings` (positions into them), errors first, then warnings, then
/// the rest, each in audit order.
pub fn worst_first(findings: &[StoredFinding]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(severity_rank(&findings[i].severity)), i));
    order
}

/// Where a finding is: its primary cell and its place in the file
/// (`T01[R10,C1]，第 132 行`, `第 14 页第 3 行`).
pub fn location(f: &StoredFinding) -> String {
    let place = match (f.page, f.line) {
        (Some(p), Some(l)) => Some(format!("第 {p} 页第 {l} 行")),
        (Some(p), None) => Some(format!("第 {p} 页")),
        (None, Some(l)) => Some(format!("第 {l} 行")),
        (None, None) => None,
    };
    match (f.primary.as_deref(), place) {
        (Some(cell), Some(place)) => format!("{cell}，{place}"),
        (Some(cell), None) => cell.to_string(),
        (None, Some(place)) => place,
        (None, None) => String::new(),
    }
}

/// The part of the report page that shows a finding's place: its table
/// (`#T05`), self-evaluation table (`#P3`) or the narrative, else the
/// finding itself in the page's list (`#f{seq}`).
pub fn anchor(f: &StoredFinding) -> String {
    let addr = f
        .primary
        .as_deref()
        .or_else(|| f.cells.first().map(|c| c.addr.as_str()))
        .unwrap_or("");
    let b = addr.as_bytes();
    if b.len() >= 3 && b[0] == b'T' && b[1].is_ascii_digit() && b[2].is_ascii_digit() {
        return addr[..3].to_string();
    }
    if let Some(rest) = addr.strip_prefix('P') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return format!("P{digits}");
        }
    }
    if addr.starts_with('N') && addr.len() > 1 {
        return "narrative".to_string();
    }
    format!("f{}", f.seq)
}

/// The explanation of a built-in rule or check (`##` lines of the
/// rulebook, `Check::doc`), looked up once per process.
fn rule_doc(id: &str) -> Option<&'static str> {
    static DOCS: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| {
        juesuan_audit::Rulebook::builtin()
            .map(|b| {
                b.catalogue()
                    .into_iter()
                    .chain(juesuan_audit::cross_year::catalogue())
                    .filter(|r| !r.doc.is_empty())
                    .map(|r| (r.id, r.doc))
                    .collect()
            })
            .unwrap_or_default()
    })
    .get(id)
    .map(String::as_str)
}

/// One finding as a list item. `id` is the item's id on the report page
/// (the panel copies items by it); `link` a link to its place.
pub fn item(b: &mut String, f: &StoredFinding, id: Option<&str>, link: Option<&str>) {
    let _ = write!(
        b,
        "<li{} class=\"finding sev-{}\" data-rule=\"{}\">\
         <p class=\"head\"><span class=\"badge sev-{}\">{}</span> <code>{}</code>{}</p>\
         <p class=\"msg\">{}</p><dl>",
        id.map(|i| format!(" id=\"{}\"", esc(i)))
            .unwrap_or_default(),
        esc(&f.severity),
        esc(&f.rule),
        esc(&f.severity),
        severity_name(&f.severity),
        esc(&f.rule),
        link.map(|l| format!(" <a class=\"goto\" href=\"{}\">在报告中查看</a>", esc(l)))
            .unwrap_or_default(),
        esc(&f.message)
    );
    let mut row = |label: &str, value: Option<&str>| {
        if let Some(v) = value {
            let _ = write!(b, "<dt>{label}</dt><dd>{}</dd>", esc(v));
        }
    };
    row("单元格", f.primary.as_deref());
    row("应为", f.expected.as_deref());
    row("实为", f.actual.as_deref());
    row("差额", f.difference.as_deref());
    row("容差", f.tolerance.as_deref());
    row("规则说明", rule_doc(&f.rule));
    if let Some(line) = f.line {
        let label = match f.page {
            Some(p) => format!("原文（第 {p} 页第 {line} 行）"),
            None => format!("原文（第 {line} 行）"),
        };
        let _ = write!(
            b,
            "<dt>{}</dt><dd><code class=\"source\">{}</code></dd>",
            esc(&label),
            esc(f.source_line.as_deref().unwrap_or(""))
        );
    }
    b.push_str("</dl></li>\n");
}

/// Counts of `findings` by severity key.
fn counts<'a>(findings: impl Iterator<Item = &'a StoredFinding>) -> BTreeMap<&'a str, usize> {
    let mut out = BTreeMap::new();
    for f in findings {
        *out.entry(f.severity.as_str()).or_insert(0) += 1;
    }
    out
}

/// The rules of `findings` with how many findings each has, by id.
fn rules(findings: &[StoredFinding]) -> BTreeMap<&str, usize> {
    let mut out = BTreeMap::new();
    for f in findings {
        *out.entry(f.rule.as_str()).or_insert(0) += 1;
    }
    out
}

/// The findings summary at the top of a report page: counts by severity,
/// errors first, each a link to the findings of that severity, and a
/// filter by rule. Works without scripts.
pub fn summary(b: &mut String, report: &ReportSummary, findings: &[StoredFinding]) {
    let base = format!("/reports/{}/findings", pct(&report.id));
    let by_sev = counts(findings.iter());
    b.push_str("<section id=\"summary\" class=\"summary\"><p class=\"counts\">审核发现：");
    for (key, name) in SEVERITIES {
        let n = by_sev.get(key).copied().unwrap_or(0);
        let _ = write!(
            b,
            "<a class=\"badge sev-{key}\" data-count=\"{key}\" href=\"{}\">{name} {n}</a> ",
            esc(&href(&base, &[("severity", key.to_string())]))
        );
    }
    let cov = &report.coverage;
    let _ = write!(
        b,
        "<a href=\"{}\">全部 {} 条</a> · 审核规则 {} 条：执行 {}，不适用 {}，缺少数据 {}</p>",
        esc(&base),
        findings.len(),
        cov.rules_total,
        cov.ran,
        cov.not_applicable,
        cov.insufficient_data
    );
    reading_counts(b, findings);
    rule_form(b, &base, findings, None, "");
    b.push_str("</section>\n");
}

/// For a scanned report, what the audit counts apart: findings that may be
/// misreadings (warnings, never errors) and readings the identities chose.
fn reading_counts(b: &mut String, findings: &[StoredFinding]) {
    let doubts = findings
        .iter()
        .filter(|f| f.message.starts_with(juesuan_audit::reading::DOUBT_PREFIX))
        .count();
    let chosen = findings
        .iter()
        .filter(|f| f.rule == juesuan_audit::reading::CHOSEN_RULE)
        .count();
    if doubts + chosen > 0 {
        let _ = write!(
            b,
            "<p class=\"reading\">文字识别（OCR）：疑似识读问题 {doubts} 条（按警告报告，请核对原件），按恒等式选定读数 {chosen} 处</p>"
        );
    }
}

/// The filter by rule: a prefix typed or one of the report's rules chosen
/// (`severity`, when given, is kept).
fn rule_form(
    b: &mut String,
    action: &str,
    findings: &[StoredFinding],
    severity: Option<&str>,
    rule: &str,
) {
    let _ = write!(
        b,
        "<form class=\"rules\" method=\"get\" action=\"{}\">",
        esc(action)
    );
    if let Some(s) = severity {
        let _ = write!(
            b,
            "<input type=\"hidden\" name=\"severity\" value=\"{}\">",
            esc(s)
        );
    }
    let _ = write!(
        b,
        "<input name=\"rule\" list=\"rule-ids\" value=\"{}\" placeholder=\"规则编号或前缀，如 T01\" aria-label=\"规则\">\
         <datalist id=\"rule-ids\">",
        esc(rule)
    );
    for (id, n) in rules(findings) {
        let _ = write!(b, "<option value=\"{}\">{n} 条</option>", esc(id));
    }
    b.push_str("</datalist><button type=\"submit\">按规则筛选</button></form>");
}

/// A report's findings page: those that pass `filter`, errors first, with
/// the counts of each severity (within the rule filter) as links.
pub fn render(report: &ReportSummary, all: &[StoredFinding], filter: &FindingFilter) -> String {
    let id = pct(&report.id);
    let base = format!("/reports/{id}/findings");
    let year = report
        .year
        .map(|y| format!("{y} 年度"))
        .unwrap_or_else(|| "年度不详".to_string());
    let mut b = String::new();
    let _ = writeln!(
        b,
        "<h1>{} <span class=\"year\">{}</span> · 审核发现</h1>\n\
         <p class=\"meta\"><a href=\"/reports/{id}\">返回报告</a> · 文件 {}</p>",
        esc(&report.department),
        esc(&year),
        esc(&report.source_name)
    );
    let rule = filter.rule.trim();
    let of_rule = FindingFilter {
        severities: Vec::new(),
        rule: rule.to_string(),
    };
    let in_rule: Vec<&StoredFinding> = all.iter().filter(|f| of_rule.matches(f)).collect();
    let by_sev = counts(in_rule.iter().copied());
    let rule_pair: Vec<(&str, String)> = if rule.is_empty() {
        Vec::new()
    } else {
        vec![("rule", rule.to_string())]
    };
    let chosen = |key: &str| filter.severities.iter().any(|s| s.as_str() == key);
    b.push_str("<nav class=\"severity\" aria-label=\"按级别筛选\">");
    let all_current = filter.severities.is_empty();
    let _ = write!(
        b,
        "<a href=\"{}\"{}>全部 {}</a> ",
        esc(&href(&base, &rule_pair)),
        if all_current {
            " aria-current=\"page\""
        } else {
            ""
        },
        in_rule.len()
    );
    for (key, name) in SEVERITIES {
        let mut pairs = vec![("severity", key.to_string())];
        pairs.extend(rule_pair.iter().cloned());
        let _ = write!(
            b,
            "<a class=\"badge sev-{key}\" data-count=\"{key}\" href=\"{}\"{}>{name} {}</a> ",
            esc(&href(&base, &pairs)),
            if chosen(key) && filter.severities.len() == 1 {
                " aria-current=\"page\""
            } else {
                ""
            },
            by_sev.get(key).copied().unwrap_or(0)
        );
    }
    b.push_str("</nav>\n");
    let severity_param: Option<String> = if filter.severities.is_empty() {
        None
    } else {
        Some(
            filter
                .severities
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
    };
    rule_form(&mut b, &base, all, severity_param.as_deref(), rule);
    let shown: Vec<usize> = worst_first(all)
        .into_iter()
        .filter(|&i| filter.matches(&all[i]))
        .collect();
    let mut api = Vec::new();
    if let Some(s) = &severity_param {
        api.push(("severity", s.clone()));
    }
    api.extend(rule_pair.iter().cloned());
    let _ = writeln!(
        b,
        "<p class=\"meta\">显示 {} 条（共 {} 条） · <a href=\"{}\">JSON</a></p>",
        shown.len(),
        all.len(),
        esc(&href(&format!("/api/reports/{id}/findings"), &api))
    );
    if shown.is_empty() {
        b.push_str("<p class=\"empty\">没有符合条件的审核发现。</p>\n");
    } else {
        b.push_str("<ol class=\"findings\">\n");
        for i in shown {
            let f = &all[i];
            let link = format!("/reports/{id}#{}", anchor(f));
            item(&mut b, f, None, Some(&link));
        }
        b.push_str("</ol>\n");
    }
    page(&format!("{} {} 审核发现", report.department, year), &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_explain_their_rule() {
        assert!(rule_doc("T05.row_basic").is_some_and(|d| d.contains("基本支出")));
        assert!(rule_doc("no.such.rule").is_none());
    }

    fn finding(seq: u32, severity: &str, primary: Option<&str>) -> StoredFinding {
        StoredFinding {
            seq,
            rule: "T01.income_total".into(),
            severity: severity.into(),
            message: "本年收入合计不等于各项之和".into(),
            primary: primary.map(str::to_string),
            line: Some(132),
            page: None,
            expected: None,
            actual: None,
            difference: None,
            tolerance: None,
            cells: Vec::new(),
            source_line: None,
        }
    }

    #[test]
    fn errors_come_first_in_audit_order() {
        let list = [
            finding(0, "info", None),
            finding(1, "error", None),
            finding(2, "warning", None),
            finding(3, "error", None),
        ];
        assert_eq!(worst_first(&list), vec![1, 3, 2, 0]);
    }

    #[test]
    fn reading_doubts_and_chosen_readings_are_counted_apart() {
        let mut plain = String::new();
        reading_counts(&mut plain, &[finding(0, "error", None)]);
        assert!(plain.is_empty());
        let mut doubt = finding(1, "warning", None);
        doubt.message = "疑似识读问题：T05[201,C1] 经文字识别读为 1.32".into();
        let mut chosen = finding(2, "info", None);
        chosen.rule = "ocr.chosen".into();
        let mut b = String::new();
        reading_counts(&mut b, &[doubt, chosen.clone(), chosen]);
        assert!(b.contains("疑似识读问题 1 条"), "{b}");
        assert!(b.contains("按恒等式选定读数 2 处"), "{b}");
    }

    #[test]
    fn places_and_anchors() {
        let f = finding(7, "error", Some("T01[R10,C1]"));
        assert_eq!(location(&f), "T01[R10,C1]，第 132 行");
        assert_eq!(anchor(&f), "T01");
        assert_eq!(anchor(&finding(1, "error", Some("P36.score"))), "P36");
        assert_eq!(anchor(&finding(1, "error", Some("N5.3.26#2"))), "narrative");
        assert_eq!(anchor(&finding(4, "error", None)), "f4");
    }
}
