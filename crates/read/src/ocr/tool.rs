//! Running `pdftoppm` and `tesseract` as child processes with a deadline,
//! and parsing tesseract's TSV.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why a tool run failed (Chinese, for the user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolError {
    /// The program could not be started (not installed).
    Missing(String),
    /// It ran past the deadline and was killed.
    Timeout,
    /// It failed or produced too much.
    Failed(String),
}

/// Runs `program args`, feeding `input` on stdin, until `deadline`.
/// Output beyond `max_out` bytes is an error.
pub fn run(
    program: &str,
    args: &[&str],
    input: Vec<u8>,
    deadline: Instant,
    max_out: usize,
) -> Result<Vec<u8>, ToolError> {
    let (status, out, err) = run_raw(program, args, input, deadline, max_out)?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let last = msg.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(ToolError::Failed(format!("{status} {}", last.trim())));
    }
    if out.len() > max_out {
        return Err(ToolError::Failed(format!("输出超过 {max_out} 字节")));
    }
    Ok(out)
}

/// Runs `program args` with `input` on stdin until `deadline` and returns
/// its exit status, stdout (at most `max_out` + 1 bytes) and the tail of
/// stderr. Feeding stdin and draining the pipes on their own threads keeps
/// a large document from deadlocking on full pipes.
pub fn run_raw(
    program: &str,
    args: &[&str],
    input: Vec<u8>,
    deadline: Instant,
    max_out: usize,
) -> Result<(std::process::ExitStatus, Vec<u8>, Vec<u8>), ToolError> {
    let mut child = Command::new(program)
        .args(args)
        // Tesseract would start one thread per core per process; the
        // parallelism is ours.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ToolError::Missing(e.to_string()))?;
    let mut stdin = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let Some(mut s) = stdin.take() {
            // A tool that stops reading reports why through its status.
            let _ = s.write_all(&input);
        }
    });
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout {
            let _ = s.take(max_out as u64 + 1).read_to_end(&mut buf);
        }
        buf
    });
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr {
            let _ = s.take(64 * 1024).read_to_end(&mut buf);
        }
        buf
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = writer.join();
                let _ = reader.join();
                let _ = err_reader.join();
                return Err(ToolError::Timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(ToolError::Failed(e.to_string())),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    Ok((status, out, err))
}

/// One word tesseract read, in the coordinates of the image it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct TWord {
    /// Block, paragraph and line numbers: words sharing them share a line.
    pub line: (u32, u32, u32),
    /// Left edge.
    pub left: usize,
    /// Top edge.
    pub top: usize,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
    /// Confidence 0–100.
    pub conf: f32,
    /// The text.
    pub text: String,
}

impl TWord {
    /// Vertical centre.
    pub fn cy(&self) -> usize {
        self.top + self.height / 2
    }
}

/// Parses tesseract's `tsv` output (level-5 rows with text).
pub fn parse_tsv(tsv: &str) -> Vec<TWord> {
    let mut out = Vec::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 12 || f[0].trim() != "5" {
            continue;
        }
        let text = f[11].trim();
        if text.is_empty() {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<usize>().ok();
        let (Some(block), Some(par), Some(line)) = (num(2), num(3), num(4)) else {
            continue;
        };
        let (Some(left), Some(top), Some(width), Some(height)) = (num(6), num(7), num(8), num(9))
        else {
            continue;
        };
        let Ok(conf) = f[10].trim().parse::<f32>() else {
            continue;
        };
        out.push(TWord {
            line: (block as u32, par as u32, line as u32),
            left,
            top,
            width,
            height,
            conf: conf.clamp(0.0, 100.0),
            text: text.to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tesseract_tsv() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
5\t1\t1\t1\t1\t1\t10\t12\t30\t20\t91.5\t2,940.05\n\
5\t1\t1\t1\t1\t2\t50\t12\t30\t20\t-1\t \n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "2,940.05");
        assert_eq!(w[0].cy(), 22);
    }
}
