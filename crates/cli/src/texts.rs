//! `juesuan texts --list [--from FILE]`: every `--texts` key the drafting
//! of a report looks up, with what it fills and an example, as a commented
//! texts.toml to fill in.

use std::path::PathBuf;

/// The arguments of `texts`.
#[derive(clap::Args)]
pub struct TextsArgs {
    /// 列出 --texts 的全部键（填写内容与示例），输出为可填写的 texts.toml
    #[arg(long, required = true)]
    pub list: bool,
    /// 按这份报告或填报工作簿列出（含各项科目代码、项目名称的键，示例取自报告原文）
    #[arg(long)]
    pub from: Option<PathBuf>,
}

/// Prints the keys; exit 0, or 2 when `--from` cannot be read.
pub fn run(args: &TextsArgs) -> u8 {
    let report = match &args.from {
        Some(p) => match crate::input::load(p) {
            Some(r) => r,
            None => return 2,
        },
        None => juesuan_model::Report::default(),
    };
    let keys = juesuan_render::texts_list::keys(&report);
    let mut out = juesuan_render::texts_list::to_toml(&keys);
    if args.from.is_none() {
        out.push_str(
            "\n# 各项科目（[budgets] 与 [reasons] 中的 7 位科目代码）与各项目（[notes] 中的“绩效:项目名称”）的键随报告而定：加 --from 报告文件 列出\n",
        );
    }
    print!("{out}");
    0
}
