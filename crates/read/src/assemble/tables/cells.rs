//! Building model cells and rows from source cells.

use crate::source::{SourceCell, SourceLine};
use juesuan_model::amount::parse_amount;
use juesuan_model::canonical::label_of;
use juesuan_model::{Cell, ReadNote, Row, RowKind, Span, Table};

/// A cell for column `column` from a source slot (blank when the slot is empty or absent).
pub fn cell(column: u32, src: Option<&SourceCell>, line: &SourceLine) -> Cell {
    match src {
        Some(sc) => Cell {
            column,
            value: parse_amount(&sc.text).map(|v| spreadsheet_scale(v, sc)),
            raw: sc.text.clone(),
            span: with_page(sc.span.clone(), line),
            doubt: None,
        },
        None => Cell {
            column,
            value: None,
            raw: String::new(),
            span: with_page(
                Span::new(line.number, line.text.len() as u32, line.text.len() as u32),
                line,
            ),
            doubt: None,
        },
    }
}

/// A spreadsheet stores numbers, not their printed form; the tables print
/// amounts with two decimals, so a typed 1900 is the printed 1900.00 (this
/// keeps the rounding tolerance at half a cent, not half a 万元).
fn spreadsheet_scale(mut v: rust_decimal::Decimal, sc: &SourceCell) -> rust_decimal::Decimal {
    let from_sheet = sc.span.cell_ref.as_deref().is_some_and(|r| r.contains('!'));
    if from_sheet && v.scale() < 2 {
        v.rescale(2);
    }
    v
}

/// Copies the line's page into a span built without one.
pub fn with_page(mut span: Span, line: &SourceLine) -> Span {
    if span.page.is_none() {
        span.page = line.page;
    }
    span
}

/// Records a cell whose text is neither blank nor a number.
pub fn check_numeric(cell: &Cell, what: &str, notes: &mut Vec<ReadNote>) {
    let t = cell.raw.trim();
    if cell.value.is_none() && !t.is_empty() && !is_blank_mark(t) {
        notes.push(ReadNote {
            line: cell.span.line,
            message: format!("{what}：单元格“{t}”不是金额，按空白处理"),
        });
    }
}

/// Records what the reader could not read as a row of `table`: a whole
/// line, or one column group of a line whose other groups it read. Besides
/// the note, each amount among `cells` goes to [`Table::unread`]: the table
/// may lack a row the document prints, and a sum over its rows must not
/// then be reported as the department's error.
pub fn unread_row(
    table: &mut Table,
    line: &SourceLine,
    cells: &[&SourceCell],
    message: String,
    notes: &mut Vec<ReadNote>,
) {
    notes.push(ReadNote {
        line: line.number,
        message,
    });
    for c in cells.iter().filter(|c| is_amount(&c.text)) {
        table.unread.push(with_page(c.span.clone(), line));
    }
}

/// Whether a cell's text is an amount as tables print it (with its
/// decimals or thousands separators; a bare `301` is a code).
fn is_amount(text: &str) -> bool {
    (text.contains('.') || text.contains(',')) && parse_amount(text).is_some()
}

/// Marks some tables print in blank cells.
pub fn is_blank_mark(t: &str) -> bool {
    matches!(t, "-" | "—" | "--" | "－" | "/" | "—-" | "——")
}

/// A new row with the given identity and no cells yet.
pub fn row(
    key: String,
    name: &str,
    kind: RowKind,
    line: &SourceLine,
    span: Option<&SourceCell>,
) -> Row {
    let span = match span {
        Some(sc) if !sc.text.is_empty() => with_page(sc.span.clone(), line),
        _ => with_page(Span::line(line.number, line.text.len()), line),
    };
    Row {
        key,
        name: name.to_string(),
        label: label_of(name),
        kind,
        code: None,
        line_no: None,
        side: None,
        of_which: None,
        doubt: None,
        span,
        cells: Vec::new(),
    }
}

/// A 科目代码: 3, 5 or 7 ASCII digits (spaces removed: "201 06 08").
pub fn as_code(text: &str) -> Option<String> {
    let sq: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (matches!(sq.len(), 3 | 5 | 7) && sq.bytes().all(|b| b.is_ascii_digit())).then_some(sq)
}

/// A printed 行次 or 栏次 number: a small positive integer without separators.
pub fn as_ordinal(text: &str) -> Option<u32> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// Whether a line holds a printed amount (with decimals or separators,
/// unlike 行次, 栏次 and codes).
pub fn has_amount(line: &SourceLine) -> bool {
    line.cells.iter().any(|c| is_amount(&c.text))
}
