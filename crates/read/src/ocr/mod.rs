//! OCR front end for scanned PDF pages (no text layer), with Tesseract.
//!
//! Each page without words is rendered at 300 dpi by `pdftoppm` and its
//! red channel kept, where a red seal over the figures fades away (one
//! process per page, at most [`WORKERS`] pages at a time, each page under
//! a deadline). [`grid`] finds the ruled tables; every non-empty cell
//! is cropped to its ink and the crops of a page are stacked into one strip
//! image, so one tesseract call reads all of them: names with `chi_sim`,
//! then the cells that read as figures again with a digit whitelist
//! (whole-page OCR loses decimal points; a cell read on its own does not).
//! Text outside the tables (titles, the 单位 line, notes, prose pages) is
//! read with `chi_sim` on the page with its tables blanked out. A cell
//! whose print every reading left empty reads `□` with confidence 0
//! ([`lost_ink`]), so it stays a guess in its place instead of a blank.
//!
//! What comes out are word boxes in the coordinates `pdftotext -tsv` uses,
//! so the text-layer layout ([`crate::pdf::layout`]) rebuilds lines, table
//! rows and column slots the same way for both; then every table cell gets
//! the confidence tesseract gave its words ([`attach_confidence`]).

pub mod grid;
pub mod image;
mod lost_ink;
pub mod progress;
pub mod skew;
pub mod tool;
mod unruled;

use crate::error::{Error, ErrorKind};
use crate::pdf::tsv::{Page, Word};
use crate::source::SourceLine;
use image::{Gray, Rect};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tool::PdfInput;
use tool::{TWord, ToolError};

pub use lost_ink::UNREAD_MARK;

/// Rendering resolution.
pub const DPI: usize = 300;
/// Pages OCR'd at the same time (one tesseract process each).
pub const WORKERS: usize = 2;
/// Longest time one page may take (render and all its tesseract calls).
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(180);
/// Most pages OCR'd in one document.
pub const MAX_OCR_PAGES: usize = 200;
/// Largest rendered page accepted (bytes of PPM, three per pixel: the
/// same 128 M pixels as a grey rendering allowed).
const MAX_PGM_BYTES: usize = 384 * 1024 * 1024;
/// Largest TSV accepted from tesseract.
const MAX_TSV_BYTES: usize = 32 * 1024 * 1024;
/// White pixels between crops stacked into a strip.
const GAP: usize = 40;
/// Pixels of white kept around a cell's ink.
const PAD: usize = 8;
/// Reported height of every OCR word box (hundredths of a point): one
/// height class, so the layout's per-font calibration leaves them alone.
const WORD_HEIGHT: i64 = 1000;

/// Digits and separators a figure cell may hold.
const DIGIT_WHITELIST: &str = "tessedit_char_whitelist=0123456789.,-";

/// One OCR'd page: word boxes for the layout, and what was read where
/// with its confidence.
#[derive(Debug, Clone, Default)]
pub struct OcrPage {
    /// Word boxes in hundredths of a point, like `pdftotext -tsv`'s.
    pub page: Page,
    /// Each word's text and confidence (0–100), in reading order.
    pub confidences: Vec<(String, u8)>,
    /// Time spent on the page.
    pub elapsed: Duration,
    /// Whether a table of the page was read without ruling lines: its
    /// cells' columns rest on the words' positions alone.
    pub unruled: bool,
}

/// Pixel to hundredths of a point.
fn pt(px: usize) -> i64 {
    (px as i64) * 7200 / DPI as i64
}

fn ocr_error(file: &str, page: Option<u32>, message: String) -> Error {
    Error::new(ErrorKind::Tool, file, page, message)
}

/// Renders one page in colour and keeps its red channel ([`Gray::from_pnm`]).
fn render(file: &str, pdf: &PdfInput, page: u32, deadline: Instant) -> Result<Gray, Error> {
    let n = page.to_string();
    let dpi = DPI.to_string();
    let out = tool::run(
        "pdftoppm",
        &["-r", &dpi, "-f", &n, "-l", &n, pdf.arg()],
        pdf.stdin(),
        deadline,
        MAX_PGM_BYTES,
    )
    .map_err(|e| match e {
        ToolError::Missing(e) => ocr_error(
            file,
            Some(page),
            format!("无法运行 pdftoppm（请安装 poppler-utils）：{e}"),
        ),
        ToolError::Timeout => ocr_error(file, Some(page), format!("第 {page} 页渲染超时")),
        ToolError::Failed(e) => ocr_error(file, Some(page), format!("第 {page} 页渲染失败：{e}")),
    })?;
    Gray::from_pnm(&out)
        .ok_or_else(|| ocr_error(file, Some(page), format!("第 {page} 页渲染结果无法解析")))
}

/// Settings given to every tesseract run. `tessedit_do_invert=0` skips
/// reading each unsure line a second time inverted (white on black), which
/// a report never prints: a few per cent of the time, and on the bundled
/// scans the same readings.
const TESSERACT_SETTINGS: [&str; 2] = ["-c", "tessedit_do_invert=0"];

/// Runs tesseract once on several images and parses the words of each,
/// in their order. The images are handed over as files listed on its
/// standard input: tesseract reads and thresholds each one on its own, so
/// each reads as it would alone, while the model is loaded once (about a
/// tenth of a second for `chi_sim`) and no image crosses the pipe, which
/// tesseract reads a byte at a time. Where no temporary file can be
/// written, each image goes on standard input to a run of its own.
fn tesseract(
    file: &str,
    page: u32,
    imgs: &[&Gray],
    args: &[&str],
    deadline: Instant,
) -> Result<Vec<Vec<TWord>>, Error> {
    if imgs.is_empty() {
        return Ok(Vec::new());
    }
    let files: Option<Vec<tool::TempFile>> = imgs
        .iter()
        .map(|img| tool::TempFile::write(&img.to_pgm(), "pgm"))
        .collect();
    let Some(files) = files else {
        let mut out = Vec::with_capacity(imgs.len());
        for img in imgs {
            let tsv = run_tesseract(file, page, img.to_pgm(), args, deadline)?;
            out.push(tool::parse_tsv(&tsv));
        }
        return Ok(out);
    };
    let list: String = files.iter().map(|f| format!("{}\n", f.arg())).collect();
    let tsv = run_tesseract(file, page, list.into_bytes(), args, deadline)?;
    Ok(tool::parse_tsv_pages(&tsv, files.len()))
}

/// Runs tesseract on `input` (an image, or a list of image files, one
/// path a line) and returns its TSV.
fn run_tesseract(
    file: &str,
    page: u32,
    input: Vec<u8>,
    args: &[&str],
    deadline: Instant,
) -> Result<String, Error> {
    let dpi = DPI.to_string();
    let mut all = vec!["stdin", "stdout", "--dpi", &dpi];
    all.extend_from_slice(args);
    all.extend_from_slice(&TESSERACT_SETTINGS);
    all.push("tsv");
    let out = tool::run("tesseract", &all, input, deadline, MAX_TSV_BYTES).map_err(
        |e| match e {
            ToolError::Missing(e) => ocr_error(
                file,
                Some(page),
                format!(
                    "PDF 没有文字层（扫描件），需要文字识别，但无法运行 tesseract（请安装 tesseract-ocr 与 tesseract-ocr-chi-sim）：{e}"
                ),
            ),
            ToolError::Timeout => ocr_error(
                file,
                Some(page),
                format!(
                    "第 {page} 页文字识别超时（超过 {} 秒），已终止",
                    PAGE_TIMEOUT.as_secs()
                ),
            ),
            ToolError::Failed(e) => ocr_error(file, Some(page), failure_message(page, &e)),
        },
    )?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// What a failed tesseract run says to the user: the hint about the
/// language pack only when tesseract says a language could not be loaded
/// (an image it refuses, too large for instance, has nothing to do with it).
fn failure_message(page: u32, err: &str) -> String {
    let language = err.contains("traineddata") || err.to_lowercase().contains("language");
    if language {
        format!("第 {page} 页文字识别失败（tesseract 是否装有 chi_sim 语言包？）：{err}")
    } else {
        format!("第 {page} 页文字识别失败：{err}")
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Joins the words of one line: CJK runs touch, other text is separated
/// by one space, except a figure tesseract split after its point or comma
/// (`307.` `82`), which is one figure.
fn join_words<'a>(words: impl Iterator<Item = &'a TWord>) -> String {
    let mut out = String::new();
    for w in words {
        let mut tail = out.chars().rev();
        let (last, before) = (tail.next(), tail.next());
        let first = w.text.chars().next();
        if let (Some(a), Some(b)) = (last, first) {
            let split_figure = matches!(a, '.' | ',')
                && before.is_some_and(|c| c.is_ascii_digit())
                && b.is_ascii_digit();
            if !is_cjk(a) && !is_cjk(b) && !split_figure {
                out.push(' ');
            }
        }
        out.push_str(&w.text);
    }
    out
}

/// Letters and signs a digit blurred by a scan is read as (S $ for 5 and
/// 8, O for 0, l I | [ ] ! for 1, B for 8, Z for 2, g q for 9).
const DIGIT_LOOKALIKES: &str = "S$sOolI|[]!BZzgq";

/// Whether a cell's reading is a figure (amount, code, dash).
fn looks_numeric(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty()
        || chars
            .iter()
            .any(|c| is_cjk(*c) && !matches!(c, '，' | '。' | '．'))
    {
        return false;
    }
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    // Letters and signs chi_sim reads for blurred digits (`1.$S03.S2`
    // for 1,503.52): the digit re-read settles them.
    let fig = chars
        .iter()
        .filter(|c| {
            c.is_ascii_digit()
                || matches!(c, '.' | ',' | '-' | '，' | '。' | '．')
                || DIGIT_LOOKALIKES.contains(**c)
        })
        .count();
    // A short code with one mark misread (`05$`) is still mostly digits.
    digits > 0 && (fig * 10 >= chars.len() * 7 || digits * 2 >= chars.len())
}

/// Undoes misreadings of punctuation that decide how a line is understood:
/// the colon of `单位：` and `注：` (read as `;` `，` `.`), the 、 after a
/// 十 ordinal (十 read as 士/千), and bracket shapes chi_sim confuses with
/// the full-width parentheses reports print. Letters and digits are never
/// changed here.
pub fn normalise(text: &str) -> String {
    // No line starts with a comma, a full stop or a 、: marks there are
    // specks before the text (`，注：本表…` would not end its table).
    let marks = [',', '，', '.', '。', '、', ';', '；', '`', '\''];
    let rest = text.trim_start_matches(marks).trim_start();
    let text = if rest.len() < text.len() && rest.chars().next().is_none_or(is_cjk) {
        rest
    } else {
        text
    };
    // An opening quote no quote closes is a speck too (`“注，本表…`).
    let rest = text.trim_start_matches(['“', '"']);
    let text = if rest.len() < text.len()
        && !rest.contains(['”', '"'])
        && rest
            .chars()
            .next()
            .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        rest
    } else {
        text
    };
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '〈' | '〔' | '【' | '《' => '（',
            '〉' | '〕' | '】' | '》' => '）',
            _ => c,
        })
        .collect();
    for head in ["单位", "注"] {
        if let Some(rest) = s.strip_prefix(head) {
            let mut it = rest.chars();
            if let Some(c) = it.next() {
                if matches!(c, ';' | '；' | ',' | '，' | '.' | '。' | ':' | '、') {
                    s = format!("{head}：{}", it.as_str());
                }
            }
        }
    }
    // 一、 … 二十六、 with the 、 read as another mark (，。.,:;”~) or a
    // stray mark before the ordinal: the ordinal's 、.
    let numerals = "一二三四五六七八九十";
    let body = s.trim_start_matches(['-', '~', '"', '”', '“', '.', '，', '。']);
    let ordinal = body.len() - body.trim_start_matches(|c| numerals.contains(c)).len();
    if ordinal > 0 && body[..ordinal].chars().count() <= 3 {
        let rest = &body[ordinal..];
        let marks = rest.len()
            - rest
                .trim_start_matches([
                    ',', '，', '.', '。', ':', '：', ';', '；', '"', '”', '~', '-',
                ])
                .len();
        if marks > 0 && marks <= 6 {
            s = format!("{}、{}", &body[..ordinal], &rest[marks..]);
        } else if marks == 0 && rest.starts_with('、') && body.len() < s.len() {
            // A stray mark before a whole ordinal (`-十一、`).
            s = body.to_string();
        }
    }
    // 士、 / 士二、 / 千五、 at the start of a name: the ordinal 十.
    let mut it = s.chars();
    if let Some(first @ ('士' | '千')) = it.next() {
        let rest = it.as_str();
        let tail = rest.trim_start_matches(|c| "一二三四五六七八九".contains(c));
        if tail.starts_with('、') && rest.len() - tail.len() <= 3 {
            s = format!("十{}", &s[first.len_utf8()..]);
        }
    }
    // An ordinal read as marks only (`-、` `=、` `*、` for 一 二 三), or
    // with one of its numerals misread (`十万、` for 十九): the printed
    // number is lost, the name after it is what keys the row.
    if let Some((head, name)) = s.split_once('、') {
        let n = head.chars().count();
        let numeral = head.chars().filter(|c| numerals.contains(*c)).count();
        let mark = |c: char| c.is_ascii_punctuation() || matches!(c, ' ' | '“' | '”' | '‘' | '’');
        let junk = (n > 0 && n <= 4 && head.chars().all(mark))
            || ((2..=3).contains(&n) && numeral > 0 && numeral < n);
        if junk && name.chars().next().is_some_and(is_cjk) {
            s = name.to_string();
        }
    }
    // 年末 (year end) read as 年未, which is no word.
    s = s.replace("年未", "年末");
    // 八 read as 入 or 人 before the ordinal's 、 (no name starts so).
    for misread in ["入、", "人、"] {
        if let Some(rest) = s.strip_prefix(misread) {
            s = format!("八、{rest}");
        }
    }
    // Space after the ordinal's 、 is the reader's, not the print's.
    if let Some((head, name)) = s.split_once('、') {
        if head.chars().count() <= 3 && head.chars().all(|c| numerals.contains(c)) {
            let name = name.trim_start();
            s = format!("{head}、{name}");
        }
    }
    s
}

/// A name in a cell less the marks a speck by it was read as (`项目.`):
/// a cell's name never starts or ends with ASCII punctuation.
fn trim_specks(text: &str) -> &str {
    if !text.chars().any(is_cjk) {
        return text;
    }
    let text = text.trim_matches(|c: char| {
        matches!(
            c,
            '.' | ',' | ':' | ';' | '\'' | '`' | '-' | '_' | '~' | '、' | '，'
        )
    });
    // An ordinal read as a digit and a colon (`2:政府性基金…` for 二、):
    // no table prints one so; the column gives the ordinal back
    // ([`restore_ordinals`]).
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    match rest.strip_prefix([':', '：', ';', '；']) {
        Some(name) if (1..=2).contains(&digits) && name.chars().next().is_some_and(is_cjk) => name,
        _ => text,
    }
}

/// Levenshtein distance over characters.
pub(crate) fn edits(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Table titles as the profiles print them (canonical, and the Shanghai
/// 三公 title's variants).
const TITLES: &[&str] = &[
    "国有资本经营预算财政拨款收入支出决算表",
    "一般公共预算财政拨款基本支出决算表",
];

/// Characters a title of `len` characters may have misread and still be
/// that title: two, three for the long titles (18 characters and more,
/// whose language-model guesses drop or add a word: `国有资本经营预算财政
/// 收入支出决算总表`). No two titles are that close.
fn title_slack(len: usize) -> usize {
    (len / 6).clamp(2, 3)
}

/// Marks a speck by a title line is read as.
const TITLE_SPECKS: &str = ",，.。、;；:：'\"“”`~-_|·";

/// A line of prose that is a table title misread by a character or two
/// (a lost quote, 支 read as 文) is that title: the titles are the
/// document's vocabulary, and the layout and assembler key on them.
pub fn snap_title(text: &str) -> String {
    let all: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    // Specks after a title read as marks (`财政拨款收入支出决算总表，`): no
    // title ends with one, and the layout keys titles on their last
    // character. They go only when what is left is a title. (Marks before
    // a title stay: a 一 read as `-` is the title's.)
    let speck = |c: &&char| TITLE_SPECKS.contains(**c);
    let end = all.len() - all.iter().rev().take_while(speck).count();
    let chars = &all[..end];
    let trimmed = end < all.len();
    if chars.len() > 60 || chars.last() != Some(&'表') {
        return text.to_string();
    }
    let canonical = (1..=9)
        .filter_map(juesuan_model::TableId::from_number)
        .map(|t| t.title());
    let titles = || canonical.clone().chain(TITLES.iter().copied());
    if trimmed && titles().any(|t| t.chars().eq(chars.iter().copied())) {
        return chars.iter().collect();
    }
    if chars.len() < 8 {
        return text.to_string();
    }
    // The title agreeing with the line in the most characters wins (a
    // short title's exact tail, `收入支出决算总表`, loses to a long
    // title misread in three); then the one with fewer edits.
    let mut best: Option<(usize, usize, &str)> = None;
    for title in titles() {
        let t: Vec<char> = title.chars().collect();
        if t.len() < 8 {
            continue;
        }
        // Compare with the line's tail of about the title's length: a
        // department name may precede the title.
        for extra in 0..=2usize {
            let n = (t.len() + extra).saturating_sub(1).min(chars.len());
            let tail = &chars[chars.len() - n..];
            let d = edits(tail, &t);
            let agree = t.len().saturating_sub(d);
            let better = best.is_none_or(|(a, e, _)| agree > a || (agree == a && d < e));
            if d <= title_slack(t.len()) && better {
                best = Some((agree, d, title));
            }
        }
    }
    match best {
        Some((_, 0, _)) if trimmed => chars.iter().collect(),
        Some((_, 0, _)) | None => text.to_string(),
        Some((_, _, title)) => {
            let t = title.chars().count();
            // Keep whatever precedes the title's tail.
            let keep = chars.len().saturating_sub(t + 1);
            let head: String = chars[..keep].iter().collect();
            let head = if chars.len() > t + 1 {
                head
            } else {
                String::new()
            };
            format!("{head}{title}")
        }
    }
}

/// The names the tables' headers and total rows print (the canonical
/// column keys and the parts of their identities), for [`snap_label`].
fn vocabulary() -> &'static [String] {
    static WORDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        use juesuan_model::canonical::{column_keys, row_identities, SANGONG_ITEMS};
        let mut out: Vec<String> = Vec::new();
        for id in (1..=9).filter_map(juesuan_model::TableId::from_number) {
            let keys = column_keys(id).iter().copied();
            let ids = row_identities(id)
                .iter()
                .flat_map(|(total, parts)| std::iter::once(*total).chain(parts.iter().copied()));
            for key in keys.chain(ids).chain(SANGONG_ITEMS).chain(FOOTER_TOTALS) {
                for part in key.split('/') {
                    if !out.iter().any(|w| w == part) {
                        out.push(part.to_string());
                    }
                }
            }
        }
        // The names of the classifications' classes (rows of T01 and T04;
        // not the codes' names, which vary by year and key no row).
        use juesuan_model::classification::{ECONOMIC_CLASSES, FUNCTIONAL_CLASSES};
        let mut seen: std::collections::HashSet<String> = out.iter().cloned().collect();
        for (_, name) in FUNCTIONAL_CLASSES.iter().chain(ECONOMIC_CLASSES) {
            if seen.insert(name.to_string()) {
                out.push(name.to_string());
            }
        }
        out
    })
}

/// The totals T06 prints at its foot, which key its total rows.
const FOOTER_TOTALS: [&str; 2] = ["人员经费合计", "公用经费合计"];

/// A cell's name misread in one character (支 read as 文, a stray 人
/// read in front of it) is the one name of the tables'
/// vocabulary it differs from by that character: the
/// layout keys rows and columns on these names. An ordinal prefix
/// (`一、`) is kept; a name two characters off, or near two names, is
/// left as read.
pub fn snap_label(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let numerals = "一二三四五六七八九十";
    let lead = chars.iter().take_while(|c| numerals.contains(**c)).count();
    let start = if lead > 0 && chars.get(lead) == Some(&'、') {
        lead + 1
    } else {
        0
    };
    // Print uses full-width brackets; chi_sim often reads half-width ones.
    let label: Vec<char> = chars[start..]
        .iter()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => *c,
        })
        .collect();
    let label = label.as_slice();
    if label.len() < 4 {
        return text.to_string();
    }
    let mut found: Vec<&str> = Vec::new();
    for w in vocabulary() {
        let wc: Vec<char> = w.chars().collect();
        if wc.len().abs_diff(label.len()) > 1 {
            continue;
        }
        // Same length: characters misread. One more: a stray mark read in
        // front of the name (`人金融支出`). One fewer: a character of a
        // long name lost inside it (`因公出国境）费`), never its last, as a
        // name may be another's prefix (公务用车购置, 公务用车购置费).
        let lost_inside = |wc: &[char]| {
            label.len() >= LOST_INSIDE_MIN
                && (0..wc.len() - 1).any(|i| wc[..i] == label[..i] && wc[i + 1..] == label[i..])
        };
        let differ = if wc.len() == label.len() {
            wc.iter().zip(label).filter(|(a, b)| a != b).count()
        } else if (label.len() == wc.len() + 1 && label[1..] == wc[..])
            || (label.len() + 1 == wc.len() && lost_inside(&wc))
        {
            1
        } else {
            continue;
        };
        if differ == 0 {
            return chars[..start].iter().collect::<String>() + w;
        }
        if differ == 1 {
            found.push(w);
        }
    }
    match found.as_slice() {
        [w] => chars[..start].iter().collect::<String>() + w,
        _ => text.to_string(),
    }
}

/// Shortest name read with a character lost inside it that
/// [`snap_label`] restores (a short one is too near other names).
const LOST_INSIDE_MIN: usize = 6;

/// The number of a Chinese ordinal prefix (`二十三、`) and the name after it.
fn ordinal_of(text: &str) -> Option<(usize, &str)> {
    let (head, name) = text.split_once('、')?;
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i / 3 + 1);
    let chars: Vec<char> = head.chars().collect();
    let n = match chars.as_slice() {
        [a] if *a == '十' => 10,
        [a] => digit(*a)?,
        ['十', b] => 10 + digit(*b)?,
        [a, '十'] => digit(*a)? * 10,
        [a, '十', b] => digit(*a)? * 10 + digit(*b)?,
        _ => return None,
    };
    Some((n, name))
}

/// The Chinese ordinal of `n` (1–99).
fn ordinal(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => D[u].to_string(),
        (1, u) => format!("十{}", D[u]),
        (t, u) => format!("{}十{}", D[t.min(9)], D[u]),
    }
}

/// A name of the tables' vocabulary wrapped inside its cell
/// (`二十二、灾害防治及应急管理支` over `出`) is one name: its lines are
/// joined top to bottom. Other wrapped text (a header) is left to the
/// layout, which joins wrapped headers by their place.
fn join_wrapped(lines: &mut Vec<ReadLine>) {
    if lines.len() < 2 || lines.iter().any(|l| looks_numeric(&l.text)) {
        return;
    }
    let mut sorted: Vec<&ReadLine> = lines.iter().collect();
    sorted.sort_by_key(|l| (l.rect.y0, l.rect.x0));
    let text: String = sorted.iter().map(|l| l.text.as_str()).collect();
    let text = snap_label(&normalise(&text));
    let label = ordinal_of(&text).map_or(text.as_str(), |o| o.1);
    if !vocabulary().iter().any(|w| w == label) {
        return;
    }
    let mut joined = ReadLine {
        rect: sorted[0].rect,
        text: text.clone(),
        conf: 100.0,
    };
    for l in &sorted {
        joined.rect = joined.rect.union(&l.rect);
        joined.conf = joined.conf.min(l.conf);
    }
    *lines = vec![joined];
}

/// A name wrapped inside its cell on a row that holds figures (a 科目名称
/// beside its code and amount: `机关事业单位基本` over `养老保险缴费`) is
/// one name: its lines are joined top to bottom. Left apart, the line
/// above the row's middle reaches the layout as a line of its own, which
/// may not join the row. Header rows, which hold no figures, are left to
/// the layout.
fn join_body_names(texts: &mut [Vec<ReadLine>], cells: &[(Rect, Rect)]) {
    let figure = |lines: &[ReadLine]| match lines {
        [l] => looks_numeric(&l.text) && !l.text.chars().any(is_cjk),
        _ => false,
    };
    let n = texts.len().min(cells.len());
    let body: Vec<bool> = (0..n)
        .map(|i| {
            let c = cells[i].1;
            (0..n).any(|j| {
                let o = cells[j].1;
                j != i
                    && o.y0.abs_diff(c.y0) <= COLUMN_SLACK
                    && o.y1.abs_diff(c.y1) <= COLUMN_SLACK
                    && figure(&texts[j])
            })
        })
        .collect();
    for i in 0..n {
        let lines = &texts[i];
        if lines.len() < 2 || !body[i] || lines.iter().any(|l| looks_numeric(&l.text)) {
            continue;
        }
        let mut sorted: Vec<&ReadLine> = lines.iter().collect();
        sorted.sort_by_key(|l| (l.rect.y0, l.rect.x0));
        let mut joined = ReadLine {
            rect: sorted[0].rect,
            text: snap_label(&normalise(
                &sorted.iter().map(|l| l.text.as_str()).collect::<String>(),
            )),
            conf: 100.0,
        };
        for l in &sorted {
            joined.rect = joined.rect.union(&l.rect);
            joined.conf = joined.conf.min(l.conf);
        }
        texts[i] = vec![joined];
    }
}

/// How far apart the left edges of two cells of one column may be.
const COLUMN_SLACK: usize = 12;

/// Gives back its ordinal to a name cell whose ordinal the scan lost
/// (`一、` read as `-、` or not at all), where the column numbers its
/// names: the cell below holds ordinal N and the cell above N − 2 or none,
/// and the name is one of the tables' own (a class of the functional
/// classification, an income or fund line). Rows without amounts (a
/// template, a class with no spending) are known by their numbered names.
fn restore_ordinals(texts: &mut [Vec<ReadLine>], cells: &[(Rect, Rect)]) {
    let one_line = |texts: &[Vec<ReadLine>], i: usize| match texts[i].as_slice() {
        [l] => Some(l.text.clone()),
        _ => None,
    };
    // Bottom-up, so a restored ordinal serves the cell above it.
    let mut order: Vec<usize> = (0..texts.len().min(cells.len())).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cells[i].1.y0));
    for &i in &order {
        let Some(text) = one_line(texts, i) else {
            continue;
        };
        // T01 prints a fund's income line as the fund's name and 收入.
        let known = |t: &str| vocabulary().iter().any(|w| w == t);
        let named = known(&text) || text.strip_suffix("收入").is_some_and(known);
        if ordinal_of(&text).is_some() || !named {
            continue;
        }
        let cell = cells[i].1;
        let same_column = |j: usize| j != i && cells[j].1.x0.abs_diff(cell.x0) <= COLUMN_SLACK;
        let below = (0..cells.len())
            .filter(|&j| same_column(j) && cells[j].1.y0 > cell.y0)
            .min_by_key(|&j| cells[j].1.y0);
        let above = (0..cells.len())
            .filter(|&j| same_column(j) && cells[j].1.y0 < cell.y0)
            .max_by_key(|&j| cells[j].1.y0);
        let number = |j: Option<usize>| {
            j.and_then(|j| one_line(texts, j))
                .and_then(|t| ordinal_of(&t).map(|o| o.0))
        };
        let Some(n) = number(below).filter(|&n| n >= 2) else {
            continue;
        };
        let fits = match number(above) {
            Some(m) => m + 2 == n,
            None => true,
        };
        if fits {
            if let Some(l) = texts[i].first_mut() {
                l.text = format!("{}、{text}", ordinal(n - 1));
            }
        }
    }
}

/// A line of words read from a region, in page pixels.
struct ReadLine {
    rect: Rect,
    text: String,
    conf: f32,
}

/// Groups words (already in page pixels) into lines by tesseract's line
/// ids, merging a line's words into one text.
fn lines_of(mut words: Vec<TWord>) -> Vec<ReadLine> {
    words.sort_by_key(|w| (w.line, w.left));
    let mut out: Vec<(Vec<TWord>, (u32, u32, u32))> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some((ws, id)) if *id == w.line => ws.push(w),
            _ => {
                let id = w.line;
                out.push((vec![w], id));
            }
        }
    }
    out.into_iter()
        .filter_map(|(ws, _)| {
            // Rules read as bars are not text.
            let ws: Vec<TWord> = ws
                .into_iter()
                .filter(|w| !w.text.chars().all(|c| matches!(c, '|' | '丨' | '_' | '—')))
                .collect();
            let first = ws.first()?;
            let mut rect = Rect {
                x0: first.left,
                y0: first.top,
                x1: first.left + first.width,
                y1: first.top + first.height,
            };
            for w in &ws {
                rect = rect.union(&Rect {
                    x0: w.left,
                    y0: w.top,
                    x1: w.left + w.width,
                    y1: w.top + w.height,
                });
            }
            let conf = ws.iter().map(|w| w.conf).fold(100.0f32, f32::min);
            Some(ReadLine {
                rect,
                text: normalise(&join_words(ws.iter())),
                conf,
            })
        })
        .collect()
}

/// Splits a line into words where the gap is wider than an em (so the
/// layout sees separate words where the printed page has separate words).
fn split_wide(words: Vec<TWord>) -> Vec<Vec<TWord>> {
    let mut words = words;
    words.sort_by_key(|w| (w.line, w.left));
    let mut out: Vec<Vec<TWord>> = Vec::new();
    for w in words {
        let start_new = match out.last().and_then(|g| g.last()) {
            Some(p) => {
                let em = p.height.max(w.height).max(1);
                p.line != w.line || w.left > p.left + p.width + em
            }
            None => true,
        };
        if start_new {
            out.push(vec![w]);
        } else if let Some(g) = out.last_mut() {
            g.push(w);
        }
    }
    out
}

/// Reads one page: renders it, finds its tables, reads cells and the rest.
fn read_page(file: &str, pdf: &PdfInput, number: u32) -> Result<OcrPage, Error> {
    let started = Instant::now();
    let deadline = started + PAGE_TIMEOUT;
    let mut img = render(file, pdf, number, deadline)?;
    let turn = skew::estimate(&img);
    if turn != 0.0 {
        img = skew::straighten(&img, turn);
    }
    img.whiten_paper();
    img.despeckle();
    let grid = grid::find(&img);
    // (rect, text, conf) of everything read, in page pixels.
    let mut read: Vec<ReadLine> = Vec::new();

    // Cells: crop each to its ink.
    let mut crops: Vec<(Rect, Gray)> = Vec::new();
    // Each crop's cell interior, in the crops' order.
    let mut bands: Vec<(Rect, Rect)> = Vec::new();
    for c in &grid.cells {
        let r = c.inner;
        let inset = Rect {
            x0: r.x0 + 2,
            y0: r.y0 + 2,
            x1: r.x1.saturating_sub(2),
            y1: r.y1.saturating_sub(2),
        };
        if inset.width() == 0 || inset.height() == 0 {
            continue;
        }
        let inset = img.trim_rules(inset);
        let Some(ink) = img.clean_cell(inset) else {
            continue;
        };
        let ink = img.reach_faint(ink, inset);
        if ink.width() < 3 && ink.height() < 3 {
            continue;
        }
        let padded = Rect {
            x0: ink.x0.saturating_sub(PAD).max(inset.x0),
            y0: ink.y0.saturating_sub(PAD).max(inset.y0),
            x1: (ink.x1 + PAD).min(inset.x1),
            y1: (ink.y1 + PAD).min(inset.y1),
        };
        crops.push((padded, img.crop(padded)));
        bands.push((padded, inset));
    }
    crops.sort_by_key(|(r, _)| (r.y0, r.x0));
    bands.sort_by_key(|(r, _)| (r.y0, r.x0));
    // Everything outside the tables: only the bands of the page that hold
    // text, stacked (a table page is mostly blank once its tables are
    // cleared, and tesseract's time goes with the pixels it is given).
    let mut rest = img.clone();
    for t in &grid.tables {
        rest.clear(*t);
    }
    let whole = Rect {
        x0: 0,
        y0: 0,
        x1: rest.width,
        y1: rest.height,
    };
    let outside = rest.ink_box(whole).is_some();
    let mut outside_bands: Vec<(Rect, Gray)> = if outside {
        text_bands(&rest)
            .into_iter()
            .map(|r| (r, rest.crop(r)))
            .collect()
    } else {
        Vec::new()
    };
    // With ruled tables the text bands are final now and are read in the
    // cells' tesseract run (one model load); without, the unruled reader
    // takes its tables' bands out first.
    let mut outside_read: Option<Vec<Vec<TWord>>> = None;
    if !crops.is_empty() {
        let mut texts: Vec<Vec<ReadLine>> = (0..crops.len()).map(|_| Vec::new()).collect();
        let sets: Vec<&[(Rect, Gray)]> = if grid.tables.is_empty() {
            vec![&crops]
        } else {
            vec![&crops, &outside_bands]
        };
        let mut read_sets = read_crop_sets(
            file,
            number,
            &sets,
            &["-l", "chi_sim", "--psm", "6"],
            deadline,
        )?;
        if read_sets.len() == 2 {
            outside_read = read_sets.pop();
        }
        let by_slot = read_sets.pop().unwrap_or_default();
        let mut numeric: Vec<usize> = Vec::new();
        for (i, ws) in by_slot.into_iter().enumerate() {
            let mut lines = lines_of(ws);
            for l in &mut lines {
                l.text = snap_label(trim_specks(&l.text));
            }
            let all: String = lines.iter().map(|l| l.text.as_str()).collect();
            if looks_numeric(&all) {
                numeric.push(i);
            } else if let [line] = lines.as_mut_slice() {
                if let Some(figure) = figure_after_blot(&line.text) {
                    line.text = figure.to_string();
                    line.conf = line.conf.min(UNSURE_CONF);
                }
            }
            texts[i] = lines;
        }
        reread_unsure(file, number, &crops, &mut texts, &numeric, deadline)?;
        for (i, line) in read_figures(file, number, &img, &crops, &numeric, deadline)? {
            if let Some(line) = line {
                texts[i] = vec![line];
            }
        }
        lost_ink::mark_unread(&mut texts, &crops);
        restore_ordinals(&mut texts, &bands);
        join_body_names(&mut texts, &bands);
        // A one-line reading stands at its cell's middle: the cells of a
        // row share their rules, while ink boxes of a scan wander by a few
        // pixels (speckle, a residual turn) and would split the row.
        for (lines, (_, cell)) in texts.iter_mut().zip(&bands) {
            join_wrapped(lines);
            if let [line] = lines.as_mut_slice() {
                line.rect.y0 = cell.y0;
                line.rect.y1 = cell.y1;
            }
        }
        read.extend(texts.into_iter().flatten());
    }

    let mut unruled_table = false;
    if outside {
        // No ruled table: a table printed without rules is read by its words.
        if grid.tables.is_empty() {
            let words = unruled::read_tables(file, number, &rest, &mut outside_bands, deadline)?;
            unruled_table |= !words.is_empty();
            read.extend(words);
        }
        let by_band = match outside_read {
            Some(words) => words,
            None => read_crops(
                file,
                number,
                &outside_bands,
                &["-l", "chi_sim", "--psm", "6"],
                deadline,
            )?,
        };
        for words in by_band {
            for group in split_wide(words) {
                if is_stray_glyph(&group) {
                    continue;
                }
                read.extend(lines_of(group).into_iter().map(|mut l| {
                    l.text = snap_title(&l.text);
                    l
                }));
            }
        }
    }

    read.sort_by_key(|l| (l.rect.y0 + l.rect.y1, l.rect.x0));
    let mut page = Page {
        number,
        words: Vec::with_capacity(read.len()),
    };
    let mut confidences = Vec::with_capacity(read.len());
    for l in read {
        let text = l.text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        let cy = pt(l.rect.y0 + l.rect.y1) / 2;
        page.words.push(Word {
            left: pt(l.rect.x0),
            right: pt(l.rect.x1),
            top: cy - WORD_HEIGHT / 2,
            bottom: cy + WORD_HEIGHT / 2,
            text: text.clone(),
        });
        confidences.push((text, l.conf.round().clamp(0.0, 100.0) as u8));
    }
    Ok(OcrPage {
        page,
        confidences,
        elapsed: started.elapsed(),
        unruled: unruled_table,
    })
}

/// Confidence below which a lone glyph outside the tables is taken for a
/// cluster of specks (tesseract gives those 0 and reads a character).
const STRAY_CONF: f32 = 50.0;

/// Whether a group of words standing apart on a line is one character
/// read with little confidence: specks of the scan (`罗` or `1` beside a
/// title, `，` over a header), not print. Kept, they would join a title's
/// line or open a column of a table. (A page number so read is lost, and
/// the layout drops page numbers anyway.)
fn is_stray_glyph(group: &[TWord]) -> bool {
    let mut chars = group
        .iter()
        .flat_map(|w| w.text.chars())
        .filter(|c| !c.is_whitespace());
    let lone = chars.next().is_some() && chars.next().is_none();
    lone && group.iter().all(|w| w.conf < STRAY_CONF)
}

/// Confidence below which a name cell is read again on its own.
const UNSURE_CONF: f32 = 30.0;

/// Reads again, in a strip of their own, the name cells chi_sim read with
/// almost no confidence or of whose ink it read too little (a line lost),
/// and keeps the surer or fuller reading of each. Tesseract
/// sets its threshold from the whole strip it is given, so a blurred cell
/// among many others may come out as other characters
/// (`扩站特别国俩安排的坟` for 抗疫特别国债安排的支) and read right alone.
fn reread_unsure(
    file: &str,
    page: u32,
    crops: &[(Rect, Gray)],
    texts: &mut [Vec<ReadLine>],
    numeric: &[usize],
    deadline: Instant,
) -> Result<(), Error> {
    let conf = |lines: &[ReadLine]| lines.iter().map(|l| l.conf).fold(100.0f32, f32::min);
    // A line of a wrapped name lost (`三、国有资本经营预算财政` read, its
    // `拨款` below not): one line read, but the ink is taller than one
    // line of those characters (a Chinese character is as tall as wide).
    let short: Vec<bool> = (0..texts.len())
        .map(|i| {
            let [line] = texts[i].as_slice() else {
                return false;
            };
            // Half-widths: two for a Chinese character, one for others.
            let halves: usize = line
                .text
                .chars()
                .map(|c| if is_cjk(c) { 2 } else { 1 })
                .sum();
            let (w, h) = (crops[i].0.width(), crops[i].0.height());
            let (w, h) = (w.saturating_sub(2 * PAD), h.saturating_sub(2 * PAD));
            halves >= 4 && h * halves * 10 > w * 2 * 16
        })
        .collect();
    let unsure: Vec<usize> = (0..texts.len())
        .filter(|&i| !texts[i].is_empty() && !numeric.contains(&i))
        .filter(|&i| conf(&texts[i]) < UNSURE_CONF || short[i])
        .collect();
    if unsure.is_empty() {
        return Ok(());
    }
    let sub: Vec<(Rect, Gray)> = unsure.iter().map(|&i| crops[i].clone()).collect();
    let by_slot = read_crops(file, page, &sub, &["-l", "chi_sim", "--psm", "6"], deadline)?;
    for (k, ws) in by_slot.into_iter().enumerate() {
        let i = unsure[k];
        let mut lines = lines_of(ws);
        for l in &mut lines {
            l.text = snap_label(trim_specks(&l.text));
        }
        let better = conf(&lines) > conf(&texts[i]) || (short[i] && lines.len() > texts[i].len());
        if !lines.is_empty()
            && better
            && !looks_numeric(&lines.iter().map(|l| l.text.as_str()).collect::<String>())
        {
            texts[i] = lines;
        }
        // Read alone the lost line still lost: the tables' vocabulary
        // completes the name when exactly one of its names goes on from
        // what was read, with the confidence of a guess.
        if let [line] = texts[i].as_mut_slice() {
            if short[i] {
                if let Some(full) = complete_label(&line.text) {
                    line.text = full;
                    line.conf = line.conf.min(UNSURE_CONF);
                }
            }
        }
    }
    Ok(())
}

/// The one name of the tables' vocabulary that `text` (after an ordinal)
/// begins and that is at most [`MAX_LOST_TAIL`] characters longer, with
/// the ordinal kept.
fn complete_label(text: &str) -> Option<String> {
    let (head, label) = match ordinal_of(text) {
        Some((_, name)) => (&text[..text.len() - name.len()], name),
        None => ("", text),
    };
    let n = label.chars().count();
    if n < LOST_INSIDE_MIN {
        return None;
    }
    let mut found = vocabulary().iter().filter(|w| {
        let extra = w.chars().count().saturating_sub(n);
        w.starts_with(label) && (1..=MAX_LOST_TAIL).contains(&extra)
    });
    match (found.next(), found.next()) {
        (Some(w), None) => Some(format!("{head}{w}")),
        _ => None,
    }
}

/// Most characters of a wrapped name's lost last line [`complete_label`]
/// puts back.
const MAX_LOST_TAIL: usize = 4;

/// Confidence below which a figure read in the page's strip is read
/// again in a strip of its own (a sure reading scores above 85).
const FIGURE_UNSURE_CONF: f32 = 75.0;

/// Reads the crops `which` (indices into `crops`) with the digit
/// whitelist: each one's figure as one line over the cell's ink, or `None`
/// where no figure was read.
///
/// The figures read with little confidence, or with fewer digits than
/// their ink has glyphs, are read again in a strip of their own, and the
/// better reading kept. In a strip of a page's figures tesseract now and
/// then reads two narrow digits as one (`11` as `1`, with a confidence of
/// 2 or 54) and reads them right among a few others; a code so shortened
/// loses its row.
fn read_figures(
    file: &str,
    page: u32,
    img: &Gray,
    crops: &[(Rect, Gray)],
    which: &[usize],
    deadline: Instant,
) -> Result<Vec<(usize, Option<ReadLine>)>, Error> {
    let mut out = read_digits(file, page, img, crops, which, deadline)?;
    // Each unsure figure's place in `out` and how many glyphs its ink has.
    let unsure: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(k, (i, line))| {
            let glyphs = img.glyphs(crops[*i].0);
            let unsure = match line {
                Some(l) => l.conf < FIGURE_UNSURE_CONF || digits(&l.text) < glyphs,
                None => false,
            };
            unsure.then_some((k, glyphs))
        })
        .collect();
    if unsure.is_empty() {
        return Ok(out);
    }
    let again: Vec<usize> = unsure.iter().map(|&(k, _)| out[k].0).collect();
    let reread = read_digits(file, page, img, crops, &again, deadline)?;
    for (&(k, glyphs), (_, new)) in unsure.iter().zip(reread) {
        let (Some(new), Some(old)) = (new, out[k].1.as_ref()) else {
            continue;
        };
        if better_figure(old, &new, glyphs) {
            out[k].1 = Some(new);
        }
    }
    Ok(out)
}

/// How many digits a reading holds.
fn digits(text: &str) -> usize {
    text.chars().filter(|c| c.is_ascii_digit()).count()
}

/// Whether the second reading of a figure whose ink has `glyphs` glyphs
/// is better than the first: one that lost digits gives way to one with
/// more of them (never more than the ink has glyphs), otherwise to a surer
/// reading with as many digits.
fn better_figure(old: &ReadLine, new: &ReadLine, glyphs: usize) -> bool {
    let (was, now) = (digits(&old.text), digits(&new.text));
    if was < glyphs && now != was {
        return now > was && now <= glyphs;
    }
    now >= was && new.conf > old.conf
}

/// One digit-whitelist reading of the crops `which`: see [`read_figures`].
fn read_digits(
    file: &str,
    page: u32,
    img: &Gray,
    crops: &[(Rect, Gray)],
    which: &[usize],
    deadline: Instant,
) -> Result<Vec<(usize, Option<ReadLine>)>, Error> {
    if which.is_empty() {
        return Ok(Vec::new());
    }
    let sub: Vec<(Rect, Gray)> = which.iter().map(|&i| crops[i].clone()).collect();
    let by_slot = read_crops(
        file,
        page,
        &sub,
        &["-l", "eng", "--psm", "6", "-c", DIGIT_WHITELIST],
        deadline,
    )?;
    let mut out = Vec::with_capacity(which.len());
    for (k, ws) in by_slot.into_iter().enumerate() {
        let i = which[k];
        let text: String = ws
            .iter()
            .flat_map(|w| w.text.chars())
            .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
            .collect();
        // A figure never starts or ends with a point or a comma, nor ends
        // with a minus: one there is a speck by the digits (`201.` for
        // 201, `208-` for 208).
        let mut text = text
            .trim_start_matches(['.', ','])
            .trim_end_matches(['.', ',', '-'])
            .to_string();
        // A leading minus is believed only where the ink before the digits
        // has a minus sign's shape.
        if text.starts_with('-') && !img.leads_with_minus(crops[i].0) {
            text = text.trim_start_matches('-').to_string();
        }
        text = point_for_comma(&text);
        if !text.chars().any(|c| c.is_ascii_digit()) {
            out.push((i, None));
            continue;
        }
        let conf = ws.iter().map(|w| w.conf).fold(100.0f32, f32::min);
        // A figure is one word: its box is the cell's ink.
        let r = crops[i].0;
        let rect = img.ink_box(r).unwrap_or(r);
        out.push((i, Some(ReadLine { rect, text, conf })));
    }
    Ok(out)
}

/// The figure of a cell read as one character and a figure with its
/// decimal point (`了11.53`): a blot by the digits read as a character.
/// The digit re-read would take the blot for a digit; the figure as read
/// is kept, with a guess's confidence.
fn figure_after_blot(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next().filter(|c| is_cjk(*c))?;
    let rest = &text[first.len_utf8()..];
    let (int, dec) = rest.split_once('.')?;
    let int_ok = int.starts_with(|c: char| c.is_ascii_digit())
        && int.chars().all(|c| c.is_ascii_digit() || c == ',');
    let dec_ok = (1..=2).contains(&dec.len()) && dec.chars().all(|c| c.is_ascii_digit());
    (int_ok && dec_ok).then_some(rest)
}

/// A figure whose last separator is a comma before two digits and that
/// has no point (`449,52`): a comma of thousands always has three digits
/// after it, so this one is the decimal point misread.
fn point_for_comma(text: &str) -> String {
    let b = text.as_bytes();
    let n = b.len();
    let comma_before_two =
        n >= 4 && b[n - 3] == b',' && b[n - 2].is_ascii_digit() && b[n - 1].is_ascii_digit();
    if comma_before_two && !text.contains('.') {
        format!("{}.{}", &text[..n - 3], &text[n - 2..])
    } else {
        text.to_string()
    }
}

/// Blank rows that end a band of text (about 5 mm at 300 dpi: more than
/// the space between two lines of a paragraph or a title and its 单位 line).
const BAND_GAP: usize = 60;
/// White kept around a band.
const BAND_PAD: usize = 12;

/// The bands of a page holding ink: runs of rows with ink, joined across
/// gaps shorter than [`BAND_GAP`], each cut to its ink's width.
fn text_bands(img: &Gray) -> Vec<Rect> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for y in 0..img.height {
        let row = &img.data[y * img.width..(y + 1) * img.width];
        if !row.iter().any(|&v| v < image::INK) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if y <= run.1 + BAND_GAP => run.1 = y + 1,
            _ => runs.push((y, y + 1)),
        }
    }
    runs.into_iter()
        .filter_map(|(y0, y1)| {
            let r = Rect {
                x0: 0,
                y0: y0.saturating_sub(BAND_PAD),
                x1: img.width,
                y1: (y1 + BAND_PAD).min(img.height),
            };
            let ink = img.ink_box(r)?;
            Some(Rect {
                x0: ink.x0.saturating_sub(BAND_PAD),
                x1: (ink.x1 + BAND_PAD).min(img.width),
                ..r
            })
        })
        .collect()
}

/// Tesseract refuses images taller or wider than this many pixels.
const TESSERACT_MAX_SIDE: usize = 32_767;

/// Reads crops with one tesseract call: crops are stacked into as few
/// strips as keep below tesseract's image limit. Returns the words of each
/// crop, in the crops' order.
fn read_crops(
    file: &str,
    page: u32,
    crops: &[(Rect, Gray)],
    args: &[&str],
    deadline: Instant,
) -> Result<Vec<Vec<TWord>>, Error> {
    Ok(read_crop_sets(file, page, &[crops], args, deadline)?
        .pop()
        .unwrap_or_default())
}

/// Reads several sets of crops with the same settings in one tesseract
/// call, each set stacked into strips of its own ([`read_crops`]): the
/// words of each crop of each set.
fn read_crop_sets(
    file: &str,
    page: u32,
    sets: &[&[(Rect, Gray)]],
    args: &[&str],
    deadline: Instant,
) -> Result<Vec<Vec<Vec<TWord>>>, Error> {
    // (set, its crops in the strip, the strip)
    let mut strips: Vec<(usize, std::ops::Range<usize>, image::Strip)> = Vec::new();
    for (k, crops) in sets.iter().enumerate() {
        for group in strip_groups(crops.iter().map(|(_, g)| g.height), TESSERACT_MAX_SIDE) {
            if crops[group.clone()]
                .iter()
                .any(|(_, g)| g.width + 2 * GAP > TESSERACT_MAX_SIDE)
            {
                return Err(ocr_error(
                    file,
                    Some(page),
                    format!("第 {page} 页图像过大（超过 {TESSERACT_MAX_SIDE} 像素），无法文字识别"),
                ));
            }
            let strip = image::stack(
                &crops[group.clone()]
                    .iter()
                    .map(|(_, g)| g.clone())
                    .collect::<Vec<_>>(),
                GAP,
            );
            strips.push((k, group, strip));
        }
    }
    let images: Vec<&Gray> = strips.iter().map(|(_, _, s)| &s.image).collect();
    let by_strip = tesseract(file, page, &images, args, deadline)?;
    let mut out: Vec<Vec<Vec<TWord>>> = sets.iter().map(|c| Vec::with_capacity(c.len())).collect();
    for ((k, group, strip), words) in strips.iter().zip(by_strip) {
        out[*k].extend(assign(&strip.slots, words, &sets[*k][group.clone()]));
    }
    Ok(out)
}

/// Splits crops (given by their heights) into consecutive groups whose
/// stacked height, gaps included, stays at most `max`; a crop taller than
/// that alone is a group of its own (and refused by its caller's checks
/// or by tesseract with its own message).
fn strip_groups(heights: impl Iterator<Item = usize>, max: usize) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let (mut start, mut height, mut n) = (0, GAP, 0);
    for (i, h) in heights.enumerate() {
        if i > start && height + h + GAP > max {
            groups.push(start..i);
            (start, height) = (i, GAP);
        }
        height += h + GAP;
        n = i + 1;
    }
    if n > start {
        groups.push(start..n);
    }
    groups
}

/// Distributes a strip's words to the crops they fall in, translated into
/// page pixels.
fn assign(slots: &[Rect], words: Vec<TWord>, crops: &[(Rect, Gray)]) -> Vec<Vec<TWord>> {
    let mut out: Vec<Vec<TWord>> = vec![Vec::new(); slots.len()];
    for mut w in words {
        let cy = w.cy();
        let i = slots.partition_point(|s| s.y1 + GAP / 2 <= cy);
        let (Some(s), Some((r, _))) = (slots.get(i), crops.get(i)) else {
            continue;
        };
        if cy + GAP / 2 < s.y0 {
            continue;
        }
        w.left = (w.left + r.x0).saturating_sub(s.x0);
        w.top = (w.top + r.y0).saturating_sub(s.y0);
        out[i].push(w);
    }
    out
}

/// The least a scanned page's image takes in a PDF (a bilevel A4 page
/// compressed with JBIG2 or CCITT G4 takes 10–60 KB).
const MIN_SCAN_PAGE_BYTES: usize = 4096;

/// How many pages a PDF of `bytes` may have OCR'd: each page costs about
/// a second of CPU, so a small file whose pages all show one image (200
/// pages cost 228 s) is refused before any work, not after.
fn ocr_page_budget(bytes: usize) -> usize {
    4 + bytes / MIN_SCAN_PAGE_BYTES
}

/// OCRs the given pages (1-based numbers) of a PDF, [`WORKERS`] at a time.
pub fn read_pages(file: &str, pdf: &PdfInput, pages: &[u32]) -> Result<Vec<OcrPage>, Error> {
    if pages.len() > MAX_OCR_PAGES {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!(
                "需要文字识别的页数过多（{} 页，上限 {MAX_OCR_PAGES} 页）",
                pages.len()
            ),
        ));
    }
    if pages.len() > ocr_page_budget(pdf.len()) {
        return Err(Error::new(
            ErrorKind::TooLarge,
            file,
            None,
            format!(
                "需要文字识别的页数（{} 页）与文件大小（{} KB）不相称：扫描件每页的图像至少约 {} KB，本文件不像扫描的报告",
                pages.len(),
                pdf.len() / 1024,
                MIN_SCAN_PAGE_BYTES / 1024
            ),
        ));
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    progress::report(file, 0, pages.len());
    let results: Mutex<Vec<Option<Result<OcrPage, Error>>>> = Mutex::new(vec![None; pages.len()]);
    let failed = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..WORKERS.min(pages.len()) {
            s.spawn(|| loop {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&p) = pages.get(i) else {
                    break;
                };
                let r = read_page(file, pdf, p);
                if r.is_err() {
                    failed.store(true, Ordering::Relaxed);
                } else {
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    progress::report(file, n, pages.len());
                }
                if let Ok(mut all) = results.lock() {
                    all[i] = Some(r);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_default();
    let mut out = Vec::with_capacity(pages.len());
    for r in results {
        match r {
            Some(Ok(p)) => out.push(p),
            Some(Err(e)) => return Err(e),
            // Not reached: a page is skipped only after another failed.
            None => {}
        }
    }
    Ok(out)
}

/// Which of `pages` (ascending) hold an image (`pdfimages -list`), so a
/// page without words in a text PDF is OCR'd only when it may be a scan.
/// Only those pages are listed: poppler's cost grows with the pages it
/// visits, and a text PDF's wordless pages are few (a blank back page).
pub fn pages_with_images(pdf: &PdfInput, pages: &[u32]) -> Option<Vec<u32>> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut found = Vec::new();
    for (first, last) in page_runs(pages) {
        let (first, last) = (first.to_string(), last.to_string());
        let out = tool::run(
            "pdfimages",
            &["-list", "-f", &first, "-l", &last, pdf.arg()],
            pdf.stdin(),
            deadline,
            16 << 20,
        )
        .ok()?;
        let text = String::from_utf8_lossy(&out);
        found.extend(
            text.lines()
                .skip(2)
                .filter_map(|l| l.split_whitespace().next()?.parse::<u32>().ok()),
        );
    }
    found.retain(|p| pages.contains(p));
    found.dedup();
    Some(found)
}

/// Pages a listing covers beyond those asked for, rather than starting
/// poppler once more (one start costs about as much as ten pages listed).
const PAGE_GAP: u32 = 8;

/// `pages` (ascending) as inclusive ranges, joined across gaps of at most
/// [`PAGE_GAP`] pages.
fn page_runs(pages: &[u32]) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &p in pages {
        match runs.last_mut() {
            Some(run) if p <= run.1 + PAGE_GAP + 1 => run.1 = p,
            _ => runs.push((p, p)),
        }
    }
    runs
}

/// Reads the pages of `pages` that have no words by OCR, filling in their
/// words. Returns the OCR'd pages (empty when none needed it). A text PDF's
/// wordless page is read only when it holds an image; a PDF with no words
/// at all is read entirely.
pub fn fill_pages(file: &str, pdf: &PdfInput, pages: &mut [Page]) -> Result<Vec<OcrPage>, Error> {
    let blank: Vec<u32> = pages
        .iter()
        .filter(|p| p.words.is_empty())
        .map(|p| p.number)
        .collect();
    if blank.is_empty() {
        return Ok(Vec::new());
    }
    let scanned = blank.len() == pages.len();
    let todo: Vec<u32> = if scanned {
        blank
    } else {
        pages_with_images(pdf, &blank).unwrap_or_default()
    };
    if todo.is_empty() {
        return Ok(Vec::new());
    }
    let read = match read_pages(file, pdf, &todo) {
        Ok(r) => r,
        // A text PDF stays readable without OCR.
        Err(_) if !scanned => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    for o in &read {
        if let Some(p) = pages.iter_mut().find(|p| p.number == o.page.number) {
            p.words = o.page.words.clone();
        }
    }
    if scanned && read.iter().all(|o| o.page.words.is_empty()) {
        return Err(Error::new(
            ErrorKind::NotAReport,
            file,
            None,
            format!(
                "PDF 没有文字层（可能是扫描件），文字识别（OCR）在全部 {} 页上也未读出任何文字：无法读取该文件",
                pages.len()
            ),
        ));
    }
    Ok(read)
}

/// Gives every table cell on an OCR'd page the confidence of the words it
/// was built from: a cell made of one word takes that word's; a cell the
/// layout joined from several takes the lowest. Words are matched in
/// reading order, so repeated values keep their own confidences.
pub fn attach_confidence(lines: &mut [SourceLine], pages: &[OcrPage]) {
    for o in pages {
        let mut pool: Vec<(&str, u8, bool)> = o
            .confidences
            .iter()
            .map(|(t, c)| (t.as_str(), *c, false))
            .collect();
        let floor = o.confidences.iter().map(|c| c.1).min().unwrap_or(0);
        // A prose line takes the lowest confidence of the words it holds.
        for l in lines
            .iter_mut()
            .filter(|l| l.page == Some(o.page.number) && !l.is_tabular())
        {
            let text: String = l.text.split_whitespace().collect();
            let low = o
                .confidences
                .iter()
                .filter(|(t, _)| {
                    let t: String = t.split_whitespace().collect();
                    !t.is_empty() && text.contains(&t)
                })
                .map(|c| c.1)
                .min();
            // The layout gives every PDF prose line its flow.
            if let Some(flow) = l.flow.as_mut() {
                flow.confidence = Some(low.unwrap_or(floor));
            }
        }
        for l in lines
            .iter_mut()
            .filter(|l| l.page == Some(o.page.number) && l.is_tabular())
        {
            l.columns_guessed = o.unruled;
            for cell in l.cells.iter_mut().filter(|c| !c.text.is_empty()) {
                let t = cell.text.as_str();
                let conf = if let Some(e) = pool.iter_mut().find(|e| !e.2 && e.0 == t) {
                    e.2 = true;
                    Some(e.1)
                } else {
                    // Joined from pieces (a wrapped name), or a piece of a
                    // word the layout split (a code glued to its name).
                    let mut low: Option<u8> = None;
                    for e in pool.iter_mut().filter(|e| !e.2 && t.contains(e.0)) {
                        e.2 = true;
                        low = Some(low.map_or(e.1, |l: u8| l.min(e.1)));
                    }
                    low.or_else(|| pool.iter().find(|e| e.0.contains(t)).map(|e| e.1))
                };
                cell.span.confidence = Some(conf.unwrap_or(floor));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stay_below_tesseracts_limit() {
        // 1,000 cells of 60 px: one strip would be 100,040 px tall.
        let groups = strip_groups(std::iter::repeat_n(60, 1000), TESSERACT_MAX_SIDE);
        assert_eq!(groups.len(), 4);
        assert_eq!(groups.first().map(|g| g.start), Some(0));
        assert_eq!(groups.last().map(|g| g.end), Some(1000));
        assert!(groups.windows(2).all(|w| w[0].end == w[1].start));
        for g in &groups {
            assert!(GAP + g.len() * (60 + GAP) <= TESSERACT_MAX_SIDE, "{g:?}");
        }
        assert_eq!(strip_groups([10, 20].into_iter(), 1000), vec![0..2]);
        assert!(strip_groups(std::iter::empty(), 1000).is_empty());
        assert_eq!(
            strip_groups([40_000, 10].into_iter(), 32_767),
            vec![0..1, 1..2]
        );
    }

    #[test]
    fn images_read_in_one_run_read_as_each_alone() {
        if !juesuan_testkit::tools(&["pdftoppm", "tesseract"]) {
            return;
        }
        let pdf = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf"),
        )
        .unwrap();
        let input = PdfInput::new(&pdf);
        let deadline = Instant::now() + PAGE_TIMEOUT;
        // Page 6 holds the first table: its upper part (title, header) and
        // a band of its body, read by the reference way (each image on
        // standard input to a run of its own) and by one listed run.
        let page = render("t.pdf", &input, 6, deadline).unwrap();
        let cut = |y0: usize, y1: usize| {
            page.crop(Rect {
                x0: 0,
                y0,
                x1: page.width,
                y1,
            })
        };
        let (top, body) = (cut(300, 1100), cut(1100, 1800));
        let args = ["-l", "chi_sim", "--psm", "6"];
        let alone: Vec<Vec<TWord>> = [&top, &body]
            .iter()
            .map(|img| {
                let tsv = run_tesseract("t.pdf", 6, img.to_pgm(), &args, deadline).unwrap();
                tool::parse_tsv(&tsv)
            })
            .collect();
        let together = tesseract("t.pdf", 6, &[&top, &body], &args, deadline).unwrap();
        assert!(alone.iter().all(|words| words.len() > 5), "{alone:?}");
        assert_eq!(together, alone);
    }

    #[test]
    fn the_language_hint_is_given_only_for_a_missing_language() {
        let missing = "exit status: 1 Failed loading language 'chi_sim'";
        assert!(failure_message(3, missing).contains("chi_sim 语言包"));
        let refused = "exit status: 1 Image too large: (40000, 2480)";
        let m = failure_message(3, refused);
        assert!(
            !m.contains("语言包") && m.contains("Image too large"),
            "{m}"
        );
    }

    #[test]
    fn text_bands_skip_blank_paper() {
        let mut g = Gray::white(400, 1000);
        for (y, x0, x1) in [(100, 50, 300), (130, 60, 200), (700, 100, 150)] {
            for x in x0..x1 {
                g.data[y * 400 + x] = 0;
            }
        }
        let bands = text_bands(&g);
        assert_eq!(bands.len(), 2, "{bands:?}");
        assert_eq!((bands[0].y0, bands[0].y1), (88, 143));
        assert_eq!((bands[0].x0, bands[0].x1), (38, 312));
        assert_eq!((bands[1].y0, bands[1].y1), (688, 713));
        assert!(text_bands(&Gray::white(10, 10)).is_empty());
    }

    #[test]
    fn blank_pages_are_listed_in_few_runs() {
        assert_eq!(page_runs(&[14]), [(14, 14)]);
        assert_eq!(page_runs(&[2, 3, 5, 40]), [(2, 5), (40, 40)]);
        assert_eq!(page_runs(&[1, 10, 20]), [(1, 10), (20, 20)]);
        assert!(page_runs(&[]).is_empty());
    }

    #[test]
    fn punctuation_that_matters_is_restored() {
        assert_eq!(normalise("单位;万元"), "单位：万元");
        assert_eq!(
            normalise("，注:本表反映部门本年度基本支出。"),
            "注：本表反映部门本年度基本支出。"
        );
        assert_eq!(normalise("，"), "");
        assert_eq!(normalise(".5"), ".5");
        assert_eq!(normalise("注，本表无数据。"), "注：本表无数据。");
        assert_eq!(
            normalise("“注，本表反映部门本年度基本支出。"),
            "注：本表反映部门本年度基本支出。"
        );
        assert_eq!(
            normalise("“三公”经费支出决算情况说明"),
            "“三公”经费支出决算情况说明"
        );
        assert_eq!(normalise("士二、农林水支出"), "十二、农林水支出");
        assert_eq!(normalise("因公出国〈境)"), "因公出国（境)");
        assert_eq!(normalise("士兵"), "士兵");
        assert_eq!(normalise("五，事业收入"), "五、事业收入");
        assert_eq!(normalise("十~:城乡社区支出"), "十、城乡社区支出");
        assert_eq!(normalise("-十六”金融支出"), "十六、金融支出");
        assert_eq!(normalise("一般公共服务支出"), "一般公共服务支出");
        assert_eq!(normalise("三、国防支出"), "三、国防支出");
        assert_eq!(
            normalise("-十一、国有资本经营预算支出"),
            "十一、国有资本经营预算支出"
        );
        assert_eq!(
            normalise("*、一般公共预算财政拨款收入"),
            "一般公共预算财政拨款收入"
        );
        assert_eq!(normalise("=、国防支出"), "国防支出");
        assert_eq!(normalise("“、一般公共服务支出"), "一般公共服务支出");
        assert_eq!(normalise("十万、住房保障支出"), "住房保障支出");
        assert_eq!(normalise("差旅费、会议费"), "差旅费、会议费");
        assert_eq!(
            normalise("入、 政府性基金预算财政拨款"),
            "八、政府性基金预算财政拨款"
        );
        assert_eq!(
            normalise("四、 财政拨款收入支出决算总表"),
            "四、财政拨款收入支出决算总表"
        );
    }

    #[test]
    fn specks_by_a_name_go() {
        assert_eq!(trim_specks("项目."), "项目");
        assert_eq!(trim_specks("'科目名称"), "科目名称");
        assert_eq!(trim_specks("-12.5"), "-12.5");
        assert_eq!(trim_specks("预算数、"), "预算数");
        assert_eq!(trim_specks("住房保障支出:"), "住房保障支出");
        assert_eq!(
            trim_specks("2:政府性基金预算财政拨款收入"),
            "政府性基金预算财政拨款收入"
        );
        assert_eq!(trim_specks("2013950"), "2013950");
    }

    #[test]
    fn misread_titles_snap_to_the_canonical_ones() {
        assert_eq!(
            snap_title("财政拨款三公?经费支出决算表"),
            "财政拨款“三公”经费支出决算表"
        );
        assert_eq!(
            snap_title("政府性基金预算财政拨款收入文出决算表"),
            "政府性基金预算财政拨款收入支出决算表"
        );
        assert_eq!(snap_title("收入支出决算总表"), "收入支出决算总表");
        // Specks read as marks by a title go; by other lines they stay.
        assert_eq!(
            snap_title("财政拨款收入支出决算总表，"),
            "财政拨款收入支出决算总表"
        );
        assert_eq!(snap_title("收入决算表."), "收入决算表");
        assert_eq!(
            snap_title("政府性基金预算财政拨款收入文出决算表”"),
            "政府性基金预算财政拨款收入支出决算表"
        );
        // A long title with a word lost and one added.
        assert_eq!(
            snap_title("国有资本经营预算财政收入支出决算总表"),
            "国有资本经营预算财政拨款收入支出决算表"
        );
        // A 一 read as a dash is no speck.
        assert_eq!(
            snap_title("-般公共预算财政拨款基本支出决算表，"),
            "一般公共预算财政拨款基本支出决算表"
        );
        assert_eq!(snap_title("详见附表，"), "详见附表，");
        assert_eq!(snap_title("详见附表。"), "详见附表。");
        assert_eq!(snap_title("支出决算表"), "支出决算表");
        assert_eq!(
            snap_title("一般公共预算财政拨款支出决算表"),
            "一般公共预算财政拨款支出决算表"
        );
    }

    #[test]
    fn misread_names_snap_to_the_tables_vocabulary() {
        assert_eq!(snap_label("本年文出合计"), "本年支出合计");
        assert_eq!(snap_label("三、上级补助收八"), "三、上级补助收入");
        assert_eq!(snap_label("本年支出合计"), "本年支出合计");
        assert_eq!(snap_label("行政运行"), "行政运行");
        assert_eq!(snap_label("卫生健康支册"), "卫生健康支出");
        assert_eq!(snap_label("十六、人金融支出"), "十六、金融支出");
        assert_eq!(snap_label("公务用车购置"), "公务用车购置");
        assert_eq!(snap_label("公用经费台计"), "公用经费合计");
        assert_eq!(snap_label("2,940.05"), "2,940.05");
        assert_eq!(snap_label("因公出国境)费"), "因公出国（境）费");
        assert_eq!(snap_label("因公出国(境)费"), "因公出国（境）费");
        assert_eq!(snap_label("公务用车购置"), "公务用车购置");
    }

    #[test]
    fn a_wrapped_names_lost_line_comes_from_the_vocabulary() {
        assert_eq!(
            complete_label("三、国有资本经营预算财政").as_deref(),
            Some("三、国有资本经营预算财政拨款")
        );
        // Too short, or the start of several names: left alone.
        assert_eq!(complete_label("国有资本"), None);
        assert_eq!(complete_label("行政运行"), None);
    }

    #[test]
    fn a_name_wrapped_beside_figures_is_one_name() {
        let line = |t: &str, y0: usize| ReadLine {
            rect: Rect {
                x0: 100,
                y0,
                x1: 400,
                y1: y0 + 40,
            },
            text: t.to_string(),
            conf: 90.0,
        };
        let cell = |x0: usize, y0: usize, h: usize| {
            let r = Rect {
                x0,
                y0,
                x1: x0 + 300,
                y1: y0 + h,
            };
            (r, r)
        };
        // A body row: code, wrapped name, amount; and a header row of two
        // wrapped words with no figure beside them.
        let mut texts = vec![
            vec![line("30108", 520)],
            vec![line("机关事业单位基本", 500), line("养老保险缴费", 545)],
            vec![line("6.18", 520)],
            vec![line("一般公共预算", 100), line("财政拨款", 145)],
            vec![line("科目名称", 120)],
        ];
        let cells = [
            cell(0, 500, 90),
            cell(300, 500, 90),
            cell(600, 500, 90),
            cell(0, 100, 90),
            cell(300, 100, 90),
        ];
        join_body_names(&mut texts, &cells);
        assert_eq!(texts[1].len(), 1);
        assert_eq!(texts[1][0].text, "机关事业单位基本养老保险缴费");
        assert_eq!(texts[3].len(), 2);
    }

    #[test]
    fn lost_ordinals_come_back_from_the_column() {
        let line = |t: &str| {
            vec![ReadLine {
                rect: Rect::default(),
                text: t.to_string(),
                conf: 90.0,
            }]
        };
        let cell = |x0: usize, y0: usize| {
            let r = Rect {
                x0,
                y0,
                x1: x0 + 300,
                y1: y0 + 60,
            };
            (r, r)
        };
        let mut texts = vec![
            line("项目"),
            line("一般公共预算财政拨款收入"),
            line("外交支出"),
            line("三、国防支出"),
            line("本年支出合计"),
            line("305.00"),
        ];
        let cells = [
            cell(100, 0),
            cell(104, 70),
            cell(98, 140),
            cell(100, 210),
            cell(100, 280),
            cell(500, 70),
        ];
        restore_ordinals(&mut texts, &cells);
        let got: Vec<&str> = texts.iter().map(|t| t[0].text.as_str()).collect();
        assert_eq!(
            got,
            [
                "项目",
                "一、一般公共预算财政拨款收入",
                "二、外交支出",
                "三、国防支出",
                "本年支出合计",
                "305.00"
            ]
        );
        assert_eq!(ordinal_of("二十三、其他支出"), Some((23, "其他支出")));
        assert_eq!(ordinal_of("十、节能环保支出"), Some((10, "节能环保支出")));
        assert_eq!(ordinal_of("差旅费、会议费"), None);
        assert_eq!(
            [1, 10, 16, 20, 24].map(ordinal),
            ["一", "十", "十六", "二十", "二十四"]
        );
    }

    #[test]
    fn a_blot_read_as_a_character_before_a_figure_goes() {
        assert_eq!(figure_after_blot("了11.53"), Some("11.53"));
        assert_eq!(figure_after_blot("了2,152.26"), Some("2,152.26"));
        assert_eq!(figure_after_blot("合计"), None);
        assert_eq!(figure_after_blot("约11.5万"), None);
        assert_eq!(figure_after_blot("11.53"), None);
    }

    #[test]
    fn a_figure_read_again_replaces_a_shorter_or_less_sure_one() {
        let read = |text: &str, conf: f32| ReadLine {
            rect: Rect::default(),
            text: text.to_string(),
            conf,
        };
        // `11` read as `1`: two glyphs of ink, the second reading has both.
        assert!(better_figure(&read("1", 54.0), &read("11", 69.0), 2));
        assert!(better_figure(&read("1", 96.0), &read("11", 40.0), 2));
        // Never more digits than the ink has glyphs.
        assert!(!better_figure(&read("1", 54.0), &read("111", 90.0), 2));
        // As many digits: the surer reading.
        assert!(better_figure(&read("14", 73.0), &read("14", 94.0), 2));
        assert!(!better_figure(&read("14", 73.0), &read("11", 60.0), 2));
        // A digit lost by the second reading is no better.
        assert!(!better_figure(&read("2.83", 70.0), &read("2.8", 90.0), 3));
    }

    #[test]
    fn a_comma_before_two_digits_is_the_point() {
        assert_eq!(point_for_comma("449,52"), "449.52");
        assert_eq!(point_for_comma("1,503,52"), "1,503.52");
        assert_eq!(point_for_comma("1,503.52"), "1,503.52");
        assert_eq!(point_for_comma("2,106"), "2,106");
        assert_eq!(point_for_comma("52"), "52");
    }

    #[test]
    fn numeric_readings() {
        assert!(looks_numeric("2,940.05"));
        assert!(looks_numeric("201"));
        assert!(looks_numeric("2 940. 05"));
        assert!(looks_numeric("05$"));
        assert!(looks_numeric("1.$S03.S2"));
        assert!(looks_numeric("] 1 ."));
        assert!(!looks_numeric("PPP"));
        assert!(!looks_numeric("A类"));
        assert!(!looks_numeric("合计"));
        assert!(!looks_numeric("一、2"));
        assert!(!looks_numeric(""));
    }

    #[test]
    fn lone_glyphs_read_from_specks_go() {
        let w = |t: &str, conf: f32| TWord {
            line: (1, 1, 1),
            left: 0,
            top: 0,
            width: 1,
            height: 1,
            conf,
            text: t.to_string(),
        };
        assert!(is_stray_glyph(&[w("罗", 0.0)]));
        assert!(is_stray_glyph(&[w("，", 12.0)]));
        assert!(!is_stray_glyph(&[w("罗", 90.0)]));
        assert!(is_stray_glyph(&[w("1", 7.0)]));
        assert!(!is_stray_glyph(&[w("7", 90.0)]));
        assert!(!is_stray_glyph(&[w("12", 10.0)]));
        assert!(!is_stray_glyph(&[w("单位", 10.0)]));
        assert!(!is_stray_glyph(&[w("单", 10.0), w("位", 10.0)]));
    }

    #[test]
    fn words_join_like_print() {
        let w = |t: &str| TWord {
            line: (1, 1, 1),
            left: 0,
            top: 0,
            width: 1,
            height: 1,
            conf: 90.0,
            text: t.to_string(),
        };
        let ws = [w("一般"), w("公共"), w("A"), w("B")];
        assert_eq!(join_words(ws.iter()), "一般公共A B");
        let ws = [
            w("总计"),
            w("307."),
            w("82"),
            w("万元，增长"),
            w("100."),
            w("00%"),
        ];
        assert_eq!(join_words(ws.iter()), "总计307.82万元，增长100.00%");
    }

    #[test]
    fn confidences_follow_reading_order() {
        let mut lines = vec![SourceLine {
            number: 1,
            page: Some(3),
            text: "甲\t1.00\t1.00".into(),
            cells: ["甲", "1.00", "1.00"]
                .iter()
                .map(|t| crate::source::SourceCell {
                    text: t.to_string(),
                    span: juesuan_model::Span::new(1, 0, 0),
                })
                .collect(),
            flow: None,
            columns_guessed: false,
        }];
        let page = OcrPage {
            page: Page {
                number: 3,
                words: Vec::new(),
            },
            confidences: vec![("甲".into(), 95), ("1.00".into(), 80), ("1.00".into(), 60)],
            elapsed: Duration::ZERO,
            unruled: false,
        };
        attach_confidence(&mut lines, &[page]);
        let c: Vec<Option<u8>> = lines[0].cells.iter().map(|c| c.span.confidence).collect();
        assert_eq!(c, vec![Some(95), Some(80), Some(60)]);
    }
}
