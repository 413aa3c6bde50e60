//! API integration tests: the server runs in-process on 127.0.0.1:0 and is
//! called over plain TCP with a minimal HTTP/1.1 client. Values asserted are
//! read off the Jilin sample (tests/data/jilin-hrss-2024-final-accounts.txt).

mod common;

use common::*;
use juesuan_audit::Rulebook;
use juesuan_server::{Config, WritePolicy};
use juesuan_store::Store;
use serde_json::Value;
use std::io::Write;

/// The opening tag of the first element after `from` that has `attr`.
fn tag_with<'a>(html: &'a str, from: usize, attr: &str) -> &'a str {
    let at = from
        + html[from..]
            .find(attr)
            .unwrap_or_else(|| panic!("{attr} not found"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    &html[start..=end]
}

#[test]
fn upload_then_browse_the_jilin_sample() {
    let server = start(Config::default());
    let addr = server.addr;

    // Upload: parsed, checked, stored.
    let r = upload(
        addr,
        "jilin-hrss-2024-final-accounts.txt",
        SAMPLE.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let up = r.json();
    assert_eq!(up["status"], "imported");
    assert_eq!(up["department"], "吉林省人力资源和社会保障厅");
    assert_eq!(up["year"], 2024);
    let id = up["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 16);
    assert_eq!(up["url"], format!("/reports/{id}"));
    // The truncated 科目名称 of T05 row 2080199 (line 319) is an error.
    assert!(up["counts"]["errors"].as_u64().unwrap() >= 1);

    // The same bytes again: unchanged, same id.
    let r = upload(addr, "again.txt", SAMPLE.as_bytes());
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["status"], "unchanged");
    assert_eq!(r.json()["id"], id.as_str());

    // The report JSON: summary and model with provenance.
    let r = get(addr, &format!("/api/reports/{id}"));
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let rep = r.json();
    assert_eq!(rep["summary"]["department"], "吉林省人力资源和社会保障厅");
    assert_eq!(rep["summary"]["year"], 2024);
    assert_eq!(rep["summary"]["unit"], "万元");
    assert_eq!(rep["model"]["meta"]["year"], 2024);
    let t02_rows = rep["model"]["tables"]["T02"]["rows"].as_array().unwrap();
    let row = t02_rows.iter().find(|r| r["key"] == "2080101").unwrap();
    assert_eq!(row["name"], "行政运行");
    let c2 = row["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == 2)
        .unwrap();
    assert_eq!(c2["value"], "4657.90");
    assert_eq!(c2["raw"], "4,657.90");
    assert_eq!(c2["span"]["line"], 166);

    // Cells: the exact value at its address.
    let cells = get(addr, &format!("/api/reports/{id}/cells")).json();
    let c = cells["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["addr"] == "T02[2080101,C2]")
        .unwrap();
    assert_eq!(
        (c["value"].as_str(), c["line"].as_u64()),
        (Some("4657.90"), Some(166))
    );

    // Findings: the T01 income total printed 34,951.33 (line 132) against
    // R1+R5+R8 = 33,597.66 + 43.64 + 1,310.04 = 34,951.34.
    let findings = get(addr, &format!("/api/reports/{id}/findings")).json();
    let list = findings["findings"].as_array().unwrap();
    let f = list
        .iter()
        .find(|f| f["primary"] == "T01[R10,C1]" && f["expected"].is_string())
        .unwrap();
    assert_eq!(f["actual"], "34951.33");
    assert_eq!(f["expected"], "34951.34");
    assert_eq!(f["difference"], "-0.01");
    assert_eq!(f["line"], 132);
    assert!(f["source_line"]
        .as_str()
        .unwrap()
        .starts_with("本年收入合计\t10\t34,951.33"));
    // The T05 row 2080199 printed 其他人力资源和社会保障管理事务支 (line 319): an error at that row.
    let name_err = list
        .iter()
        .find(|f| f["primary"] == "T05[2080199]" && f["severity"] == "error")
        .unwrap();
    assert_eq!(name_err["line"], 319);
    let rule = name_err["rule"].as_str().unwrap().to_string();

    // The report page: the finding at its cells, with the severity class.
    let r = get(addr, &format!("/reports/{id}"));
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.header("content-security-policy").is_some());
    let html = r.text();
    let t05 = html.find("<section class=\"table\" id=\"T05\"").unwrap();
    let row = t05
        + html[t05..]
            .find("<th class=\"key\" data-row=\"2080199\"")
            .unwrap();
    let th = tag_with(&html, row, "data-findings");
    assert!(th.contains("sev-error"), "{th}");
    assert!(th.contains(&format!("data-rule=\"{rule}\"")), "{th}");
    let td = tag_with(&html, 0, "data-addr=\"T01[R10,C1]\"");
    assert!(td.contains("flag sev-info primary"), "{td}");
    assert!(td.contains("data-rule=\"T01.income_total\""), "{td}");
    let td = tag_with(&html, 0, "data-addr=\"T02[2080101,C2]\"");
    assert!(html.contains(&format!("{td}4,657.90</td>")));
    // The panel's source: the finding item with both values, the difference and the line.
    let item = html
        .find("data-rule=\"T01.income_total\"><p class=\"head\">")
        .unwrap();
    let item = &html[item..item + html[item..].find("</li>").unwrap()];
    for part in [
        "34951.34",
        "34951.33",
        "-0.01",
        "原文（第 132 行）",
        "本年收入合计\t10\t34,951.33",
    ] {
        assert!(item.contains(part), "{part} missing in {item}");
    }
    // T01 is laid out as printed: line 132 holds 本年收入合计 (R10) and 本年支出合计 (R24).
    let at = html.find("data-addr=\"T01[R10,C1]\"").unwrap();
    let tr = &html[html[..at].rfind("<tr>").unwrap()..at + html[at..].find("</tr>").unwrap()];
    assert!(tr.contains("data-addr=\"T01[R24,C2]\""), "{tr}");
    assert!(
        tr.contains("本年收入合计") && tr.contains("34,852.82"),
        "{tr}"
    );
    // Charts: 三公 预算 161.34 against 决算 151.58 (T09 line 437), as SVG bars.
    let charts = html.find("<section id=\"charts\">").unwrap();
    let charts = &html[charts..charts + html[charts..].find("</section>").unwrap()];
    assert!(charts.contains("<figcaption>财政拨款“三公”经费预算数与决算数</figcaption>"));
    assert!(charts.contains(">161.34</text>") && charts.contains(">151.58</text>"));
    // T01 R1 一般公共预算财政拨款收入 33,597.66 (line 123), R15 教育支出 2,202.82.
    assert!(charts.contains("<figcaption>收入结构（公开01表，万元）</figcaption>"));
    assert!(charts.contains(">33,597.66</text>") && charts.contains(">2,202.82</text>"));
    // The narrative follows the tables: the page names where to fetch it.
    let src = format!("/reports/{id}/narrative");
    let section = tag_with(&html, 0, "<section id=\"narrative\"");
    assert!(
        section.contains(&format!("data-src=\"{src}\"")),
        "{section}"
    );
    assert!(!html.contains("data-addr=\"N5.3.26#2\""));
    let narrative = get(addr, &src);
    assert_eq!(narrative.status, 200);
    let narrative = narrative.text();
    // The figures the audit read are flagged at their place. Line 1284
    // prints 822.94万元 (N5.3.26#2) against 854.31万元 the wrong way round.
    let span = tag_with(&narrative, 0, "data-addr=\"N5.3.26#2\"");
    assert!(span.contains("class=\"fig flag sev-error"), "{span}");
    assert!(span.contains("data-rule=\"narrative.direction\""), "{span}");
    // The finding it points at is in the page's list (the panel copies it).
    let ids = span
        .split("data-findings=\"")
        .nth(1)
        .and_then(|r| r.split('"').next());
    for f in ids.unwrap_or_default().split(' ') {
        assert!(html.contains(&format!("<li id=\"{f}\"")), "{f}");
    }
    let after = narrative.find(span).unwrap() + span.len();
    assert!(
        narrative[after..].starts_with("822.94</span>"),
        "{}",
        &narrative[after..after + 40]
    );
    // Line 1503: 2024年度机关运行经费支出868.28万元, an extracted figure.
    let at = narrative.find("机关运行经费支出<span").unwrap();
    assert!(narrative[at..at + 300].contains(">868.28</span>"));
    // The self-evaluation tables: project 1 has no finding, so the page
    // only names it and its table (funds on line 447: 165, 165, 143.11,
    // 86.73) is fetched when it is opened.
    let src = format!("/reports/{id}/performance/1");
    let p1 = tag_with(&html, 0, "<details id=\"P1\"");
    assert!(p1.contains(&format!("data-src=\"{src}\"")), "{p1}");
    assert!(!html.contains("三支一扶招募人数"));
    let part = get(addr, &src);
    assert_eq!(part.status, 200);
    let part = part.text();
    let td = tag_with(&part, 0, "data-addr=\"P1.funds[年度资金总额].executed\"");
    assert!(part.contains(&format!("{td}143.11</td>")));
    assert!(part.contains("三支一扶招募人数"));
    assert_eq!(
        get(addr, &format!("/reports/{id}/performance/99")).status,
        404
    );
    // Project 36's score: the narrative says 97分 (line 1444) where the table says 90.00.
    let td = tag_with(&html, 0, "data-addr=\"P36.score\"");
    assert!(td.contains("sev-error"), "{td}");
    assert!(tag_with(&html, 0, "<details id=\"P36\"").ends_with(" open>"));
    // Every table of the document is laid out.
    for t in [
        "T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09",
    ] {
        assert!(html.contains(&format!("id=\"{t}\"")), "{t}");
    }

    // The library: the department, its year, its report.
    let lib = get(addr, "/").text();
    assert!(lib.contains("吉林省人力资源和社会保障厅"));
    assert!(lib.contains("2024 年度"));
    assert!(lib.contains(&format!("href=\"/reports/{id}\"")));
    assert!(get(addr, &format!("/?q={}", pct("财政厅")))
        .text()
        .contains("没有找到报告"));
    let depts = get(addr, &format!("/api/departments?q={}", pct("人力资源"))).json();
    assert_eq!(depts["departments"].as_array().unwrap().len(), 1);
    let key = depts["departments"][0]["key"].as_str().unwrap().to_string();

    // Compare (one year so far) and its page.
    let cmp = get(addr, &format!("/api/departments/{}/compare", pct(&key))).json();
    assert_eq!(cmp["reports"].as_array().unwrap().len(), 1);
    let r = get(addr, &format!("/departments/{}?all=1", pct(&key)));
    assert_eq!(r.status, 200);
    assert!(r.text().contains("T02[2080101,C2]"));

    // OpenAPI.
    let doc = get(addr, "/api/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert!(doc["paths"]["/api/reports"]["post"].is_object());
    assert!(doc["paths"]["/api/reports/{id}/findings"]["get"].is_object());
}

#[test]
fn a_second_year_is_compared_cell_by_cell() {
    let server = start(Config::default());
    let older = SAMPLE
        .replace("2024 年度", "2023 年度")
        .replace("4,657.90", "4,600.00");
    assert_eq!(
        upload(server.addr, "2024.txt", SAMPLE.as_bytes()).status,
        201
    );
    assert_eq!(
        upload(server.addr, "2023.txt", older.as_bytes()).status,
        201
    );
    let key = pct("吉林省人力资源和社会保障厅");
    let cmp = get(server.addr, &format!("/api/departments/{key}/compare")).json();
    let years: Vec<_> = cmp["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].clone())
        .collect();
    assert_eq!(years, vec![Value::from(2023), Value::from(2024)]);
    let row = cmp["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["addr"] == "T02[2080101,C2]")
        .unwrap();
    assert_eq!(row["values"], serde_json::json!(["4600.00", "4657.90"]));
    assert_eq!(row["changes"][1], "57.90");
    assert_eq!(row["changed"], true);
    let page = get(server.addr, &format!("/departments/{key}")).text();
    assert!(page.contains("<tr data-addr=\"T02[2080101,C2]\" class=\"changed\">"));
    assert!(page.contains("4,600.00") && page.contains("4,657.90") && page.contains("57.90"));
    // Unchanged cells are hidden unless asked for.
    assert!(!page.contains("data-addr=\"T02[2080101,C1]\""));
}

#[test]
fn user_text_is_escaped() {
    let server = start(Config::default());
    let hostile = SAMPLE.replace("吉林省人力资源和社会保障厅", "<script>alert(1)</script>厅");
    let r = upload(
        server.addr,
        "x<img src=x onerror=alert(2)>.txt",
        hostile.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    for path in ["/".to_string(), format!("/reports/{id}")] {
        let html = get(server.addr, &path).text();
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;厅"),
            "{path}"
        );
    }
}

#[test]
fn bad_requests_are_refused() {
    let server = start(Config {
        max_upload: 64 * 1024,
        ..Config::default()
    });
    let addr = server.addr;
    // Not a report.
    let r = upload(addr, "notes.txt", "这不是决算报告\n".as_bytes());
    assert_eq!(r.status, 422);
    assert!(r.json()["error"]
        .as_str()
        .unwrap()
        .contains("未找到任何决算表"));
    // Binary content.
    let r = upload(addr, "x.bin", &[0u8, 1, 2, 3, 0, 0, 7]);
    assert_eq!(r.status, 415);
    // Too large (the sample is ~170 kB, the limit here 64 KiB).
    let r = upload(addr, "big.txt", &vec![b'a'; 100 * 1024]);
    assert_eq!(r.status, 413);
    assert!(r.json()["error"].as_str().unwrap().contains("文件过大"));
    // Unknown and malformed ids; paths are never files.
    assert_eq!(get(addr, "/api/reports/0000000000000000").status, 404);
    assert_eq!(get(addr, "/api/reports/..%2F..%2Fetc%2Fpasswd").status, 404);
    assert_eq!(get(addr, "/reports/not-an-id").status, 404);
    assert_eq!(get(addr, "/api/nothing").json()["error"], "未找到该接口");
    assert_eq!(get(addr, "/api/departments/%E6%97%A0/compare").status, 404);
    // Nothing was stored.
    assert_eq!(
        get(addr, "/api/reports").json()["reports"],
        serde_json::json!([])
    );
}

#[test]
fn writes_need_the_token_when_one_is_set() {
    let server = start(Config {
        writes: WritePolicy::Token("s3cret-token".into()),
        ..Config::default()
    });
    let addr = server.addr;
    let r = upload(addr, "a.txt", SAMPLE.as_bytes());
    assert_eq!(r.status, 401);
    let r = request(
        addr,
        "POST",
        "/api/reports?name=a.txt",
        &[("Authorization", "Bearer wrong")],
        SAMPLE.as_bytes(),
    );
    assert_eq!(r.status, 401);
    let r = request(
        addr,
        "POST",
        "/api/reports?name=a.txt",
        &[("Authorization", "Bearer s3cret-token")],
        SAMPLE.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    // Reads stay open.
    assert_eq!(get(addr, "/api/reports").status, 200);

    let closed = start(Config {
        writes: WritePolicy::Closed,
        ..Config::default()
    });
    assert_eq!(upload(closed.addr, "a.txt", SAMPLE.as_bytes()).status, 403);
}

#[test]
fn a_measure_is_compared_across_departments() {
    let server = start(Config::default());
    let addr = server.addr;
    // The sample (T09 决算合计 C7 printed 151.58 on line 437) and another
    // department printing 140.00 there, and 2,000.00 instead of 机关运行经费 868.28.
    let other = SAMPLE
        .replace("吉林省人力资源和社会保障厅", "吉林省测试厅")
        .replace("151.58", "140.00")
        .replace("机关运行经费支出868.28万元", "机关运行经费支出2000.00万元");
    assert_eq!(upload(addr, "a.txt", SAMPLE.as_bytes()).status, 201);
    assert_eq!(upload(addr, "b.txt", other.as_bytes()).status, 201);

    let list = get(addr, "/api/measures").json();
    let keys: Vec<_> = list["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["key"].as_str().unwrap().to_string())
        .collect();
    assert!(keys.contains(&"sangong".to_string()) && keys.contains(&"jiguan".to_string()));

    let m = get(addr, "/api/measures/sangong?sort=value&order=desc").json();
    assert_eq!(m["name"], "“三公”经费支出决算");
    let rows = m["rows"].as_array().unwrap();
    let got: Vec<_> = rows
        .iter()
        .map(|r| (r["department"].clone(), r["value"].clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Value::from("吉林省人力资源和社会保障厅"),
                Value::from("151.58")
            ),
            (Value::from("吉林省测试厅"), Value::from("140.00")),
        ]
    );
    assert_eq!(rows[0]["source"], "T09[R1,C7]");
    assert_eq!(rows[0]["line"], 437);
    // Ascending by value flips them.
    let m = get(addr, "/api/measures/sangong?sort=value").json();
    assert_eq!(m["rows"][0]["value"], "140.00");

    let m = get(addr, "/api/measures/jiguan?year=2024&sort=value&order=desc").json();
    assert_eq!(m["rows"][0]["value"], "2000.00");
    assert_eq!(m["rows"][1]["value"], "868.28");
    assert_eq!(m["rows"][1]["line"], 1503);
    assert_eq!(
        get(addr, "/api/measures/jiguan?year=2023").json()["rows"],
        serde_json::json!([])
    );
    assert_eq!(get(addr, "/api/measures/nothing").status, 404);

    // The page: sortable headers, values as printed, the source line.
    let page = get(addr, "/measures/sangong?sort=value&order=desc").text();
    let first = page.find("吉林省人力资源和社会保障厅</a>").unwrap();
    let second = page.find("吉林省测试厅</a>").unwrap();
    assert!(first < second);
    assert!(page.contains("<td class=\"num\">151.58</td><td>T09[R1,C7]（第 437 行）</td>"));
    assert!(page.contains("href=\"/measures/sangong?sort=value\">数值 ▼</a>"));
    let page = get(addr, "/measures/sangong?sort=value").text();
    assert!(
        page.find("吉林省测试厅</a>").unwrap()
            < page.find("吉林省人力资源和社会保障厅</a>").unwrap()
    );
    assert!(get(addr, "/measures").text().contains("机关运行经费支出"));
    assert_eq!(get(addr, "/measures/nothing").status, 404);
    let doc = get(addr, "/api/openapi.json").json();
    assert!(doc["paths"]["/api/measures/{key}"]["get"].is_object());
    assert!(doc["paths"]["/reports/{id}/report.xlsx"]["get"].is_object());
}

#[test]
fn a_report_is_exported_as_csv_xlsx_and_the_disclosure() {
    let server = start(Config::default());
    let addr = server.addr;
    let up = upload(addr, "jilin.txt", SAMPLE.as_bytes());
    assert_eq!(up.status, 201);
    let id = up.json()["id"].as_str().unwrap().to_string();
    let page = get(addr, &format!("/reports/{id}")).text();
    for link in ["cells.csv", "report.xlsx", "disclosure.html"] {
        assert!(
            page.contains(&format!("href=\"/reports/{id}/{link}\"")),
            "{link}"
        );
    }
    assert!(page.contains(&format!("href=\"/api/reports/{id}\"")));

    // CSV: T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
    let r = get(addr, &format!("/reports/{id}/cells.csv"));
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains(&format!("juesuan-{id}.csv")));
    let csv = r.text();
    assert!(csv.starts_with("\u{feff}单元格,表,行,栏次,项目,数值,行号,页码\r\n"));
    assert!(
        csv.contains("\r\n\"T02[2080101,C2]\",T02,2080101,2,行政运行,4657.90,166,\r\n"),
        "{}",
        &csv[..500]
    );

    // XLSX: a zip workbook.
    let r = get(addr, &format!("/reports/{id}/report.xlsx"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.body.starts_with(b"PK\x03\x04"));
    assert!(r.header("content-type").unwrap().contains("spreadsheetml"));

    // The disclosure in the official layout, without scripts.
    let r = get(addr, &format!("/reports/{id}/disclosure.html"));
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-security-policy")
        .unwrap()
        .starts_with("default-src 'none'"));
    let html = r.text();
    assert!(html.contains("吉林省人力资源和社会保障厅"));
    assert!(html.contains("4,657.90"), "T02[2080101,C2] as printed");
    assert_eq!(get(addr, "/reports/0000000000000000/cells.csv").status, 404);
    assert_eq!(get(addr, "/reports/bad/report.xlsx").status, 404);
}

#[test]
fn report_pages_are_gzipped_for_clients_that_accept_it() {
    use std::io::Read as _;
    let server = start(Config::default());
    let addr = server.addr;
    let up = upload(addr, "jilin.txt", SAMPLE.as_bytes());
    let id = up.json()["id"].as_str().unwrap().to_string();
    let path = format!("/reports/{id}");
    // Twice each: rendered, then from the cache.
    for _ in 0..2 {
        let plain = get(addr, &path);
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.header("vary"), Some("accept-encoding"));
        let gz = request(addr, "GET", &path, &[("Accept-Encoding", "gzip, br")], b"");
        assert_eq!(gz.status, 200);
        assert_eq!(gz.header("content-encoding"), Some("gzip"));
        assert!(gz.body.len() * 4 < plain.body.len());
        let mut html = String::new();
        flate2::read::GzDecoder::new(&gz.body[..])
            .read_to_string(&mut html)
            .unwrap();
        assert_eq!(html.as_bytes(), &plain.body[..]);
        // T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
        assert!(html.contains("4,657.90</td>"));
        let refused = request(addr, "GET", &path, &[("Accept-Encoding", "gzip;q=0")], b"");
        assert_eq!(refused.header("content-encoding"), None);
    }
}

#[test]
fn the_library_is_filtered_by_year_and_status() {
    let server = start(Config::default());
    let addr = server.addr;
    let older = SAMPLE.replace("2024 年度", "2023 年度");
    let other = SAMPLE.replace("吉林省人力资源和社会保障厅", "吉林省测试厅");
    for (name, text) in [("a.txt", SAMPLE), ("b.txt", &older), ("c.txt", &other)] {
        assert_eq!(upload(addr, name, text.as_bytes()).status, 201);
    }
    let reports = |query: &str| -> Vec<Value> {
        let r = get(addr, &format!("/api/reports{query}"));
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        r.json()["reports"].as_array().unwrap().clone()
    };
    let all = reports("");
    assert_eq!(all.len(), 3);
    // `juesuan check` of the sample: 5 errors, 26 warnings; and, as b.txt
    // is its 2023 with the same figures, 16 errors of the cross-year audit:
    // 年初结转和结余 ≠ last year's 年末 in 公开01表 (3,223.44 vs 3,380.11)
    // and 公开04表 (46.45 vs 35.91, total and 一般公共预算), and the 13
    // changes on last year that the same figures cannot show.
    let sample = all.iter().find(|r| r["source_name"] == "a.txt").unwrap();
    assert_eq!(sample["counts"]["errors"], 5 + 3 + 13);
    assert_eq!(sample["counts"]["warnings"], 26);

    let year_2024 = reports("?year=2024");
    assert_eq!(year_2024.len(), 2);
    assert!(year_2024.iter().all(|r| r["year"] == 2024));
    let year_2023 = reports("?year=2023");
    assert_eq!(year_2023.len(), 1);
    assert_eq!(year_2023[0]["source_name"], "b.txt");
    assert!(reports("?year=2019").is_empty());
    // Every report of the sample has errors and warnings: none is clean.
    assert_eq!(reports("?status=errors").len(), 3);
    assert_eq!(reports(&format!("?status={}", pct("有错误"))).len(), 3);
    assert_eq!(reports("?status=warnings").len(), 3);
    assert!(reports("?status=clean").is_empty());
    assert!(reports(&format!("?status={}", pct("无错误"))).is_empty());
    // Empty form fields mean "any"; conditions combine.
    assert_eq!(reports("?q=&year=&status=").len(), 3);
    let one = reports(&format!("?q={}&year=2024&status=errors", pct("测试厅")));
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["department"], "吉林省测试厅");

    let depts = get(addr, "/api/departments?year=2023").json();
    let depts = depts["departments"].as_array().unwrap();
    assert_eq!(depts.len(), 1);
    assert_eq!(depts[0]["name"], "吉林省人力资源和社会保障厅");
    assert_eq!(depts[0]["reports"].as_array().unwrap().len(), 1);
    assert!(
        get(addr, "/api/departments?status=clean").json()["departments"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Bad values are refused with a reason.
    let r = get(addr, "/api/reports?year=abc");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("无效的年度"));
    let r = get(addr, "/api/departments?status=bogus");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("未知的状态"));

    // The library page: a form with the library's years and the states,
    // the chosen ones selected, the search text escaped.
    let html = get(addr, &format!("/?q={}&year=2023", pct("<b>厅"))).text();
    assert!(
        html.contains("value=\"&lt;b&gt;厅\""),
        "search text escaped"
    );
    assert!(!html.contains("<b>厅"));
    assert!(html.contains("<option value=\"2023\" selected>2023 年度</option>"));
    assert!(html.contains("<option value=\"2024\">2024 年度</option>"));
    assert!(html.contains("<option value=\"clean\">无错误</option>"));
    assert!(
        html.contains("没有找到报告"),
        "no department contains <b>厅"
    );
    let html = get(addr, "/?year=2023").text();
    assert_eq!(html.matches("class=\"report-link\"").count(), 1);
    let html = get(addr, "/?status=errors").text();
    assert_eq!(html.matches("class=\"report-link\"").count(), 3);
    assert!(html.contains("<option value=\"errors\" selected>有错误</option>"));
    let html = get(addr, "/?status=clean").text();
    assert_eq!(html.matches("class=\"report-link\"").count(), 0);
    assert!(html.contains("没有找到报告"));
    let r = get(addr, "/?year=abc");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("无效的年度"));

    // Documented.
    let doc = get(addr, "/api/openapi.json").json();
    for (path, want) in [
        (
            "/api/reports",
            &[
                "q", "year", "status", "dept", "sort", "order", "limit", "offset",
            ][..],
        ),
        (
            "/api/departments",
            &["q", "year", "status", "dept", "limit", "offset"][..],
        ),
    ] {
        let names: Vec<&str> = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, want, "{path}");
    }
}

fn gunzip(bytes: &[u8]) -> String {
    use std::io::Read as _;
    let mut html = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut html)
        .unwrap();
    html
}

fn gzip(text: &str) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(text.as_bytes()).unwrap();
    enc.finish().unwrap()
}

/// A report of the sample stored without a page, as before pages were stored.
fn import_without_page(store: &Store, name: &str, text: &str) -> String {
    let book = Rulebook::builtin().unwrap();
    let report = juesuan_read::read_bytes(name, text.as_bytes()).unwrap();
    let result = juesuan_audit::audit(&report, &book);
    let rec =
        juesuan_store::NewReport::new(name, text.as_bytes(), &report, &result, &book).unwrap();
    store.import(&rec).unwrap().id().to_string()
}

#[test]
fn report_pages_are_stored_at_upload_and_served_from_the_library() {
    use juesuan_server::PAGE_VERSION;
    let db = temp_dir().join("lib.db");
    let first = start_on(&db, Config::default());
    let id = upload(first.addr, "jilin.txt", SAMPLE.as_bytes()).json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    drop(first);

    // The upload stored the page: the page the server renders from the library.
    let store = Store::open(db.to_str().unwrap()).unwrap();
    let stored = store
        .page(&id, PAGE_VERSION)
        .unwrap()
        .expect("a stored page");
    let fresh = juesuan_server::prerender::render_page(&store, &id)
        .unwrap()
        .unwrap();
    assert_eq!(gunzip(&stored), fresh);
    // T02 line 166 `2080101 行政运行 4,660.32 4,657.90`.
    assert!(fresh.contains("4,657.90</td>"));

    // A new server (nothing in memory) sends the stored bytes as they are to
    // clients that accept gzip, and their HTML to the others.
    let server = start_on(&db, Config::default());
    let path = format!("/reports/{id}");
    for _ in 0..2 {
        let gz = request(
            server.addr,
            "GET",
            &path,
            &[("Accept-Encoding", "gzip")],
            b"",
        );
        assert_eq!(gz.status, 200);
        assert_eq!(gz.header("content-encoding"), Some("gzip"));
        assert_eq!(gz.body, stored);
        let plain = get(server.addr, &path);
        assert_eq!(plain.status, 200);
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.text(), fresh);
    }
    drop(server);

    // Served from the library, not rendered: a page stored in its place is
    // what a new server sends.
    store
        .put_page(&id, PAGE_VERSION, &gzip("<p>stored page</p>"))
        .unwrap();
    let server = start_on(&db, Config::default());
    assert_eq!(get(server.addr, &path).text(), "<p>stored page</p>");
    let gz = request(
        server.addr,
        "GET",
        &path,
        &[("Accept-Encoding", "gzip")],
        b"",
    );
    assert_eq!(gunzip(&gz.body), "<p>stored page</p>");
}

#[test]
fn report_pages_of_another_version_are_rendered_anew() {
    use juesuan_server::PAGE_VERSION;
    let db = temp_dir().join("lib.db");
    let store = Store::open(db.to_str().unwrap()).unwrap();
    let old_id = import_without_page(&store, "jilin.txt", SAMPLE);
    let bare_id = import_without_page(
        &store,
        "older.txt",
        &SAMPLE.replace("2024 年度", "2023 年度"),
    );
    // A page of an older template, and a report with no page at all.
    store
        .put_page(&old_id, PAGE_VERSION - 1, &gzip("<p>old template</p>"))
        .unwrap();
    assert_eq!(store.page(&old_id, PAGE_VERSION).unwrap(), None);
    let mut stale = store.stale_pages(PAGE_VERSION).unwrap();
    stale.sort();
    let mut both = vec![old_id.clone(), bare_id.clone()];
    both.sort();
    assert_eq!(stale, both);

    let server = start_on(&db, Config::default());
    for id in [&old_id, &bare_id] {
        let fresh = juesuan_server::prerender::render_page(&store, id)
            .unwrap()
            .unwrap();
        let plain = get(server.addr, &format!("/reports/{id}"));
        assert_eq!(plain.status, 200);
        assert_eq!(plain.text(), fresh, "{id}");
        assert!(!fresh.contains("old template"));
        // Written back after the response.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let stored = loop {
            if let Some(p) = store.page(id, PAGE_VERSION).unwrap() {
                break p;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{id}: page not stored"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(gunzip(&stored), fresh);
    }
    assert!(store.stale_pages(PAGE_VERSION).unwrap().is_empty());
    // Unknown reports are still 404.
    assert_eq!(get(server.addr, "/reports/00000000000000ff").status, 404);
}

#[test]
fn missing_pages_are_prerendered_in_bulk() {
    use juesuan_server::prerender::{prerender_stale, Prerendered};
    use juesuan_server::PAGE_VERSION;
    let db = temp_dir().join("lib.db");
    let store = Store::open(db.to_str().unwrap()).unwrap();
    let a = import_without_page(&store, "a.txt", SAMPLE);
    let b = import_without_page(&store, "b.txt", &SAMPLE.replace("2024 年度", "2023 年度"));
    assert_eq!(
        prerender_stale(&store, 0).unwrap(),
        Prerendered {
            rendered: 2,
            failed: 0
        }
    );
    for id in [&a, &b] {
        let fresh = juesuan_server::prerender::render_page(&store, id)
            .unwrap()
            .unwrap();
        assert_eq!(
            gunzip(&store.page(id, PAGE_VERSION).unwrap().unwrap()),
            fresh
        );
    }
    // Nothing left to do.
    assert_eq!(prerender_stale(&store, 0).unwrap(), Prerendered::default());
}
