//! A library of many reports, listed a page at a time: the library page,
//! the API's slices, a measure across the library, the findings export,
//! and the report page's findings summary and severity filter.
//!
//! The library holds variants of the Jilin sample (as
//! `crates/cli/tests/import_kill.rs` makes them): department
//! `吉林省第{i}测试厅`, year 2015 + i % 10. Every fourth variant (i % 4 == 1)
//! prints its 三公 决算 合计 (T09 line 437, 151.58) as 140.00, and every
//! third (i % 3 == 0) its 行政运行 决算 (T02 line 166, 4,657.90) as
//! 4,600.00, which breaks more sums: more errors.

mod common;

use common::*;
use juesuan_audit::Rulebook;
use juesuan_server::Config;
use juesuan_store::Store;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

const DEPARTMENT: &str = "吉林省人力资源和社会保障厅";

/// Reports in the library: more than two pages of 50, two API slices of 100.
const N: usize = 120;

// `is_multiple_of` is younger than the workspace's rust-version (1.82).
#[allow(clippy::manual_is_multiple_of)]
fn variant(i: usize) -> String {
    let mut text = SAMPLE
        .replace(DEPARTMENT, &format!("吉林省第{i}测试厅"))
        .replace("2024 年度", &format!("{} 年度", 2015 + i % 10));
    if i % 4 == 1 {
        text = text.replace("151.58", "140.00");
    }
    if i % 3 == 0 {
        text = text.replace("4,657.90", "4,600.00");
    }
    text
}

/// The library, built once for every test of this file (read and audited
/// on both cores; the report pages are not rendered: they are not listed).
fn library() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let db = temp_dir().join("lib.db");
        let store = Store::open(db.to_str().unwrap()).unwrap();
        let book = Rulebook::builtin().unwrap();
        let started = std::time::Instant::now();
        std::thread::scope(|s| {
            for part in 0..2 {
                let (store, book) = (&store, &book);
                s.spawn(move || {
                    for i in (part..N).step_by(2) {
                        juesuan_store::ingest(
                            store,
                            book,
                            &format!("v{i:03}.txt"),
                            variant(i).as_bytes(),
                        )
                        .unwrap_or_else(|e| panic!("v{i}: {}", e.message()));
                    }
                });
            }
        });
        eprintln!("library of {N} reports built in {:?}", started.elapsed());
        db
    })
}

fn server() -> Server {
    start_on(library(), Config::default())
}

/// The report ids linked from a library page, in page order.
fn linked_reports(html: &str) -> Vec<String> {
    html.split("class=\"report-link\" href=\"/reports/")
        .skip(1)
        .map(|rest| rest[..16].to_string())
        .collect()
}

/// The error counts shown on a library page, in page order.
fn error_counts(html: &str) -> Vec<u32> {
    html.split("data-count=\"errors\">错误 ")
        .skip(1)
        .map(|rest| rest[..rest.find('<').unwrap()].parse().unwrap())
        .collect()
}

fn ok_html(addr: std::net::SocketAddr, path: &str) -> String {
    let r = get(addr, path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.text()
}

#[test]
fn the_library_page_is_cut_into_pages_of_fifty() {
    let server = server();
    let addr = server.addr;
    let first = ok_html(addr, "/");
    assert!(first.contains(&format!("共 {N} 份报告，本页第 1–50 份")));
    assert!(first.contains("第 1 / 3 页"));
    assert!(first.contains("href=\"/?page=2\" rel=\"next\""));
    assert!(first.len() < 60_000, "{} bytes", first.len());
    let mut seen = Vec::new();
    for (page, rows) in [(1, 50), (2, 50), (3, 20)] {
        let html = ok_html(addr, &format!("/?page={page}"));
        let ids = linked_reports(&html);
        assert_eq!(ids.len(), rows, "page {page}");
        seen.extend(ids);
    }
    // No report twice, none left out.
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), N);
    // Past the end: an empty page that says so, with its way back.
    let past = ok_html(addr, "/?page=9");
    assert!(past.contains("本页没有报告"));
    assert!(past.contains("rel=\"first\""));
    assert_eq!(get(addr, "/?page=x").status, 400);
}

#[test]
fn the_library_is_filtered_and_sorted_on_the_server() {
    let server = server();
    let addr = server.addr;
    // Year 2020: variants 5, 15, … 115.
    let html = ok_html(addr, "/?year=2020");
    assert_eq!(linked_reports(&html).len(), N / 10);
    assert!(html.contains("共 12 份报告"));
    assert!(!html.contains("rel=\"next\""));
    // 第11测试厅 and 第110 … 第119测试厅; spaces in the search are folded.
    let html = ok_html(addr, &format!("/?q={}", pct("第 11")));
    assert_eq!(linked_reports(&html).len(), 11);
    // By error count: variants with 4,600.00 have more errors and come first.
    let html = ok_html(addr, "/?sort=errors");
    let counts = error_counts(&html);
    assert_eq!(counts.len(), 50);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(counts[0] > 4, "{counts:?}");
    assert!(html.contains("<option value=\"errors\" selected>"));
    // Every link of the pager keeps the order.
    assert!(html.contains("href=\"/?sort=errors&amp;page=2\" rel=\"next\""));
    let last = ok_html(addr, "/?sort=errors&page=3");
    let tail = error_counts(&last);
    assert!(tail.iter().all(|&n| n <= counts[49]), "{tail:?}");
    let html = ok_html(addr, "/?sort=errors&order=asc");
    assert_eq!(error_counts(&html)[0], 5);
    assert!(html.contains("<input type=\"hidden\" name=\"order\" value=\"asc\">"));
    // One department: its name links to the library filtered on it.
    let key = "吉林省第7测试厅";
    assert!(html.contains(&format!(
        "href=\"/?sort=errors&amp;order=asc&amp;dept={}\"",
        pct(key)
    )));
    let html = ok_html(addr, &format!("/?dept={}", pct(key)));
    assert_eq!(linked_reports(&html).len(), 1);
    assert!(html.contains(&format!("部门：{key}")));
    // The export link carries the filter.
    let html = ok_html(addr, "/?year=2020&status=errors");
    assert!(html.contains("href=\"/api/findings.csv?year=2020&amp;status=errors\""));
    assert_eq!(get(addr, "/?sort=size").status, 400);
}

#[test]
fn the_api_lists_reports_and_departments_in_slices() {
    let server = server();
    let addr = server.addr;
    let first = get(addr, "/api/reports").json();
    assert_eq!(first["reports"].as_array().unwrap().len(), 100);
    assert_eq!(first["total"], N);
    assert_eq!(
        (first["limit"].as_u64(), first["offset"].as_u64()),
        (Some(100), Some(0))
    );
    let next = first["next"].as_str().unwrap().to_string();
    assert_eq!(next, "/api/reports?limit=100&offset=100");
    let second = get(addr, &next).json();
    assert_eq!(second["reports"].as_array().unwrap().len(), N - 100);
    assert_eq!(second["next"], Value::Null);
    let ids: BTreeSet<String> = [&first, &second]
        .iter()
        .flat_map(|p| p["reports"].as_array().unwrap().iter())
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), N);
    // At most 500 at once.
    let all = get(addr, "/api/reports?limit=100000").json();
    assert_eq!(all["limit"], 500);
    assert_eq!(all["reports"].as_array().unwrap().len(), N);
    // The library's filters and orders.
    let worst = get(addr, "/api/reports?sort=errors&limit=3&year=2015").json();
    let errors: Vec<u64> = worst["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["counts"]["errors"].as_u64().unwrap())
        .collect();
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
    assert_eq!(worst["total"], N / 10);
    assert_eq!(
        worst["next"],
        "/api/reports?year=2015&sort=errors&limit=3&offset=3"
    );
    for bad in [
        "limit=abc",
        "offset=-1",
        "sort=size",
        "order=up",
        "year=abc",
    ] {
        assert_eq!(
            get(addr, &format!("/api/reports?{bad}")).status,
            400,
            "{bad}"
        );
    }
    let depts = get(addr, "/api/departments?limit=10&offset=5").json();
    assert_eq!(depts["departments"].as_array().unwrap().len(), 10);
    assert_eq!(depts["total"], N);
    assert_eq!(
        depts["departments"][0]["reports"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn a_measure_across_the_library_is_cut_into_pages() {
    let server = server();
    let addr = server.addr;
    let html = ok_html(addr, "/measures/sangong");
    assert_eq!(html.matches("<tr data-report=").count(), 50);
    assert!(html.contains(&format!("共 {N} 份报告")));
    assert!(html.contains("第 1 / 3 页"));
    // By value, largest first: 151.58 (90 variants), then 140.00 (30).
    let last = ok_html(addr, "/measures/sangong?sort=value&order=desc&page=3");
    assert_eq!(last.matches("<tr data-report=").count(), 20);
    assert_eq!(last.matches(">140.00</td>").count(), 20);
    assert!(
        last.contains("href=\"/measures/sangong?sort=value&amp;order=desc\" rel=\"prev\"")
            || last.contains(
                "href=\"/measures/sangong?sort=value&amp;order=desc&amp;page=2\" rel=\"prev\""
            )
    );
    let first = ok_html(addr, "/measures/sangong?sort=value");
    assert_eq!(first.matches(">140.00</td>").count(), 30);
    // The year filter: the form offers the library's years.
    let html = ok_html(addr, "/measures/sangong?year=2016&sort=value");
    assert_eq!(html.matches("<tr data-report=").count(), 12);
    assert!(html.contains("<option value=\"2016\" selected>"));
    assert_eq!(
        ok_html(addr, "/measures/sangong?year=")
            .matches("<tr data-report=")
            .count(),
        50
    );
    // The API: slices with their total.
    let m = get(addr, "/api/measures/sangong?sort=value&limit=40").json();
    let rows = m["rows"].as_array().unwrap();
    assert_eq!((rows.len(), m["total"].as_u64()), (40, Some(N as u64)));
    assert_eq!(rows[29]["value"], "140.00");
    assert_eq!(rows[30]["value"], "151.58");
}

#[test]
fn the_findings_of_the_library_are_exported_as_csv() {
    let server = server();
    let addr = server.addr;
    let r = get(addr, "/api/findings.csv?year=2020&severity=error");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("juesuan-findings.csv"));
    let csv = r.text();
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(
        lines.next(),
        Some("\u{feff}部门,年度,规则,级别,说明,位置,报告编号")
    );
    let rows: Vec<&str> = lines.collect();
    let reports = get(addr, "/api/reports?year=2020").json();
    let errors: u64 = reports["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["counts"]["errors"].as_u64().unwrap())
        .sum();
    assert_eq!(rows.len() as u64, errors);
    assert!(rows
        .iter()
        .all(|l| l.starts_with("吉林省第") && l.contains(",2020,")));
    assert!(rows.iter().all(|l| l.contains(",错误,")), "{rows:?}");
    // T01 line 132 prints 本年收入合计 34,951.33 against 34,951.34 (an info).
    let all = get(addr, "/api/findings.csv?dept=".to_string().as_str()).text();
    let total: u64 = get(addr, "/api/reports?limit=500").json()["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let c = &r["counts"];
            c["errors"].as_u64().unwrap()
                + c["warnings"].as_u64().unwrap()
                + c["infos"].as_u64().unwrap()
        })
        .sum();
    assert_eq!(all.matches("\r\n").count() as u64, total + 1);
    assert!(all.contains(",T01.income_total,提示,"));
    assert!(all.contains("\"T01[R10,C1]，第 132 行\""));
    assert_eq!(get(addr, "/api/findings.csv?severity=fatal").status, 400);
}

#[test]
fn findings_are_filtered_by_severity_and_rule() {
    let server = server();
    let addr = server.addr;
    let list = get(
        addr,
        &format!("/api/reports?dept={}", pct("吉林省第1测试厅")),
    )
    .json();
    let id = list["reports"][0]["id"].as_str().unwrap().to_string();
    // Variant 1 is the sample with 三公 140.00: `juesuan check` of the
    // sample gives 5 errors, 26 warnings, 41 infos.
    let all = get(addr, &format!("/api/reports/{id}/findings")).json();
    let all = all["findings"].as_array().unwrap().clone();
    let of = |query: &str| -> Vec<Value> {
        let r = get(addr, &format!("/api/reports/{id}/findings?{query}"));
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        r.json()["findings"].as_array().unwrap().clone()
    };
    let errors = of("severity=error");
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|f| f["severity"] == "error"));
    let count = |sev: &str| all.iter().filter(|f| f["severity"] == sev).count();
    assert_eq!(errors.len(), count("error"));
    assert_eq!(
        of(&format!("severity={}", pct("警告,提示"))).len(),
        count("warning") + count("info")
    );
    let t01 = of("rule=T01");
    assert!(
        !t01.is_empty()
            && t01
                .iter()
                .all(|f| f["rule"].as_str().unwrap().starts_with("T01"))
    );
    assert!(of("rule=t01").is_empty(), "rule ids are compared exactly");
    let both = of("severity=info&rule=T01.income_total");
    assert!(both
        .iter()
        .all(|f| f["severity"] == "info" && f["rule"] == "T01.income_total"));
    assert!(!both.is_empty());
    assert_eq!(
        get(addr, &format!("/api/reports/{id}/findings?severity=fatal")).status,
        400
    );

    // The report page: the summary comes before the tables, errors first,
    // each count a link to those findings alone.
    let html = ok_html(addr, &format!("/reports/{id}"));
    let summary = html.find("<section id=\"summary\"").unwrap();
    assert!(summary < html.find("<section class=\"table\"").unwrap());
    let badge = format!(
        "<a class=\"badge sev-error\" data-count=\"error\" href=\"/reports/{id}/findings?severity=error\">错误 {}</a>",
        count("error")
    );
    let at = html.find(&badge).unwrap_or_else(|| panic!("{badge}"));
    assert!(at < html.find("data-count=\"warning\"").unwrap());
    assert!(
        html.find("data-count=\"warning\"").unwrap() < html.find("data-count=\"info\"").unwrap()
    );
    // The list at the end: errors first.
    let list = &html[html.find("<section id=\"findings\"").unwrap()..];
    let first_info = list.find("class=\"finding sev-info\"").unwrap();
    assert!(list.rfind("class=\"finding sev-error\"").unwrap() < first_info);
    // The self-evaluation table with a finding says so in its header:
    // project 36's score, 97分 in the narrative (line 1444) against 90.00.
    let p36 = &html[html.find("<details id=\"P36\"").unwrap()..];
    let head = &p36[..p36.find("</summary>").unwrap()];
    assert!(head.contains("badge sev-error"), "{head}");
    assert!(head.contains("条审核发现 · 最严重：错误"), "{head}");

    // The findings page, filtered on the server.
    let page = ok_html(addr, &format!("/reports/{id}/findings?severity=error"));
    assert_eq!(
        page.matches("<li class=\"finding sev-").count(),
        count("error")
    );
    assert_eq!(
        page.matches("<li class=\"finding sev-error\"").count(),
        count("error")
    );
    assert!(page.contains("aria-current=\"page\">错误"));
    assert!(page.contains(&format!("href=\"/reports/{id}#T")));
    let page = ok_html(
        addr,
        &format!("/reports/{id}/findings?rule=T01.income_total"),
    );
    let items = page.matches("<li class=\"finding").count();
    assert!(items > 0);
    assert_eq!(
        items,
        page.matches("data-rule=\"T01.income_total\"").count()
    );
    assert_eq!(
        get(addr, &format!("/reports/{id}/findings?severity=x")).status,
        400
    );
}
