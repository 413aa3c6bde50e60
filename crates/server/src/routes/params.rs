//! Query parameters of the lists (library, API, exports): the filter, the
//! order, the slice and the findings filter. Taken as text (an empty form
//! field means "any") and checked here; a bad value is a 400 with a Chinese
//! reason.

use crate::error::ApiError;
use crate::html::pct;
use axum::http::StatusCode;
use juesuan_audit::Severity;
use juesuan_store::{FindingFilter, Order, Paging, ReportFilter, Sort, Status};
use serde::Deserialize;

/// Reports per page of the library (HTML).
pub const PAGE_SIZE: u32 = 50;

/// Items per API response when no `limit` is given.
pub const DEFAULT_LIMIT: u32 = 100;

/// `?q=&year=&status=&dept=&sort=&order=&page=&limit=&offset=&severity=&rule=`.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct ListQuery {
    /// Part of a department name.
    #[serde(default)]
    pub q: String,
    /// A fiscal year.
    #[serde(default)]
    pub year: Option<String>,
    /// `errors` (有错误), `warnings` (有警告) or `clean` (无错误); the
    /// Chinese names are accepted too.
    #[serde(default)]
    pub status: Option<String>,
    /// A department key.
    #[serde(default)]
    pub dept: Option<String>,
    /// `department`, `year` or `errors`.
    #[serde(default)]
    pub sort: Option<String>,
    /// `asc` or `desc` (the sort's natural direction when absent).
    #[serde(default)]
    pub order: Option<String>,
    /// Page number, from 1 (HTML pages).
    #[serde(default)]
    pub page: Option<String>,
    /// Items per response (API).
    #[serde(default)]
    pub limit: Option<String>,
    /// Items skipped (API).
    #[serde(default)]
    pub offset: Option<String>,
    /// Severities, comma-separated (`error,warning`, or 错误, 警告, 提示).
    #[serde(default)]
    pub severity: Option<String>,
    /// The start of a rule id.
    #[serde(default)]
    pub rule: Option<String>,
}

fn bad(message: String) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, message)
}

/// A value given (not blank), trimmed.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl ListQuery {
    /// The store's report filter.
    pub fn filter(&self) -> Result<ReportFilter, ApiError> {
        let year = match given(&self.year) {
            None => None,
            Some(y) => Some(
                y.parse::<u32>()
                    .map_err(|_| bad(format!("无效的年度：{y}（应为数字，例如 2024）")))?,
            ),
        };
        let status = match given(&self.status) {
            None => None,
            Some(s) => Some(Status::parse(s).ok_or_else(|| {
                bad(format!(
                    "未知的状态：{s}（可选 errors 有错误、warnings 有警告、clean 无错误）"
                ))
            })?),
        };
        Ok(ReportFilter {
            q: self.q.clone(),
            year,
            status,
            dept: given(&self.dept).map(str::to_string),
        })
    }

    /// The order of the list.
    pub fn order(&self) -> Result<Order, ApiError> {
        let sort = match given(&self.sort) {
            None => Sort::Department,
            Some(s) => Sort::parse(s).ok_or_else(|| {
                bad(format!(
                    "未知的排序：{s}（可选 department 按部门、year 按年度、errors 按错误数）"
                ))
            })?,
        };
        let natural_desc = matches!(sort, Sort::Year | Sort::Errors);
        let desc = match given(&self.order) {
            None => natural_desc,
            Some("asc") => false,
            Some("desc") => true,
            Some(o) => return Err(bad(format!("未知的顺序：{o}（可选 asc 升序、desc 降序）"))),
        };
        Ok(Order {
            sort,
            reverse: desc != natural_desc,
        })
    }

    /// The slice of an API list: `limit` (default [`DEFAULT_LIMIT`], at
    /// most [`Paging::MAX_LIMIT`]) items after `offset`.
    pub fn slice(&self) -> Result<Paging, ApiError> {
        let limit = match given(&self.limit) {
            None => DEFAULT_LIMIT,
            Some(l) => l.parse::<u32>().map_err(|_| {
                bad(format!(
                    "无效的 limit：{l}（应为 1 到 {} 的整数）",
                    Paging::MAX_LIMIT
                ))
            })?,
        };
        let offset = match given(&self.offset) {
            None => 0,
            Some(o) => o
                .parse::<u64>()
                .map_err(|_| bad(format!("无效的 offset：{o}（应为非负整数）")))?,
        };
        Ok(Paging::new(limit, offset))
    }

    /// The page number (from 1) of an HTML list.
    pub fn page_number(&self) -> Result<u64, ApiError> {
        match given(&self.page) {
            None => Ok(1),
            Some(p) => p
                .parse::<u64>()
                .map(|n| n.max(1))
                .map_err(|_| bad(format!("无效的页码：{p}（应为正整数）"))),
        }
    }

    /// The findings filter (`severity`, `rule`).
    pub fn findings(&self) -> Result<FindingFilter, ApiError> {
        let mut severities = Vec::new();
        if let Some(list) = given(&self.severity) {
            for s in list
                .split([',', '，'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let sev = severity(s).ok_or_else(|| {
                    bad(format!(
                        "未知的级别：{s}（可选 error 错误、warning 警告、info 提示）"
                    ))
                })?;
                if !severities.contains(&sev) {
                    severities.push(sev);
                }
            }
        }
        Ok(FindingFilter {
            severities,
            rule: given(&self.rule).unwrap_or("").to_string(),
        })
    }

    /// The list's own parameters (filter and order) that are set, in a
    /// fixed order: what links to other pages of the same list carry.
    pub fn list_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let q = self.q.trim();
        if !q.is_empty() {
            out.push(("q", q.to_string()));
        }
        for (name, value) in [
            ("year", &self.year),
            ("status", &self.status),
            ("dept", &self.dept),
            ("sort", &self.sort),
            ("order", &self.order),
        ] {
            if let Some(v) = given(value) {
                out.push((name, v.to_string()));
            }
        }
        out
    }
}

/// A severity from its key (`error`) or Chinese name (`错误`).
pub fn severity(s: &str) -> Option<Severity> {
    Severity::parse(s).or(match s {
        "错误" => Some(Severity::Error),
        "警告" => Some(Severity::Warning),
        "提示" => Some(Severity::Info),
        _ => None,
    })
}

/// `path` with `pairs` as its query (`a=1&b=x`, values percent-encoded);
/// `path` alone without pairs.
pub fn href(path: &str, pairs: &[(&str, String)]) -> String {
    if pairs.is_empty() {
        return path.to_string();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", pct(v)))
        .collect();
    format!("{path}?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The query of `pairs`, as axum's `Query` would give it.
    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let mut q = ListQuery::default();
        for (k, v) in pairs {
            let v = v.to_string();
            match *k {
                "q" => q.q = v,
                "year" => q.year = Some(v),
                "status" => q.status = Some(v),
                "dept" => q.dept = Some(v),
                "sort" => q.sort = Some(v),
                "order" => q.order = Some(v),
                "page" => q.page = Some(v),
                "limit" => q.limit = Some(v),
                "offset" => q.offset = Some(v),
                "severity" => q.severity = Some(v),
                "rule" => q.rule = Some(v),
                _ => {}
            }
        }
        q
    }

    #[test]
    fn orders_have_natural_directions() {
        let o = query(&[("sort", "errors")]).order().ok();
        assert_eq!(o, Some(Order::new(Sort::Errors)));
        let o = query(&[("sort", "errors"), ("order", "asc")]).order().ok();
        assert_eq!(
            o,
            Some(Order {
                sort: Sort::Errors,
                reverse: true
            })
        );
        let o = query(&[("order", "desc")]).order().ok();
        assert_eq!(
            o,
            Some(Order {
                sort: Sort::Department,
                reverse: true
            })
        );
        assert!(query(&[("sort", "size")]).order().is_err());
        assert!(query(&[("order", "up")]).order().is_err());
    }

    #[test]
    fn slices_and_pages_are_checked() {
        assert_eq!(query(&[]).slice().ok(), Some(Paging::new(DEFAULT_LIMIT, 0)));
        assert_eq!(
            query(&[("limit", "9999"), ("offset", "20")]).slice().ok(),
            Some(Paging::new(Paging::MAX_LIMIT, 20))
        );
        assert!(query(&[("limit", "-1")]).slice().is_err());
        assert!(query(&[("offset", "x")]).slice().is_err());
        assert_eq!(query(&[("page", "0")]).page_number().ok(), Some(1));
        assert!(query(&[("page", "二")]).page_number().is_err());
    }

    #[test]
    fn severities_by_key_or_name() {
        let f = query(&[("severity", "error,警告, error"), ("rule", " T01 ")])
            .findings()
            .ok();
        assert_eq!(
            f,
            Some(FindingFilter {
                severities: vec![Severity::Error, Severity::Warning],
                rule: "T01".into()
            })
        );
        assert!(query(&[("severity", "fatal")]).findings().is_err());
    }

    #[test]
    fn links_keep_the_list() {
        let q = query(&[
            ("q", "人力 资源"),
            ("year", "2024"),
            ("page", "3"),
            ("status", ""),
        ]);
        let mut pairs = q.list_pairs();
        pairs.push(("page", "2".into()));
        assert_eq!(
            href("/", &pairs),
            "/?q=%E4%BA%BA%E5%8A%9B%20%E8%B5%84%E6%BA%90&year=2024&page=2"
        );
        assert_eq!(href("/", &[]), "/");
    }
}
