/*!
Test support shared by the workspace's crates (a dev-dependency only).

Some tests need an external tool: poppler (`pdftotext`, `pdftoppm`, …),
Tesseract with its Chinese data, Chromium, a CJK TrueType font. Such a
test asks [`tool`] (a program) or [`available`] (anything else) first and
returns early only when the tool is truly absent — the program cannot be
found, the font is not installed. Any other failure (a program that exists
but cannot be started, a reader error) is never a reason to skip: the test
goes on and fails.

Where every tool must be present (CI: `.ci/run` sets
`JUESUAN_REQUIRE_TOOLS=1`), an absent tool fails the test instead of
skipping it, so a test cannot pass by not running.

```no_run
#[test]
fn reads_a_pdf() {
    if !juesuan_testkit::tool("pdftotext") {
        return;
    }
    // … the test proper …
}
```
*/
#![deny(missing_docs)]

pub mod years;

use std::io::ErrorKind;
use std::process::{Command, Stdio};

/// The environment variable that makes an absent tool a test failure.
pub const REQUIRE_TOOLS: &str = "JUESUAN_REQUIRE_TOOLS";

/// Whether absent tools fail tests (`JUESUAN_REQUIRE_TOOLS` set to
/// anything but empty or `0`).
pub fn tools_required() -> bool {
    std::env::var_os(REQUIRE_TOOLS).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Whether the program `name` (looked up on `PATH`) can be run. `false`
/// (the caller skips) only when it is not found; then, under
/// [`REQUIRE_TOOLS`], the test fails here instead. A program that is found
/// but cannot be started fails the test.
pub fn tool(name: &str) -> bool {
    // The probe only starts the program: its exit status is not looked at
    // (tools disagree on version flags), and no input is given.
    let probe = Command::new(name)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match probe {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::NotFound => available(name, false),
        Err(e) => panic!("{name} 存在但无法运行：{e}"),
    }
}

/// Every program of `names` can be run ([`tool`] for each; all are probed,
/// so the skip message names every absent one).
pub fn tools(names: &[&str]) -> bool {
    // Not `all`: it would stop at the first absent tool.
    let present: Vec<bool> = names.iter().map(|n| tool(n)).collect();
    present.iter().all(|p| *p)
}

/// Decides about a tool that is not a program on `PATH` (a font, a browser
/// found in known places, a language pack): `found` is whether it is
/// installed. When it is not, prints a skip line and returns `false`, or,
/// under [`REQUIRE_TOOLS`], fails the test.
pub fn available(what: &str, found: bool) -> bool {
    if found {
        return true;
    }
    if tools_required() {
        panic!("未安装 {what}，而 {REQUIRE_TOOLS}=1 要求测试所需的工具齐全（scripts/setup.sh 安装它们）");
    }
    eprintln!("跳过：未安装 {what}（scripts/setup.sh 安装它；设置 {REQUIRE_TOOLS}=1 时此处失败）");
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // One test: the environment is process-wide, and tests run in threads.
    #[test]
    fn absent_tools_skip_or_fail_as_required() {
        std::env::remove_var(REQUIRE_TOOLS);
        assert!(tool("sh"), "sh is on every Unix PATH");
        assert!(!tool("juesuan-no-such-tool"));
        assert!(!tools(&["sh", "juesuan-no-such-tool"]));
        assert!(!available("某字体", false));
        assert!(available("某字体", true));
        std::env::set_var(REQUIRE_TOOLS, "1");
        let missing = std::panic::catch_unwind(|| tool("juesuan-no-such-tool"));
        let message = missing
            .err()
            .and_then(|p| p.downcast::<String>().ok())
            .map(|s| *s)
            .unwrap_or_default();
        assert!(message.contains("未安装 juesuan-no-such-tool"), "{message}");
        assert!(tool("sh"));
        std::env::set_var(REQUIRE_TOOLS, "0");
        assert!(!tools_required());
        std::env::remove_var(REQUIRE_TOOLS);
    }
}
