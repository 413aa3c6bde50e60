//! Rulebooks: the built-in one shipped in the binary plus users' own files.

use crate::lang::{parse_book, ParseError, Rule};

/// The built-in rulebook text (versioned in its header line).
pub const BUILTIN: &str = include_str!("central.rules");

/// The name the built-in rulebook is reported under in errors.
pub const BUILTIN_NAME: &str = "builtin:central.rules";

/// An error loading a rulebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulebookError {
    /// Syntax errors, each with its line and column.
    Syntax(Vec<ParseError>),
    /// A rule id defined twice (the second definition's place).
    Duplicate {
        /// The id.
        id: String,
        /// Rulebook name and line of the second definition.
        at: (String, u32),
        /// Rulebook name and line of the first definition (or the check list).
        first: (String, u32),
    },
    /// The rulebook file could not be read.
    Io {
        /// The file.
        file: String,
        /// The reason.
        reason: String,
    },
}

impl std::fmt::Display for RulebookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RulebookError::Syntax(errs) => {
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{e}")?;
                }
                Ok(())
            }
            RulebookError::Duplicate { id, at, first } => write!(
                f,
                "{}:{}: 规则编号“{id}”重复（已在 {}:{} 定义）",
                at.0, at.1, first.0, first.1
            ),
            RulebookError::Io { file, reason } => write!(f, "{file}: 无法读取规则文件：{reason}"),
        }
    }
}

impl std::error::Error for RulebookError {}

/// The rules to run, in order, with the rulebooks' versions.
#[derive(Debug, Clone, Default)]
pub struct Rulebook {
    /// The formula rules.
    pub rules: Vec<Rule>,
    /// `(name, version)` of each loaded rulebook.
    pub versions: Vec<(String, String)>,
}

impl Rulebook {
    /// The built-in rulebook.
    ///
    /// Parsed once per process: a batch (or a server) audits many reports
    /// with the same rules.
    pub fn builtin() -> Result<Rulebook, RulebookError> {
        static PARSED: std::sync::OnceLock<Result<Rulebook, RulebookError>> =
            std::sync::OnceLock::new();
        PARSED
            .get_or_init(|| {
                let mut book = Rulebook::default();
                book.add_text(BUILTIN_NAME, BUILTIN)?;
                Ok(book)
            })
            .clone()
    }

    /// Adds the rules of a rulebook text; ids must be new (also against the checks' ids).
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<(), RulebookError> {
        let parsed = parse_book(name, text).map_err(RulebookError::Syntax)?;
        for rule in parsed.rules {
            if let Some(first) = self.rules.iter().find(|r| r.id == rule.id) {
                return Err(RulebookError::Duplicate {
                    id: rule.id.clone(),
                    at: rule.origin.clone(),
                    first: first.origin.clone(),
                });
            }
            if crate::checks::CHECKS.iter().any(|c| c.id == rule.id) {
                return Err(RulebookError::Duplicate {
                    id: rule.id.clone(),
                    at: rule.origin.clone(),
                    first: ("checks".to_string(), 0),
                });
            }
            self.rules.push(rule);
        }
        if let Some(h) = parsed.header {
            self.versions.push(h);
        }
        Ok(())
    }

    /// Adds a user rulebook file.
    pub fn add_file(&mut self, path: &std::path::Path) -> Result<(), RulebookError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| RulebookError::Io {
            file: name.clone(),
            reason: e.to_string(),
        })?;
        self.add_text(&name, &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_unique_ids_and_a_version() {
        let book = match Rulebook::builtin() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert!(book.rules.len() >= 50, "{}", book.rules.len());
        assert_eq!(book.versions, vec![("central".into(), "2024.1".into())]);
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let mut book = Rulebook::builtin().unwrap();
        let err = book
            .add_text(
                "user.rules",
                "T01.balance error \"m\" T01[总计, 收入决算数] = 0\n",
            )
            .unwrap_err();
        assert!(matches!(err, RulebookError::Duplicate { .. }));
        assert!(err.to_string().contains("user.rules:1"), "{err}");
        let err = book
            .add_text(
                "user.rules",
                "names.functional error \"m\" T01[总计, 收入决算数] = 0\n",
            )
            .unwrap_err();
        assert!(matches!(err, RulebookError::Duplicate { .. }));
        let mut ids: Vec<&str> = book.rules.iter().map(|r| r.id.as_str()).collect();
        ids.extend(crate::checks::CHECKS.iter().map(|c| c.id));
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate ids in builtin rulebook or checks");
    }

    #[test]
    fn user_rules_are_added() {
        let mut book = Rulebook::builtin().unwrap();
        let n = book.rules.len();
        book.add_text(
            "u",
            "rulebook mine 1\nU.one warning \"m\" T01[总计, 收入决算数] <= 100\n",
        )
        .unwrap();
        assert_eq!(book.rules.len(), n + 1);
        let err = book.add_text("u", "U.two warning \"m\" T01[总计 收入决算数] <= 100\n");
        let Err(RulebookError::Syntax(e)) = err else {
            panic!()
        };
        assert_eq!((e[0].line, e[0].col), (1, 26));
    }
}
