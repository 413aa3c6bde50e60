//! PDF: headless Chromium (Debian `chromium`) prints the same HTML, with
//! the TrueType CJK font `fonts-wqy-zenhei` embedded. Run as a child process
//! with a timeout and a fresh profile directory.

use crate::error::{Error, ErrorKind};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// PDF options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The browser binary; `None` searches `chromium`, `chromium-browser`, `google-chrome`.
    pub browser: Option<PathBuf>,
    /// Give up after this long.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            browser: None,
            timeout: Duration::from_secs(60),
        }
    }
}

/// The first browser binary found on `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir, Error> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let p = std::env::temp_dir().join(format!("juesuan-pdf-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p)
            .map_err(|e| Error::new(ErrorKind::Io, format!("无法创建临时目录：{e}")))?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `html` to PDF bytes.
pub fn render(html: &str, options: &Options) -> Result<Vec<u8>, Error> {
    let browser = options.browser.clone().or_else(find_browser).ok_or_else(|| {
        Error::new(
            ErrorKind::BrowserMissing,
            "未找到 Chromium（chromium），无法生成 PDF；请先运行 scripts/setup.sh 安装 chromium 和 fonts-wqy-zenhei",
        )
    })?;
    let dir = TempDir::new()?;
    let input = dir.0.join("document.html");
    let output = dir.0.join("document.pdf");
    let profile = dir.0.join("profile");
    std::fs::write(&input, html)
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法写入临时文件：{e}")))?;
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", output.display()))
        .arg(format!("file://{}", input.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::new(
                ErrorKind::Browser,
                format!("无法启动 {}：{e}", browser.display()),
            )
        })?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > options.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::new(
                    ErrorKind::Browser,
                    format!("Chromium 生成 PDF 超时（{} 秒）", options.timeout.as_secs()),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Browser,
                    format!("等待 Chromium 失败：{e}"),
                ))
            }
        }
    };
    let pdf = std::fs::read(&output).unwrap_or_default();
    if !status.success() || !pdf.starts_with(b"%PDF") {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        let tail: String = err.lines().rev().take(3).collect::<Vec<_>>().join(" / ");
        return Err(Error::new(
            ErrorKind::Browser,
            format!("Chromium 未能生成 PDF（{status}）：{tail}"),
        ));
    }
    Ok(pdf)
}
