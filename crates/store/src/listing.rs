//! Lists of the library, cut in SQL: which reports a list holds
//! ([`ReportFilter`]), in which order ([`Order`]) and which slice of them
//! ([`Paging`]). Every order is the order of an index (migration 5), so a
//! page reads about as many index entries as it shows rows, whatever the
//! library holds; only the count of a filtered list reads them all.

use crate::views::{Department, ReportSummary, StoredFinding};
use juesuan_audit::Severity;
use serde::Serialize;

/// Which reports a list holds: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportFilter {
    /// Part of the department name (blank: any). Compared on the
    /// department key (white space removed, widths folded: see
    /// `department::key`), so `人力 资源` finds `人力资源`.
    pub q: String,
    /// Only this fiscal year.
    pub year: Option<u32>,
    /// Only reports in this state.
    pub status: Option<Status>,
    /// Only this department (its key).
    pub dept: Option<String>,
}

impl ReportFilter {
    /// Only the departments whose name contains `q`.
    pub fn search(q: &str) -> ReportFilter {
        ReportFilter {
            q: q.to_string(),
            ..ReportFilter::default()
        }
    }
}

/// A report's audit state, for filtering the library. 有错误 and 有警告
/// overlap (a report can have both); 无错误 is the complement of 有错误.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 有错误: at least one error finding.
    Errors,
    /// 有警告: at least one warning finding.
    Warnings,
    /// 无错误: no error finding (warnings allowed).
    Clean,
}

impl Status {
    /// Every state, in the order the library offers them.
    pub const ALL: [Status; 3] = [Status::Errors, Status::Warnings, Status::Clean];

    /// From its key (`errors`, `warnings`, `clean`) or its Chinese name.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|st| s == st.key() || s == st.label())
    }

    /// The key used in URLs and the API.
    pub fn key(self) -> &'static str {
        match self {
            Status::Errors => "errors",
            Status::Warnings => "warnings",
            Status::Clean => "clean",
        }
    }

    /// The Chinese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Status::Errors => "有错误",
            Status::Warnings => "有警告",
            Status::Clean => "无错误",
        }
    }
}

/// What a list of reports is ordered by. Each has a natural direction
/// ([`Order::new`]); ties are broken by department, year, import and id,
/// so that pages never overlap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Department (by key), then year, oldest first.
    #[default]
    Department,
    /// Year, newest first, then department.
    Year,
    /// Error count, most first, then department and year.
    Errors,
}

impl Sort {
    /// Every order, as the library offers them.
    pub const ALL: [Sort; 3] = [Sort::Department, Sort::Year, Sort::Errors];

    /// From its key (`department`, `year`, `errors`).
    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|o| s == o.key())
    }

    /// The key used in URLs and the API.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Department => "department",
            Sort::Year => "year",
            Sort::Errors => "errors",
        }
    }

    /// The Chinese name shown to users, with the natural direction.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Department => "按部门",
            Sort::Year => "按年度（新→旧）",
            Sort::Errors => "按错误数（多→少）",
        }
    }
}

/// An order: what by, and whether against its natural direction (every
/// key of the order is flipped, so that one index serves both directions).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Order {
    /// What by.
    pub sort: Sort,
    /// Against the natural direction.
    pub reverse: bool,
}

impl Order {
    /// `sort` in its natural direction.
    pub fn new(sort: Sort) -> Order {
        Order {
            sort,
            reverse: false,
        }
    }
}

/// A slice of a list: at most `limit` items after the first `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Paging {
    /// Items at most (1 ..= [`Paging::MAX_LIMIT`]).
    pub limit: u32,
    /// Items skipped.
    pub offset: u64,
}

impl Paging {
    /// The largest page anyone gets: a page is one response held in memory.
    pub const MAX_LIMIT: u32 = 500;

    /// A slice, its limit brought into 1 ..= [`Paging::MAX_LIMIT`] and its
    /// offset below what SQL can bind.
    pub fn new(limit: u32, offset: u64) -> Paging {
        Paging {
            limit: limit.clamp(1, Paging::MAX_LIMIT),
            offset: offset.min(i64::MAX as u64),
        }
    }

    /// The slice `n` (0-based) of pages of `limit` items.
    pub fn page(n: u64, limit: u32) -> Paging {
        let p = Paging::new(limit, 0);
        Paging::new(p.limit, n.saturating_mul(u64::from(p.limit)))
    }
}

impl Default for Paging {
    fn default() -> Paging {
        Paging::new(50, 0)
    }
}

/// One page of reports and how many pass the filter in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPage {
    /// The reports of this page, in list order.
    pub reports: Vec<ReportSummary>,
    /// Reports that pass the filter.
    pub total: u64,
    /// The slice shown.
    #[serde(flatten)]
    pub paging: Paging,
}

/// One page of departments (with their reports that pass the filter) and
/// how many departments have such reports in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentPage {
    /// The departments of this page, by key.
    pub departments: Vec<Department>,
    /// Departments with a report that passes the filter.
    pub total: u64,
    /// The slice shown.
    #[serde(flatten)]
    pub paging: Paging,
}

/// Which findings of a report to list: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingFilter {
    /// Only these severities (empty: any).
    pub severities: Vec<Severity>,
    /// Only rules whose id starts with this (blank: any), e.g. `T01` or
    /// `narrative.`.
    pub rule: String,
}

impl FindingFilter {
    /// Whether `f` passes (what the library's query keeps).
    pub fn matches(&self, f: &StoredFinding) -> bool {
        (self.severities.is_empty() || self.severities.iter().any(|s| s.as_str() == f.severity))
            && f.rule.starts_with(self.rule.trim())
    }

    /// Only findings of `severity`.
    pub fn severity(severity: Severity) -> FindingFilter {
        FindingFilter {
            severities: vec![severity],
            ..FindingFilter::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_is_bounded() {
        assert_eq!(Paging::new(0, 5).limit, 1);
        assert_eq!(Paging::new(10_000, 5).limit, Paging::MAX_LIMIT);
        assert_eq!(Paging::new(10, u64::MAX).offset, i64::MAX as u64);
        assert_eq!(Paging::page(3, 50), Paging::new(50, 150));
        assert_eq!(Paging::page(u64::MAX, 50).offset, i64::MAX as u64);
    }

    #[test]
    fn keys_round_trip() {
        for s in Sort::ALL {
            assert_eq!(Sort::parse(s.key()), Some(s));
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
        }
        assert_eq!(Sort::parse("value"), None);
    }
}
