//! The score and the years over HTTP: the Jilin 2024 sample and a 2023
//! report generated from it (`juesuan_testkit::years`), uploaded in either
//! order, a renamed department linked, and the ranking.

mod common;

use common::*;
use juesuan_server::Config;
use juesuan_testkit::years::{jilin_2023, JILIN_2024};

fn errors_of(addr: std::net::SocketAddr, id: &str) -> Vec<String> {
    let f = get(
        addr,
        &format!("/api/reports/{id}/findings?severity=error&rule=Y."),
    )
    .json();
    f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_later_upload_of_last_year_updates_this_years_findings_page_and_score() {
    let server = start(Config::default());
    let now = upload(server.addr, "jilin-2024.txt", JILIN_2024.as_bytes()).json();
    let id = now["id"].as_str().unwrap().to_string();
    let before = get(server.addr, &format!("/api/reports/{id}/score")).json();
    let parts = before["score"]["parts"].as_array().unwrap();
    assert!(parts.iter().all(|p| p["item"] != "跨年度衔接"), "{before}");
    let page = get(server.addr, &format!("/reports/{id}")).text();
    assert!(page.contains("<section id=\"score\"><h2>信息公开质量评分</h2>"));
    assert!(!page.contains("Y.carry_forward"));

    let last = jilin_2023(false);
    assert_eq!(
        upload(server.addr, "jilin-2023.txt", last.as_bytes()).status,
        201
    );
    let mut errors = errors_of(server.addr, &id);
    errors.sort();
    assert_eq!(errors, ["Y.carry_forward", "Y.prior_stated"]);
    // The page shows them at once (the cached page was rendered anew).
    let page = get(server.addr, &format!("/reports/{id}")).text();
    assert!(page.contains("Y.carry_forward"), "page not refreshed");
    let after = get(server.addr, &format!("/api/reports/{id}/score")).json();
    let cross = after["score"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["item"] == "跨年度衔接")
        .cloned()
        .unwrap();
    assert_eq!(cross["earned"], "0");
    assert_eq!(cross["possible"], "6");

    let ranking = get(server.addr, "/api/scores").json();
    assert_eq!(ranking["total"], 2);
    let scores: Vec<f64> = ranking["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(scores[0] >= scores[1], "{ranking}");
    let library = get(server.addr, "/").text();
    assert!(library.contains("信息公开质量排名"), "{library}");
    let page = get(server.addr, "/scores?year=2024").text();
    assert!(page.contains("吉林省人力资源和社会保障厅"));
    assert_eq!(get(server.addr, "/api/scores?year=abc").status, 400);
    let doc = get(server.addr, "/api/openapi.json").json();
    for p in ["/api/scores", "/api/reports/{id}/score", "/api/links"] {
        assert!(doc["paths"][p].is_object(), "{p} missing from openapi.json");
    }
}

#[test]
fn a_renamed_department_is_linked_through_the_api() {
    let server = start(Config::default());
    let last = jilin_2023(false).replace("吉林省人力资源和社会保障厅", "吉林省人事厅");
    assert_eq!(
        upload(server.addr, "renamed-2023.txt", last.as_bytes()).status,
        201
    );
    let now = upload(server.addr, "jilin-2024.txt", JILIN_2024.as_bytes()).json();
    let id = now["id"].as_str().unwrap().to_string();
    assert!(errors_of(server.addr, &id).is_empty());
    let link = |body: &str| {
        request(
            server.addr,
            "POST",
            "/api/links",
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    };
    let r = link(r#"{"old": "吉林省人事厅", "new": "吉林省人力资源和社会保障厅"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["compared"].as_array().unwrap().len(), 2);
    assert_eq!(errors_of(server.addr, &id).len(), 2);
    let r = link(r#"{"old": "没有这个部门", "new": "吉林省人力资源和社会保障厅"}"#);
    assert_eq!(r.status, 404, "{}", r.text());
}
