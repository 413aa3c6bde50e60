//! `juesuan template [--year Y] [--profile central|…] [--department NAME]
//! [--from LAST_YEAR] [--with-values] -o 决算填报.xlsx`: the fill-in workbook.

use juesuan_model::{Family, Report};
use std::path::PathBuf;

/// The arguments of `template`.
#[derive(clap::Args)]
pub struct TemplateArgs {
    /// 决算年度（写入“封面与说明”表；可留待填写）
    #[arg(long)]
    pub year: Option<u32>,
    /// 报表格式：central（中央及省级 9 张表）、shanghai、university、unit13
    #[arg(long, default_value = "central")]
    pub profile: String,
    /// 部门名称（写入“封面与说明”表；可留待填写）
    #[arg(long)]
    pub department: Option<String>,
    /// 以这份报告（如上年决算）的科目与行为底稿
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// 同时保留 --from 报告的金额（更正重发时用）
    #[arg(long, requires = "from")]
    pub with_values: bool,
    /// 各科目表末尾留出的空白行数
    #[arg(long, default_value_t = 20)]
    pub blank_rows: usize,
    /// 输出的工作簿
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// Writes the workbook; exit 0, or 2 on a bad argument, input or output.
pub fn run(args: &TemplateArgs) -> u8 {
    match write(args) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("错误：{msg}");
            2
        }
    }
}

fn write(args: &TemplateArgs) -> Result<(), String> {
    let mut base = match &args.from {
        Some(p) => crate::input::read(p)?,
        None => {
            let family = Family::parse(&args.profile)
                .filter(|f| *f != Family::Unknown)
                .ok_or_else(|| {
                    format!(
                        "未知的报表格式“{}”（可选：central、shanghai、university、unit13）",
                        args.profile
                    )
                })?;
            Report {
                profile: family,
                ..Report::default()
            }
        }
    };
    if args.from.is_some() && !args.with_values {
        // Last year's report gives the rows; the year and date are this year's to fill.
        base.meta.year = None;
        base.meta.published = None;
    }
    if let Some(y) = args.year {
        base.meta.year = Some(y);
    }
    if let Some(d) = &args.department {
        base.meta.department = d.trim().to_string();
    }
    let bytes = juesuan_render::template::workbook(&juesuan_render::template::Spec {
        base: &base,
        keep_values: args.with_values,
        blank_rows: args.blank_rows,
    })
    .map_err(|e| e.to_string())?;
    std::fs::write(&args.output, bytes)
        .map_err(|e| format!("{}：无法写入：{e}", args.output.display()))
}
