//! PDF: the document in the official A4 layout with the system's CJK
//! TrueType font embedded as a CID TrueType subset.
//!
//! Two engines walk the same [`Document`]:
//!
//! - [`Engine::Native`] (the default, [`native`]) lays the blocks out itself
//!   and writes the PDF objects directly with `pdf-writer`. Why: printing
//!   through a browser costs a cold Chromium start (about 1.1 s of the
//!   3.1–3.5 s the Jilin sample took) before any layout happens; the native
//!   engine needs no browser at all and takes milliseconds, its output is
//!   byte-for-byte deterministic, and it embeds the same glyph-id-keeping
//!   subset of the same face ([`crate::font`]) with a `ToUnicode` map, so
//!   the text layer (amounts such as 33,597.66 included) reads back.
//! - [`Engine::Chromium`] ([`chromium`]) prints the HTML form
//!   ([`crate::html::render`]) with headless Chromium, for comparison and
//!   for anyone who prefers the browser's typesetting.

pub mod chromium;
pub mod layout;
pub mod native;

pub use chromium::find_browser;
pub use layout::Layout;

use crate::document::Document;
use crate::error::Error;
use std::path::PathBuf;
use std::time::Duration;

/// Which engine writes the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// Own layout, PDF objects written directly (no browser; milliseconds).
    #[default]
    Native,
    /// Headless Chromium printing the HTML form (seconds).
    Chromium,
}

/// PDF options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The engine.
    pub engine: Engine,
    /// Chromium only: the browser binary; `None` searches `chromium`,
    /// `chromium-browser`, `google-chrome`.
    pub browser: Option<PathBuf>,
    /// Chromium only: give up after this long.
    pub timeout: Duration,
    /// How tables and parts are printed (the official look by default).
    /// Both engines apply the knobs that change the words; column widths
    /// and vertical alignment are the native engine's.
    pub layout: Layout,
    /// The CJK face to print with instead of the installed default
    /// ([`crate::font::locate`]); characters it lacks still come from the
    /// other installed faces.
    pub font: Option<crate::font::FaceFile>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            engine: Engine::Native,
            browser: None,
            timeout: Duration::from_secs(60),
            layout: Layout::default(),
            font: None,
        }
    }
}

/// Writes the document as PDF bytes with the engine of `options`.
pub fn render(doc: &Document, options: &Options) -> Result<Vec<u8>, Error> {
    match options.engine {
        Engine::Native => native::render_font(doc, &options.layout, options.font.as_ref()),
        Engine::Chromium => {
            let doc = options.layout.document(doc);
            chromium::render_html(&crate::html::render(&doc), options)
        }
    }
}
