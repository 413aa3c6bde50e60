//! OCR progress on stderr: pages read of pages, rate and time left for each
//! scanned document, drawn only when stderr is a terminal (indicatif draws
//! nothing otherwise), so piped output and logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::Mutex;

/// The bar of the document being read, with its name.
static BAR: Mutex<Option<(String, ProgressBar)>> = Mutex::new(None);

fn bar_for(file: &str, total: usize) -> ProgressBar {
    let bar =
        ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr_with_hz(4));
    if let Ok(style) = ProgressStyle::with_template(
        "文字识别 {msg} [{bar:30}] {pos}/{len} 页  {per_sec}  剩余 {eta}",
    ) {
        bar.set_style(style.progress_chars("#>-"));
    }
    let name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    bar.set_message(name);
    bar
}

/// Draws a bar per scanned document read in this process.
pub fn install() {
    juesuan_read::ocr::progress::observe(|p| {
        let Ok(mut slot) = BAR.lock() else {
            return;
        };
        let same = slot.as_ref().is_some_and(|(f, _)| f == p.file);
        if !same {
            if let Some((_, old)) = slot.take() {
                old.finish_and_clear();
            }
            *slot = Some((p.file.to_string(), bar_for(p.file, p.total)));
        }
        if let Some((_, bar)) = slot.as_ref() {
            bar.set_position(p.done as u64);
            if p.done >= p.total {
                bar.finish_and_clear();
                *slot = None;
            }
        }
    });
}
