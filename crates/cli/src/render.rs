//! `juesuan render --from … --format html|pdf|xlsx|txt -o OUT` (being built for issue #6).

use crate::RenderFormat;
use std::path::Path;

/// Renders the disclosure; exit 2 while the renderer is not built.
pub fn run(
    _from: &Path,
    _prior: Option<&Path>,
    _texts: Option<&Path>,
    _format: RenderFormat,
    _output: &Path,
) -> u8 {
    eprintln!("错误：render 尚未实现");
    2
}
