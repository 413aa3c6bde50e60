//! The `--texts` keys a report needs: every key the drafting looks up,
//! with what it fills and an example (the report's own words where its
//! narrative already says it). `juesuan texts --list` prints them as a
//! commented texts.toml; the template's 情况说明 sheet asks the same.

use crate::texts::{Ask, Texts};
use crate::{build, texts_for, Inputs};
use juesuan_model::Report;

/// One key with an example value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key and what it fills.
    pub ask: Ask,
    /// The report's own value for it (harvested), when it has one.
    pub found: Option<String>,
}

impl Key {
    /// The example shown: the report's own value, else a made-up one of the right shape.
    pub fn example(&self) -> String {
        self.found
            .clone()
            .unwrap_or_else(|| generic_example(self.ask.table).to_string())
    }
}

/// Every key drafting `report` looks up, in document order.
pub fn keys(report: &Report) -> Vec<Key> {
    let harvested = texts_for(report, Texts::default());
    let _ = build(&Inputs {
        report,
        prior: None,
        texts: &harvested,
    });
    harvested
        .asked
        .list()
        .into_iter()
        .map(|ask| Key {
            found: value_of(&harvested, &ask),
            ask,
        })
        .collect()
}

/// The value a texts set holds for a key, as text.
pub fn value_of(t: &Texts, ask: &Ask) -> Option<String> {
    let map = match ask.table {
        "budgets" => &t.budgets,
        "reasons" => &t.reasons,
        "prior" => &t.prior,
        "amounts" => &t.amounts,
        "notes" => &t.notes,
        "counts" => return t.counts.get(&ask.key).map(u64::to_string),
        _ => {
            return match ask.key.as_str() {
                "duties" => t.duties.first().cloned(),
                "organization" => t.organization.clone(),
                "date" => t.date.clone(),
                _ => None,
            }
        }
    };
    map.get(&ask.key).cloned().filter(|s| !s.trim().is_empty())
}

fn generic_example(table: &str) -> &'static str {
    match table {
        "budgets" | "prior" | "amounts" => "287.33",
        "counts" => "3",
        "reasons" => "执行中追加了人员经费",
        _ => "……",
    }
}

/// The keys as a texts.toml to fill in: each key commented out under its
/// table, with what it fills and the example above it.
pub fn to_toml(keys: &[Key]) -> String {
    let mut out = String::from(
        "# juesuan render --texts 的键：去掉行首的 # 并填写；未填写的在文中显示【待填写：…】\n",
    );
    // TOML allows each table once: tables in order of first use.
    let mut tables: Vec<&str> = Vec::new();
    for k in keys {
        if !tables.contains(&k.ask.table) {
            tables.push(k.ask.table);
        }
    }
    tables.sort_by_key(|t| !t.is_empty());
    for table in tables {
        if !table.is_empty() {
            out.push_str(&format!("\n[{table}]\n"));
        }
        for k in keys.iter().filter(|k| k.ask.table == table) {
            out.push_str(&entry(k));
        }
    }
    out
}

fn entry(k: &Key) -> String {
    let example = one_line(&k.example());
    let value = match (k.ask.table, k.ask.key.as_str()) {
        ("counts", _) => example.clone(),
        ("", "duties") => format!("[{}]", quote(&example)),
        _ => quote(&example),
    };
    let key = if k.ask.table.is_empty() {
        k.ask.key.clone()
    } else {
        quote(&k.ask.key)
    };
    format!("# {}\n# {key} = {value}\n", k.ask.what)
}

fn one_line(s: &str) -> String {
    let s: String = s.chars().filter(|c| *c != '\n' && *c != '\r').collect();
    if s.chars().count() > 60 {
        format!("{}……", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_report_asks_the_fixed_keys() {
        let report = Report::default();
        let keys = keys(&report);
        let names: Vec<&str> = keys.iter().map(|k| k.ask.key.as_str()).collect();
        for k in [
            "date",
            "duties",
            "organization",
            "收支总计",
            "total",
            "出国团组",
            "政府采购支出总额",
        ] {
            assert!(names.contains(&k), "{k} missing from {names:?}");
        }
        let toml = to_toml(&keys);
        // Uncommented, the listing is a valid texts.toml.
        let uncommented: String = toml
            .lines()
            .filter_map(|l| {
                l.strip_prefix("# ")
                    .filter(|r| r.contains(" = "))
                    .or(Some(l).filter(|l| l.starts_with('[')))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(Texts::from_toml(&uncommented).is_ok(), "{uncommented}");
    }
}
