//! A laid-out chart ([`Figure`]) as an inline SVG element: the HTML
//! document's figures and the web app's report page draw with this.
//!
//! Series shapes carry both their colour (`fill`) and a class `s<n>`, so a
//! page's style sheet may recolour them; the drawing scales to its
//! container's width.

use super::geometry::{Anchor, Figure, Mark, Paint};
use std::fmt::Write;

fn esc(s: &str) -> String {
    crate::html::escape(s)
}

fn fill(paint: Paint) -> String {
    let [r, g, b] = paint.rgb();
    match paint {
        Paint::Series(n) => format!("class=\"s{n}\" fill=\"#{r:02x}{g:02x}{b:02x}\""),
        Paint::Background => format!("fill=\"#{r:02x}{g:02x}{b:02x}\""),
    }
}

/// The figure as one `<svg>` element (the caption is left to the page).
pub fn svg(figure: &Figure) -> String {
    let mut s = String::with_capacity(256 + figure.marks.len() * 96);
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {:.0} {:.0}" width="100%" role="img" aria-label="{}">"#,
        figure.width,
        figure.height,
        esc(&figure.title)
    );
    for m in &figure.marks {
        match m {
            Mark::Rect { x, y, w, h, paint } => {
                let _ = write!(
                    s,
                    r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" {}/>"#,
                    fill(*paint)
                );
            }
            Mark::Sector {
                cx,
                cy,
                r,
                from,
                to,
                paint,
            } => {
                let (x1, y1) = (cx + r * from.cos(), cy + r * from.sin());
                let (x2, y2) = (cx + r * to.cos(), cy + r * to.sin());
                let large = i32::from(to - from > std::f64::consts::PI);
                let _ = write!(
                    s,
                    r#"<path d="M{cx:.2},{cy:.2} L{x1:.2},{y1:.2} A{r:.2},{r:.2} 0 {large} 1 {x2:.2},{y2:.2} Z" {}/>"#,
                    fill(*paint)
                );
            }
            Mark::Disc { cx, cy, r, paint } => {
                let _ = write!(
                    s,
                    r#"<circle cx="{cx:.2}" cy="{cy:.2}" r="{r:.2}" {}/>"#,
                    fill(*paint)
                );
            }
            Mark::Text {
                x,
                y,
                size,
                anchor,
                text,
            } => {
                let end = match anchor {
                    Anchor::Start => "",
                    Anchor::End => r#" text-anchor="end""#,
                };
                let _ = write!(
                    s,
                    r#"<text x="{x:.1}" y="{y:.1}" font-size="{size}"{end}>{}</text>"#,
                    esc(text)
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_svg_elements() {
        let f = Figure {
            title: "“三公”<比较>".into(),
            width: 640.0,
            height: 40.0,
            marks: vec![
                Mark::Rect {
                    x: 230.0,
                    y: 8.0,
                    w: 330.0,
                    h: 8.0,
                    paint: Paint::Series(1),
                },
                Mark::Text {
                    x: 224.0,
                    y: 16.0,
                    size: 11.0,
                    anchor: Anchor::End,
                    text: "公务接待费".into(),
                },
            ],
        };
        assert_eq!(
            svg(&f),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 40\" width=\"100%\" \
             role=\"img\" aria-label=\"“三公”&lt;比较&gt;\">\
             <rect x=\"230.0\" y=\"8.0\" width=\"330.0\" height=\"8.0\" class=\"s1\" fill=\"#c55a11\"/>\
             <text x=\"224.0\" y=\"16.0\" font-size=\"11\" text-anchor=\"end\">公务接待费</text></svg>"
        );
    }
}
