//! The guards of the web app: cross-site writes are refused, the token is
//! checked before a body is read, every response says `nosniff`, uploads
//! beyond the allowed number are answered 503, old .xls files pass.

mod common;

use common::*;
use juesuan_server::{Config, WritePolicy};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

const UPLOAD: &str = "/api/reports?name=a.txt";

fn reports(addr: SocketAddr) -> usize {
    get(addr, "/api/reports").json()["reports"]
        .as_array()
        .map_or(0, Vec::len)
}

fn error_text(r: &Response) -> String {
    r.json()["error"].as_str().unwrap_or("").to_string()
}

#[test]
fn cross_site_writes_are_refused() {
    let server = start(Config::default());
    let addr = server.addr;
    let body = SAMPLE.as_bytes();

    // Another site's script or form, announced by its Origin.
    let r = request(
        addr,
        "POST",
        UPLOAD,
        &[("Origin", "http://evil.example")],
        body,
    );
    assert_eq!(r.status, 403, "{}", r.text());
    assert!(error_text(&r).contains("其他网站"), "{}", r.text());
    // An HTML form posting text/plain from another site.
    let r = request(
        addr,
        "POST",
        UPLOAD,
        &[
            ("Content-Type", "text/plain"),
            ("Origin", "http://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "navigate"),
        ],
        body,
    );
    assert_eq!(r.status, 403);
    // Sec-Fetch-Site alone is enough; so is the same host on another port.
    let r = request(
        addr,
        "POST",
        UPLOAD,
        &[
            ("Content-Type", "text/plain"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        body,
    );
    assert_eq!(r.status, 403);
    let other_port = format!("http://127.0.0.1:{}", addr.port().wrapping_add(1));
    let r = request(addr, "POST", UPLOAD, &[("Origin", &other_port)], body);
    assert_eq!(r.status, 403);
    // Any other write method is guarded the same way.
    let r = request(
        addr,
        "DELETE",
        "/api/reports",
        &[("Origin", "http://evil.example")],
        b"",
    );
    assert_eq!(r.status, 403);
    assert_eq!(reports(addr), 0, "nothing was stored");

    // Form encodings are not file types, even from this site.
    let r = request(
        addr,
        "POST",
        UPLOAD,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body,
    );
    assert_eq!(r.status, 415);

    // The library page's own upload: same origin.
    let origin = format!("http://{addr}");
    let r = request(
        addr,
        "POST",
        UPLOAD,
        &[
            ("Content-Type", "application/octet-stream"),
            ("Origin", &origin),
            ("Sec-Fetch-Site", "same-origin"),
        ],
        body,
    );
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(reports(addr), 1);
    // Reads from anywhere stay open.
    let r = request(
        addr,
        "GET",
        "/api/reports",
        &[
            ("Origin", "http://evil.example"),
            ("Sec-Fetch-Site", "cross-site"),
        ],
        b"",
    );
    assert_eq!(r.status, 200);
}

/// Sends the head of a request announcing `length` body bytes but no body,
/// and returns the status line the server answers with (within 10 s).
fn status_without_body(addr: SocketAddr, headers: &[(&str, &str)], length: usize) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!(
        "POST {UPLOAD} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {length}\r\n"
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = [0u8; 64];
    let n = s
        .read(&mut raw)
        .expect("an answer before any body was sent");
    String::from_utf8_lossy(&raw[..n])
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn the_token_is_checked_before_the_body_is_read() {
    let server = start(Config {
        writes: WritePolicy::Token("s3cret-token".into()),
        ..Config::default()
    });
    let addr = server.addr;
    // The server answers at once: it never waits for the body.
    let line = status_without_body(addr, &[], 1_000_000);
    assert!(line.contains(" 401 "), "{line}");
    let line = status_without_body(addr, &[("Authorization", "Bearer wrong")], 1_000_000);
    assert!(line.contains(" 401 "), "{line}");
    let line = status_without_body(addr, &[("Origin", "http://evil.example")], 1_000_000);
    assert!(line.contains(" 403 "), "{line}");
    // The scheme in any case.
    for scheme in ["bearer", "BEARER"] {
        let auth = format!("{scheme} s3cret-token");
        let r = request(
            addr,
            "POST",
            UPLOAD,
            &[("Authorization", &auth)],
            SAMPLE.as_bytes(),
        );
        assert!(r.status == 201 || r.status == 200, "{}", r.text());
    }
}

#[test]
fn every_response_says_nosniff() {
    let server = start(Config::default());
    let addr = server.addr;
    let up = upload(addr, "a.txt", SAMPLE.as_bytes());
    assert_eq!(up.status, 201);
    let id = up.json()["id"].as_str().unwrap().to_string();
    let nosniff = |r: &Response, what: &str| {
        let values: Vec<&str> = r
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("x-content-type-options"))
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(values, ["nosniff"], "{what} ({})", r.status);
    };
    nosniff(&up, "upload");
    for path in [
        "/".to_string(),
        format!("/reports/{id}"),
        format!("/reports/{id}/cells.csv"),
        format!("/reports/{id}/report.xlsx"),
        format!("/reports/{id}/disclosure.html"),
        format!("/api/reports/{id}"),
        "/api/openapi.json".to_string(),
        "/static/app.js".to_string(),
        "/static/style.css".to_string(),
        "/api/nothing".to_string(),
        "/no/such/page".to_string(),
        "/reports/0000000000000000/cells.csv".to_string(),
    ] {
        nosniff(&get(addr, &path), &path);
    }
    let refused = request(
        addr,
        "POST",
        UPLOAD,
        &[("Origin", "http://evil.example")],
        b"x",
    );
    assert_eq!(refused.status, 403);
    nosniff(&refused, "a refused write");
    let wrong_method = request(addr, "PUT", "/api/reports", &[], b"x");
    assert_eq!(wrong_method.status, 405);
    nosniff(&wrong_method, "a method not allowed");
}

#[test]
fn uploads_beyond_the_limit_are_answered_busy() {
    let server = start(Config {
        max_ingests: 1,
        ..Config::default()
    });
    let addr = server.addr;
    let turn = server.app.ingest_turn().expect("a free turn");
    assert!(server.app.ingest_turn().is_none());
    let r = upload(addr, "a.txt", SAMPLE.as_bytes());
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("10"));
    assert!(error_text(&r).contains("请稍后重试"), "{}", r.text());
    assert_eq!(reports(addr), 0);
    drop(turn);
    assert_eq!(upload(addr, "a.txt", SAMPLE.as_bytes()).status, 201);
    // The turn was given back after the upload.
    assert!(server.app.ingest_turn().is_some());
}

#[test]
fn old_excel_files_reach_the_reader() {
    let server = start(Config::default());
    // The compound-file magic of .xls, then nothing a workbook needs: the
    // sniffer lets it through (not 415) and the reader refuses it (422).
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(4096, 0);
    let r = request(
        server.addr,
        "POST",
        "/api/reports?name=old.xls",
        &[("Content-Type", "application/vnd.ms-excel")],
        &xls,
    );
    assert_eq!(r.status, 422, "{}", r.text());
    // Other binary data is still refused before reading.
    let r = request(
        server.addr,
        "POST",
        "/api/reports?name=x.bin",
        &[("Content-Type", "application/octet-stream")],
        &[0, 1, 2, 3],
    );
    assert_eq!(r.status, 415);
}
