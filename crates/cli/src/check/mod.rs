//! `juesuan check PATH... [--format text|json|sarif|csv] [--rules FILE]`
//! with a linter's flags: what is shown (`--severity`, `--show-info`,
//! `--select`, `--ignore`), when the command fails (`--fail-on`), and
//! `--statistics`. Findings stay data; this module only chooses and
//! renders them. `--prior FILE` adds the cross-year rules (`Y.*`) against
//! the same department's report of the year before.

mod config;
mod csv;

use crate::CheckFormat;
use clap::{Args, ValueEnum};
use juesuan_audit::report::text::View;
use juesuan_audit::report::{json, sarif, text};
use juesuan_audit::{audit, Audit, Rulebook, Severity};
use juesuan_model::Report;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// The arguments of `check`.
#[derive(Args)]
pub struct CheckArgs {
    /// 报告文件或文件夹（文件夹逐层读取）
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// 内置规则之后再加载的规则文件
    #[arg(long = "rules")]
    rules: Vec<PathBuf>,
    /// 配置文件（默认：第一个路径所在目录向上最近的 juesuan.toml）
    #[arg(long)]
    config: Option<PathBuf>,
    /// 显示的最低级别（文本默认不显示提示；JSON、SARIF、CSV 默认全部）
    #[arg(long, value_enum)]
    severity: Option<Level>,
    /// 在文本输出中显示提示（尾数误差内的差异、建议）
    #[arg(short = 'v', long = "show-info")]
    show_info: bool,
    /// 只看这些规则（编号或前缀，逗号分隔，如 T05,N4.total）
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// 不看这些规则（编号或前缀，逗号分隔）
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// 达到此级别即以退出码 1 结束（默认 error）
    #[arg(long, value_enum)]
    fail_on: Option<Level>,
    /// 按规则统计条数，不列出各条结果
    #[arg(long)]
    statistics: bool,
    /// 同一部门上一年度的报告（任一可读格式）：加做跨年度核对（Y.*）
    #[arg(long)]
    prior: Option<PathBuf>,
}

/// A severity as a flag value.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// 错误
    Error,
    /// 警告
    Warning,
    /// 提示
    Info,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

/// Findings of one rule shown in full before the rest are summed up.
const GROUP_AFTER: usize = 5;

/// Audits each file; exit 0 clean, 1 a shown finding at or above
/// `--fail-on`, 2 an input (or a rulebook) could not be read.
pub fn run(args: &CheckArgs) -> u8 {
    let setup = config::Config::load(
        args.config.as_deref(),
        args.files.first().map(PathBuf::as_path),
    )
    .and_then(|c| load_rulebook(&args.rules, &c).map(|book| (c, book)));
    let (config, book) = match setup {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let fail_on = match (args.fail_on, config.fail_on.as_deref()) {
        (Some(l), _) => l.severity(),
        (None, None) => Severity::Error,
        (None, Some(s)) => match Severity::parse(s) {
            Some(s) => s,
            None => {
                eprintln!("错误：配置文件中 fail_on = \"{s}\" 无效（应为 error 或 warning）");
                return 2;
            }
        },
    };
    let mut unreadable: Vec<(String, String)> = Vec::new();
    let mut failures = Vec::new();
    let files = crate::files::collect(&args.files, &mut failures);
    for (path, reason) in failures {
        eprintln!("错误：{}：{reason}", path.display());
        unreadable.push((path.display().to_string(), reason));
    }
    let prior = match args.prior.as_deref().map(crate::input::read).transpose() {
        Ok(p) => p,
        Err(message) => {
            eprintln!("错误：上年报告无法读取：{message}");
            return 2;
        }
    };
    let view = view(args, &config);
    let text_out = args.format == CheckFormat::Text && !args.statistics;
    let mut out = std::io::stdout().lock();
    let mut done: Vec<(String, Report, Audit)> = Vec::new();
    let mut failing = false;
    let progress = crate::progress::Progress::new(files.len());
    for f in &files {
        let name = f.display().to_string();
        let mut report = match crate::input::read(f) {
            Ok(r) => r,
            Err(message) => {
                progress.suspend(|| eprintln!("错误：{message}"));
                unreadable.push((name, message));
                progress.tick(format!("无法读取 {}", unreadable.len()));
                continue;
            }
        };
        juesuan_audit::reading::choose(&mut report, &book);
        let mut result = audit(&report, &book);
        if let Some(prior) = &prior {
            with_prior(&mut result, &report, prior);
        }
        result.findings.retain(|x| view.selects(&x.rule));
        if report.narrative.is_empty() && crate::input::is_template(f) {
            // A fill-in workbook (juesuan template) has no 情况说明 or 名词解释
            // of its own: render drafts them.
            result
                .findings
                .retain(|x| !crate::input::about_drafted_parts(&x.rule));
        }
        failing |= result
            .findings
            .iter()
            .any(|x| x.severity >= fail_on && x.severity >= view.min_severity);
        if text_out {
            // Text is streamed file by file; a closed pipe is not our error.
            let text = text::render_view(&name, &report, &result, &view);
            let _ = progress.suspend(|| out.write_all(text.as_bytes()));
        }
        done.push((name, report, result));
        progress.tick(format!("无法读取 {}", unreadable.len()));
    }
    progress.finish();
    for (_, _, a) in &mut done {
        if !text_out {
            a.findings.retain(|x| x.severity >= view.min_severity);
        }
    }
    let results: Vec<json::FileResult<'_>> = done
        .iter()
        .map(|(name, report, result)| json::FileResult {
            file: name,
            profile: report.profile.as_str(),
            audit: result,
        })
        .collect();
    let unread: Vec<(&str, &str)> = unreadable
        .iter()
        .map(|(f, e)| (f.as_str(), e.as_str()))
        .collect();
    let mut catalogue = book.catalogue();
    if prior.is_some() {
        catalogue.extend(juesuan_audit::cross_year::catalogue());
    }
    let rendered = if args.statistics {
        statistics(&results, &catalogue)
    } else {
        match args.format {
            CheckFormat::Text => totals(&results, unread.len()),
            CheckFormat::Json => json::render_all(&results, &unread) + "\n",
            CheckFormat::Sarif => sarif::render(&results, &unread, &catalogue) + "\n",
            CheckFormat::Csv => csv::render(&results, &unread),
        }
    };
    let _ = out.write_all(rendered.as_bytes());
    if !unreadable.is_empty() {
        2
    } else if failing {
        1
    } else {
        0
    }
}

/// Adds the cross-year findings and outcomes against last year's report.
fn with_prior(result: &mut Audit, report: &Report, prior: &Report) {
    let (outcomes, findings) = juesuan_audit::cross_year::audit_pair_outcomes(report, prior);
    result.findings.extend(findings);
    result.outcomes.extend(outcomes);
    let (doubts, chosen) = (
        result.coverage.reading_doubts,
        result.coverage.chosen_readings,
    );
    result.coverage = juesuan_audit::Coverage::of(&result.outcomes);
    result.coverage.reading_doubts = doubts;
    result.coverage.chosen_readings = chosen;
}

/// What text output shows, from the flags, the configuration (flags
/// choose `select` over it; `ignore` adds up) and the terminal.
fn view(args: &CheckArgs, config: &config::Config) -> View {
    let text = args.format == CheckFormat::Text;
    let default = if text && !args.show_info {
        Severity::Warning
    } else {
        Severity::Info
    };
    View {
        min_severity: args.severity.map_or(default, Level::severity),
        select: if args.select.is_empty() {
            config.select.clone()
        } else {
            args.select.clone()
        },
        ignore: config.ignore.iter().chain(&args.ignore).cloned().collect(),
        group_after: Some(GROUP_AFTER),
        color: text && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The line that sums up a run of several files.
fn totals(results: &[json::FileResult<'_>], unreadable: usize) -> String {
    if results.len() + unreadable < 2 {
        return String::new();
    }
    let count = |s: Severity| -> usize { results.iter().map(|r| r.audit.count(s)).sum() };
    let failed = if unreadable > 0 {
        format!("，无法读取 {unreadable} 个")
    } else {
        String::new()
    };
    format!(
        "共 {} 个文件{failed}：错误 {} 个，警告 {} 个，提示 {} 个\n",
        results.len() + unreadable,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}

/// Counts per rule, most frequent first: count, id, severity, message.
fn statistics(results: &[json::FileResult<'_>], catalogue: &[juesuan_audit::RuleInfo]) -> String {
    let mut counts: Vec<(String, Severity, usize)> = Vec::new();
    for f in results.iter().flat_map(|r| r.audit.findings.iter()) {
        match counts
            .iter_mut()
            .find(|(id, s, _)| *id == f.rule && *s == f.severity)
        {
            Some(c) => c.2 += 1,
            None => counts.push((f.rule.clone(), f.severity, 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for (id, severity, n) in counts {
        let message = catalogue
            .iter()
            .find(|r| r.id == id)
            .map_or("", |r| r.message.as_str());
        out.push_str(&format!(
            "{n:>6}  {id}  {}  {message}\n",
            severity.chinese()
        ));
    }
    out
}

/// `juesuan rules [ID]`: every rule and check with its severity and
/// message; with an id (or prefix) its explanation and where it is written.
pub fn list_rules(id: Option<&str>) -> u8 {
    let book = match Rulebook::builtin() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    let mut all = book.catalogue();
    all.extend(juesuan_audit::cross_year::catalogue());
    let wanted: Vec<_> = all
        .iter()
        .filter(|r| id.is_none_or(|p| r.id == p || r.id.starts_with(&format!("{p}."))))
        .collect();
    if wanted.is_empty() {
        eprintln!("错误：没有规则 {}", id.unwrap_or_default());
        return 2;
    }
    let mut out = std::io::stdout().lock();
    for r in wanted {
        let _ = writeln!(out, "{}  {}  {}", r.id, r.severity.chinese(), r.message);
        if id.is_some() {
            for line in r.doc.lines() {
                let _ = writeln!(out, "    {line}");
            }
            let _ = writeln!(out, "    （{}）", r.origin);
        }
    }
    0
}

/// The built-in rulebook, the configuration's rulebooks and settings,
/// then the rulebooks given on the command line.
fn load_rulebook(rules: &[PathBuf], config: &config::Config) -> Result<Rulebook, String> {
    let mut book = Rulebook::builtin().map_err(|e| e.to_string())?;
    config.apply(&mut book)?;
    for r in rules {
        book.add_file(r).map_err(|e| e.to_string())?;
    }
    Ok(book)
}
