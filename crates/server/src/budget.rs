//! One OCR page budget per server process: OCR costs about a second of a
//! core per page, so the pages being read by OCR at once, over all
//! uploads, are capped ([`crate::Config::ocr_pages`], `JUESUAN_OCR_PAGES`).
//! An upload needing more pages than the whole budget is refused (413); one
//! that would overrun what other uploads hold now is asked to come back
//! (503). The count comes before any OCR is done
//! ([`juesuan_read::pdf::scan_pages::ocr_pages`]).

use crate::error::ApiError;
use axum::http::StatusCode;
use std::sync::Mutex;

/// Default budget: pages OCR'd at once over all uploads (a scanned county
/// report has 20–40 pages; two cores read about one a second).
pub const DEFAULT_OCR_PAGES: usize = 100;

/// The pages being read by OCR now, and the cap.
#[derive(Debug)]
pub struct OcrBudget {
    cap: usize,
    used: Mutex<usize>,
}

/// Pages of the budget held by one upload, given back when dropped.
#[derive(Debug)]
pub struct OcrPages<'a> {
    budget: &'a OcrBudget,
    pages: usize,
}

impl Drop for OcrPages<'_> {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|p| p.into_inner());
        *used = used.saturating_sub(self.pages);
    }
}

impl OcrBudget {
    /// A budget of `cap` pages at once.
    pub fn new(cap: usize) -> OcrBudget {
        OcrBudget {
            cap,
            used: Mutex::new(0),
        }
    }

    /// Pages held now.
    pub fn used(&self) -> usize {
        *self.used.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes `pages` of the budget, or says why not: 413 when they exceed
    /// the whole budget, 503 when other uploads hold too much of it now.
    pub fn take(&self, pages: usize) -> Result<OcrPages<'_>, ApiError> {
        if pages > self.cap {
            return Err(ApiError(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "该文件需要文字识别（OCR）的页数为 {pages} 页，超过服务器同时识别的上限 {} 页：请拆分后分别上传，或用命令行 juesuan import 导入",
                    self.cap
                ),
            ));
        }
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        if *used + pages > self.cap {
            return Err(ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "服务器正在识别其他上传的扫描件（{} 页进行中，上限 {} 页），本文件需识别 {pages} 页，请稍后重试",
                    *used, self.cap
                ),
            ));
        }
        *used += pages;
        Ok(OcrPages {
            budget: self,
            pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_given_back_and_overruns_refused() {
        let b = OcrBudget::new(30);
        let first = b.take(20).expect("20 of 30");
        assert_eq!(b.used(), 20);
        let busy = b.take(11).err().map(|e| e.0);
        assert_eq!(busy, Some(StatusCode::SERVICE_UNAVAILABLE));
        let too_many = b.take(31).err().map(|e| e.0);
        assert_eq!(too_many, Some(StatusCode::PAYLOAD_TOO_LARGE));
        drop(first);
        assert_eq!(b.used(), 0);
        assert!(b.take(30).is_ok());
    }
}
