//! `juesuan render --from model.json|workbook.xlsx [--prior FILE] [--texts texts.toml]
//! [--year Y] [--department NAME] [--force] [--fix] --format html|pdf|xlsx|txt
//! [--pdf-engine native|chromium] -o OUT`.
//!
//! The input is audited first: error findings refuse the render (exit 1)
//! unless `--force`, which prints a visible 未通过审核 note on the first
//! page. Where the officer's words contradict the figures the drafted
//! document keeps the officer's words unless `--fix`; every such place is
//! listed either way (stderr, and a 修改说明 section in `--format txt`).

use crate::RenderFormat;
use juesuan_audit::report::text::{render_view, View};
use juesuan_audit::{audit, Audit, Rulebook, Severity};
use juesuan_model::Report;
use juesuan_render::revisions::{self, Revision};
use juesuan_render::{build, texts_for, Block, Document, Inputs, Texts};
use std::path::{Path, PathBuf};

/// The arguments of `render`.
#[derive(clap::Args)]
pub struct RenderArgs {
    /// 数据来源：模型 JSON（juesuan parse 的输出）、任一可读的报告，或 juesuan template 生成并填写的工作簿
    #[arg(long)]
    pub from: PathBuf,
    /// 上年报告（任一可读格式），用于同比表述
    #[arg(long)]
    pub prior: Option<PathBuf>,
    /// 须由人撰写的文字（职责、原因、绩效说明），TOML 格式；键见 juesuan texts --list
    #[arg(long)]
    pub texts: Option<PathBuf>,
    /// 决算年度（覆盖数据来源中的年度；来源未写明年度时必须给出）
    #[arg(long)]
    pub year: Option<u32>,
    /// 部门名称（覆盖数据来源中的部门）
    #[arg(long)]
    pub department: Option<String>,
    /// 审核有错误时仍然生成（首页注明“未通过审核”）
    #[arg(long)]
    pub force: bool,
    /// 原文与表中数字不符处改用按数字起草的句子（默认保留原文并列出）
    #[arg(long)]
    pub fix: bool,
    /// 输出格式
    #[arg(long, value_enum)]
    pub format: RenderFormat,
    /// 输出文件
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// PDF switches of `render`.
#[derive(Debug, Clone, clap::Args)]
pub struct PdfArgs {
    /// PDF engine: the built-in layout (milliseconds, no browser) or headless Chromium.
    #[arg(long = "pdf-engine", value_enum, default_value = "native")]
    pub engine: PdfEngine,
    /// PDF 嵌入的中文字体文件（TrueType .ttf/.ttc，集合中的第 N 个字体写作 文件#N，如 simsun.ttc 或 /usr/share/fonts/truetype/arphic/uming.ttc）；也可用环境变量 JUESUAN_FONT；默认 AR PL UMing（宋体风格），未安装时用文泉驿正黑；所选字体缺少的字取自其他已安装的中文字体
    #[arg(long)]
    pub font: Option<PathBuf>,
}

/// Which engine writes `--format pdf`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PdfEngine {
    /// Own A4 layout written straight to PDF.
    Native,
    /// Headless Chromium printing the HTML form.
    Chromium,
}

/// Why a render did not happen.
enum Failure {
    /// An input or the output could not be used (exit 2).
    Input(String),
    /// The audit found errors and `--force` was not given (exit 1).
    Refused(usize),
}

/// Renders the disclosure; exit 0 on success, 1 when the audit refuses,
/// 2 when an input or the output fails.
pub fn run(args: &RenderArgs) -> u8 {
    match render(args) {
        Ok(()) => 0,
        Err(Failure::Input(msg)) => {
            eprintln!("错误：{msg}");
            2
        }
        Err(Failure::Refused(n)) => {
            eprintln!("错误：审核发现 {n} 个错误，未生成文件；改正后重试，或加 --force 生成（首页注明“未通过审核”）");
            1
        }
    }
}

fn render(args: &RenderArgs) -> Result<(), Failure> {
    if let Some(font) = &args.pdf.font {
        // The engines read the face from the environment (one per process).
        std::env::set_var(juesuan_render::font::FONT_ENV, font);
    }
    if matches!(args.format, RenderFormat::Pdf) {
        juesuan_render::font::configured().map_err(Failure::Input)?;
    }
    let mut report = read_model(&args.from).map_err(Failure::Input)?;
    crate::input::settle(&mut report);
    if let Some(y) = args.year {
        report.meta.year = Some(y);
    }
    if let Some(d) = &args.department {
        report.meta.department = d.trim().to_string();
    }
    let name = args.from.display().to_string();
    if report.meta.year.is_none() {
        return Err(Failure::Input(format!(
            "{name}：未写明决算年度；请在工作簿“封面与说明”表填写，或用 --year 指定"
        )));
    }
    if report.meta.department.trim().is_empty() {
        eprintln!("警告：{name}：未写明部门名称；可在“封面与说明”表填写，或用 --department 指定");
    }
    let prior = args
        .prior
        .as_deref()
        .map(|p| juesuan_read::read_path(p).map_err(|e| Failure::Input(e.to_string())))
        .transpose()?;
    let preparer = match &args.texts {
        Some(p) => {
            let t = std::fs::read_to_string(p)
                .map_err(|e| Failure::Input(format!("{}：无法读取：{e}", p.display())))?;
            Texts::from_toml(&t)
                .map_err(|e| Failure::Input(format!("{}：格式错误：{e}", p.display())))?
        }
        None => Texts::default(),
    };
    // A fill-in workbook's 情况说明 answers, after the --texts file.
    let preparer = preparer.or(workbook_texts(&args.from).map_err(Failure::Input)?);
    let texts = texts_for(&report, preparer);
    let mut doc = build(&Inputs {
        report: &report,
        prior: prior.as_ref(),
        texts: &texts,
    });
    let changes = revisions::revise(&report, &mut doc, args.fix);
    report_changes(&changes, args.fix);
    let errors = gate(&name, &report, &doc, args.fix)?;
    if errors > 0 {
        if !args.force {
            return Err(Failure::Refused(errors));
        }
        eprintln!("警告：审核发现 {errors} 个错误，按 --force 仍然生成；首页注明“未通过审核”");
        mark_unaudited(&mut doc, errors);
    }
    let bytes = match args.format {
        RenderFormat::Txt => {
            let mut text = juesuan_render::txt::render(&doc);
            text.push_str(&revisions::txt_section(&changes, args.fix));
            text.into_bytes()
        }
        RenderFormat::Html => juesuan_render::html::render(&doc).into_bytes(),
        RenderFormat::Xlsx => {
            juesuan_render::xlsx::render(&doc).map_err(|e| Failure::Input(e.to_string()))?
        }
        RenderFormat::Pdf => {
            let options = juesuan_render::pdf::Options {
                engine: match args.pdf.engine {
                    PdfEngine::Native => juesuan_render::pdf::Engine::Native,
                    PdfEngine::Chromium => juesuan_render::pdf::Engine::Chromium,
                },
                ..juesuan_render::pdf::Options::default()
            };
            juesuan_render::pdf::render(&doc, &options)
                .map_err(|e| Failure::Input(e.to_string()))?
        }
    };
    std::fs::write(&args.output, bytes)
        .map_err(|e| Failure::Input(format!("{}：无法写入：{e}", args.output.display())))
}

/// Audits the input and prints its errors and warnings (the same text as
/// `juesuan check`) to stderr; the number of errors that stand.
///
/// With `--fix`, an error whose rule no longer fires on the document about
/// to be written (read back from its text form and audited) was mended by
/// the figure-derived drafting and is reported as such instead.
fn gate(name: &str, report: &Report, doc: &Document, fix: bool) -> Result<usize, Failure> {
    let book = Rulebook::builtin().map_err(|e| Failure::Input(e.to_string()))?;
    let mut result = audit(report, &book);
    if report.narrative.is_empty() {
        // A fill-in workbook has no 情况说明 of its own: render drafts it,
        // so what the audit says of the missing narrative is no one's error.
        result
            .findings
            .retain(|f| !crate::input::about_drafted_parts(&f.rule));
    }
    if fix {
        let mended = mended_rules(report, doc, &book, &result);
        for rule in &mended {
            eprintln!("说明：{rule} 的错误出在原文，已按 --fix 改用按数字起草的表述");
        }
        result
            .findings
            .retain(|f| !(f.severity == Severity::Error && mended.contains(&f.rule)));
    }
    let view = View {
        min_severity: Severity::Warning,
        group_after: Some(5),
        ..View::everything()
    };
    // The findings as `check` prints them, without its list of rules that
    // lacked data (that is `check`'s to tell).
    let shown: String = render_view(name, report, &result, &view)
        .lines()
        .filter(|l| !l.starts_with("  数据不足 "))
        .map(|l| format!("{l}\n"))
        .collect();
    if result
        .findings
        .iter()
        .any(|f| f.severity >= Severity::Warning)
    {
        eprint!("{shown}");
    }
    Ok(result.count(Severity::Error))
}

/// Rules with errors on the input and none on the rendered document.
fn mended_rules(report: &Report, doc: &Document, book: &Rulebook, input: &Audit) -> Vec<String> {
    let text = juesuan_render::txt::render(doc);
    let Ok(out) =
        juesuan_read::read_bytes(&format!("{}（生成稿）", report.source), text.as_bytes())
    else {
        return Vec::new();
    };
    let after = audit(&out, book);
    let mut rules: Vec<String> = input
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| {
            !after
                .findings
                .iter()
                .any(|a| a.severity == Severity::Error && a.rule == f.rule)
        })
        .map(|f| f.rule.clone())
        .collect();
    rules.dedup();
    rules
}

/// Prints the places where the officer's words and the figures disagree.
fn report_changes(changes: &[Revision], fix: bool) {
    for c in changes {
        eprintln!("{}", c.line(fix));
    }
    if !changes.is_empty() && !fix {
        eprintln!(
            "说明：以上 {} 处保留原文；加 --fix 改用按数字起草的表述",
            changes.len()
        );
    }
}

/// The visible 未通过审核 note, on the cover page right under the date.
fn mark_unaudited(doc: &mut Document, errors: usize) {
    // A heading, so every format prints it large and bold.
    let note = Block::Heading {
        level: 2,
        text: format!(
            "未通过审核：本文件按 --force 生成，审核发现 {errors} 个错误尚未改正，不得作为正式公开文本。"
        ),
    };
    let at = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Cover { .. }))
        .map_or(0, |i| i + 1);
    doc.blocks.insert(at, note);
}

/// The texts answered in a fill-in workbook's 情况说明 sheet (none for other inputs).
fn workbook_texts(path: &Path) -> Result<Texts, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}：无法读取：{e}", path.display()))?;
    let name = path.display().to_string();
    let rows =
        juesuan_read::sheet::template::texts_answers(&name, &bytes).map_err(|e| e.to_string())?;
    juesuan_render::template::texts_from_rows(&rows).map_err(|e| format!("{name}：{e}"))
}

/// The model from JSON (`juesuan parse` output) or from any input the reader understands.
fn read_model(path: &Path) -> Result<Report, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}：无法读取：{e}", path.display()))?;
    let trimmed = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if trimmed.is_some_and(|i| bytes[i] == b'{') {
        return serde_json::from_slice(&bytes)
            .map_err(|e| format!("{}：不是有效的模型 JSON：{e}", path.display()));
    }
    juesuan_read::read_bytes(&path.display().to_string(), &bytes).map_err(|e| e.to_string())
}
