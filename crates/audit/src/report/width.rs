//! Display width of source text in a terminal (CJK is two columns wide).

/// Columns a tab is expanded to when quoting source lines.
pub const TAB: usize = 4;

/// Display width of one character.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    if c == '\t' {
        return TAB;
    }
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Display width of a string.
#[cfg(test)]
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The line with tabs expanded to [`TAB`] spaces.
pub fn expand_tabs(s: &str) -> String {
    s.replace('\t', &" ".repeat(TAB))
}

/// Display columns `[start, end)` of the byte range `start..end` of `line`
/// (clamped to the line and to character boundaries).
pub fn columns_of(line: &str, start: usize, end: usize) -> (usize, usize) {
    let mut col = 0;
    let mut a = None;
    let mut b = None;
    for (i, c) in line.char_indices() {
        if a.is_none() && i >= start {
            a = Some(col);
        }
        if b.is_none() && i >= end {
            b = Some(col);
        }
        col += char_width(c);
    }
    let a = a.unwrap_or(col);
    let b = b.unwrap_or(col).max(a + 1);
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(width("合计\t1.00"), 4 + TAB + 4);
        let line = "合计\t\t34,951.33";
        let start = line.find('3').unwrap();
        assert_eq!(
            columns_of(line, start, line.len()),
            (4 + 2 * TAB, 4 + 2 * TAB + 9)
        );
    }
}
