//! 第三部分 情况说明: paragraphs with their section path.

use super::text::{chinese_numeral, squeeze_prefix};
use crate::source::SourceLine;
use juesuan_model::sections::canonical_section;
use juesuan_model::Paragraph;

/// Reads the narrative part into paragraphs (the part heading itself excluded).
pub fn read_narrative(lines: &[SourceLine]) -> Vec<Paragraph> {
    // The part's heading, when the range starts with it (a body without
    // its 第三部分 heading starts at the first section).
    let skip = usize::from(lines.first().is_some_and(super::parts::is_part_heading));
    let body = lines.get(skip..).unwrap_or(&[]);
    let mut out = join_paragraphs(body);
    let mut top: Option<u32> = None;
    let mut sub: Option<u32> = None;
    let mut heading = String::new();
    // Mandated sections met so far: a title without its ordinal is only a
    // heading where its section has not begun yet.
    let mut seen: Vec<&str> = Vec::new();
    for p in &mut out {
        let numbered = top_heading(&p.text);
        let unnumbered = numbered.is_none()
            && unnumbered_heading(&p.text)
            && canonical_section(&p.text).is_some_and(|c| !seen.contains(&c));
        if let Some(c) = canonical_section(&p.text).filter(|_| numbered.is_some() || unnumbered) {
            seen.push(c);
        }
        if numbered.is_some() || unnumbered {
            // A mandated title printed (or read by OCR) without its ordinal
            // takes the next number, as the sections run in order.
            top = numbered.or(Some(top.map_or(1, |n| n + 1)));
            sub = None;
            heading = p.text.trim().to_string();
            p.is_heading = true;
        } else if let Some(n) = sub_heading(&p.text) {
            sub = Some(n);
            heading = p.text.trim().to_string();
            p.is_heading = true;
        } else {
            p.item = item_number(&p.text);
        }
        p.section = match (top, sub) {
            (Some(t), Some(s)) => format!("{t}.{s}"),
            (Some(t), None) => t.to_string(),
            _ => String::new(),
        };
        p.heading = heading.clone();
    }
    assign_addresses(&mut out);
    out
}

/// `N5.3.14` for item 14 of 五(三); `N2.p1` for the first unnumbered
/// paragraph of 二. Numbered items restart in every section.
fn assign_addresses(paragraphs: &mut [Paragraph]) {
    let mut section = String::from("?");
    let mut k = 0;
    for p in paragraphs.iter_mut() {
        if p.section != section {
            section = p.section.clone();
            k = 0;
        }
        if p.is_heading {
            continue;
        }
        let base = if p.section.is_empty() {
            "0".to_string()
        } else {
            p.section.clone()
        };
        p.addr = match p.item {
            Some(i) => format!("N{base}.{i}"),
            None => {
                k += 1;
                format!("N{base}.p{k}")
            }
        };
    }
}

/// Joins lines into paragraphs. A PDF page break cuts a sentence into two
/// lines separated by blank lines; a line that does not end a sentence is
/// continued by the next non-blank line unless that one starts a heading or
/// a numbered item. Where the front end saw the page (PDF), a line that runs
/// to the right margin was wrapped by the typesetter even when it ends with
/// 。 or ：, so it is continued too, unless the next line is indented.
pub fn join_paragraphs(lines: &[SourceLine]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    // Whether the last line leaves its paragraph open, and whether only its
    // width says so (then an indented next line still starts a paragraph).
    let mut open = false;
    let mut only_full = false;
    for l in lines {
        let text = l.text.trim_end();
        if text.trim().is_empty() {
            continue;
        }
        let heading = top_heading(text).is_some()
            || unnumbered_heading(text)
            || sub_heading(text).is_some()
            || item_number(text).is_some();
        // "（项）。主要用于…" continuing "…行政单位离退休" is no enumerator.
        let marker = if open {
            starts_with_enumerator(text)
        } else {
            starts_with_marker(text)
        };
        let indented = l.flow.is_some_and(|f| f.indented);
        let starts_new = heading || marker || (only_full && indented);
        if open && !starts_new {
            if let Some(p) = out.last_mut() {
                p.lines.push((p.text.len() as u32, l.number));
                p.text.push_str(text);
                (open, only_full) = leaves_open(l, text);
                continue;
            }
        }
        out.push(Paragraph {
            section: String::new(),
            heading: String::new(),
            item: None,
            line: l.number,
            page: None,
            text: text.to_string(),
            lines: vec![(0, l.number)],
            addr: String::new(),
            is_heading: false,
        });
        (open, only_full) = if top_heading(text).is_some()
            || unnumbered_heading(text)
            || sub_heading(text).is_some()
        {
            (false, false)
        } else {
            leaves_open(l, text)
        };
    }
    out
}

/// Whether a paragraph goes on after this line, and whether that rests on
/// the line's width alone.
fn leaves_open(l: &SourceLine, text: &str) -> (bool, bool) {
    if !ends_sentence(text) {
        return (true, false);
    }
    let full = l.flow.is_some_and(|f| f.full);
    (full, full)
}

/// "（1）…", "（一）…", "①…": an enumerated point, never a continuation.
fn starts_with_enumerator(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩']) {
        return true;
    }
    let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) else {
        return false;
    };
    let Some(close) = rest.find(['）', ')']) else {
        return false;
    };
    let inner = &rest[..close];
    !inner.is_empty()
        && (inner.bytes().all(|b| b.is_ascii_digit()) || chinese_numeral(inner).is_some())
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(['。', '！', '？', '；', '：', ':', ';', '.', '”', '）', ')'])
        || t.chars().count() < 4
}

fn starts_with_marker(t: &str) -> bool {
    let t = t.trim_start();
    t.starts_with(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '（', '('])
        && !t.starts_with("（类")
}

/// "十一、其他重要事项情况说明" → 11.
fn top_heading(t: &str) -> Option<u32> {
    let t = t.trim();
    let (num, rest) = t.split_once('、')?;
    let n = chinese_numeral(num)?;
    (rest.chars().count() <= 40 && !rest.ends_with('。')).then_some(n)
}

/// "政府性基金预算财政拨款收入支出决算情况说明" on a line of its own: one
/// of the mandated section titles without its ordinal (a template that
/// numbers nothing, or an ordinal OCR lost). Only a whole title counts: a
/// short line naming a mandated section, ending like a title, with no
/// figure and no sentence punctuation.
fn unnumbered_heading(t: &str) -> bool {
    let t = t.trim();
    // A title starts with a word: "（一）…" and "“三公”…" are sub-headings.
    t.starts_with(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && t.chars().count() <= 40
        && (t.ends_with("情况说明") || t.ends_with("决算情况"))
        && !t.contains(['。', '，', '；', '：', ',', ';', ':', '、'])
        && !t.chars().any(|c| c.is_ascii_digit())
        && canonical_section(t).is_some()
}

/// "（三）一般公共预算财政拨款支出决算具体情况" / "(一) 机关运行经费…" → 3 / 1.
fn sub_heading(t: &str) -> Option<u32> {
    let t = t.trim_start();
    if !t.starts_with(['（', '(']) {
        return None;
    }
    // A heading is short; anything past 48 characters is a paragraph.
    let sq = squeeze_prefix(t, 48);
    if t.chars().filter(|c| !c.is_whitespace()).nth(48).is_some() {
        return None;
    }
    let rest = sq.strip_prefix('（').or_else(|| sq.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let n = chinese_numeral(&rest[..close])?;
    let after = &rest[close..];
    let after = after.trim_start_matches(['）', ')']);
    // Some templates end headings with 。 ("（一）…总体情况说明。"): one at the
    // very end is allowed when nothing else reads like a sentence.
    let body = after.trim_end().strip_suffix('。').unwrap_or(after);
    let sentence_like =
        body.contains(['。', '，', '；', '：']) || body.chars().any(|c| c.is_ascii_digit());
    (after.chars().count() <= 40 && !sentence_like && body.chars().count() >= 4).then_some(n)
}

/// "14.社会保障…" / "3. …" → 14 / 3.
fn item_number(t: &str) -> Option<u32> {
    let t = t.trim_start();
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 2 {
        return None;
    }
    let rest = &t[d..];
    let ok = rest.starts_with('.') && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with('．')
        || rest.starts_with('、');
    ok.then(|| t[..d].parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<SourceLine> {
        SourceLine::lines_of(t)
    }

    #[test]
    fn sections_items_and_page_breaks() {
        let src = lines("第三部分 说明\n\n五、一般公共预算财政拨款支出决算情况说明\n\n（三）具体情况\n\n2.教育支出（类）。年初预\n\n算为 1101.36 万元，完成。\n\n3.科学技术支出。\n");
        let ps = read_narrative(&src);
        assert_eq!(ps.len(), 4);
        assert_eq!(ps[2].section, "5.3");
        assert_eq!(ps[2].item, Some(2));
        assert_eq!(
            ps[2].text,
            "2.教育支出（类）。年初预算为 1101.36 万元，完成。"
        );
        assert_eq!(ps[2].line_at(30), 7);
        assert_eq!(ps[2].line_at(40), 9);
        assert_eq!(ps[3].item, Some(3));
    }

    #[test]
    fn a_title_without_its_ordinal_is_the_next_section() {
        let src = lines("七、财政拨款“三公”经费支出决算情况说明\n本部门无“三公”经费财政拨款支出。\n政府性基金预算财政拨款收入支出决算情况说明\n本部门无政府性基金预算财政拨款收入和支出。\n");
        let ps = read_narrative(&src);
        assert_eq!(ps.len(), 4, "{ps:?}");
        assert!(ps[2].is_heading);
        assert_eq!(ps[2].section, "8");
        assert_eq!(ps[3].addr, "N8.p1");
        assert_eq!(canonical_section(&ps[3].heading), Some("7"));
    }

    #[test]
    fn a_heading_that_lost_its_ordinal_takes_its_place() {
        let src = lines("七、财政拨款“三公”经费支出决算情况说明\n本部门无“三公”经费支出。\n政府性基金预算财政拨款收入支出决算情况说明\n本部门无政府性基金预算财政拨款收入\n支出。\n九、国有资本经营预算财政拨款支出决算情况说明\n无。\n");
        let ps = read_narrative(&src);
        let heads: Vec<(&str, bool)> = ps
            .iter()
            .map(|p| (p.section.as_str(), p.is_heading))
            .collect();
        assert_eq!(
            heads,
            [
                ("7", true),
                ("7", false),
                ("8", true),
                ("8", false),
                ("9", true),
                ("9", false)
            ]
        );
    }

    #[test]
    fn a_sentence_or_a_sub_title_naming_a_section_is_no_heading() {
        let src = lines("七、其他\n详见政府性基金预算财政拨款收入支出决算情况说明。\n");
        let ps = read_narrative(&src);
        assert_eq!(ps.len(), 2);
        assert!(!ps[1].is_heading);
        // Within 九 “三公”, its sub-titles, bracketed or not, stay in 九.
        let src = lines("九、“三公”经费支出决算情况说明\n（一）“三公”经费财政拨款支出决算总体情况说明\n预算为 1 万元。\n财政拨款“三公”经费支出决算情况说明\n");
        let ps = read_narrative(&src);
        assert!(ps.iter().all(|p| p.section.starts_with('9')), "{ps:?}");
    }
}
