//! Progress of a batch on stderr (files done, rate, time left), drawn only
//! when stderr is a terminal: piped output and logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Batches shorter than this show no progress (they end before it helps).
const MIN_FILES: usize = 3;

/// A progress bar over a number of files.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` files; none for a few files.
    pub fn new(total: usize) -> Progress {
        if total < MIN_FILES {
            return Progress(None);
        }
        let bar = ProgressBar::with_draw_target(
            Some(total as u64),
            ProgressDrawTarget::stderr_with_hz(10),
        );
        if let Ok(style) =
            ProgressStyle::with_template("[{bar:30}] {pos}/{len}  {msg}  {per_sec}  剩余 {eta}")
        {
            bar.set_style(style.progress_chars("#>-"));
        }
        Progress(Some(bar))
    }

    /// One more file done; `status` says the counts so far.
    pub fn tick(&self, status: String) {
        if let Some(bar) = &self.0 {
            bar.set_message(status);
            bar.inc(1);
        }
    }

    /// Runs `f` (which writes to the terminal) with the bar out of the way.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
