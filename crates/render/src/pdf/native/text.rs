//! Line breaking for Chinese text: a line may break between any two CJK
//! characters, but not before closing punctuation (，。、；：？！）」》%)
//! nor after opening punctuation (（「《); a run of ASCII (an amount such as
//! 33,597.66 or a rate such as 8.1%) never breaks, unless it alone is wider
//! than the line.

use super::font::Font;

/// Characters a line must not start with.
const NO_START: &str = "，。、；：？！）」》%％”’』〉】·…—,.;:?!)]}";
/// Characters a line must not end with.
const NO_END: &str = "（「《“‘『〈【([{";

/// One broken line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text (no leading or trailing space).
    pub text: String,
    /// Its natural width in points.
    pub width: f32,
}

/// Splits `text` into unbreakable pieces; `None` marks a space (a break
/// opportunity that disappears at a line end).
fn pieces(text: &str) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = Vec::new();
    let mut ascii = String::new();
    let flush = |ascii: &mut String, out: &mut Vec<Option<String>>| {
        if !ascii.is_empty() {
            out.push(Some(std::mem::take(ascii)));
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut ascii, &mut out);
            if !matches!(out.last(), Some(None) | None) {
                out.push(None);
            }
        } else if c.is_ascii() {
            ascii.push(c);
        } else {
            flush(&mut ascii, &mut out);
            out.push(Some(c.to_string()));
        }
    }
    flush(&mut ascii, &mut out);
    // Kinsoku: glue closing punctuation to what precedes it and opening
    // punctuation to what follows it.
    let mut glued: Vec<Option<String>> = Vec::with_capacity(out.len());
    let mut carry = String::new();
    for p in out {
        match p {
            None => {
                if !carry.is_empty() {
                    glued.push(Some(std::mem::take(&mut carry)));
                }
                glued.push(None);
            }
            Some(mut s) => {
                if !carry.is_empty() {
                    s.insert_str(0, &std::mem::take(&mut carry));
                }
                let first = s.chars().next().unwrap_or(' ');
                if NO_START.contains(first) {
                    if let Some(Some(prev)) = glued.last_mut() {
                        prev.push_str(&s);
                        s = String::new();
                    }
                }
                if s.is_empty() {
                    // The glued piece may now end with an opening mark.
                    if let Some(Some(prev)) = glued.last() {
                        if prev.chars().last().is_some_and(|c| NO_END.contains(c)) {
                            if let Some(Some(prev)) = glued.pop() {
                                carry = prev;
                            }
                        }
                    }
                    continue;
                }
                if s.chars().last().is_some_and(|c| NO_END.contains(c)) {
                    carry = s;
                } else {
                    glued.push(Some(s));
                }
            }
        }
    }
    if !carry.is_empty() {
        glued.push(Some(carry));
    }
    glued
}

/// Breaks `text` at `size` points into lines no wider than `first` (the
/// first line) and `rest` (the others).
pub fn wrap(font: &mut Font, text: &str, size: f32, first: f32, rest: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0f32;
    let mut space = false;
    let space_w = font.advance(' ') * size;
    let limit = |lines: &Vec<Line>| if lines.is_empty() { first } else { rest };
    for p in pieces(text) {
        let Some(p) = p else {
            space = !cur.is_empty();
            continue;
        };
        let w = font.width(&p, size);
        let extra = if space { space_w } else { 0.0 };
        if cur_w + extra + w <= limit(&lines) + 0.01 {
            if space {
                cur.push(' ');
            }
            cur.push_str(&p);
            cur_w += extra + w;
        } else {
            if !cur.is_empty() {
                lines.push(Line {
                    text: std::mem::take(&mut cur),
                    width: cur_w,
                });
                cur_w = 0.0;
            }
            if w <= limit(&lines) + 0.01 {
                cur = p;
                cur_w = w;
            } else {
                // Wider than a line on its own: break it anywhere.
                for c in p.chars() {
                    let cw = font.advance(c) * size;
                    if cur_w + cw > limit(&lines) + 0.01 && !cur.is_empty() {
                        lines.push(Line {
                            text: std::mem::take(&mut cur),
                            width: cur_w,
                        });
                        cur_w = 0.0;
                    }
                    cur.push(c);
                    cur_w += cw;
                }
            }
        }
        space = false;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(Line {
            text: cur,
            width: cur_w,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(v: &[Option<String>]) -> Vec<String> {
        v.iter()
            .map(|p| p.clone().unwrap_or_else(|| "␠".into()))
            .collect()
    }

    #[test]
    fn amounts_and_punctuation_stay_glued() {
        let p = pieces("支出33,597.66万元，增长8.1%。（一）说明");
        assert_eq!(
            texts(&p),
            vec![
                "支",
                "出",
                "33,597.66",
                "万",
                "元，",
                "增",
                "长",
                "8.1%。",
                "（一）",
                "说",
                "明"
            ]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn opening_marks_go_with_what_follows() {
        let p = pieces("甲《乙》丙");
        assert_eq!(texts(&p), vec!["甲", "《乙》", "丙"]);
    }
}
