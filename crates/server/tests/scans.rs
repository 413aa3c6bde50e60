//! Scanned uploads: the upload page follows a scan's OCR, pages done of
//! pages (`?job=` and `GET /api/uploads/{job}`), and the pages read by OCR
//! at once are held to one budget per server process (413 for an upload
//! larger than all of it, 503 while others hold too much of it).
//!
//! The scans are image-only PDFs the test makes (`img2pdf` over grey
//! pages it draws); skipped when the tools are missing, failed instead
//! under `JUESUAN_REQUIRE_TOOLS=1`.

mod common;

use common::{get, request, start, SAMPLE};
use juesuan_server::Config;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn upload_pdf(addr: std::net::SocketAddr, query: &str, body: &[u8]) -> common::Response {
    request(
        addr,
        "POST",
        &format!("/api/reports?{query}"),
        &[("Content-Type", "application/pdf")],
        body,
    )
}

#[test]
fn a_scanned_upload_shows_pages_done_of_pages() {
    if !juesuan_testkit::tools(&["img2pdf", "pdftotext", "pdftoppm", "tesseract"]) {
        return;
    }
    let pages = 4;
    let pdf = common::scan(pages);
    let server = start(Config::default());
    let addr = server.addr;
    let job = "test-job-0001";
    // Nothing is followed under that name yet.
    assert_eq!(get(addr, &format!("/api/uploads/{job}")).status, 404);
    let stop = Arc::new(AtomicBool::new(false));
    let poller = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let r = get(addr, &format!("/api/uploads/{job}"));
                if r.status == 200 {
                    let v = r.json();
                    seen.push((
                        v["stage"].as_str().unwrap_or("").to_string(),
                        v["done"].as_u64().unwrap_or(0),
                        v["total"].as_u64().unwrap_or(0),
                        v["message"].as_str().unwrap_or("").to_string(),
                    ));
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            seen
        })
    };
    let r = upload_pdf(addr, &format!("name=scan.pdf&job={job}"), &pdf);
    stop.store(true, Ordering::Relaxed);
    let mut seen = poller.join().unwrap();
    seen.dedup();
    for s in &seen {
        println!("{s:?}");
    }
    // Blank bars are no report: OCR read every page and found no words.
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("文字识别"), "{}", r.text());
    assert!(!seen.is_empty(), "no progress seen while the scan was read");
    // Once counted, every view knows the pages to read; pages done never go back.
    assert!(
        seen.iter()
            .filter(|s| s.0 != "reading")
            .all(|s| s.2 == pages as u64),
        "{seen:?}"
    );
    assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "{seen:?}");
    let ocr = seen
        .iter()
        .find(|s| s.0 == "ocr")
        .expect("a view during OCR");
    assert_eq!(
        ocr.3,
        format!("正在文字识别（OCR）：已完成 {} / {pages} 页", ocr.1)
    );
    // Done: no longer followed, and the budget is whole again.
    assert_eq!(get(addr, &format!("/api/uploads/{job}")).status, 404);
    assert_eq!(server.app.ocr.used(), 0);
}

#[test]
fn the_ocr_page_budget_refuses_what_does_not_fit() {
    if !juesuan_testkit::tools(&["img2pdf", "pdftotext"]) {
        return;
    }
    let server = start(Config {
        ocr_pages: 3,
        ..Config::default()
    });
    let addr = server.addr;
    // More pages than the whole budget: 413 at once, before any OCR.
    let r = upload_pdf(addr, "name=big.pdf", &common::scan(4));
    assert_eq!(r.status, 413, "{}", r.text());
    let msg = r.json()["error"].as_str().unwrap_or("").to_string();
    assert!(
        msg.contains("需要文字识别（OCR）的页数为 4 页") && msg.contains("上限 3 页"),
        "{msg}"
    );
    // Other uploads hold 2 of the 3 pages: a 2-page scan must come back later.
    let held = server.app.ocr.take(2).expect("2 of 3 pages");
    let r = upload_pdf(addr, "name=two.pdf", &common::scan(2));
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    let msg = r.json()["error"].as_str().unwrap_or("").to_string();
    assert!(
        msg.contains("2 页进行中，上限 3 页") && msg.contains("本文件需识别 2 页"),
        "{msg}"
    );
    // A text report needs no OCR: it passes whatever the budget holds.
    let r = common::upload(addr, "jilin.txt", SAMPLE.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    drop(held);
    assert_eq!(server.app.ocr.used(), 0);
    // A malformed upload name is refused before the body is read.
    let r = upload_pdf(addr, "name=x.pdf&job=bad", &common::scan(1));
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(get(addr, "/api/uploads/bad").status, 400);
}
