//! A department's years in the library: the cross-year audit (`Y.*`,
//! [`juesuan_audit::cross_year`]) of each report against the same
//! department's report of the year before, and the disclosure quality
//! score ([`juesuan_audit::score`]) with its ranking.
//!
//! Both are computed when a report is stored, never when a page is viewed:
//! [`Store::refresh_years`] (called by [`crate::ingest`]) compares the new
//! report with its last year and its next year with it, and stores the
//! `Y.*` findings with the later report (their `seq` from
//! [`CROSS_YEAR_SEQ`] on), its counts and its score updated and its cached
//! page dropped. A department renamed between two years is linked by hand
//! ([`Store::link_departments`]); the years are then compared again.

use crate::listing::Paging;
use crate::select::Arg;
use crate::{Backend, Error, ErrorKind, Result, Store};
use juesuan_audit::score::{Method, Score};
use serde::Serialize;
use std::sync::OnceLock;

/// The `seq` of a report's first cross-year finding: after any audit's own.
pub const CROSS_YEAR_SEQ: u32 = 1_000_000;

/// The scoring method in use ([`Method::configured`]), read once.
pub(crate) fn method() -> Result<&'static Method> {
    static M: OnceLock<std::result::Result<Method, String>> = OnceLock::new();
    M.get_or_init(Method::configured)
        .as_ref()
        .map_err(|e| Error::new(ErrorKind::Invalid, e.clone()))
}

/// One report as the years and the ranking see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreRow {
    /// Report id.
    pub id: String,
    /// Department key.
    pub dept_key: String,
    /// The department as printed.
    pub department: String,
    /// Fiscal year.
    pub year: Option<u32>,
    /// The score (0–100, one decimal), if computed.
    pub score: Option<String>,
    /// The report it was compared with as last year's, if any.
    #[serde(skip)]
    pub prior_id: Option<String>,
}

/// One page of the ranking by score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScorePage {
    /// The reports of the page, best first.
    pub rows: Vec<ScoreRow>,
    /// How many reports have a score (of the year, if one is chosen).
    pub total: u64,
    /// The page's slice.
    pub offset: u64,
}

/// A score in tenths as text: 875 → "87.5".
pub(crate) fn score_text(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

const GROUP: &str = "SELECT id, dept_key, department, year, score, prior_id FROM reports \
     WHERE dept_key = ? OR dept_key IN (SELECT old_key FROM department_links WHERE new_key = ?) \
     OR dept_key IN (SELECT new_key FROM department_links WHERE old_key = ?) \
     ORDER BY year, imported_at, id";

const LATER: &str = "SELECT id FROM reports WHERE prior_id = ? ORDER BY id";

const SCORE_JSON: &str = "SELECT score_json FROM reports WHERE id = ? AND score_json IS NOT NULL";

const RANKING: &str = "SELECT id, dept_key, department, year, score, prior_id FROM reports \
     WHERE score IS NOT NULL ORDER BY score DESC, year DESC, dept_key, id LIMIT ? OFFSET ?";

const RANKING_OF_YEAR: &str =
    "SELECT id, dept_key, department, year, score, prior_id FROM reports \
     WHERE score IS NOT NULL AND year = ? ORDER BY score DESC, dept_key, id LIMIT ? OFFSET ?";

const COUNT_SCORED: &str = "SELECT COUNT(*) FROM reports WHERE score IS NOT NULL";

const COUNT_SCORED_OF_YEAR: &str =
    "SELECT COUNT(*) FROM reports WHERE score IS NOT NULL AND year = ?";

/// Links a renamed department (replacing an earlier link of `old`).
pub(crate) const PUT_LINK: &str = "INSERT INTO department_links (old_key, new_key) VALUES (?, ?) \
     ON CONFLICT (old_key) DO UPDATE SET new_key = excluded.new_key";

/// Drops a report's cross-year findings.
pub(crate) const DELETE_CROSS_YEAR: &str = "DELETE FROM findings WHERE report_id = ? AND seq >= ?";

/// A report's last year, score and counts (its findings counted again).
pub(crate) const UPDATE_YEARS: &str = "UPDATE reports SET prior_id = ?, score = ?, score_json = ?, \
     errors = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'error'), \
     warnings = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'warning'), \
     infos = (SELECT COUNT(*) FROM findings f WHERE f.report_id = reports.id AND f.severity = 'info') \
     WHERE id = ?";

/// Drops a report's cached page (its findings changed).
pub(crate) const DELETE_PAGE: &str = "DELETE FROM report_pages WHERE report_id = ?";

/// What a report's cross-year comparison changes.
pub(crate) struct CrossYear<'a> {
    /// The report.
    pub id: &'a str,
    /// Last year's report compared, if any.
    pub prior_id: Option<&'a str>,
    /// The `Y.*` findings, numbered from [`CROSS_YEAR_SEQ`].
    pub findings: Vec<crate::StoredFinding>,
    /// The score with them, in tenths.
    pub score: i64,
    /// The score's parts as JSON.
    pub score_json: String,
}

impl Store {
    /// The reports of `key`'s department and of the departments linked
    /// with it, by year.
    fn years_of(&self, key: &str) -> Result<Vec<ScoreRow>> {
        let t = |s: &str| Arg::Text(s.to_string());
        dispatch!(self.score_rows((GROUP.to_string(), vec![t(key), t(key), t(key)])))
    }

    /// Compares report `id` with its last year and its next year with it
    /// (whichever the library holds), storing the `Y.*` findings and the
    /// scores. Several reports of one year: the latest imported is used.
    /// A comparison already stored (the same last year) is not made again,
    /// so that a report with no other year costs two small queries, and a
    /// file imported again (unchanged) completes what an interrupted
    /// import left undone.
    pub fn refresh_years(&self, id: &str) -> Result<()> {
        let Some(me) = self.summary(id)? else {
            return Ok(());
        };
        let Some(year) = me.year else {
            return Ok(());
        };
        let group = self.years_of(&me.dept_key)?;
        let last_of = |y: u32| {
            group
                .iter()
                .rev()
                .find(|r| r.year == Some(y))
                .map(|r| r.id.clone())
        };
        let compared = |of: &str| {
            group
                .iter()
                .find(|r| r.id == of)
                .and_then(|r| r.prior_id.clone())
        };
        let prior = year.checked_sub(1).and_then(last_of);
        if prior != compared(id) {
            self.compare_years(id, prior.as_deref())?;
        }
        if let Some(next) = year.checked_add(1).and_then(last_of) {
            if compared(&next).as_deref() != Some(id) {
                self.compare_years(&next, Some(id))?;
            }
        }
        Ok(())
    }

    /// Stores report `id`'s comparison with `prior` (none: no `Y.*`
    /// findings, the score without the cross-year class).
    fn compare_years(&self, id: &str, prior: Option<&str>) -> Result<()> {
        let Some(current) = self.model(id)? else {
            return Ok(());
        };
        let base: Option<Score> =
            match dispatch!(self.texts((SCORE_JSON.to_string(), vec![Arg::Text(id.to_string())])))?
                .first()
            {
                Some(json) => Some(serde_json::from_str(json)?),
                None => None,
            };
        let (findings, compared) = match prior.map(|p| self.model(p)).transpose()?.flatten() {
            Some(last) => (juesuan_audit::cross_year::audit_pair(&current, &last), true),
            None => (Vec::new(), false),
        };
        let method = method()?;
        let score =
            base.map(|b| juesuan_audit::score::with_cross_year(method, &b, &findings, compared));
        let (tenths, json) = match &score {
            Some(s) => (s.tenths(), serde_json::to_string(s)?),
            None => (0, String::new()),
        };
        let change = CrossYear {
            id,
            prior_id: prior,
            findings: crate::record::stored_findings(&current, &findings, CROSS_YEAR_SEQ),
            score: tenths,
            score_json: json,
        };
        dispatch!(self.put_cross_year(&change, score.is_some()))?;
        self.memo.changed();
        Ok(())
    }

    /// The reports compared with report `id` as their last year.
    pub fn later_years(&self, id: &str) -> Result<Vec<String>> {
        dispatch!(self.texts((LATER.to_string(), vec![Arg::Text(id.to_string())])))
    }

    /// Links department `old` (a name or key) to `new`: `old`'s reports
    /// are `new`'s earlier years. Compares the years of both again and
    /// returns the reports compared (their findings and pages may change).
    pub fn link_departments(&self, old: &str, new: &str) -> Result<Vec<String>> {
        let (old, new) = (crate::department::key(old), crate::department::key(new));
        if old == new {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!("不能把部门“{old}”与自身关联"),
            ));
        }
        for k in [&old, &new] {
            if self.department_name(k)?.is_none() {
                return Err(Error::new(
                    ErrorKind::NotFound,
                    format!("报告库中没有部门“{k}”"),
                ));
            }
        }
        dispatch!(self.write((
            PUT_LINK.to_string(),
            vec![Arg::Text(old.clone()), Arg::Text(new.clone())]
        )))?;
        let group = self.years_of(&new)?;
        for r in &group {
            self.refresh_years(&r.id)?;
        }
        // Compared anew or not, every year of the two names may have changed.
        Ok(group.into_iter().map(|r| r.id).collect())
    }

    /// A report's score with its parts; `None` for a report stored before scores.
    pub fn score(&self, id: &str) -> Result<Option<Score>> {
        let json =
            dispatch!(self.texts((SCORE_JSON.to_string(), vec![Arg::Text(id.to_string())])))?;
        match json.first() {
            Some(j) if !j.is_empty() => Ok(Some(serde_json::from_str(j)?)),
            _ => Ok(None),
        }
    }

    /// One page of the reports ranked by score, best first; only `year`'s if given.
    pub fn scores(&self, year: Option<u32>, paging: Paging) -> Result<ScorePage> {
        let mut args = Vec::new();
        if let Some(y) = year {
            args.push(Arg::Int(i64::from(y)));
        }
        let count = (
            if year.is_some() {
                COUNT_SCORED_OF_YEAR
            } else {
                COUNT_SCORED
            }
            .to_string(),
            args.clone(),
        );
        args.push(Arg::Count(i64::from(paging.limit)));
        args.push(Arg::Count(i64::try_from(paging.offset).unwrap_or(i64::MAX)));
        let sql = if year.is_some() {
            RANKING_OF_YEAR
        } else {
            RANKING
        };
        let rows = dispatch!(self.score_rows((sql.to_string(), args)))?;
        let total = if paging.offset == 0 && rows.len() < paging.limit as usize {
            rows.len() as u64
        } else {
            self.counted(count)?
        };
        Ok(ScorePage {
            rows,
            total,
            offset: paging.offset,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_as_text() {
        assert_eq!(score_text(875), "87.5");
        assert_eq!(score_text(1000), "100.0");
        assert_eq!(score_text(0), "0.0");
    }
}
