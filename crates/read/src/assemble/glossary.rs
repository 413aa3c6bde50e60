//! 第四部分 名词解释: term → definition.

use super::text::{chinese_numeral, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::GlossaryEntry;

/// Reads the glossary entries (the part heading itself excluded).
pub fn read_glossary(lines: &[SourceLine]) -> Vec<GlossaryEntry> {
    let mut out: Vec<GlossaryEntry> = Vec::new();
    for l in lines.get(1..).unwrap_or(&[]) {
        let raw = strip_bullet(&l.text);
        if raw.is_empty() {
            continue;
        }
        let numbered = strip_ordinal(raw) != raw;
        let body = strip_ordinal(raw).replace("**", "");
        let split = body
            .find('：')
            .map(|p| (p, '：'.len_utf8()))
            .or_else(|| body.find(':').map(|p| (p, 1)));
        // A definition printed over several lines goes on until its sentence
        // ends: a colon on an unnumbered line inside an unfinished sentence
        // ("…公务用车\n购置及运行维护费和公务接待费。其中：…") starts no term.
        let open_sentence = out
            .last()
            .is_some_and(|e| !e.definition.trim_end().ends_with(SENTENCE_END));
        let starts_term = |p: usize| {
            p > 0
                && body[..p].chars().count() <= 60
                && !body[..p].contains(MID_SENTENCE)
                && (numbered || !open_sentence)
        };
        match split {
            Some((p, w)) if starts_term(p) => out.push(GlossaryEntry {
                term: body[..p].trim().to_string(),
                definition: body[p + w..].trim().to_string(),
                line: l.number,
            }),
            // A class heading ("二十、社会保障和就业支出（类）") or a continuation line.
            _ => {
                let is_heading = raw != body
                    || body.ends_with("（类）")
                    || body.ends_with("(类)")
                    || body.ends_with("（款）")
                    || body.ends_with("(款)");
                if is_heading {
                    continue;
                }
                if let Some(last) = out.last_mut() {
                    last.definition.push_str(&body);
                }
            }
        }
    }
    out
}

/// Marks that end a definition's sentence.
const SENTENCE_END: &[char] = &['。', '；', '.', ';', '！', '!'];

/// Marks that a term never contains: text holding them is part of a sentence.
const MID_SENTENCE: &[char] = &['。', '，', '；', ',', ';'];

/// Removes "十八、", "1.", "（1）", "(2) " numbering.
fn strip_ordinal(s: &str) -> &str {
    let s = s.trim();
    if let Some((num, rest)) = s.split_once('、') {
        if chinese_numeral(num).is_some() {
            return rest.trim();
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = s.strip_prefix(open) {
            if let Some(p) = rest.find(close) {
                if rest[..p].chars().all(|c| c.is_ascii_digit()) && p > 0 {
                    return rest[p + close.len_utf8()..].trim();
                }
            }
        }
    }
    let d = s.bytes().take_while(u8::is_ascii_digit).count();
    if d > 0 && d <= 2 {
        let rest = &s[d..];
        if let Some(r) = rest.strip_prefix('.').or_else(|| rest.strip_prefix('．')) {
            return r.trim();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        let src = SourceLine::lines_of("第四部分 名词解释\n一、**财政拨款收入**：指单位取得的资金。\n二十、社会保障和就业支出（类）\n（1）行政运行（项）：反映行政单位的基本支出。\n(2) 事业单位离退休(项): 反映离退休经费。\n其中，补充说明。");
        let g = read_glossary(&src);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].term, "财政拨款收入");
        assert_eq!(g[1].term, "行政运行（项）");
        assert_eq!(g[2].term, "事业单位离退休(项)");
        assert!(g[2].definition.ends_with("其中，补充说明。"));
    }

    /// The 三公经费 definition of the 普陀区财政局 2024 report as pdftotext
    /// prints it: cut at a line break just before "其中:".
    #[test]
    fn definition_over_lines_is_one_entry() {
        let src = SourceLine::lines_of("第四部分 名词解释\n十、“三公”经费：指单位使用本级财政拨款安排的因公出国（境）费、公务用车\n购置及运行维护费和公务接待费。其中:因公出国（境）费反映单位参加国际合作交\n流等支出。\n十一、机关运行经费：指行政单位的日常公用经费支出。\n其他收入：指除上述收入以外的收入。");
        let g = read_glossary(&src);
        let terms: Vec<&str> = g.iter().map(|e| e.term.as_str()).collect();
        assert_eq!(terms, ["“三公”经费", "机关运行经费", "其他收入"]);
        assert_eq!(
            g[0].definition,
            "指单位使用本级财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。其中:因公出国（境）费反映单位参加国际合作交流等支出。"
        );
    }
}
