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
        let body = strip_ordinal(raw).replace("**", "");
        let split = body
            .find('：')
            .map(|p| (p, '：'.len_utf8()))
            .or_else(|| body.find(':').map(|p| (p, 1)));
        match split {
            Some((p, w)) if p > 0 && body[..p].chars().count() <= 60 => out.push(GlossaryEntry {
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
}
