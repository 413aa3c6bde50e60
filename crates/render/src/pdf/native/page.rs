//! Pages and the flow cursor: A4 portrait with the HTML form's print
//! margins (14 mm top and bottom, 12 mm left and right). Layout code works
//! top-down in points from the page's top edge; only the drawing calls here
//! turn that into PDF's bottom-up coordinates.

use super::font::Font;
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Name};

/// A4 width in points.
pub const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub const PAGE_H: f32 = 841.89;
/// Left and right margin (12 mm).
pub const MARGIN_X: f32 = 34.02;
/// Top margin (14 mm).
pub const MARGIN_TOP: f32 = 39.69;
/// Bottom of the text area (14 mm above the page's bottom edge).
pub const BOTTOM: f32 = PAGE_H - 39.69;
/// Width of the text area.
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

/// The resource names of the faces, the chosen face first
/// ([`super::font::MAX_FACES`] of them).
pub const FONTS: [Name<'static>; super::font::MAX_FACES] = [
    Name(b"F1"),
    Name(b"F2"),
    Name(b"F3"),
    Name(b"F4"),
    Name(b"F5"),
    Name(b"F6"),
    Name(b"F7"),
    Name(b"F8"),
];

/// Shows `runs` (one face each) from the current text position.
fn show(c: &mut Content, runs: &[(usize, Vec<u8>)], size: f32) {
    for (face, bytes) in runs {
        c.set_font(FONTS[*face], size);
        c.show(pdf_writer::Str(bytes));
    }
}

/// One page being drawn.
pub struct Page {
    /// Its content stream.
    pub content: Content,
    /// Whether the footer carries a page number (not on the cover).
    pub numbered: bool,
    /// Nothing drawn yet.
    pub empty: bool,
    /// The text drawn, run by run (what a PDF text extractor finds).
    pub runs: Vec<Run>,
}

impl Page {
    fn new() -> Page {
        Page {
            content: Content::new(),
            numbered: true,
            empty: true,
            runs: Vec::new(),
        }
    }
}

/// A run of text as drawn, in the terms of a text extractor: the box of
/// its glyphs from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Left edge.
    pub x: f32,
    /// Top edge of the glyph boxes (baseline − size × (1 + descent), as
    /// pdfminer computes it from the font's descent).
    pub top: f32,
    /// Advance width, character spacing included.
    pub width: f32,
    /// The text.
    pub text: String,
    /// A page number in the footer.
    pub footer: bool,
}

/// How a run of text is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Bold, by stroking the outlines thinly as well as filling them
    /// (one font keeps the PDF small; no synthetic Type 3 bold).
    pub bold: bool,
    /// Fill colour; black when `None`.
    pub color: Option<[f32; 3]>,
    /// Extra space after each character (justification), in points.
    pub spacing: f32,
}

impl Style {
    /// Plain black text.
    pub const PLAIN: Style = Style {
        bold: false,
        color: None,
        spacing: 0.0,
    };
    /// Bold black text.
    pub const BOLD: Style = Style {
        bold: true,
        color: None,
        spacing: 0.0,
    };
}

/// The pages and the cursor of the flow.
pub struct Flow {
    /// The one font, measuring and encoding.
    pub font: Font,
    /// Pages so far; the last is the current one.
    pub pages: Vec<Page>,
    /// Cursor: the top of the next block, from the page's top edge.
    pub y: f32,
}

/// The baseline of a line of `size`-point text centred in a line box of
/// height `lh` whose top is `top`.
pub fn baseline(font: &Font, top: f32, lh: f32, size: f32) -> f32 {
    let (a, d) = (font.ascent, font.descent);
    top + (lh - (a - d) * size) / 2.0 + a * size
}

impl Flow {
    /// A flow on one empty page.
    pub fn new(font: Font) -> Flow {
        Flow {
            font,
            pages: vec![Page::new()],
            y: MARGIN_TOP,
        }
    }

    /// The current page.
    pub fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Whether nothing is drawn on the current page yet.
    pub fn at_top(&self) -> bool {
        self.pages.last().is_none_or(|p| p.empty)
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Page::new());
        self.y = MARGIN_TOP;
    }

    /// A page break that never leaves an empty page behind.
    pub fn break_page(&mut self) {
        if !self.at_top() {
            self.new_page();
        }
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Moves to a new page unless `h` points still fit (or the page is
    /// empty, where nothing would be gained).
    pub fn ensure(&mut self, h: f32) {
        if h > self.room() + 0.01 && !self.at_top() {
            self.new_page();
        }
    }

    /// Draws `s` at `x` with its baseline at `base` (top-down).
    pub fn text(&mut self, x: f32, base: f32, size: f32, s: &str, style: Style) {
        if s.is_empty() {
            return;
        }
        let bytes = self.font.encode(s);
        let run = Run {
            x,
            top: base - size * (1.0 + self.font.descent),
            width: self.font.width(s, size) + style.spacing * s.chars().count() as f32,
            text: s.to_string(),
            footer: false,
        };
        let page = self.page();
        page.empty = false;
        page.runs.push(run);
        let c = &mut page.content;
        let styled = style.bold || style.color.is_some() || style.spacing != 0.0;
        if styled {
            c.save_state();
        }
        if let Some([r, g, b]) = style.color {
            c.set_fill_rgb(r, g, b);
            c.set_stroke_rgb(r, g, b);
        }
        if style.bold {
            c.set_text_rendering_mode(TextRenderingMode::FillStroke);
            c.set_line_width(size * 0.035);
        }
        c.begin_text();
        if style.spacing != 0.0 {
            c.set_char_spacing(style.spacing);
        }
        c.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, PAGE_H - base]);
        show(c, &bytes, size);
        c.end_text();
        if styled {
            c.restore_state();
        }
    }

    /// Draws `s` centred on the text area.
    pub fn centred(&mut self, base: f32, size: f32, s: &str, style: Style) {
        let w = self.font.width(s, size);
        self.text(MARGIN_X + (CONTENT_W - w) / 2.0, base, size, s, style);
    }

    /// Fills a rectangle (top-down `top`).
    pub fn fill_rect(&mut self, x: f32, top: f32, w: f32, h: f32, rgb: [f32; 3]) {
        let page = self.page();
        page.empty = false;
        let c = &mut page.content;
        c.save_state();
        c.set_fill_rgb(rgb[0], rgb[1], rgb[2]);
        c.rect(x, PAGE_H - top - h, w, h);
        c.fill_nonzero();
        c.restore_state();
    }

    /// Strokes a line from (x1, y1) to (x2, y2), top-down.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let page = self.page();
        page.empty = false;
        let c = &mut page.content;
        c.set_line_width(width);
        c.move_to(x1, PAGE_H - y1);
        c.line_to(x2, PAGE_H - y2);
        c.stroke();
    }

    /// Strokes a rectangle's outline (top-down `top`).
    pub fn stroke_rect(&mut self, x: f32, top: f32, w: f32, h: f32, width: f32) {
        let page = self.page();
        page.empty = false;
        let c = &mut page.content;
        c.set_line_width(width);
        c.rect(x, PAGE_H - top - h, w, h);
        c.stroke();
    }

    /// Page numbers centred in the footer of every numbered page, counted
    /// from the first numbered page.
    pub fn number_pages(&mut self) {
        let mut n = 0;
        for i in 0..self.pages.len() {
            if !self.pages[i].numbered {
                continue;
            }
            n += 1;
            let label = format!("- {n} -");
            let size = 9.0;
            let w = self.font.width(&label, size);
            let bytes = self.font.encode(&label);
            let descent = self.font.descent;
            self.pages[i].runs.push(Run {
                x: (PAGE_W - w) / 2.0,
                top: PAGE_H - 22.0 - size * (1.0 + descent),
                width: w,
                text: label,
                footer: true,
            });
            let c = &mut self.pages[i].content;
            c.begin_text();
            c.set_text_matrix([1.0, 0.0, 0.0, 1.0, (PAGE_W - w) / 2.0, 22.0]);
            show(c, &bytes, size);
            c.end_text();
        }
    }
}
