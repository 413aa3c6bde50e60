//! The library's lists a page at a time: reports, departments, a measure
//! across the library, a report's findings (SQL in [`crate::select`]).

use crate::listing::{
    DepartmentPage, FindingFilter, Order, Paging, ReportFilter, ReportPage, Sort,
};
use crate::measure::{self, MeasureComparison, MeasureRow, SortKey};
use crate::select;
use crate::views::{Department, StoredFinding};
use crate::{Backend, Result, Store};

/// Whether a list needs counting: not when its first page is not full
/// (the page is the whole list).
fn total_of(paging: Paging, shown: usize, count: impl FnOnce() -> Result<u64>) -> Result<u64> {
    if paging.offset == 0 && shown < paging.limit as usize {
        Ok(shown as u64)
    } else {
        count()
    }
}

impl Store {
    /// The number a `COUNT(*)` query gives, as counted a moment ago if it
    /// was ([`crate::memo`]).
    pub(crate) fn counted(&self, query: (String, Vec<select::Arg>)) -> Result<u64> {
        let key = format!("{}\u{0}{:?}", query.0, query.1);
        self.memo.count(key, || dispatch!(self.count(query)))
    }

    /// One page of the reports that pass `filter`, in `order`, with how
    /// many pass it in all.
    pub fn report_page(
        &self,
        filter: &ReportFilter,
        order: Order,
        paging: Paging,
    ) -> Result<ReportPage> {
        let reports = self.report_slice(filter, order, paging)?;
        let total = total_of(paging, reports.len(), || {
            self.counted(select::count_reports(filter))
        })?;
        Ok(ReportPage {
            reports,
            total,
            paging,
        })
    }

    /// One page of the reports that pass `filter`, in `order`, without
    /// counting them (a list read a page at a time to its end).
    pub fn report_slice(
        &self,
        filter: &ReportFilter,
        order: Order,
        paging: Paging,
    ) -> Result<Vec<crate::ReportSummary>> {
        dispatch!(self.summaries(select::summary_page(filter, order, paging)))
    }

    /// How many reports pass `filter`.
    pub fn count_reports(&self, filter: &ReportFilter) -> Result<u64> {
        self.counted(select::count_reports(filter))
    }

    /// One page of the departments (by key) with a report that passes
    /// `filter`, each with those reports, and how many such departments
    /// there are in all.
    pub fn department_page(&self, filter: &ReportFilter, paging: Paging) -> Result<DepartmentPage> {
        let keys = dispatch!(self.texts(select::department_keys(filter, paging)))?;
        let mut departments = Vec::with_capacity(keys.len());
        for key in keys {
            let reports = self.reports_where(&ReportFilter {
                dept: Some(key.clone()),
                ..filter.clone()
            })?;
            let name = match self.department_name(&key)? {
                Some(name) => name,
                None => reports
                    .first()
                    .map(|r| r.department.clone())
                    .unwrap_or_default(),
            };
            departments.push(Department { key, name, reports });
        }
        let total = total_of(paging, departments.len(), || {
            self.counted(select::count_departments(filter))
        })?;
        Ok(DepartmentPage {
            departments,
            total,
            paging,
        })
    }

    /// Report `id`'s findings that pass `filter`, in audit order.
    pub fn findings_where(&self, id: &str, filter: &FindingFilter) -> Result<Vec<StoredFinding>> {
        dispatch!(self.findings_of(select::findings(id, filter)))
    }

    /// One page of measure `key` ([`measure::MEASURES`]) across the reports
    /// (only `year`'s if given), ordered by `sort` (`desc`: descending;
    /// reports without the measure come last in every order by value).
    /// `None` for an unknown measure.
    pub fn measure_page(
        &self,
        key: &str,
        year: Option<u32>,
        sort: SortKey,
        desc: bool,
        paging: Paging,
    ) -> Result<Option<MeasureComparison>> {
        let Some(m) = measure::by_key(key) else {
            return Ok(None);
        };
        let filter = ReportFilter {
            year,
            ..ReportFilter::default()
        };
        let rows = match sort {
            SortKey::Department | SortKey::Year => {
                let order = match sort {
                    SortKey::Year => Order {
                        sort: Sort::Year,
                        // The library's natural year order is newest first.
                        reverse: !desc,
                    },
                    _ => Order {
                        sort: Sort::Department,
                        reverse: desc,
                    },
                };
                dispatch!(self
                    .measure_rows_of(select::measure_by_report(m.key, year, order, paging), false))?
            }
            SortKey::Value => {
                let total = self.counted(select::count_reports(&filter))?;
                let rows = self.measure_by_value(m.key, year, desc, paging, total)?;
                return Ok(Some(MeasureComparison {
                    key: m.key.to_string(),
                    name: m.name.to_string(),
                    year,
                    rows,
                    total,
                    offset: paging.offset,
                }));
            }
        };
        let total = total_of(paging, rows.len(), || {
            self.counted(select::count_reports(&filter))
        })?;
        Ok(Some(MeasureComparison {
            key: m.key.to_string(),
            name: m.name.to_string(),
            year,
            rows,
            total,
            offset: paging.offset,
        }))
    }

    /// A page of a measure by value: the reports with the measure in the
    /// order of its index, then those without (of `total` reports), by
    /// department.
    fn measure_by_value(
        &self,
        key: &str,
        year: Option<u32>,
        desc: bool,
        paging: Paging,
        total: u64,
    ) -> Result<Vec<MeasureRow>> {
        let with = self.counted(select::count_with_measure(key, year))?;
        let mut rows = Vec::new();
        if paging.offset < with {
            rows = dispatch!(
                self.measure_rows_of(select::measure_by_value(key, year, desc, paging), false)
            )?;
        }
        let missing = paging.limit as usize - rows.len().min(paging.limit as usize);
        // Finding the reports without the measure reads every report: only
        // when there are some and the page reaches them.
        if missing > 0 && with < total {
            let skip = paging.offset.saturating_sub(with);
            let rest = Paging::new(missing as u32, skip);
            rows.extend(dispatch!(
                self.measure_rows_of(select::without_measure(key, year, rest), true)
            )?);
        }
        Ok(rows)
    }
}
