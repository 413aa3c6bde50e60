//! The canonical numbering of the narrative's sections.
//!
//! Sections are known by their central/Jilin number (一 收入支出总体 … 九
//! “三公” 十 绩效 十一 其他重要事项), whatever number the document prints:
//! a Shanghai-profile report that explains “三公” in its 七 has that
//! section at canonical `9`.

use crate::narrative::Paragraph;
use std::collections::HashMap;

/// Canonical section numbers by words of the top-level heading, most specific first.
const SECTIONS: &[(&str, &[&str])] = &[
    ("9", &["三公"]),
    ("7", &["政府性基金"]),
    ("8", &["国有资本经营"]),
    ("6", &["基本支出"]),
    ("5", &["一般公共预算财政拨款支出"]),
    ("4", &["财政拨款收入支出"]),
    ("1", &["收入支出决算总体", "收支决算总体"]),
    ("2", &["收入决算"]),
    ("3", &["支出决算"]),
    ("10", &["绩效"]),
    ("11", &["其他重要事项"]),
];

/// The canonical number ("1"…"11") of a top-level narrative heading.
pub fn canonical_section(heading: &str) -> Option<&'static str> {
    let h: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
    SECTIONS
        .iter()
        .find(|(_, words)| words.iter().any(|w| h.contains(w)))
        .map(|(n, _)| *n)
}

/// Per paragraph, its section path with the top level in canonical numbers
/// ("7.1" of a Shanghai report → "9.1"); sections whose heading is not
/// recognised keep their printed number.
pub fn canonical_paths(narrative: &[Paragraph]) -> Vec<String> {
    let mut top: HashMap<&str, &'static str> = HashMap::new();
    for p in narrative.iter().filter(|p| p.is_heading) {
        if !p.section.is_empty() && !p.section.contains('.') {
            if let Some(c) = canonical_section(&p.heading) {
                top.entry(p.section.as_str()).or_insert(c);
            }
        }
    }
    narrative
        .iter()
        .map(|p| {
            let (head, rest) = match p.section.split_once('.') {
                Some((h, r)) => (h, Some(r)),
                None => (p.section.as_str(), None),
            };
            let canon_top = top.get(head).copied().unwrap_or(head);
            match rest {
                Some(r) => format!("{canon_top}.{r}"),
                None => canon_top.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_map_to_central_numbers() {
        assert_eq!(
            canonical_section("七、财政拨款“三公”经费支出决算情况说明"),
            Some("9")
        );
        assert_eq!(
            canonical_section("十一、其他重要事项的情况说明"),
            Some("11")
        );
        assert_eq!(canonical_section("二、收入决算情况说明"), Some("2"));
        assert_eq!(canonical_section("附件"), None);
    }
}
