//! One year's list of one classification, parsed from its data file.

use std::collections::BTreeMap;
use std::ops::Bound;

/// Which classification a list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 支出功能分类科目: 类 (3 digits), 款 (5), 项 (7).
    Functional,
    /// 部门预算支出经济分类科目: 类 (3 digits), 款 (5).
    Economic,
}

impl Kind {
    /// The code lengths of the classification's levels.
    pub fn code_lengths(self) -> &'static [usize] {
        match self {
            Kind::Functional => &[3, 5, 7],
            Kind::Economic => &[3, 5],
        }
    }
}

/// The codes and official names of one classification for one fiscal year.
#[derive(Debug)]
pub struct Reference {
    kind: Kind,
    year: u32,
    complete: bool,
    names: BTreeMap<&'static str, &'static str>,
}

/// The directive line that marks a list as the complete official one.
const COMPLETE_DIRECTIVE: &str = "#@ complete:";

impl Reference {
    /// Parses a data file: `code<TAB>name[<TAB>sources]` lines, `#` comment
    /// lines, and the directive `#@ complete: true|false` (absent: false).
    /// Lines of another shape are skipped here; [`Reference::problems`]
    /// reports them (the data files are tested to have none).
    pub(crate) fn parse(kind: Kind, year: u32, text: &'static str) -> Reference {
        let mut complete = false;
        let mut names = BTreeMap::new();
        for line in text.lines() {
            if let Some(v) = line.strip_prefix(COMPLETE_DIRECTIVE) {
                complete = v.trim() == "true";
                continue;
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            if let (Some(code), Some(name)) = (fields.next(), fields.next()) {
                names.entry(code.trim()).or_insert(name.trim());
            }
        }
        Reference {
            kind,
            year,
            complete,
            names,
        }
    }

    /// What is wrong with a data file's text, one message a problem: lines
    /// not of the form `code<TAB>name<TAB>sources`, codes not of the
    /// classification's lengths, names not trimmed, duplicate codes, codes
    /// whose parent is not listed, a missing `#@ complete:` directive.
    pub fn problems(kind: Kind, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut directive = false;
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            if let Some(v) = line.strip_prefix(COMPLETE_DIRECTIVE) {
                directive = true;
                if !matches!(v.trim(), "true" | "false") {
                    out.push(format!("line {n}: complete must be true or false"));
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [code, name, sources] = fields[..] else {
                out.push(format!("line {n}: not code<TAB>name<TAB>sources: {line:?}"));
                continue;
            };
            if !kind.code_lengths().contains(&code.len())
                || !code.bytes().all(|b| b.is_ascii_digit())
            {
                out.push(format!("line {n}: bad code {code:?}"));
            }
            if name.is_empty() || name.trim() != name || name.contains(char::is_whitespace) {
                out.push(format!(
                    "line {n}: name not trimmed or has spaces: {name:?}"
                ));
            }
            if sources.trim().is_empty() {
                out.push(format!("line {n}: no source for {code}"));
            }
            if !seen.insert(code.to_string()) {
                out.push(format!("line {n}: duplicate code {code}"));
            }
            if code.len() > 3 && !seen.contains(&code[..code.len() - 2]) {
                out.push(format!(
                    "line {n}: {code} listed before (or without) its parent"
                ));
            }
        }
        if !directive {
            out.push("no `#@ complete:` line".into());
        }
        out
    }

    /// The classification of this list.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The fiscal year of this list (for a fallback, not the year asked for).
    pub fn year(&self) -> u32 {
        self.year
    }

    /// Whether this is the complete official list of its year. When it is
    /// not, a code it lacks may still be a valid code: unverifiable.
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// The official name of `code`.
    pub fn name(&self, code: &str) -> Option<&'static str> {
        self.names.get(code).copied()
    }

    /// Whether the list has `code`.
    pub fn contains(&self, code: &str) -> bool {
        self.names.contains_key(code)
    }

    /// The code of `len` digits under `parent` whose official name is `name`,
    /// compared without spaces and with full-width brackets as half-width.
    pub fn code_under(&self, parent: &str, len: usize, name: &str) -> Option<&'static str> {
        let want = fold(name);
        self.names
            .range::<str, _>((Bound::Included(parent), Bound::Unbounded))
            .take_while(|(c, _)| c.starts_with(parent))
            .find(|(c, n)| c.len() == len && fold(n) == want)
            .map(|(c, _)| *c)
    }

    /// Every code with its name, in code order (a parent before its children).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.names.iter().map(|(c, n)| (*c, *n))
    }

    /// The number of codes listed.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A name as compared by [`Reference::code_under`]: no whitespace, brackets
/// half-width (reports print both forms of the same name).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}
