//! The words only people can write (texts.toml): 职责, reasons for changes,
//! 年初预算 by 科目, 三公 details, 绩效 remarks, and a few figures that are
//! not in the nine tables. Every field is optional; a sentence that needs a
//! missing one carries a visible `【待填写：…】` placeholder.
//!
//! ```toml
//! duties = ["（一）贯彻执行……。"]
//! organization = "根据上述职责，某厅内设 29 个机构。"
//! date = "2025 年 8 月 25 日"
//!
//! [budgets]            # 年初预算 (万元), by 功能分类 项 code; "total" for the whole
//! total = "25007.99"
//! "2050205" = "287.33"
//!
//! [reasons]            # keyed by subject: see `reason_key` names in the narrative
//! "收支总计" = "……"
//! "2080101" = "执行中追加了人员经费"
//!
//! [prior]              # last year's figures not in a prior report (万元)
//! "机关运行经费" = "945.26"
//!
//! [counts]             # 三公 details and assets
//! "出国团组" = 3
//! ```

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Mutex;

/// The preparer's texts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Texts {
    /// 部门职责 paragraphs (override the model's `meta.duties`).
    pub duties: Vec<String>,
    /// The 机构设置 paragraph.
    pub organization: Option<String>,
    /// The publication date as printed on the cover.
    pub date: Option<String>,
    /// 年初预算 by 项 code, and "total".
    pub budgets: BTreeMap<String, String>,
    /// Reasons by subject key.
    pub reasons: BTreeMap<String, String>,
    /// Last year's amounts by subject key (used when no prior report is given).
    pub prior: BTreeMap<String, String>,
    /// Amounts not in the tables (外事接待费, 政府采购…), by key.
    pub amounts: BTreeMap<String, String>,
    /// Counts (团组, 人次, 车辆…), by key.
    pub counts: BTreeMap<String, u64>,
    /// Free sentences by key (出国 details, 车辆 use, 绩效 remarks by project name…).
    pub notes: BTreeMap<String, String>,
    /// Every key the drafting looked up, in order: the list `juesuan
    /// texts --list` prints and the template's 情况说明 sheet asks for.
    #[serde(skip)]
    pub asked: Asked,
}

/// One key the drafting looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    /// The texts.toml table (`reasons`, `budgets` …), or "" for a top-level key.
    pub table: &'static str,
    /// The key within it.
    pub key: String,
    /// What it fills, as the placeholder names it.
    pub what: String,
}

/// The keys looked up so far (a lock, so a shared `&Texts` can record).
#[derive(Debug, Default)]
pub struct Asked(Mutex<Vec<Ask>>);

impl Clone for Asked {
    fn clone(&self) -> Asked {
        Asked(Mutex::new(self.list()))
    }
}

impl Asked {
    /// The keys in the order first asked.
    pub fn list(&self) -> Vec<Ask> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }

    fn push(&self, table: &'static str, key: &str, what: &str) {
        if let Ok(mut v) = self.0.lock() {
            if !v.iter().any(|a| a.table == table && a.key == key) {
                v.push(Ask {
                    table,
                    key: key.to_string(),
                    what: what.to_string(),
                });
            }
        }
    }
}

impl Texts {
    /// Parses texts.toml.
    pub fn from_toml(text: &str) -> Result<Texts, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Fills fields this set lacks from `other` (the preparer's file wins over harvested words).
    pub fn or(mut self, other: Texts) -> Texts {
        if self.duties.is_empty() {
            self.duties = other.duties;
        }
        self.organization = self.organization.or(other.organization);
        self.date = self.date.or(other.date);
        for (mine, theirs) in [
            (&mut self.budgets, other.budgets),
            (&mut self.reasons, other.reasons),
            (&mut self.prior, other.prior),
            (&mut self.amounts, other.amounts),
            (&mut self.notes, other.notes),
        ] {
            for (k, v) in theirs {
                mine.entry(k).or_insert(v);
            }
        }
        for (k, v) in other.counts {
            self.counts.entry(k).or_insert(v);
        }
        self
    }

    /// Records that the drafting needs `key` of `table` for `what`.
    pub fn ask(&self, table: &'static str, key: &str, what: &str) {
        self.asked.push(table, key, what);
    }

    /// A 年初预算 (`[budgets]`), recorded as asked.
    pub fn budget(&self, key: &str, what: &str) -> Option<rust_decimal::Decimal> {
        self.ask("budgets", key, what);
        Texts::decimal(&self.budgets, key)
    }

    /// An amount not in the tables (`[amounts]`), recorded as asked.
    pub fn amount(&self, key: &str, what: &str) -> Option<rust_decimal::Decimal> {
        self.ask("amounts", key, what);
        Texts::decimal(&self.amounts, key)
    }

    /// A count (`[counts]`), recorded as asked.
    pub fn count(&self, key: &str, what: &str) -> Option<u64> {
        self.ask("counts", key, what);
        self.counts.get(key).copied()
    }

    /// A free sentence (`[notes]`), recorded as asked.
    pub fn note(&self, key: &str, what: &str) -> Option<&str> {
        self.ask("notes", key, what);
        self.notes.get(key).map(String::as_str)
    }

    /// A reason by key, trimmed of closing punctuation.
    pub fn reason(&self, key: &str) -> Option<&str> {
        self.reasons
            .get(key)
            .map(|s| s.trim().trim_end_matches(['。', '；', ';', '，']))
            .filter(|s| !s.is_empty())
    }

    /// A decimal field of a map.
    pub fn decimal(map: &BTreeMap<String, String>, key: &str) -> Option<rust_decimal::Decimal> {
        map.get(key)
            .and_then(|s| juesuan_model::amount::parse_amount(s))
    }
}

/// The visible placeholder for something only the preparer can write.
pub fn placeholder(what: &str) -> String {
    format!("【待填写：{what}】")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_merges() {
        let t = Texts::from_toml(
            "duties = [\"甲。\"]\n[budgets]\ntotal = \"1.50\"\n[reasons]\n\"2080101\" = \"追加经费。\"\n[counts]\n\"出国团组\" = 3\n",
        )
        .unwrap_or_default();
        assert_eq!(t.duties, vec!["甲。"]);
        assert_eq!(t.reason("2080101"), Some("追加经费"));
        assert_eq!(t.counts.get("出国团组"), Some(&3));
        let mut other = Texts::default();
        other.reasons.insert("2080101".into(), "别的".into());
        other.reasons.insert("收支总计".into(), "压减".into());
        let m = t.or(other);
        assert_eq!(m.reason("2080101"), Some("追加经费"));
        assert_eq!(m.reason("收支总计"), Some("压减"));
        assert!(Texts::from_toml("unknown = 1").is_err());
    }
}
