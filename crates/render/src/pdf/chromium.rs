//! The Chromium engine: headless Chromium (Debian `chromium`) prints the
//! HTML form of the document, with the system's TrueType CJK font (the
//! 宋体-style `fonts-arphic-uming` by default, see [`crate::font`]) embedded
//! as a CID TrueType subset. Run as a child process with a timeout
//! and a fresh profile directory.
//!
//! What the time goes to (Jilin sample, 2 cores): a cold Chromium start
//! that prints an empty page costs about 2.4 s of CPU, the document's
//! layout and PDF output the rest. So the HTML is printed with the fewest
//! pages that keep the official layout, PDF tagging is off (it built ~8,000
//! structure objects, 1.3 MB), and the CJK font is handed over as a small
//! web font (see [`crate::font`]) so that the PDF embeds a subset instead
//! of the whole 16.8 MB font collection.

use super::Options;
use crate::error::{Error, ErrorKind};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browser binary: Debian's Chromium itself (skipping its launcher
/// script), else the first browser found on `PATH`.
pub fn find_browser() -> Option<PathBuf> {
    let direct = PathBuf::from("/usr/lib/chromium/chromium");
    if direct.is_file() {
        return Some(direct);
    }
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

/// Chromium's switches: headless printing without header and footer,
/// nothing started that printing does not need, no PDF tagging.
const FLAGS: [&str; 17] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--disable-pdf-tagging",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--no-default-browser-check",
    "--no-first-run",
    "--mute-audio",
    "--disable-dev-shm-usage",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--font-render-hinting=none",
];

/// The family name the PDF's web font is declared under.
const FAMILY: &str = "juesuan-cjk";

/// Writes the subset of the system CJK font next to the page and declares
/// it first in the page's font list (also for bold, so that Chromium does
/// not embolden it into Type 3 glyphs). Without a usable font the page is
/// printed with the system fonts.
fn with_font(html: &str, dir: &std::path::Path, face: Option<&crate::font::FaceFile>) -> String {
    let Some(face) = face.cloned().or_else(crate::font::locate) else {
        return html.to_string();
    };
    let Some(font) = std::fs::read(&face.path)
        .ok()
        .and_then(|data| crate::font::subset(&data, face.index, html))
    else {
        return html.to_string();
    };
    if std::fs::write(dir.join("cjk.ttf"), font).is_err() {
        return html.to_string();
    }
    let style = format!(
        "<style>@font-face{{font-family:\"{FAMILY}\";src:url(\"cjk.ttf\")}}\
         @font-face{{font-family:\"{FAMILY}\";font-weight:bold;src:url(\"cjk.ttf\")}}\
         html{{font-family:\"{FAMILY}\",\"{}\",sans-serif}}</style>",
        face.family.replace(['"', '<', '>', '\\'], "")
    );
    match html.find("</head>") {
        Some(at) => format!("{}{style}{}", &html[..at], &html[at..]),
        None => format!("{style}{html}"),
    }
}

/// Prints `html` to PDF bytes with Chromium.
///
/// Chromium runs as one process (`--single-process --no-zygote`: no
/// renderer, GPU and utility processes to start, about 0.3 s less on two
/// cores); should that mode fail, the page is printed once more the usual
/// way.
pub fn render_html(html: &str, options: &Options) -> Result<Vec<u8>, Error> {
    let browser = options.browser.clone().or_else(find_browser).ok_or_else(|| {
        Error::new(
            ErrorKind::BrowserMissing,
            "未找到 Chromium（chromium），无法生成 PDF；请先运行 scripts/setup.sh 安装 chromium 和中文字体",
        )
    })?;
    let dir = TempDir::new()?;
    let input = dir.0.join("document.html");
    let html = with_font(html, &dir.0, options.font.as_ref());
    std::fs::write(&input, html.as_bytes())
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法写入临时文件：{e}")))?;
    let start = Instant::now();
    match print(&browser, &dir.0, &input, true, options.timeout) {
        Ok(pdf) => Ok(pdf),
        Err(e) if e.kind == ErrorKind::Io => Err(e),
        Err(_) => {
            let left = options.timeout.saturating_sub(start.elapsed());
            print(&browser, &dir.0, &input, false, left)
        }
    }
}

/// One run of the browser over `input`, in a fresh profile under `dir`.
fn print(
    browser: &std::path::Path,
    dir: &std::path::Path,
    input: &std::path::Path,
    single: bool,
    timeout: Duration,
) -> Result<Vec<u8>, Error> {
    let tag = if single { "single" } else { "multi" };
    let output = dir.join(format!("document-{tag}.pdf"));
    let profile = dir.join(format!("profile-{tag}"));
    let log_path = dir.join(format!("chromium-{tag}.log"));
    let log = std::fs::File::create(&log_path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("无法写入临时文件：{e}")))?;
    let mut cmd = Command::new(browser);
    cmd.args(FLAGS);
    if single {
        cmd.args(["--single-process", "--no-zygote"]);
    }
    let mut child = cmd
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", output.display()))
        .arg(format!("file://{}", input.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
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
            Ok(None) if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::new(
                    ErrorKind::Browser,
                    format!("Chromium 生成 PDF 超时（{} 秒）", timeout.as_secs()),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
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
        let err = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: String = err.lines().rev().take(3).collect::<Vec<_>>().join(" / ");
        return Err(Error::new(
            ErrorKind::Browser,
            format!("Chromium 未能生成 PDF（{status}）：{tail}"),
        ));
    }
    Ok(pdf)
}
