//! The 2024 classification reference compiled from the documents: 功能分类
//! (类/款/项) and 部门预算支出经济分类 (类/款) codes with their official names.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The functional classification data file.
pub const FUNCTIONAL_2024: &str = include_str!("functional_2024.tsv");
/// The economic classification data file.
pub const ECONOMIC_2024: &str = include_str!("economic_2024.tsv");

/// Parses `code<TAB>name` lines; `#` starts a comment line.
pub fn parse_tsv(text: &str) -> HashMap<&str, &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(c, n)| (c.trim(), n.trim()))
        .collect()
}

/// Official name of a 功能分类 code (2024).
pub fn functional_name(code: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| parse_tsv(FUNCTIONAL_2024))
        .get(code)
        .copied()
}

/// The 功能分类 code of `len` digits under `parent` whose official 2024 name is `name`
/// (compared without spaces and with half-width brackets).
pub fn functional_code_under(parent: &str, len: usize, name: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '（' => '(',
                '）' => ')',
                c => c,
            })
            .collect()
    };
    let want = norm(name);
    MAP.get_or_init(|| parse_tsv(FUNCTIONAL_2024))
        .iter()
        .find(|(c, n)| c.len() == len && c.starts_with(parent) && norm(n) == want)
        .map(|(c, _)| *c)
}

/// Official name of an economic classification code (2024).
pub fn economic_name(code: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| parse_tsv(ECONOMIC_2024))
        .get(code)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use juesuan_model::classification::{ECONOMIC_CLASSES, FUNCTIONAL_CLASSES};

    #[test]
    fn well_formed_and_agrees_with_model_classes() {
        for text in [FUNCTIONAL_2024, ECONOMIC_2024] {
            let mut seen = std::collections::HashSet::new();
            for l in text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let (c, n) = l.split_once('\t').expect("code<TAB>name");
                assert!(matches!(c.len(), 3 | 5 | 7), "{l}");
                assert!(c.bytes().all(|b| b.is_ascii_digit()), "{l}");
                assert!(!n.is_empty() && n.trim() == n, "{l}");
                assert!(seen.insert(c), "duplicate code {c}");
                if c.len() > 3 {
                    assert!(
                        seen.contains(&c[..c.len() - 2]),
                        "{c} listed before its parent"
                    );
                }
            }
        }
        for (c, n) in FUNCTIONAL_CLASSES {
            assert_eq!(functional_name(c), Some(*n));
        }
        for (c, n) in ECONOMIC_CLASSES {
            assert_eq!(economic_name(c), Some(*n));
        }
        assert_eq!(
            functional_name("2080199"),
            Some("其他人力资源和社会保障管理事务支出")
        );
        assert_eq!(economic_name("30217"), Some("公务接待费"));
    }
}
