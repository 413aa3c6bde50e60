//! `juesuan render --from model.json|workbook.xlsx [--prior FILE] [--texts texts.toml] --format html|pdf|xlsx|txt [--pdf-engine native|chromium] -o OUT`.

use crate::RenderFormat;
use juesuan_model::Report;
use juesuan_render::{build, texts_for, Inputs, Texts};
use std::path::Path;

/// PDF switches of `render`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct PdfArgs {
    /// PDF engine: the built-in layout (milliseconds, no browser) or headless Chromium.
    #[arg(long = "pdf-engine", value_enum, default_value = "native")]
    pub engine: PdfEngine,
}

/// Which engine writes `--format pdf`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PdfEngine {
    /// Own A4 layout written straight to PDF.
    Native,
    /// Headless Chromium printing the HTML form.
    Chromium,
}

/// Renders the disclosure; exit 0 on success, 2 when an input or the output fails.
pub fn run(
    from: &Path,
    prior: Option<&Path>,
    texts: Option<&Path>,
    format: RenderFormat,
    output: &Path,
    pdf: PdfArgs,
) -> u8 {
    match render(from, prior, texts, format, output, pdf) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("错误：{msg}");
            2
        }
    }
}

fn render(
    from: &Path,
    prior: Option<&Path>,
    texts: Option<&Path>,
    format: RenderFormat,
    output: &Path,
    pdf: PdfArgs,
) -> Result<(), String> {
    let report = read_model(from)?;
    let prior = prior
        .map(|p| juesuan_read::read_path(p).map_err(|e| e.to_string()))
        .transpose()?;
    let preparer = match texts {
        Some(p) => {
            let t = std::fs::read_to_string(p)
                .map_err(|e| format!("{}：无法读取：{e}", p.display()))?;
            Texts::from_toml(&t).map_err(|e| format!("{}：格式错误：{e}", p.display()))?
        }
        None => Texts::default(),
    };
    let texts = texts_for(&report, preparer);
    let doc = build(&Inputs {
        report: &report,
        prior: prior.as_ref(),
        texts: &texts,
    });
    let bytes = match format {
        RenderFormat::Txt => juesuan_render::txt::render(&doc).into_bytes(),
        RenderFormat::Html => juesuan_render::html::render(&doc).into_bytes(),
        RenderFormat::Xlsx => juesuan_render::xlsx::render(&doc).map_err(|e| e.to_string())?,
        RenderFormat::Pdf => {
            let options = juesuan_render::pdf::Options {
                engine: match pdf.engine {
                    PdfEngine::Native => juesuan_render::pdf::Engine::Native,
                    PdfEngine::Chromium => juesuan_render::pdf::Engine::Chromium,
                },
                ..juesuan_render::pdf::Options::default()
            };
            juesuan_render::pdf::render(&doc, &options).map_err(|e| e.to_string())?
        }
    };
    std::fs::write(output, bytes).map_err(|e| format!("{}：无法写入：{e}", output.display()))
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
