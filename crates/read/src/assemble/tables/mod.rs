//! The nine tables: finding each by its title, reading its header, and
//! reading its rows with the parser for its shape.

mod cells;
mod code_table;
mod detail;
mod header;
mod single_row;
mod spaced;
mod titles;
mod two_sided;
mod unit;
mod untitled;

use super::text::{squeeze, strip_bullet};
use crate::source::SourceLine;
use juesuan_model::canonical::label_of;
use juesuan_model::profile::title_label;
use juesuan_model::{Family, ReadNote, Span, Table, TableId, Unit};
use unit::UnitRead;

/// Whether a region holds table rows (for spaced text: lines of amounts).
fn has_grid(region: &[SourceLine], spaced: bool) -> bool {
    region
        .iter()
        .any(|l| l.is_tabular() || (spaced && spaced_amounts(l) >= 2))
}

/// Amounts with decimals on a line of space-separated text.
fn spaced_amounts(l: &SourceLine) -> usize {
    l.text
        .split_whitespace()
        .filter(|t| t.contains('.') && juesuan_model::amount::parse_amount(t).is_some())
        .count()
}

/// Whether a line is a table row: tab-separated cells, or two amounts
/// with decimals in space-separated text.
pub fn is_row(l: &SourceLine) -> bool {
    l.is_tabular() || spaced_amounts(l) >= 2
}

/// Converts the values of a table printed in 元 or 亿元 to 万元, exactly:
/// the model holds every amount in 万元, `Table::unit` keeps the printed
/// unit and `Cell::raw` the printed text. The scale keeps the printed
/// precision (1 元 = 0.0001 万元), so rounding tolerances stay right.
fn to_wan_yuan(table: &mut Table) {
    if table.unit == Unit::WanYuan {
        return;
    }
    let extra = match table.unit {
        Unit::Yuan => 4,
        _ => 0,
    };
    for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
        if let Some(v) = cell.value {
            let mut w = table.unit.convert(v, Unit::WanYuan);
            w.rescale(v.scale() + extra);
            cell.value = Some(w);
        }
    }
}

/// Whether a line is the title of a table (of any family, or generic).
pub fn is_title(line: &SourceLine) -> bool {
    titles::title_of(line).is_some()
}

/// Reads every recognisable table in `lines` (the 第二部分 range) and the
/// template family they imply; ids follow that family (the 13-table
/// 单位决算 prints two 国有资本经营 tables), and tables no family knows get
/// generic ids (`X01` …) in document order.
pub fn read_tables(lines: &[SourceLine], notes: &mut Vec<ReadNote>) -> (Vec<Table>, Family) {
    let spaced = spaced::is_spaced(lines);
    let mut starts: Vec<(usize, titles::Titled, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| titles::title_of(l).map(|(t, label)| (i, t, label)))
        .collect();
    // Grids whose title a scan lost: each starts a region of its own (the
    // table left out between the titles around it, or none to be read),
    // never rows of the table before.
    let found: Vec<(usize, titles::Titled)> =
        starts.iter().map(|(i, t, _)| (*i, t.clone())).collect();
    let untitled = untitled::find(lines, &found);
    for u in &untitled {
        let (titled, label) = match u.id {
            Some(id) => (titles::Titled::Known(id), title_label(id.title())),
            None => (titles::Titled::Generic, String::new()),
        };
        starts.push((u.at, titled, label));
    }
    starts.sort_by_key(|s| s.0);
    let mut tables: Vec<(Table, String)> = Vec::new();
    // What each table's 单位 line read, in the order of `tables`.
    let mut units: Vec<Option<unit::UnitRead>> = Vec::new();
    let mut generic = 0u8;
    for (k, (start, titled, label)) in starts.iter().enumerate() {
        let start = *start;
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(lines.len());
        let end = lines[start + 1..end]
            .iter()
            .position(titles::is_region_end)
            .map_or(end, |p| start + 1 + p);
        let reslotted: Vec<SourceLine>;
        let mut region = &lines[start..end];
        let lost_title = untitled.iter().find(|u| u.at == start);
        if let Some(u) = lost_title {
            let line = lines[start].number;
            let message = match u.id {
                Some(id) => format!("此处表格的标题未能识别，按前后各表读作“{}”", id.title()),
                None => "此处表格的标题未能识别，无法确定是哪张表，未读取".to_string(),
            };
            notes.push(ReadNote { line, message });
            if u.id.is_none() {
                continue;
            }
        }
        let id = match titled {
            titles::Titled::Known(id) => *id,
            // A generic title without a grid is a mention, not a table.
            titles::Titled::Generic if !has_grid(region, spaced) => continue,
            titles::Titled::Generic if generic >= TableId::MAX_OTHER => {
                notes.push(ReadNote {
                    line: lines[start].number,
                    message: format!("表格过多，“{label}”未读取"),
                });
                continue;
            }
            titles::Titled::Generic => {
                generic += 1;
                TableId::Other(generic)
            }
        };
        let mut doubts = Vec::new();
        if spaced {
            (reslotted, doubts) = spaced::reslot(id, region, notes);
            region = &reslotted;
        }
        doubts.extend(guessed_columns(region));
        let seen = |tables: &[(Table, String)]| {
            tables
                .iter()
                .any(|(t, l)| t.id == id && (l == label || !matches!(id, TableId::T08)))
        };
        // A heading that is immediately followed by the title line again has no body.
        if !region.iter().any(SourceLine::is_tabular) {
            if !seen(&tables) && region.len() > 1 {
                if let Some((table, unit)) = empty_shell(id, region) {
                    tables.push((table, label.clone()));
                    units.push(unit);
                }
            }
            continue;
        }
        if seen(&tables) {
            notes.push(ReadNote {
                line: lines[start].number,
                message: format!("{}出现了不止一次，只读取第一次出现的表", id.title()),
            });
            continue;
        }
        let (mut table, unit) = read_table(id, region, notes);
        if lost_title.is_some() {
            // The region's first line is no title: the table's is its id's.
            table.title = id.title().to_string();
            table.number_label = String::new();
        }
        for d in &doubts {
            for r in table.rows.iter_mut() {
                let on_line =
                    r.span.line == d.line || r.cells.iter().any(|c| c.span.line == d.line);
                if !on_line {
                    continue;
                }
                if d.name_only {
                    r.doubt = Some(d.reason.clone());
                    continue;
                }
                for c in r.cells.iter_mut().filter(|c| c.span.line == d.line) {
                    c.doubt = Some(d.reason.clone());
                }
            }
        }
        tables.push((table, label.clone()));
        units.push(unit);
    }
    let mut refs: Vec<&mut Table> = tables.iter_mut().map(|(t, _)| t).collect();
    unit::settle(&mut refs, &units, notes);
    for table in refs {
        to_wan_yuan(table);
    }
    let family = family(&tables);
    let profile = family.profile();
    let mut out: Vec<Table> = Vec::with_capacity(tables.len());
    for (mut table, label) in tables {
        if let Some(own) = profile.table_for_title(&label) {
            table.id = own;
        }
        if out.iter().any(|t| t.id == table.id) {
            notes.push(ReadNote {
                line: table.span.line,
                message: format!("{}出现了不止一次，只读取第一次出现的表", table.id.title()),
            });
            continue;
        }
        out.push(table);
    }
    (out, family)
}

/// The template family implied by the tables found, in document order.
fn family(tables: &[(Table, String)]) -> Family {
    let seen: Vec<(TableId, &str, Option<u32>)> = tables
        .iter()
        .map(|(t, l)| {
            let n = titles::printed_number(&t.number_label)
                .or_else(|| titles::printed_number(&t.title));
            (t.id, l.as_str(), n)
        })
        .collect();
    juesuan_model::profile::detect(&seen)
}

/// A table printed with a title and a note but no grid at all, with what
/// its 单位 line read.
fn empty_shell(id: TableId, region: &[SourceLine]) -> Option<(Table, Option<UnitRead>)> {
    // A contents entry followed by prose is a mention, not a table: a
    // printed empty table has its unit line or its "本表无数据" note.
    let head = &region[..region.len().min(8)];
    let has_unit = head.iter().any(|l| squeeze(&l.text).contains("单位："));
    let mut table = titled(id, region);
    let unit = scan_meta_and_notes(&mut table, region);
    (has_unit || table.empty_note().is_some()).then_some((table, unit))
}

/// A table read from its region, with what its 单位 line read.
fn read_table(
    id: TableId,
    region: &[SourceLine],
    notes: &mut Vec<ReadNote>,
) -> (Table, Option<UnitRead>) {
    let mut table = titled(id, region);
    let unit = scan_meta_and_notes(&mut table, region);
    let rows: Vec<&SourceLine> = region.iter().filter(|l| l.is_tabular()).collect();
    match id {
        TableId::T01 | TableId::T04 => two_sided::read(&mut table, &rows, notes),
        TableId::T06 => detail::read(&mut table, &rows, notes),
        TableId::T09 => single_row::read(&mut table, &rows, notes),
        _ => code_table::read(&mut table, &rows, notes),
    }
    (table, unit)
}

/// A table shell with the title line's text; a number printed on the
/// title line itself ("表 1：高等学校收支决算总表") becomes the number label.
fn titled(id: TableId, region: &[SourceLine]) -> Table {
    let first = &region[0];
    let raw = if first.is_tabular() {
        first
            .cells
            .iter()
            .find(|c| !c.text.is_empty())
            .map_or("", |c| c.text.as_str())
    } else {
        strip_bullet(&first.text)
    };
    let text = squeeze(raw);
    let (number, title) = match juesuan_model::profile::split_table_number(raw) {
        Some((head, rest)) if titles::printed_number(head).is_some() => {
            (squeeze(head), squeeze(rest))
        }
        _ => (String::new(), text.clone()),
    };
    let mut table = Table::new(id, &title, line_span(first));
    table.number_label = number;
    table
}

/// Reads the non-tabular lines of a table region: number label, unit,
/// department and footnotes. Returns what the first 单位 text read (for
/// [`unit::settle`], which weighs a scan's reading against the other tables).
fn scan_meta_and_notes(table: &mut Table, region: &[SourceLine]) -> Option<UnitRead> {
    let mut unit_seen = false;
    let mut unit_read: Option<UnitRead> = None;
    let mut record = |word: Option<String>, line: u32, confidence: Option<u8>| {
        if let (None, Some(word)) = (&unit_read, word) {
            unit_read = Some(UnitRead {
                line,
                word,
                ocr: confidence.is_some(),
                confidence,
            });
        }
    };
    for l in &region[1..] {
        if l.is_tabular() {
            // "单位：万元" sometimes shares a row with the department.
            for c in l
                .cells
                .iter()
                .filter(|c| c.text.contains("单位") || c.text.contains("部门"))
            {
                let (_, word) = take_unit_or_department(table, &c.text, &mut unit_seen);
                record(word, l.number, c.span.confidence);
            }
            continue;
        }
        let t = strip_bullet(&l.text);
        if t.is_empty() {
            continue;
        }
        let sq = squeeze(t);
        if titles::printed_number(&sq).is_some() && sq.chars().count() <= 8 {
            table.number_label = sq;
            continue;
        }
        let (consumed, word) = take_unit_or_department(table, t, &mut unit_seen);
        record(word, l.number, l.flow.and_then(|f| f.confidence));
        if consumed {
            continue;
        }
        if titles::title_of(l).is_some_and(|(_, l)| l == title_label(&table.title))
            || label_of(t) == label_of(&table.title)
        {
            continue;
        }
        if sq == "续表" || sq.starts_with("续表") {
            continue;
        }
        table.notes.push((l.number, t.to_string()));
    }
    unit_read
}

/// Consumes "单位：万元" / "部门：…" text; returns whether it was one of
/// them, and the word read after 单位 (`万元`, or `广元` from a scan),
/// whether or not it is a unit.
fn take_unit_or_department(
    table: &mut Table,
    text: &str,
    unit_seen: &mut bool,
) -> (bool, Option<String>) {
    let sq = squeeze(text);
    let mut consumed = false;
    let mut word = None;
    for piece in split_labels(&sq) {
        if let Some(u) = piece
            .strip_prefix("单位：")
            .or_else(|| piece.strip_prefix("单位:"))
        {
            let read: String = u
                .chars()
                .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .collect();
            if word.is_none() && !read.is_empty() {
                word = Some(read);
            }
            if let Some(unit) = Unit::from_label(u) {
                table.unit = unit;
                *unit_seen = true;
                consumed = true;
            }
        } else if let Some(d) = piece
            .strip_prefix("部门：")
            .or_else(|| piece.strip_prefix("部门:"))
            .or_else(|| piece.strip_prefix("编制部门："))
            .or_else(|| piece.strip_prefix("编制单位："))
        {
            if !d.is_empty() {
                table.department = Some(d.to_string());
            }
            consumed = true;
        }
    }
    (consumed, word)
}

/// Splits "部门：X单位：万元" into its labelled pieces.
fn split_labels(sq: &str) -> Vec<&str> {
    let mut cuts = vec![0];
    for marker in ["单位：", "单位:", "部门：", "部门:"] {
        let mut from = 0;
        while let Some(p) = sq[from..].find(marker) {
            let at = from + p;
            // "编制单位：" / "编制部门：" start at "编制".
            let at = if sq[..at].ends_with("编制") {
                at - "编制".len()
            } else {
                at
            };
            if at > 0 {
                cuts.push(at);
            }
            from = from + p + marker.len();
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    for (i, &c) in cuts.iter().enumerate() {
        let e = cuts.get(i + 1).copied().unwrap_or(sq.len());
        out.push(&sq[c..e]);
    }
    out
}

fn line_span(l: &SourceLine) -> Span {
    let mut s = Span::line(l.number, l.text.len());
    s.page = l.page;
    s
}

/// The rows of a scanned table printed without ruling lines: OCR placed
/// each name and figure in its column by its position alone, so a finding
/// on them may be a column or a row misjudged, not the department's error.
fn guessed_columns(region: &[SourceLine]) -> Vec<spaced::Doubt> {
    region
        .iter()
        .filter(|l| l.columns_guessed)
        .flat_map(|l| {
            [true, false].map(|name_only| spaced::Doubt {
                line: l.number,
                reason: "扫描页的表格没有表格线，名称和各数所在的行列是按文字位置推断的".into(),
                name_only,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_word_is_read_from_the_unit_line() {
        let unit_read = |text: &str| {
            let lines = SourceLine::lines_of(text);
            let mut table = titled(TableId::T02, &lines);
            scan_meta_and_notes(&mut table, &lines)
        };
        let r = unit_read("收入决算表\n单位：广元\n项目\t合计").unwrap();
        assert_eq!(r.word, "广元");
        assert!(!r.ocr);
        assert_eq!(r.line, 2);
        let r = unit_read("收入决算表\n部门：某部\t单位：万元（保留两位小数）");
        assert_eq!(r.unwrap().word, "万元");
    }

    #[test]
    fn labels_split() {
        assert_eq!(
            split_labels("部门：某厅单位：万元"),
            vec!["部门：某厅", "单位：万元"]
        );
        assert_eq!(split_labels("编制单位：某局"), vec!["编制单位：某局"]);
    }
}
