//! The harness of the server's integration tests: the server runs
//! in-process on 127.0.0.1:0 and is called over plain TCP with a minimal
//! HTTP/1.1 client.
// Each test file uses its own part of the harness.
#![allow(dead_code)]

use juesuan_audit::Rulebook;
use juesuan_server::{App, Config};
use juesuan_store::Store;
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

pub const SAMPLE: &str = include_str!("../../../../tests/data/jilin-hrss-2024-final-accounts.txt");

pub fn temp_dir() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "juesuan-server-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running server; dropping it stops the runtime.
pub struct Server {
    pub addr: SocketAddr,
    /// The server's state, shared with the running server.
    pub app: Arc<App>,
    _runtime: tokio::runtime::Runtime,
}

pub fn start(config: Config) -> Server {
    start_on(&temp_dir().join("lib.db"), config)
}

/// A server on the library at `db` (created if missing), with an empty
/// memory cache.
pub fn start_on(db: &std::path::Path, config: Config) -> Server {
    let store = Store::open(db.to_str().unwrap()).unwrap();
    let app = Arc::new(App::new(store, Rulebook::builtin().unwrap(), config));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    std_listener.set_nonblocking(true).unwrap();
    let addr = std_listener.local_addr().unwrap();
    let served = Arc::clone(&app);
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
        let _ = juesuan_server::serve(listener, served, std::future::pending()).await;
    });
    Server {
        addr,
        app,
        _runtime: runtime,
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

pub fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

pub fn get(addr: SocketAddr, path: &str) -> Response {
    request(addr, "GET", path, &[], b"")
}

pub fn upload(addr: SocketAddr, name: &str, body: &[u8]) -> Response {
    request(
        addr,
        "POST",
        &format!("/api/reports?name={}", pct(name)),
        &[("Content-Type", "text/plain; charset=utf-8")],
        body,
    )
}

pub fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An image-only PDF of `pages` A4 pages at 100 dpi, each a grey page with
/// a few dark bars (no text layer: every page needs OCR).
pub fn scan(pages: usize) -> Vec<u8> {
    let dir = temp_dir();
    let (w, h) = (827usize, 1169usize);
    let mut files = Vec::new();
    for i in 0..pages {
        let mut data = vec![235u8; w * h];
        for bar in 0..(3 + i) {
            let y = 150 + bar * 90;
            for row in y..y + 12 {
                for x in 100..700 {
                    data[row * w + x] = 30;
                }
            }
        }
        let mut pgm = format!("P5\n{w} {h}\n255\n").into_bytes();
        pgm.extend_from_slice(&data);
        let path = dir.join(format!("p{i}.pgm"));
        std::fs::write(&path, pgm).unwrap();
        files.push(path);
    }
    let out = dir.join("scan.pdf");
    let st = std::process::Command::new("img2pdf")
        .args(["-s", "100dpix100dpi"])
        .args(&files)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("img2pdf runs");
    assert!(st.success(), "img2pdf: {st}");
    std::fs::read(out).unwrap()
}
