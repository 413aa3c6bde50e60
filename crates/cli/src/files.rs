//! The report files of a command line: files as named, folders walked.

use std::path::{Path, PathBuf};

/// File extensions picked up when walking a folder (files named on the
/// command line are always tried: the reader sniffs their content).
const EXTENSIONS: &[&str] = &["txt", "text", "tsv", "pdf", "xlsx", "xls", "htm", "html"];

/// The files named, folders walked (hidden entries skipped), in a stable
/// order; paths that cannot be opened become failures.
pub fn collect(paths: &[PathBuf], failures: &mut Vec<(PathBuf, String)>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, failures),
            Ok(_) => files.push(p.clone()),
            Err(e) => failures.push((p.clone(), format!("无法打开：{e}"))),
        }
    }
    files
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<(PathBuf, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push((dir.to_path_buf(), format!("无法读取文件夹：{e}")));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => walk(&child, files, failures),
            Ok(m) if m.is_file() && wanted(&child) => files.push(child),
            Ok(_) => {}
            Err(e) => failures.push((child, format!("无法打开：{e}"))),
        }
    }
}

fn wanted(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
