//! `juesuan check FILE... [--format text|json] [--rules FILE]`.

use crate::CheckFormat;
use juesuan_audit::report::{json, text};
use juesuan_audit::{audit, Audit, Rulebook};
use juesuan_model::Report;
use std::io::Write;
use std::path::PathBuf;

/// Audits each file; exit 0 clean, 1 error findings, 2 an input (or a rulebook) could not be read.
pub fn run(files: &[PathBuf], format: CheckFormat, rules: &[PathBuf]) -> u8 {
    let book = match load_rulebook(rules) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let mut code = 0u8;
    let mut done: Vec<(String, Report, Audit)> = Vec::new();
    let mut out = std::io::stdout().lock();
    for f in files {
        let Some(report) = crate::input::load(f) else {
            code = 2;
            continue;
        };
        let result = audit(&report, &book);
        if result.has_errors() && code == 0 {
            code = 1;
        }
        let name = f.display().to_string();
        match format {
            // Text is streamed file by file; a closed pipe is not our error.
            CheckFormat::Text => {
                let _ = out.write_all(text::render(&name, &report, &result).as_bytes());
            }
            CheckFormat::Json => done.push((name, report, result)),
        }
    }
    if let CheckFormat::Json = format {
        let files: Vec<json::FileResult<'_>> = done
            .iter()
            .map(|(name, report, result)| json::FileResult {
                file: name,
                profile: report.profile.as_str(),
                audit: result,
            })
            .collect();
        let _ = writeln!(out, "{}", json::render(&files));
    }
    code
}

fn load_rulebook(rules: &[PathBuf]) -> Result<Rulebook, juesuan_audit::RulebookError> {
    let mut book = Rulebook::builtin()?;
    for r in rules {
        book.add_file(r)?;
    }
    Ok(book)
}
