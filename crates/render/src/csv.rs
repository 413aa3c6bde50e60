//! CSV, the one writer behind `juesuan export --format csv` and the web
//! app's `cells.csv`: RFC 4180 quoting (through the `csv` crate) and a guard
//! against formula injection, since these files are opened in spreadsheets.
//!
//! ```
//! use juesuan_render::csv::{to_string, Field, Style};
//! let rows = vec![vec![Field::text("=1+1"), Field::number("-12.50")]];
//! let out = to_string(Style::default(), &["name", "value"], rows);
//! assert_eq!(out, "name,value\n'=1+1,-12.50\n");
//! ```

use std::borrow::Cow;
use std::io::{self, Write};

/// One field of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<'a> {
    /// Free text (names, addresses): guarded whenever a spreadsheet could
    /// take it for a formula ([`guard`]).
    Text(Cow<'a, str>),
    /// An amount, count or line number: kept as is when it is a plain
    /// decimal, so that `-12.50` stays a negative amount; anything else is
    /// guarded like text (a value column must not smuggle a formula either).
    Number(Cow<'a, str>),
}

impl<'a> Field<'a> {
    /// A text field.
    pub fn text(s: impl Into<Cow<'a, str>>) -> Field<'a> {
        Field::Text(s.into())
    }

    /// A numeric field.
    pub fn number(s: impl Into<Cow<'a, str>>) -> Field<'a> {
        Field::Number(s.into())
    }

    /// The field as written, before quoting.
    fn guarded(&self) -> Cow<'_, str> {
        match self {
            Field::Text(s) => guard(s),
            Field::Number(s) if is_plain_decimal(s) || s.is_empty() => Cow::Borrowed(s.as_ref()),
            Field::Number(s) => guard(s),
        }
    }
}

/// How the file is laid out around the records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Starts with a UTF-8 byte-order mark, so that spreadsheet programs
    /// read the Chinese as UTF-8 (the web app's download).
    pub bom: bool,
    /// Ends records with CR LF (RFC 4180) rather than LF.
    pub crlf: bool,
}

/// Characters that make a spreadsheet evaluate a cell (`=`, `+`, `-`,
/// `@`) or that it strips before doing so (tab, CR).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `s` with a leading `'` when it starts like a formula, so that a
/// spreadsheet shows it as text instead of evaluating it.
pub fn guard(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// `-?digits(.digits)?`: how amounts and counts are printed here.
fn is_plain_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Writes `header` and then every record of `rows` to `out`. Records may
/// differ in length from the header (the caller decides the columns).
pub fn write<'a, W, I>(out: &mut W, style: Style, header: &[&str], rows: I) -> io::Result<()>
where
    W: Write,
    I: IntoIterator<Item = Vec<Field<'a>>>,
{
    if style.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .terminator(if style.crlf {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        })
        .from_writer(out);
    w.write_record(header.iter().map(|h| guard(h).into_owned()))?;
    for row in rows {
        w.write_record(row.iter().map(|f| f.guarded().into_owned()))?;
    }
    w.flush()
}

/// [`write()`] into a string.
pub fn to_string<'a, I>(style: Style, header: &[&str], rows: I) -> String
where
    I: IntoIterator<Item = Vec<Field<'a>>>,
{
    let mut out = Vec::new();
    // Writing to memory cannot fail, and the records are flexible, so no
    // error can arise; what was written is all there is either way.
    let _ = write(&mut out, style, header, rows);
    // Every field is a `str`: the bytes are UTF-8.
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How `f` is written (followed by a second field: a record of one
    /// empty field alone would be quoted to tell it from an empty record).
    fn one(f: Field<'_>) -> String {
        let out = to_string(
            Style::default(),
            &["x", "y"],
            vec![vec![f, Field::text("z")]],
        );
        let record = out.strip_prefix("x,y\n").unwrap_or(&out);
        record.strip_suffix(",z\n").unwrap_or(record).to_string()
    }

    #[test]
    fn text_that_looks_like_a_formula_is_guarded() {
        assert_eq!(one(Field::text("行政运行")), "行政运行");
        assert_eq!(one(Field::text("=SUM(A1)")), "'=SUM(A1)");
        assert_eq!(one(Field::text("+1")), "'+1");
        assert_eq!(one(Field::text("-5")), "'-5");
        assert_eq!(one(Field::text("@x")), "'@x");
        assert_eq!(one(Field::text("\tx")), "'\tx");
        assert_eq!(one(Field::text("\rx")), "\"'\rx\"");
        assert_eq!(
            one(Field::text("=HYPERLINK(\"x\")")),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
    }

    #[test]
    fn amounts_stay_numbers_and_other_values_are_guarded() {
        assert_eq!(one(Field::number("-12.50")), "-12.50");
        assert_eq!(one(Field::number("4657.90")), "4657.90");
        assert_eq!(one(Field::number("166")), "166");
        assert_eq!(one(Field::number("")), "");
        assert_eq!(one(Field::number("-1+2")), "'-1+2");
        assert_eq!(one(Field::number("=1")), "'=1");
        assert_eq!(one(Field::number("-")), "'-");
        assert_eq!(one(Field::number("-.5")), "'-.5");
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(one(Field::text("a,b")), "\"a,b\"");
        assert_eq!(one(Field::text("say \"x\"")), "\"say \"\"x\"\"\"");
        assert_eq!(one(Field::text("a\nb")), "\"a\nb\"");
        assert_eq!(one(Field::text("T02[2080101,C2]")), "\"T02[2080101,C2]\"");
    }

    #[test]
    fn byte_order_mark_and_line_ends() {
        let style = Style {
            bom: true,
            crlf: true,
        };
        let rows = vec![vec![Field::text("a"), Field::number("1")]];
        assert_eq!(
            to_string(style, &["k", "v"], rows),
            "\u{feff}k,v\r\na,1\r\n"
        );
    }
}
