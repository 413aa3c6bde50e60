//! Measures OCR speed: reads each PDF given (a scan: image-only pages) and
//! prints the pages read by OCR, the time and the pages per second.
//!
//! `cargo run --release -p juesuan-read --example ocr_speed -- scan.pdf`
//! (the scans the tests make are left in the target directory:
//! `tmp/scan-*/`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

static PAGES: AtomicUsize = AtomicUsize::new(0);

fn main() {
    juesuan_read::ocr::progress::observe(|p| {
        if p.done == 0 {
            PAGES.fetch_add(p.total, Ordering::Relaxed);
        }
    });
    for path in std::env::args().skip(1) {
        PAGES.store(0, Ordering::Relaxed);
        let started = Instant::now();
        let result = juesuan_read::read_path(std::path::Path::new(&path));
        let secs = started.elapsed().as_secs_f64();
        let pages = PAGES.load(Ordering::Relaxed);
        match result {
            Ok(r) => println!(
                "{path}: {pages} OCR pages in {secs:.1} s = {:.2} pages/s ({} tables)",
                pages as f64 / secs.max(f64::EPSILON),
                r.tables.len()
            ),
            Err(e) => println!("{path}: {e}"),
        }
    }
}
