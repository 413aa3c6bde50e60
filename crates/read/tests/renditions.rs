//! An XLSX workbook and an HTML page holding the Jilin sample (made here,
//! from the sample's own lines) read back to the same model as the text.

use juesuan_model::Report;
use rust_xlsxwriter::Workbook;

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn text_model() -> Report {
    juesuan_read::read_text("jilin.txt", SAMPLE).unwrap()
}

/// Amounts become numeric cells (as 决算 software exports them); codes,
/// 行次 and names stay text.
fn is_amount(t: &str) -> bool {
    (t.contains('.') || t.contains(',')) && juesuan_model::amount::parse_amount(t).is_some()
}

fn to_xlsx() -> Vec<u8> {
    xlsx_of(SAMPLE)
}

fn xlsx_of(text: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let mut sheet = book.add_worksheet();
    let mut row = 0u32;
    let mut n = 0;
    for line in text.lines() {
        // One sheet per part, starting at each table number label.
        let sq: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if sq.starts_with("公开") && sq.ends_with('表') && sq.chars().count() <= 6 {
            n += 1;
            sheet = book.add_worksheet();
            sheet.set_name(format!("表{n}")).unwrap();
            row = 0;
        }
        for (c, cell) in line.split('\t').enumerate() {
            let c = c as u16;
            if cell.is_empty() {
                continue;
            }
            if is_amount(cell) {
                let v: f64 = cell.replace(',', "").parse().unwrap();
                sheet.write_number(row, c, v).unwrap();
            } else {
                sheet.write_string(row, c, cell).unwrap();
            }
        }
        row += 1;
    }
    book.save_to_buffer().unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn to_html() -> String {
    let mut h = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>部门决算</title></head><body>\n",
    );
    let mut in_table = false;
    for line in SAMPLE.lines() {
        let filled = line.split('\t').filter(|c| !c.trim().is_empty()).count();
        if line.contains('\t') && filled > 1 {
            if !in_table {
                h.push_str("<table border=\"1\">\n");
                in_table = true;
            }
            h.push_str("<tr>");
            for c in line.split('\t') {
                h.push_str(&format!("<td>{}</td>", escape(c)));
            }
            h.push_str("</tr>\n");
        } else {
            if in_table {
                h.push_str("</table>\n");
                in_table = false;
            }
            let t = line.replace('\t', " ");
            if !t.trim().is_empty() {
                h.push_str(&format!("<p>{}</p>\n", escape(t.trim())));
            }
        }
    }
    h.push_str("</body></html>\n");
    h
}

fn assert_same_model(a: &Report, b: &Report) {
    let cells = |r: &Report| -> Vec<(String, String)> {
        r.numeric_cells()
            .into_iter()
            .map(|(addr, _, c)| {
                (
                    addr.to_string(),
                    c.value
                        .map(|v| v.normalize().to_string())
                        .unwrap_or_default(),
                )
            })
            .collect()
    };
    assert_eq!(cells(a), cells(b), "table cells");
    assert_eq!(a.absent_tables, b.absent_tables);
    assert_eq!(a.meta.department, b.meta.department);
    assert_eq!(a.meta.year, b.meta.year);
    assert_eq!(a.meta.member_units, b.meta.member_units);
    assert_eq!(a.performance.len(), b.performance.len());
    for (p, q) in a.performance.iter().zip(&b.performance) {
        assert_eq!(p.name, q.name);
        assert_eq!(p.score, q.score);
        assert_eq!(
            p.funds
                .iter()
                .map(|f| (f.row.clone(), f.full_year_budget, f.executed, f.rate))
                .collect::<Vec<_>>(),
            q.funds
                .iter()
                .map(|f| (f.row.clone(), f.full_year_budget, f.executed, f.rate))
                .collect::<Vec<_>>()
        );
        assert_eq!(p.indicators.len(), q.indicators.len(), "{}", p.name);
    }
    let figs = |r: &Report| {
        r.figures
            .iter()
            .map(|f| (f.addr.clone(), f.value, f.role))
            .collect::<Vec<_>>()
    };
    assert_eq!(figs(a), figs(b), "narrative figures");
    assert_eq!(a.glossary.len(), b.glossary.len());
}

#[test]
fn xlsx_rendition_reads_to_the_same_model() {
    let bytes = to_xlsx();
    let r = juesuan_read::read_bytes("jilin.xlsx", &bytes).unwrap();
    assert_same_model(&text_model(), &r);
    // Provenance is the spreadsheet cell; amounts keep two decimals.
    let a = juesuan_model::CellAddr::parse("T02[2080101,C2]").unwrap();
    let (_, cell) = r.cell(&a).unwrap();
    assert_eq!(cell.value.unwrap().to_string(), "4657.90");
    // Sheet 表2 starts at line 145 ("公开 02 表"); line 166 is its row 22, column D.
    assert_eq!(cell.span.cell_ref.as_deref(), Some("表2!D22"));
}

#[test]
fn html_rendition_reads_to_the_same_model() {
    let page = to_html();
    let r = juesuan_read::read_bytes("jilin.html", page.as_bytes()).unwrap();
    assert_same_model(&text_model(), &r);
    let a = juesuan_model::CellAddr::parse("T05[2080101,C10]").unwrap();
    assert_eq!(r.cell(&a).unwrap().1.value.unwrap().to_string(), "868.28");
}

#[test]
fn a_broken_workbook_is_an_error_naming_the_file() {
    let mut bytes = to_xlsx();
    bytes.truncate(bytes.len() / 2);
    let e = juesuan_read::read_bytes("half.xlsx", &bytes).unwrap_err();
    assert_eq!(e.file, "half.xlsx");
    assert!(e.message.contains("电子表格"), "{}", e.message);
}

/// A container whose central directory declares a 4 GiB entry (a zip bomb's
/// shape) is refused before anything is inflated.
#[test]
fn a_workbook_that_would_inflate_beyond_the_limit_is_refused() {
    fn u16le(v: u16) -> [u8; 2] {
        v.to_le_bytes()
    }
    fn u32le(v: u32) -> [u8; 4] {
        v.to_le_bytes()
    }
    let name = b"xl/worksheets/sheet1.xml";
    let data = [0x03u8, 0x00]; // an empty deflate stream
    let mut z = Vec::new();
    // Local file header.
    z.extend_from_slice(&u32le(0x0403_4b50));
    z.extend_from_slice(&u16le(20));
    z.extend_from_slice(&u16le(0));
    z.extend_from_slice(&u16le(8));
    z.extend_from_slice(&[0; 4]);
    z.extend_from_slice(&u32le(0));
    z.extend_from_slice(&u32le(data.len() as u32));
    z.extend_from_slice(&u32le(0xFFFF_FFF0));
    z.extend_from_slice(&u16le(name.len() as u16));
    z.extend_from_slice(&u16le(0));
    z.extend_from_slice(name);
    z.extend_from_slice(&data);
    let cd_start = z.len() as u32;
    // Central directory entry.
    z.extend_from_slice(&u32le(0x0201_4b50));
    z.extend_from_slice(&u16le(20));
    z.extend_from_slice(&u16le(20));
    z.extend_from_slice(&u16le(0));
    z.extend_from_slice(&u16le(8));
    z.extend_from_slice(&[0; 4]);
    z.extend_from_slice(&u32le(0));
    z.extend_from_slice(&u32le(data.len() as u32));
    z.extend_from_slice(&u32le(0xFFFF_FFF0));
    z.extend_from_slice(&u16le(name.len() as u16));
    z.extend_from_slice(&[0; 12]);
    z.extend_from_slice(&u32le(0));
    z.extend_from_slice(name);
    let cd_len = z.len() as u32 - cd_start;
    // End of central directory.
    z.extend_from_slice(&u32le(0x0605_4b50));
    z.extend_from_slice(&[0; 4]);
    z.extend_from_slice(&u16le(1));
    z.extend_from_slice(&u16le(1));
    z.extend_from_slice(&u32le(cd_len));
    z.extend_from_slice(&u32le(cd_start));
    z.extend_from_slice(&u16le(0));
    let e = juesuan_read::read_bytes("bomb.xlsx", &z).unwrap_err();
    assert_eq!(e.kind, juesuan_read::ErrorKind::TooLarge, "{e}");
    assert!(e.message.contains("解压后超过"), "{}", e.message);
}

/// A finding on an edited workbook names the sheet and cell the officer
/// works in, in the finding and in the JSON contract (`sheet`, `cell`).
#[test]
fn a_finding_on_a_workbook_names_its_sheet_and_cell() {
    // 公开05表 合计 row: 基本支出 12,874.92 = 人员经费 10,814.21 + 公用经费
    // 2,060.70 (+0.01 rounding); 人员经费 edited to 10,824.21.
    let edited = SAMPLE.replacen("12874.92\t10814.21", "12874.92\t10824.21", 1);
    assert_ne!(edited, SAMPLE);
    let report = juesuan_read::read_bytes("edited.xlsx", &xlsx_of(&edited))
        .unwrap_or_else(|e| panic!("{e}"));
    let book = juesuan_audit::Rulebook::builtin().unwrap_or_else(|e| panic!("{e}"));
    let audit = juesuan_audit::audit(&report, &book);
    let f = audit
        .findings
        .iter()
        .find(|f| f.severity == juesuan_audit::Severity::Error && f.rule == "T05.row_basic")
        .unwrap_or_else(|| panic!("no T05.row_basic error: {:#?}", audit.findings));
    let place = f.primary_span().and_then(|s| s.cell_ref.clone());
    // The sheet starts at the line "公开 05 表" (line 291 of the text): the
    // 合计 row (line 300) is its row 10, 基本支出 its fourth column.
    assert_eq!(place.as_deref(), Some("表5!D10"), "{f:#?}");
    let json = juesuan_audit::report::json::render(&[juesuan_audit::report::json::FileResult {
        file: "edited.xlsx",
        profile: report.profile.as_str(),
        audit: &audit,
    }]);
    assert!(json.contains("\"sheet\": \"表5\""), "{json}");
    let text = juesuan_audit::report::text::render_finding("edited.xlsx", &report, f);
    assert!(text.contains("（表5!"), "{text}");
}
