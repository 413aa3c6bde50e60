//! Running poppler's tools and `tesseract` as child processes with a
//! deadline, handing them a PDF ([`PdfInput`]), and parsing tesseract's TSV.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A PDF handed to poppler's tools: a private temporary file when one can
/// be written, else the bytes on standard input. Poppler reads a file in
/// place but first copies piped input into memory, so the file makes
/// `pdftotext` about a fifth cheaper and `pdfimages` twice as fast, and the
/// bytes cross no pipe; several tools (and OCR's one `pdftoppm` per page)
/// then share the one copy. The file is removed when this is dropped.
pub struct PdfInput<'a> {
    bytes: &'a [u8],
    file: Option<TempFile>,
}

impl<'a> PdfInput<'a> {
    /// Writes `bytes` to a temporary file, or keeps them for standard input
    /// when that cannot be done (an unwritable temporary directory).
    pub fn new(bytes: &'a [u8]) -> PdfInput<'a> {
        PdfInput {
            bytes,
            file: TempFile::write(bytes, "pdf"),
        }
    }

    /// Always piped on standard input (no temporary file).
    pub fn piped(bytes: &'a [u8]) -> PdfInput<'a> {
        PdfInput { bytes, file: None }
    }

    /// The PDF's size in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the PDF is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The file argument for the tool: the temporary file, or `-`.
    pub fn arg(&self) -> &str {
        self.file.as_ref().map_or("-", |f| f.arg.as_str())
    }

    /// What to write on the tool's standard input (nothing when it reads the file).
    pub fn stdin(&self) -> Vec<u8> {
        match self.file {
            Some(_) => Vec::new(),
            None => self.bytes.to_vec(),
        }
    }
}

/// A file only this process can read, removed on drop.
pub struct TempFile {
    path: PathBuf,
    /// The path as a tool argument (UTF-8, absolute: never taken for an option).
    arg: String,
}

/// Distinguishes the temporary files of one process.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl TempFile {
    /// Writes `bytes` to a new file named with the extension `ext`, or
    /// `None` when none can be written.
    pub fn write(bytes: &[u8], ext: &str) -> Option<TempFile> {
        let dir = std::env::temp_dir();
        for _ in 0..4 {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("juesuan-{}-{n}.{ext}", std::process::id()));
            let arg = path.to_str().filter(|p| p.starts_with('/'))?.to_string();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let Ok(mut f) = options.open(&path) else {
                // Taken (a leftover of a killed run with the same id): next name.
                continue;
            };
            let file = TempFile { path, arg };
            return f.write_all(bytes).ok().map(|()| file);
        }
        None
    }
}

impl TempFile {
    /// The path as a tool argument (UTF-8 and absolute).
    pub fn arg(&self) -> &str {
        &self.arg
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

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
    // Says when the tool's output has ended (almost always: it has exited),
    // so that its end is seen at once rather than at the next poll.
    let (ended_tx, ended) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout {
            let _ = s.take(max_out as u64 + 1).read_to_end(&mut buf);
        }
        let _ = ended_tx.send(());
        buf
    });
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || stderr.map(drain_keeping_tail).unwrap_or_default());
    // Output beyond the limit stops the reading early; the status loop
    // then goes on until the tool exits or the deadline passes.
    let _ = ended.recv_timeout(deadline.saturating_duration_since(Instant::now()));
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
            Ok(None) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => return Err(ToolError::Failed(e.to_string())),
        }
    };
    let _ = writer.join();
    let out = reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    Ok((status, out, err))
}

/// Most bytes of a tool's stderr kept for its error message.
const STDERR_TAIL: usize = 64 * 1024;

/// Reads a pipe to its end, keeping only its last [`STDERR_TAIL`] bytes:
/// a tool whose stderr stopped being read would die of SIGPIPE mid-work
/// (poppler prints a warning per broken object, some files have
/// thousands), and the last lines say best why it failed.
fn drain_keeping_tail(mut pipe: impl Read) -> Vec<u8> {
    let mut tail = std::collections::VecDeque::with_capacity(STDERR_TAIL);
    let mut chunk = [0u8; 8192];
    loop {
        match pipe.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let overflow = (tail.len() + n).saturating_sub(STDERR_TAIL);
                tail.drain(..overflow.min(tail.len()));
                tail.extend(&chunk[n.saturating_sub(STDERR_TAIL)..n]);
            }
        }
    }
    tail.into()
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
    parse_tsv_pages(tsv, 1).pop().unwrap_or_default()
}

/// Parses the `tsv` output of tesseract given a list of `pages` images:
/// the words of each image, in the list's order (its `page_num` column
/// counts the images from 1). Rows of no listed image are dropped.
pub fn parse_tsv_pages(tsv: &str, pages: usize) -> Vec<Vec<TWord>> {
    let mut out = vec![Vec::new(); pages];
    for row in tsv.lines() {
        let f: Vec<&str> = row.splitn(12, '\t').collect();
        if f.len() < 12 || f[0].trim() != "5" {
            continue;
        }
        let Some(words) = f[1]
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
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
        words.push(TWord {
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
    fn a_pdf_input_is_a_private_file_removed_after_use() {
        let path = {
            let input = PdfInput::new(b"%PDF-1.4 x");
            let path = PathBuf::from(input.arg());
            assert!(path.is_absolute(), "{}", input.arg());
            assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.4 x");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&path).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            assert!(input.stdin().is_empty());
            path
        };
        assert!(!path.exists());
        let piped = PdfInput::piped(b"%PDF");
        assert_eq!((piped.arg(), piped.stdin()), ("-", b"%PDF".to_vec()));
    }

    #[test]
    fn a_chatty_tool_is_drained_to_its_end() {
        let noise: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let tail = drain_keeping_tail(noise.as_slice());
        assert_eq!(tail.len(), STDERR_TAIL);
        assert_eq!(tail[..], noise[noise.len() - STDERR_TAIL..]);
        assert_eq!(drain_keeping_tail(&b"short"[..]), b"short");
        // A tool printing far more than the tail to stderr runs to its end.
        let deadline = Instant::now() + Duration::from_secs(20);
        let (status, out, err) = run_raw(
            "sh",
            &["-c", "i=0; while [ $i -lt 3000 ]; do echo 'Syntax Warning: noise noise noise noise noise' >&2; i=$((i+1)); done; echo done"],
            Vec::new(),
            deadline,
            1024,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(status.success());
        assert_eq!(out, b"done\n");
        assert!(err.len() <= STDERR_TAIL && err.ends_with(b"noise\n"));
    }

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

    #[test]
    fn a_listed_runs_words_go_to_their_images() {
        // The TSV of a run over three listed images: one header, then each
        // image's rows numbered by page_num from 1; the second holds no word.
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
5\t1\t1\t1\t1\t1\t10\t12\t30\t20\t91.5\t合计\n\
1\t2\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
1\t3\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
5\t3\t1\t1\t1\t1\t4\t5\t30\t20\t88\t2,940.05\n\
5\t3\t1\t1\t1\t2\t40\t5\t30\t20\t87\t12.00\n\
5\t4\t1\t1\t1\t1\t4\t5\t30\t20\t87\tstray\n";
        let pages = parse_tsv_pages(tsv, 3);
        let texts: Vec<Vec<&str>> = pages
            .iter()
            .map(|p| p.iter().map(|w| w.text.as_str()).collect())
            .collect();
        assert_eq!(texts, vec![vec!["合计"], vec![], vec!["2,940.05", "12.00"]]);
        assert_eq!((pages[2][0].left, pages[2][0].top), (4, 5));
    }
}
