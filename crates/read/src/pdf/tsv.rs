//! Parsing `pdftotext -tsv` output into word boxes in fixed-point points.

/// A word box on a page, coordinates in hundredths of a point, origin top-left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Left edge.
    pub left: i64,
    /// Right edge.
    pub right: i64,
    /// Top edge as reported by poppler (font metrics, not ink).
    pub top: i64,
    /// Bottom edge as reported by poppler.
    pub bottom: i64,
    /// The word's text.
    pub text: String,
}

impl Word {
    /// Vertical centre of the reported box.
    pub fn centre_y(&self) -> i64 {
        (self.top + self.bottom) / 2
    }

    /// Reported box height; words set in the same font and size share it.
    pub fn height(&self) -> i64 {
        self.bottom - self.top
    }

    /// Horizontal centre.
    pub fn centre_x(&self) -> i64 {
        (self.left + self.right) / 2
    }
}

/// One page's words in the order pdftotext gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// The page's words.
    pub words: Vec<Word>,
}

/// Parses a decimal such as `176.000460` or `-3.5` into hundredths, rounding half away from zero.
pub fn parse_hundredths(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Page coordinates beyond a million points are not a real page; refuse
    // them rather than risk overflow.
    if int.len() > 9 {
        return None;
    }
    let whole: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let fb = frac.as_bytes();
    let digit = |i: usize| fb.get(i).map(|b| i64::from(b - b'0')).unwrap_or(0);
    let mut v = whole * 100 + digit(0) * 10 + digit(1);
    if digit(2) >= 5 {
        v += 1;
    }
    Some(if neg { -v } else { v })
}

/// Parses the TSV text. Rows that do not parse are skipped: the TSV comes
/// from our own child process, and a malformed row must not sink the file.
pub fn parse(tsv: &str) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for row in tsv.lines().skip_while(|l| l.starts_with("level")) {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 12 {
            continue;
        }
        let Ok(page) = f[1].trim().parse::<u32>() else {
            continue;
        };
        if pages.last().map(|p| p.number) != Some(page) {
            pages.push(Page {
                number: page,
                words: Vec::new(),
            });
        }
        if f[0].trim() != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        let (Some(left), Some(top), Some(width), Some(height)) = (
            parse_hundredths(f[6]),
            parse_hundredths(f[7]),
            parse_hundredths(f[8]),
            parse_hundredths(f[9]),
        ) else {
            continue;
        };
        if let Some(p) = pages.last_mut() {
            p.words.push(Word {
                left,
                right: left + width.max(0),
                top,
                bottom: top + height.max(0),
                text: text.to_string(),
            });
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_round_half_up() {
        assert_eq!(parse_hundredths("176.000460"), Some(17600));
        assert_eq!(parse_hundredths("369.37"), Some(36937));
        assert_eq!(parse_hundredths("0.005"), Some(1));
        assert_eq!(parse_hundredths("-3.5"), Some(-350));
        assert_eq!(parse_hundredths("12"), Some(1200));
        assert_eq!(parse_hundredths("x"), None);
        assert_eq!(parse_hundredths(""), None);
        assert_eq!(parse_hundredths("99999999999999999999"), None);
    }

    #[test]
    fn parses_words_and_pages() {
        let tsv = "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0.000000\t0.000000\t595.000000\t842.000000\t-1\t###PAGE###\n\
5\t1\t0\t0\t0\t0\t176.00\t369.37\t243.00\t6.91\t100\t上海市\n\
1\t2\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###\n\
5\t2\t0\t0\t0\t0\tbad\t1\t1\t1\t100\tx\n";
        let pages = parse(tsv);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words[0].right, 41900);
        assert!(pages[1].words.is_empty());
    }
}
