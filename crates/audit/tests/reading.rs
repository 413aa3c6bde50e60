//! No error from a misreading: a failing identity with the shape of a
//! reading artefact is a `疑似识读问题` warning (rule id kept, source lines
//! quoted, counted apart in coverage), one synthetic report per shape and
//! the real Jilin sample with a T02 row wrapped as a PDF prints it.

mod common;

use common::fixture::{add_table, cell_mut, report, t05};
use common::{check, SAMPLE};
use juesuan_audit::{audit, Audit, Finding, ReadingShape, Rulebook, Severity};
use juesuan_model::{Family, Report, TableId};

fn builtin() -> Rulebook {
    Rulebook::builtin().expect("builtin rulebook")
}

fn of_rule<'a>(a: &'a Audit, rule: &str, primary: &str) -> &'a Finding {
    a.findings
        .iter()
        .find(|f| f.rule == rule && f.primary.as_deref() == Some(primary))
        .unwrap_or_else(|| panic!("no {rule} finding on {primary}: {:#?}", a.findings))
}

/// The error findings about the tables (a one-table synthetic report also
/// lacks the other tables and the narrative).
fn table_errors(a: &Audit) -> Vec<&str> {
    a.findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule.starts_with('T'))
        .map(|f| f.message.as_str())
        .collect()
}

fn assert_doubt(f: &Finding, shape: ReadingShape) {
    assert_eq!(f.severity, Severity::Warning, "{}", f.message);
    assert!(f.message.starts_with("疑似识读问题："), "{}", f.message);
    assert_eq!(f.reading.as_ref().map(|r| r.shape), Some(shape), "{f:#?}");
}

#[test]
fn a_guess_never_makes_an_error() {
    // 20101 项目支出 was printed 4.00; OCR read 5.50, two digits off, so no
    // single misreading explains it.
    let rows = [
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t4.00",
        "20101\t人大事务\t10.00\t6.00\t5.50",
    ];
    let mut r = t05(&rows);
    cell_mut(&mut r, "T05[20101,C3]").span.confidence = Some(95);
    let a = audit(&r, &builtin());
    // Read with confidence: the error stands, with a note that OCR read it.
    let f = of_rule(&a, "T05.row_sum", "T05[20101,C1]");
    assert_eq!(f.severity, Severity::Error, "{}", f.message);
    cell_mut(&mut r, "T05[20101,C3]").span.confidence = Some(41);
    let a = audit(&r, &builtin());
    let f = of_rule(&a, "T05.row_sum", "T05[20101,C1]");
    assert_doubt(f, ReadingShape::LowConfidence);
    assert!(
        f.message
            .contains("T05[20101,C3] 经文字识别读为 5.50，置信度仅 41"),
        "{}",
        f.message
    );
    assert_eq!(
        f.reading.as_ref().and_then(|d| d.confidence),
        Some(41),
        "{f:#?}"
    );
    assert!(table_errors(&a).is_empty(), "{:#?}", table_errors(&a));
    assert!(a.coverage.reading_doubts >= 2, "{:?}", a.coverage);
}

#[test]
fn a_cell_the_reader_doubts() {
    // 20101 项目支出 reads 5.00: its row sum and 201's column sum fail.
    let mut r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t4.00",
        "20101\t人大事务\t10.00\t6.00\t5.00",
    ]);
    let a = audit(&r, &builtin());
    assert_eq!(
        of_rule(&a, "T05.row_sum", "T05[20101,C1]").severity,
        Severity::Error
    );
    assert_eq!(
        of_rule(&a, "T05.hierarchy", "T05[201,C3]").severity,
        Severity::Error
    );
    cell_mut(&mut r, "T05[20101,C3]").doubt = Some("栏位由空格间距推断，可能错位".into());
    let a = audit(&r, &builtin());
    let f = of_rule(&a, "T05.row_sum", "T05[20101,C1]");
    assert_doubt(f, ReadingShape::Doubt);
    assert!(f.message.contains("可能错位"), "{}", f.message);
    assert!(
        f.message
            .contains("第 4 行“20101 人大事务 10.00 6.00 5.00”"),
        "{}",
        f.message
    );
    assert_doubt(
        of_rule(&a, "T05.hierarchy", "T05[201,C3]"),
        ReadingShape::Doubt,
    );
    assert_eq!(a.coverage.reading_doubts, 2);
    assert!(table_errors(&a).is_empty(), "{:#?}", table_errors(&a));
}

#[test]
fn an_amount_on_the_row_line_that_no_cell_took() {
    // The row prints 4.00 in a fourth column the reader did not place.
    let r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t\t4.00",
    ]);
    let a = audit(&r, &builtin());
    let f = of_rule(&a, "T05.row_sum", "T05[201,C1]");
    assert_doubt(f, ReadingShape::StrayAmount);
    assert_eq!(
        f.reading.as_ref().unwrap().candidate.as_deref(),
        Some("4.00")
    );
    assert!(f.message.contains("第 3 行的金额 4.00"), "{}", f.message);
    // A stray amount that does not account for the difference proves nothing.
    let r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t\t3.00",
    ]);
    let a = audit(&r, &builtin());
    assert_eq!(
        of_rule(&a, "T05.row_sum", "T05[201,C1]").severity,
        Severity::Error
    );
}

#[test]
fn an_amount_on_a_neighbouring_line_of_no_row() {
    // A wrapped row: its 项目支出 printed on the next line, not joined.
    let r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t",
        "\t\t\t\t4.00",
    ]);
    let a = audit(&r, &builtin());
    let f = of_rule(&a, "T05.row_sum", "T05[201,C1]");
    assert_doubt(f, ReadingShape::StrayAmount);
    assert!(f.message.contains("第 4 行的金额 4.00"), "{}", f.message);
    let lines: Vec<u32> = f
        .reading
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .map(|l| l.line)
        .collect();
    assert_eq!(lines, vec![3, 4]);
    // The 合计 row's column sum misses the same amount: also the misreading.
    assert_doubt(
        of_rule(&a, "T05.total_classes", "T05[合计,C3]"),
        ReadingShape::StrayAmount,
    );
    assert!(table_errors(&a).is_empty(), "{:#?}", table_errors(&a));
}

#[test]
fn the_same_difference_up_the_hierarchy() {
    // Every row lost its 项目支出 the same way (a column the reader dropped):
    // row sums fail by 4.00 on 项, 款, 类 and 合计 alike, the hierarchy holds.
    let r = t05(&[
        "合计\t\t10.00\t6.00\t",
        "201\t一般公共服务支出\t10.00\t6.00\t",
        "20101\t人大事务\t10.00\t6.00\t",
        "2010101\t行政运行\t10.00\t6.00\t",
    ]);
    let a = audit(&r, &builtin());
    for primary in [
        "T05[合计,C1]",
        "T05[201,C1]",
        "T05[20101,C1]",
        "T05[2010101,C1]",
    ] {
        assert_doubt(
            of_rule(&a, "T05.row_sum", primary),
            ReadingShape::Propagated,
        );
    }
    assert_eq!(a.coverage.reading_doubts, 4);
}

#[test]
fn a_single_wrong_figure_stays_an_error() {
    // 2010101 基本支出 printed 7.00 instead of 6.00: its row sum and its
    // parent's column sum fail, the parent's row sum holds — the document's error.
    let r = t05(&[
        "合计\t\t10.00\t6.00\t4.00",
        "201\t一般公共服务支出\t10.00\t6.00\t4.00",
        "20101\t人大事务\t10.00\t6.00\t4.00",
        "2010101\t行政运行\t10.00\t7.00\t4.00",
    ]);
    let a = audit(&r, &builtin());
    for (rule, primary) in [
        ("T05.row_sum", "T05[2010101,C1]"),
        ("T05.hierarchy", "T05[20101,C2]"),
    ] {
        let f = of_rule(&a, rule, primary);
        assert_eq!(f.severity, Severity::Error, "{}", f.message);
        assert!(f.reading.is_none());
    }
    assert_eq!(a.coverage.reading_doubts, 0);
}

#[test]
fn a_name_cut_by_a_wrap() {
    let rows = [
        "合计\t\t10.00\t10.00\t",
        "208\t社会保障和就业支出\t10.00\t10.00\t",
        "20805\t行政事业单位养老支\t10.00\t10.00\t",
        "\t出",
        "2080505\t机关事业单位基本养老保险缴费支出\t10.00\t10.00\t",
    ];
    let a = audit(&t05(&rows), &builtin());
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "names.functional" && f.cells[0].addr == "T05[20805]")
        .expect("names finding");
    assert_doubt(f, ReadingShape::CutName);
    let d = f.reading.as_ref().unwrap();
    assert_eq!(d.candidate.as_deref(), Some("行政事业单位养老支出"));
    assert!(f.message.contains("第 5 行“出”"), "{}", f.message);
    // Without the rest on a neighbouring line the cut name is printed so:
    // the document's error (the Jilin sample's 公开05表 2080199).
    let mut rows = rows.to_vec();
    rows[3] = "\t\t\t\t";
    let a = audit(&t05(&rows), &builtin());
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "names.functional" && f.cells[0].addr == "T05[20805]")
        .expect("names finding");
    assert_eq!(f.severity, Severity::Error);
}

/// A generic table (no built-in rule reads it) with one machine-read cell
/// printed 153.52 and read 15352 (a lost decimal point).
fn scanned() -> Report {
    let mut r = report(Family::Unknown, "其他表\n甲\t\t15352\n");
    add_table(&mut r, TableId::Other(1), &["金额"], 2, 2);
    cell_mut(&mut r, "X01[甲,C1]").span.confidence = Some(91);
    r
}

#[test]
fn a_rule_given_with_rules_is_used_by_the_ocr_review() {
    let mut book = builtin();
    // Nothing in the built-in book reads the cell: no suggestion.
    let a = audit(&scanned(), &book);
    assert!(
        a.findings.iter().all(|f| f.rule != "ocr.review"),
        "{:#?}",
        a.findings
    );
    // A user's rule (what `check --rules` adds to the book) fails on the
    // reading; the review finds the candidate with it.
    book.add_text(
        "user.rules",
        "U.cap error \"甲不应超过 200\" X01[甲, 金额] <= 200\n",
    )
    .expect("user rule");
    let a = audit(&scanned(), &book);
    let f = of_rule(&a, "U.cap", "X01[甲,C1]");
    assert_doubt(f, ReadingShape::Ocr);
    let d = f.reading.as_ref().unwrap();
    assert_eq!(
        (d.read.as_deref(), d.candidate.as_deref(), d.confidence),
        (Some("15352"), Some("153.52"), Some(91))
    );
    assert!(f.message.contains("请核对识别结果"), "{}", f.message);
    let named = a
        .findings
        .iter()
        .find(|f| f.rule == "ocr.review")
        .expect("ocr.review warning");
    assert_eq!(named.expected.as_deref(), Some("153.52"));
    assert!(named.message.contains("U.cap"), "{}", named.message);
    assert_eq!(a.coverage.reading_doubts, 1);
}

#[test]
fn an_error_on_machine_read_cells_says_so() {
    // No candidate makes 15352 ≤ 100: the error stays, with a note.
    let mut book = builtin();
    book.add_text(
        "user.rules",
        "U.cap error \"甲不应超过 100\" X01[甲, 金额] <= 100\n",
    )
    .expect("user rule");
    let a = audit(&scanned(), &book);
    let f = of_rule(&a, "U.cap", "X01[甲,C1]");
    assert_eq!(f.severity, Severity::Error);
    let d = f.reading.as_ref().expect("a machine-read note");
    assert_eq!(d.shape, ReadingShape::MachineRead);
    assert!(d.why.contains("X01[甲,C1]（置信度 91）"), "{}", d.why);
    assert_eq!(a.coverage.reading_doubts, 0);
}

/// Moves the last amount of 1-based line `line` onto a line of its own
/// below, as a PDF prints a wrapped row (`tabs`: keep the amount's column
/// by leading tabs).
fn wrap(text: &str, line: usize, tabs: bool) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut fields: Vec<String> = lines[line - 1].split('\t').map(str::to_string).collect();
    let n = fields.len();
    let amount = std::mem::take(&mut fields[n - 1]);
    lines[line - 1] = fields.join("\t");
    let moved = if tabs {
        format!("{}{amount}", "\t".repeat(n - 1))
    } else {
        amount
    };
    lines.insert(line, moved);
    lines.join("\n")
}

#[test]
fn a_wrapped_row_of_the_jilin_sample_is_a_reading_question() {
    // 公开02表 line 166: 2080101 行政运行 4,660.32 = 4,657.90 + 其他收入 2.42;
    // the 2.42 moved onto line 167.
    let (_, base) = check(SAMPLE);
    assert_eq!(base.count(Severity::Error), 5);
    for tabs in [true, false] {
        let (_, a) = check(&wrap(SAMPLE, 166, tabs));
        // The sample's own five errors, and no other.
        assert_eq!(a.count(Severity::Error), 5, "{:#?}", a.findings);
        let row = of_rule(&a, "T02.row_sum", "T02[2080101,C1]");
        assert_doubt(row, ReadingShape::StrayAmount);
        assert!(
            row.message.contains("第 167 行的金额 2.42"),
            "{}",
            row.message
        );
        assert!(
            row.message
                .contains("第 166 行“2080101 行政运行 4,660.32 4,657.90”"),
            "{}",
            row.message
        );
        // 20801's 其他收入 573.50 against its 项 now lacks the same 2.42.
        let parent = of_rule(&a, "T02.hierarchy", "T02[20801,C7]");
        assert_doubt(parent, ReadingShape::StrayAmount);
        assert_eq!(a.coverage.reading_doubts, 2);
    }
}

#[test]
fn json_shows_the_reading_doubt() {
    let (report, a) = check(&wrap(SAMPLE, 166, true));
    let out = juesuan_audit::report::json::render(&[juesuan_audit::report::json::FileResult {
        file: "x.txt",
        profile: report.profile.as_str(),
        audit: &a,
    }]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["coverage"]["reading_doubts"], 2);
    let f = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "T02.row_sum" && f["cells"][0] == "T02[2080101,C1]")
        .unwrap();
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["reading"]["shape"], "stray_amount");
    assert_eq!(f["reading"]["candidate"], "2.42");
    assert_eq!(f["reading"]["lines"][1]["line"], 167);
    assert!(f["reading"]["lines"][0].get("page").is_none());
    // Every contract field is still there.
    for k in [
        "rule",
        "severity",
        "message",
        "cells",
        "line",
        "expected",
        "actual",
        "difference",
    ] {
        assert!(f.get(k).is_some(), "{k}");
    }
}

/// The text-layer reading of the 财政局 report with every cell marked as
/// machine-read, a lost decimal point put into 公开05表 201 合计: the cell is
/// named with its candidate and no error rests on it.
/// The 财政局 report's text-layer reading with every table cell marked as
/// machine-read (confidence 95), as a clean scan of it reads; `None` when
/// pdftotext is not installed.
fn finance_as_scanned() -> Option<Report> {
    if let Err(e) = std::process::Command::new("pdftotext").arg("-v").output() {
        if e.kind() == std::io::ErrorKind::NotFound {
            eprintln!(
                "pdftotext not installed: skipping (scripts/setup.sh installs poppler-utils)"
            );
            return None;
        }
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/shanghai-putuo-finance-bureau-2024.pdf");
    let mut r = juesuan_read::read_path(&path).unwrap_or_else(|e| panic!("{e}"));
    for t in r.tables.values_mut() {
        for c in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            c.span.confidence = Some(95);
        }
    }
    Some(r)
}

#[test]
fn misreadings_of_a_scanned_report_are_named_not_errors() {
    let Some(mut r) = finance_as_scanned() else {
        return;
    };
    let book = builtin();
    // The report's own errors (two in its narrative) stay errors.
    let own: Vec<String> = audit(&r, &book)
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.clone())
        .collect();
    assert_eq!(own.len(), 2, "{own:?}");
    let c = cell_mut(&mut r, "T05[201,C1]");
    assert_eq!(c.raw, "2,106.66");
    c.raw = "210666".into();
    c.value = Some("210666".parse().unwrap());
    let a = audit(&r, &book);
    let named = a
        .findings
        .iter()
        .find(|f| f.rule == "ocr.review" && f.cells[0].addr == "T05[201,C1]")
        .expect("named");
    assert_eq!(
        named.expected.as_deref(),
        Some("2106.66"),
        "{}",
        named.message
    );
    let explained: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| {
            f.reading
                .as_ref()
                .is_some_and(|d| d.shape == ReadingShape::Ocr)
        })
        .collect();
    assert!(!explained.is_empty());
    assert_eq!(a.coverage.reading_doubts, explained.len());
    for f in a.findings.iter().filter(|f| f.severity == Severity::Error) {
        assert!(own.contains(&f.rule), "{}", f.message);
    }
}

#[test]
fn a_speck_read_as_a_minus_is_a_reading_question() {
    let Some(mut r) = finance_as_scanned() else {
        return;
    };
    let book = builtin();
    let own = errors(&audit(&r, &book)).len();
    // A speck before 2,106.66 (公开04表, 一般公共服务支出, 一般公共预算)
    // read as a minus sign, with high confidence.
    let c = cell_mut(&mut r, "T04[一般公共服务支出,C3]");
    assert_eq!(c.raw, "2,106.66");
    c.raw = "-2,106.66".into();
    c.value = Some("-2106.66".parse().unwrap());
    let a = audit(&r, &book);
    assert_eq!(errors(&a).len(), own, "{:#?}", errors(&a));
    let named = a
        .findings
        .iter()
        .find(|f| f.rule == "ocr.review" && f.cells[0].addr == "T04[一般公共服务支出,C3]")
        .expect("named");
    assert_eq!(
        named.expected.as_deref(),
        Some("2,106.66"),
        "{}",
        named.message
    );
}

fn name_finding<'a>(a: &'a Audit, addr: &str) -> &'a Finding {
    a.findings
        .iter()
        .find(|f| f.rule == "names.functional" && f.cells[0].addr == addr)
        .expect("names finding")
}

/// 公开05表 with 20805 printed as `name`, its name read by OCR with
/// `confidence` (`None`: a text layer).
fn t05_named(name: &str, confidence: Option<u8>) -> Report {
    let rows = [
        "合计\t\t10.00\t10.00\t".to_string(),
        "208\t社会保障和就业支出\t10.00\t10.00\t".to_string(),
        format!("20805\t{name}\t10.00\t10.00\t"),
        "2080505\t机关事业单位基本养老保险缴费支出\t10.00\t10.00\t".to_string(),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut r = t05(&rows);
    if let Some(row) = r
        .tables
        .get_mut(&TableId::T05)
        .and_then(|t| t.rows.iter_mut().find(|x| x.key == "20805"))
    {
        row.span.confidence = confidence;
    }
    r
}

#[test]
fn a_name_ocr_read_a_character_off_is_a_reading_question() {
    // OCR read 出 as 岀 (confidence 88): a misreading of the official name.
    let a = audit(&t05_named("行政事业单位养老支岀", Some(88)), &builtin());
    let f = name_finding(&a, "T05[20805]");
    assert_doubt(f, ReadingShape::Ocr);
    let d = f.reading.as_ref().unwrap();
    assert_eq!(d.candidate.as_deref(), Some("行政事业单位养老支出"));
    assert_eq!(d.confidence, Some(88));
    assert!(f.message.contains("仅差 1 个字"), "{}", f.message);
    // The same name in a text layer is the document's own.
    let a = audit(&t05_named("行政事业单位养老支岀", None), &builtin());
    assert_eq!(name_finding(&a, "T05[20805]").severity, Severity::Error);
    // Last year's name (石泉街道's real error) is no slip of OCR, even in a scan.
    let a = audit(&t05_named("行政事业单位离退休", Some(88)), &builtin());
    assert_eq!(name_finding(&a, "T05[20805]").severity, Severity::Error);
}

#[test]
fn a_name_ocr_did_not_read_is_a_reading_question() {
    // The rough 财政局 scan (seed 10028152040565309808) lost 行政运行 of
    // T05[2010601] while reading its figures; here 20805's name is lost.
    let mut r = t05_named("", None);
    cell_mut(&mut r, "T05[20805,C1]").span.confidence = Some(93);
    let a = audit(&r, &builtin());
    let f = name_finding(&a, "T05[20805]");
    assert_doubt(f, ReadingShape::Ocr);
    assert!(f.message.contains("未能读出"), "{}", f.message);
    // In a text layer an empty name is printed so.
    let a = audit(&t05_named("", None), &builtin());
    assert_eq!(name_finding(&a, "T05[20805]").severity, Severity::Error);
}

/// Every error finding of an audit, rule, place and message.
fn errors(a: &Audit) -> Vec<String> {
    a.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| format!("{} {:?} {}", f.rule, f.primary, f.message))
        .collect()
}

/// Takes row `key` out of `table` of the report, as a reader that could
/// not read it leaves it, and returns the span of its first cell.
fn lose_row(r: &mut Report, table: TableId, key: &str) -> juesuan_model::Span {
    let t = r.tables.get_mut(&table).expect("table");
    let at = t.rows.iter().position(|row| row.key == key).expect("row");
    t.rows.remove(at).cells[0].span.clone()
}

#[test]
fn a_sum_over_a_table_with_a_row_left_unread_is_a_reading_question() {
    let Some(mut r) = finance_as_scanned() else {
        return;
    };
    let book = builtin();
    let own = errors(&audit(&r, &book)).len();
    // OCR read 302 11 差旅费 1.20 (公开06表) as `302 1`: no row came of it.
    let lost = lose_row(&mut r, TableId::T06, "30211");
    // Lost in silence, the row makes 302 differ from its 款 by 1.20.
    let a = audit(&r, &book);
    assert_eq!(errors(&a).len(), own + 1, "{:#?}", errors(&a));
    of_rule(&a, "T06.hierarchy", "T06[302,C1]");
    // Its amount left on the table as unread, the sum is a reading question.
    let t06 = r.tables.get_mut(&TableId::T06).expect("公开06表");
    t06.unread.push(lost);
    let a = audit(&r, &book);
    assert_eq!(errors(&a).len(), own, "{:#?}", errors(&a));
    let f = of_rule(&a, "T06.hierarchy", "T06[302,C1]");
    assert_doubt(f, ReadingShape::UnreadRow);
    assert!(f.message.contains("T06（"), "{}", f.message);
    assert!(f.message.contains("可能缺行"), "{}", f.message);
    // And the amount left unread is reported where it stands.
    let said = a
        .findings
        .iter()
        .find(|f| f.rule == "read.unread_rows")
        .expect("read.unread_rows");
    assert_eq!(said.severity, Severity::Warning);
    assert!(said.message.contains("金额 1.20"), "{}", said.message);
    assert_eq!(said.page, Some(16), "{said:#?}");
}

#[test]
fn a_row_missing_from_a_table_with_amounts_left_unread_is_a_reading_question() {
    let Some(mut r) = finance_as_scanned() else {
        return;
    };
    let book = builtin();
    let own = errors(&audit(&r, &book)).len();
    // 公开03表's 2010601 行政运行 (also in 公开05表) left unread.
    let lost = lose_row(&mut r, TableId::T03, "2010601");
    // Lost in silence, the row reads as 0 beside 公开05表's 1,511.89.
    let a = audit(&r, &book);
    assert_eq!(errors(&a).len(), own + 3, "{:#?}", errors(&a));
    let t03 = r.tables.get_mut(&TableId::T03).expect("公开03表");
    t03.unread.push(lost);
    let a = audit(&r, &book);
    assert_eq!(errors(&a).len(), own, "{:#?}", errors(&a));
    let f = of_rule(&a, "X.T05_T03.total", "T05[2010601,C1]");
    assert_doubt(f, ReadingShape::UnreadRow);
}

#[test]
fn an_empty_tables_note_misread_by_ocr_is_a_reading_question() {
    let Some(mut r) = finance_as_scanned() else {
        return;
    };
    let book = builtin();
    let t07 = r.tables.get_mut(&TableId::T07).expect("公开07表");
    let (_, note) = t07
        .notes
        .iter_mut()
        .find(|(_, n)| n.contains("无数据"))
        .expect("公开07表's note that it has no data");
    // As a rough scan read it: 没有 and 数据 both lost.
    *note = note.replace("没有", "设有").replace("无数据", "无雪据");
    let a = audit(&r, &book);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "tables.empty_note")
        .expect("tables.empty_note");
    assert_doubt(f, ReadingShape::Doubt);
    assert!(
        f.message.contains("T07的表注经文字识别读取"),
        "{}",
        f.message
    );
    let read = f.reading.as_ref().and_then(|d| d.read.clone());
    assert!(read.is_some_and(|n| n.contains("无雪据")));
    assert!(a.coverage.reading_doubts >= 1);
    // In a text layer the note is as printed: an error.
    for t in r.tables.values_mut() {
        for c in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            c.span.confidence = None;
        }
    }
    let a = audit(&r, &book);
    let f = a
        .findings
        .iter()
        .find(|f| f.rule == "tables.empty_note")
        .expect("tables.empty_note");
    assert_eq!(f.severity, Severity::Error, "{}", f.message);
}
