//! Hostile input (issue 12): each input that once crashed the process,
//! exhausted its memory or kept it busy for minutes is run through the
//! real binary in a child process limited to 1 GiB of address space. Each
//! must end within 20 s with exit 2 and a clear Chinese message naming the
//! file — no panic, no abort — and an import of all of them beside good
//! reports imports the good ones and lists every bad one.

#![cfg(unix)]

mod inputs;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ADDRESS_SPACE_KIB: u32 = 1024 * 1024;
const TIME_LIMIT: Duration = Duration::from_secs(20);

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("juesuan-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Runs `juesuan args…` under the address-space limit and the time limit.
fn run_limited(args: &[&str]) -> Outcome {
    let script = format!("ulimit -v {ADDRESS_SPACE_KIB} || exit 99; exec \"$@\"");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_juesuan"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_string(&mut s);
            }
            s
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("juesuan {args:?} ran longer than {TIME_LIMIT:?}");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("wait: {e}"),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    assert_ne!(status.code(), Some(99), "ulimit refused");
    Outcome {
        code: status.code(),
        stdout,
        stderr,
    }
}

/// Writes `bytes` as `name`, checks it, and expects exit 2 with `needle`
/// in a message naming the file.
fn refused(name: &str, bytes: &[u8], needle: &str) {
    let dir = temp_dir(name);
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    let o = run_limited(&["check", path_str(&path)]);
    assert_eq!(
        o.code,
        Some(2),
        "{name}: exit {:?} (a signal when None)\n{}",
        o.code,
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{name}: {}", o.stderr);
    assert!(
        o.stderr.contains(name) && o.stderr.contains(needle),
        "{name}: expected “{needle}”: {}",
        o.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn path_str(p: &Path) -> &str {
    p.to_str()
        .unwrap_or_else(|| panic!("non-UTF-8 temp path {p:?}"))
}

#[test]
fn a_sparse_workbook_costs_its_cells_not_its_rectangle() {
    // Cells at A1 and XFD1048576: calamine's dense range would be 512 GiB.
    refused(
        "far.xlsx",
        &inputs::sparse_xlsx(1_048_575, 16_383),
        "未找到任何决算表",
    );
    // A1 and ALL100000: 3.2 GB dense.
    refused(
        "wide.xlsx",
        &inputs::sparse_xlsx(99_999, 999),
        "未找到任何决算表",
    );
}

#[test]
fn a_compound_file_whose_chain_loops_is_refused() {
    let xls = inputs::looping_xls();
    refused("loop.xls", &xls, "复合文档结构损坏");
    refused("cut.xls", &xls[..1018], "复合文档结构损坏");
}

#[test]
fn amounts_beyond_a_report_are_read_errors() {
    let huge = inputs::sample_with_amount("79228162514264337593543950335");
    refused("huge.txt", huge.as_bytes(), "超出可处理范围");
    let tiny = inputs::sample_with_amount("0.0000000000000000000000000001");
    refused("tiny.txt", tiny.as_bytes(), "超出可处理范围");
    let narrative = inputs::sample_with_narrative_amount();
    refused("narrative.txt", narrative.as_bytes(), "超出可处理范围");
}

#[test]
fn html_is_bounded_before_and_while_parsing() {
    refused("wide.html", inputs::wide_html().as_bytes(), "列");
    refused("deep.html", inputs::deep_html().as_bytes(), "嵌套超过");
}

#[test]
fn text_lines_and_cells_are_counted() {
    refused("newlines.txt", &vec![b'\n'; 16_000_000], "行数超过上限");
    refused(
        "tabs.txt",
        inputs::sample_with_tabs().as_bytes(),
        "单元格超过上限",
    );
}

#[test]
fn a_zip_entry_is_measured_as_it_inflates() {
    refused("bomb.xlsx", &inputs::zip_bomb(), "解压后超过");
}

#[test]
fn a_chatty_pdf_tool_is_drained() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    // pdftotext prints ~900 KB of warnings and must still finish: the
    // file then reads as what it is, a page without a report.
    refused("chatty.pdf", &inputs::chatty_pdf(), "未找到任何决算表");
}

#[test]
fn ocr_work_is_proportional_to_the_file() {
    if !juesuan_testkit::tools(&["pdftotext", "pdfimages"]) {
        return;
    }
    refused("scan.pdf", &inputs::one_image_pdf(200), "不相称");
}

#[test]
fn a_report_without_its_tables_heading_still_reads() {
    let dir = temp_dir("heading");
    let path = dir.join("report.txt");
    std::fs::write(&path, inputs::sample_without_tables_heading())
        .unwrap_or_else(|e| panic!("{e}"));
    let o = run_limited(&["check", path_str(&path)]);
    assert!(matches!(o.code, Some(0 | 1)), "{:?}: {}", o.code, o.stderr);
    assert!(o.stdout.contains("report.txt"), "{}", o.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_import_of_good_and_hostile_files_imports_the_good_ones() {
    let dir = temp_dir("import");
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap_or_else(|e| panic!("{e}"));
    let good = [
        ("good-1.txt", inputs::SAMPLE.to_string()),
        (
            "good-2.txt",
            inputs::SAMPLE.replace("吉林省人力资源和社会保障厅", "吉林省测试厅"),
        ),
    ];
    for (name, text) in &good {
        std::fs::write(files.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("far.xlsx", inputs::sparse_xlsx(1_048_575, 16_383)),
        ("loop.xls", inputs::looping_xls()),
        (
            "huge.txt",
            inputs::sample_with_amount("79228162514264337593543950335").into_bytes(),
        ),
        (
            "narrative.txt",
            inputs::sample_with_narrative_amount().into_bytes(),
        ),
        ("wide.html", inputs::wide_html().into_bytes()),
        ("deep.html", inputs::deep_html().into_bytes()),
        ("newlines.txt", vec![b'\n'; 16_000_000]),
        ("tabs.txt", inputs::sample_with_tabs().into_bytes()),
        ("bomb.xlsx", inputs::zip_bomb()),
    ];
    for (name, bytes) in &bad {
        std::fs::write(files.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
    let db = format!("sqlite:{}", path_str(&dir.join("library.db")));
    let o = run_limited(&["import", path_str(&files), "--db", &db]);
    assert_eq!(o.code, Some(1), "{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    for (name, _) in &bad {
        assert!(
            o.stderr
                .lines()
                .any(|l| l.starts_with("错误：") && l.contains(name)),
            "{name} not listed: {}",
            o.stderr
        );
    }
    assert!(
        o.stdout.contains(&format!("新导入 {} 份", good.len()))
            && o.stdout.contains(&format!("失败 {} 份", bad.len())),
        "{}",
        o.stdout
    );
    let _ = std::fs::remove_dir_all(&dir);
}
