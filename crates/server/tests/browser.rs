//! Real-browser end-to-end test: headless Debian `chromium`, driven over the
//! DevTools protocol through `--remote-debugging-pipe` (JSON messages ending
//! in NUL on file descriptors 3 and 4; no port is opened).
//!
//! The server runs in-process on 127.0.0.1:0. The browser opens the library,
//! uploads the Jilin sample through the upload form (the file input set by
//! `DOM.setFileInputFiles`, the button clicked with the mouse), follows the
//! redirect to the report page, clicks the cells of two known findings and
//! reads the finding panel. Screenshots go to `JUESUAN_SCREENSHOTS` (a
//! directory) or a temp directory, printed at the end.
//!
//! Skipped, with a message, when `chromium` is not installed (fails instead
//! under `JUESUAN_REQUIRE_TOOLS=1`).

#![cfg(unix)]

mod common;

use juesuan_audit::Rulebook;
use juesuan_server::{App, Config};
use juesuan_store::Store;
use serde_json::{json, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::os::unix::io::FromRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

const SAMPLE: &str = include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

fn say(msg: &str) {
    // Past the test harness's capture, so that it always shows.
    let _ = writeln!(std::io::stderr(), "{msg}");
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-browser-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The server on 127.0.0.1:0 with an empty library; dropping the runtime stops it.
fn start_server(dir: &Path) -> (SocketAddr, tokio::runtime::Runtime) {
    let store = Store::open(dir.join("lib.db").to_str().unwrap()).unwrap();
    let app = Arc::new(App::new(
        store,
        Rulebook::builtin().unwrap(),
        Config::default(),
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(listener).unwrap();
        let _ = juesuan_server::serve(listener, app, std::future::pending()).await;
    });
    (addr, runtime)
}

/// A pipe whose both ends close on exec: `(read, write)`.
fn pipe() -> (i32, i32) {
    let mut fds = [0i32; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe2 to fill.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(rc, 0, "pipe2: {}", std::io::Error::last_os_error());
    (fds[0], fds[1])
}

/// Headless Chromium with its DevTools pipe; killed on drop.
struct Browser {
    child: Child,
    commands: File,
    events: Receiver<Value>,
    next_id: u64,
    session: Option<String>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch(exe: &Path, profile: &Path) -> Browser {
        let (cmd_read, cmd_write) = pipe();
        let (resp_read, resp_write) = pipe();
        let mut command = Command::new(exe);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // SAFETY: only async-signal-safe calls (fcntl, dup2) between fork and exec.
        unsafe {
            command.pre_exec(move || {
                // Move both ends out of the way first, then onto 3 and 4
                // (dup2 clears close-on-exec on the copies).
                let r = libc::fcntl(cmd_read, libc::F_DUPFD, 10);
                let w = libc::fcntl(resp_write, libc::F_DUPFD, 10);
                if r < 0 || w < 0 || libc::dup2(r, 3) < 0 || libc::dup2(w, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().unwrap();
        // SAFETY: each fd is an open pipe end owned by nobody else in this process.
        let (commands, responses) = unsafe {
            libc::close(cmd_read);
            libc::close(resp_write);
            (File::from_raw_fd(cmd_write), File::from_raw_fd(resp_read))
        };
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(responses);
            let mut buf = Vec::new();
            while matches!(reader.read_until(0, &mut buf), Ok(n) if n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
                buf.clear();
            }
        });
        Browser {
            child,
            commands,
            events,
            next_id: 0,
            session: None,
        }
    }

    /// Sends a command (to the page session once attached) and waits for its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|err| panic!("{method}: {err}"))
    }

    /// [`Browser::call`], with chromium's error answer returned, not a panic.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.commands.write_all(&bytes).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = self
                .events
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("{method}: no answer from chromium ({e})"));
            if v["id"] == id {
                if let Some(err) = v.get("error") {
                    return Err(err.clone());
                }
                return Ok(v["result"].clone());
            }
        }
    }

    /// Evaluates a JavaScript expression in the page; its value as JSON.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("{expr}: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it is `true` (at most `secs` seconds). While a
    /// click's navigation is under way chromium answers "Inspected target
    /// navigated or closed": that is a "not yet", not a failure.
    fn wait_for(&mut self, expr: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < deadline {
            let r = self.try_call(
                "Runtime.evaluate",
                json!({ "expression": expr, "returnByValue": true, "awaitPromise": true }),
            );
            if r.is_ok_and(|r| r["result"]["value"] == json!(true)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {expr}");
    }

    /// Clicks the centre of the first element matching `selector` with the mouse.
    fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = match (rect[0].as_f64(), rect[1].as_f64()) {
            (Some(x), Some(y)) => (x, y),
            _ => panic!("no element {selector}"),
        };
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 }),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64_decode(r["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(path, png).unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c}"),
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=' && c != b'\n').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c) << (18 - 6 * i);
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.push(a);
        if chunk.len() > 2 {
            out.push(b);
        }
        if chunk.len() > 3 {
            out.push(c);
        }
    }
    out
}

#[test]
fn upload_the_sample_in_chromium_and_click_its_findings() {
    let exe = chromium();
    if !juesuan_testkit::available("chromium", exe.is_some()) {
        return;
    }
    let Some(exe) = exe else { return };
    let dir = temp_dir("e2e");
    let shots = std::env::var_os("JUESUAN_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("screenshots"));
    std::fs::create_dir_all(&shots).unwrap();
    let (addr, _runtime) = start_server(&dir);
    let upload = dir.join("jilin-hrss-2024-final-accounts.txt");
    std::fs::write(&upload, SAMPLE).unwrap();

    let mut b = Browser::launch(&exe, &dir.join("profile"));
    let target = b.call("Target.createTarget", json!({ "url": "about:blank" }));
    let target_id = target["targetId"].as_str().unwrap().to_string();
    let attached = b.call(
        "Target.attachToTarget",
        json!({ "targetId": target_id, "flatten": true }),
    );
    b.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    b.call("Page.enable", json!({}));
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
    );

    // The library, empty, with its upload form.
    b.call("Page.navigate", json!({ "url": format!("http://{addr}/") }));
    b.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('#upload')",
        20,
    );
    let doc = b.call("DOM.getDocument", json!({}));
    let input = b.call(
        "DOM.querySelector",
        json!({ "nodeId": doc["root"]["nodeId"], "selector": "#upload input[type=file]" }),
    );
    b.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input["nodeId"], "files": [upload.to_str().unwrap()] }),
    );
    b.screenshot(&shots.join("1-library-before-upload.png"));
    b.click("#upload button[type=submit]");

    // Uploaded, read, audited, stored: the script goes to the report page.
    b.wait_for(
        "location.pathname.startsWith('/reports/') && document.readyState === 'complete' \
         && !!document.querySelector('#T05')",
        60,
    );
    assert_eq!(
        b.eval("document.querySelector('h1').textContent"),
        json!("吉林省人力资源和社会保障厅 2024 年度")
    );
    // T02 line 166 `2080101 行政运行 4,660.32 4,657.90`, as printed.
    assert_eq!(
        b.eval("document.querySelector('td[data-addr=\"T02[2080101,C2]\"]').textContent"),
        json!("4,657.90")
    );
    assert_eq!(
        b.eval("document.getElementById('panel').hidden"),
        json!(true)
    );

    // The error at T05 row 2080199: its name printed truncated, 其他人力资源和社会保障管理事务支 (line 319).
    let row_name = "#T05 th[data-row=\"2080199\"] + th";
    assert_eq!(
        b.eval(&format!(
            "document.querySelector({}).className",
            serde_json::to_string(row_name).unwrap()
        )),
        json!("name flag sev-error primary")
    );
    b.click(row_name);
    b.wait_for("!document.getElementById('panel').hidden", 5);
    let panel = b.eval("document.querySelector('#panel .body').innerText");
    let panel = panel.as_str().unwrap();
    assert!(panel.contains("错误"), "{panel}");
    assert!(panel.contains("T05[2080199]"), "{panel}");
    assert!(panel.contains("原文（第 319 行）"), "{panel}");
    // The rule's explanation from the rulebook.
    assert!(panel.contains("规则说明"), "{panel}");
    assert!(
        panel.contains("其他人力资源和社会保障管理事务支"),
        "{panel}"
    );
    b.screenshot(&shots.join("2-report-T05-2080199-error.png"));

    // The T01 income total printed 34,951.33 (line 132) against
    // R1+R5+R8 = 33,597.66 + 43.64 + 1,310.04 = 34,951.34: rule T01.income_total.
    b.click("td[data-addr=\"T01[R10,C1]\"]");
    b.wait_for(
        "document.querySelector('#panel .body').innerText.includes('T01.income_total')",
        5,
    );
    let panel = b.eval("document.querySelector('#panel .body').innerText");
    let panel = panel.as_str().unwrap();
    for part in [
        "T01.income_total",
        "34951.34",
        "34951.33",
        "-0.01",
        "原文（第 132 行）",
    ] {
        assert!(panel.contains(part), "{part} not in the panel: {panel}");
    }
    assert_eq!(
        b.eval("document.querySelector('td.selected').getAttribute('data-addr')"),
        json!("T01[R10,C1]")
    );
    b.screenshot(&shots.join("3-report-T01-R10-C1-info.png"));

    // The charts, drawn as SVG.
    b.eval("document.getElementById('charts').scrollIntoView()");
    assert_eq!(
        b.eval("document.querySelectorAll('#charts figure.chart svg').length"),
        json!(3)
    );
    b.screenshot(&shots.join("3b-report-charts.png"));

    // In the narrative, line 1284: 822.94万元 (N5.3.26#2) read against 854.31万元 the wrong way round.
    b.wait_for(
        "!!document.querySelector('span[data-addr=\"N5.3.26#2\"]')",
        10,
    );
    b.click("span[data-addr=\"N5.3.26#2\"]");
    b.wait_for(
        "document.querySelector('#panel .body').innerText.includes('narrative.direction')",
        5,
    );
    let panel = b.eval("document.querySelector('#panel .body').innerText");
    let panel = panel.as_str().unwrap();
    assert!(panel.contains("原文（第 1284 行）"), "{panel}");
    assert!(panel.contains("错误"), "{panel}");
    b.screenshot(&shots.join("4-report-narrative-N5.3.26-error.png"));

    // A self-evaluation table without findings is fetched when opened:
    // project 1's 全年执行数 143.11 (line 447).
    b.eval("document.querySelector('details#P1 summary').click()");
    b.wait_for(
        "!!document.querySelector('details#P1 td[data-addr=\"P1.funds[年度资金总额].executed\"]')",
        5,
    );
    assert_eq!(
        b.eval("document.querySelector('details#P1 td[data-addr=\"P1.funds[年度资金总额].executed\"]').textContent"),
        json!("143.11")
    );

    // Escape closes the panel.
    b.call(
        "Input.dispatchKeyEvent",
        json!({ "type": "keyDown", "key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27 }),
    );
    b.wait_for("document.getElementById('panel').hidden", 5);

    // The findings summary is above the fold, errors first; a click on
    // 错误 lists only the errors (the sample's 5), filtered by the server.
    b.eval("window.scrollTo(0, 0)");
    assert_eq!(
        b.eval(
            "(function () { var s = document.getElementById('summary').getBoundingClientRect(); \
             return s.top >= 0 && s.bottom <= window.innerHeight; })()"
        ),
        json!(true)
    );
    assert_eq!(
        b.eval("document.querySelector('#summary a.badge').textContent"),
        json!("错误 5")
    );
    b.screenshot(&shots.join("4b-report-summary.png"));
    b.click("#summary a.badge.sev-error");
    b.wait_for(
        "location.pathname.endsWith('/findings') && document.readyState === 'complete'",
        10,
    );
    assert_eq!(
        b.eval("document.querySelectorAll('ol.findings li.finding').length"),
        json!(5)
    );
    assert_eq!(
        b.eval("document.querySelectorAll('ol.findings li.finding.sev-error').length"),
        json!(5)
    );
    b.screenshot(&shots.join("4c-report-errors.png"));

    // Back on the library: the department with its error count.
    b.call("Page.navigate", json!({ "url": format!("http://{addr}/") }));
    b.wait_for(
        "document.readyState === 'complete' && document.body.innerText.includes('吉林省人力资源和社会保障厅')",
        20,
    );
    b.screenshot(&shots.join("5-library-after-upload.png"));

    // 三公 决算 across departments: T09[R1,C7] printed 151.58 on line 437.
    b.call(
        "Page.navigate",
        json!({ "url": format!("http://{addr}/measures/sangong?sort=value&order=desc") }),
    );
    b.wait_for("document.readyState === 'complete'", 20);
    assert_eq!(
        b.eval("document.querySelector('table.measure tbody td.num').textContent"),
        json!("151.58")
    );
    b.screenshot(&shots.join("6-measure-sangong.png"));
    say(&format!("browser test screenshots: {}", shots.display()));
}

/// A scanned PDF uploaded through the form: while OCR runs, the status
/// line under the form says how many of its pages are read (the page polls
/// `/api/uploads/{job}`). Blank scans are no report, so the upload ends in
/// the reader's refusal, shown on the same line.
#[test]
fn a_scanned_upload_shows_its_pages_in_chromium() {
    let exe = chromium();
    if !juesuan_testkit::available("chromium", exe.is_some())
        || !juesuan_testkit::tools(&["img2pdf", "pdftotext", "pdftoppm", "tesseract"])
    {
        return;
    }
    let Some(exe) = exe else { return };
    let dir = temp_dir("scan");
    let shots = std::env::var_os("JUESUAN_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("screenshots"));
    std::fs::create_dir_all(&shots).unwrap();
    let (addr, _runtime) = start_server(&dir);
    let upload = dir.join("scan.pdf");
    std::fs::write(&upload, common::scan(4)).unwrap();

    let mut b = Browser::launch(&exe, &dir.join("profile"));
    let target = b.call("Target.createTarget", json!({ "url": "about:blank" }));
    let target_id = target["targetId"].as_str().unwrap().to_string();
    let attached = b.call(
        "Target.attachToTarget",
        json!({ "targetId": target_id, "flatten": true }),
    );
    b.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    b.call("Page.enable", json!({}));
    b.call("Page.navigate", json!({ "url": format!("http://{addr}/") }));
    b.wait_for(
        "document.readyState === 'complete' && !!document.querySelector('#upload')",
        20,
    );
    // Every text the status line shows, in order.
    b.eval(
        "window.seen = []; new MutationObserver(function () { \
           window.seen.push(document.getElementById('upload-status').textContent); \
         }).observe(document.getElementById('upload-status'), \
           { childList: true, characterData: true, subtree: true }); true",
    );
    let doc = b.call("DOM.getDocument", json!({}));
    let input = b.call(
        "DOM.querySelector",
        json!({ "nodeId": doc["root"]["nodeId"], "selector": "#upload input[type=file]" }),
    );
    b.call(
        "DOM.setFileInputFiles",
        json!({ "nodeId": input["nodeId"], "files": [upload.to_str().unwrap()] }),
    );
    b.click("#upload button[type=submit]");
    b.wait_for(
        "window.seen.some(function (t) { return t.indexOf('正在文字识别（OCR）') >= 0; })",
        60,
    );
    b.screenshot(&shots.join("6-scan-upload-progress.png"));
    b.wait_for(
        "document.getElementById('upload-status').textContent.indexOf('上传失败') === 0",
        120,
    );
    let seen = b.eval("window.seen");
    say(&format!("scan upload status: {seen}"));
    let texts: Vec<&str> = seen
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("正在文字识别（OCR）：已完成 ") && t.ends_with(" / 4 页")),
        "{texts:?}"
    );
    assert!(
        texts.last().is_some_and(|t| t.contains("文字识别")),
        "{texts:?}"
    );
    say(&format!("browser test screenshots: {}", shots.display()));
}
