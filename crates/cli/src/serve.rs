//! `juesuan serve [--db URL] [--addr ADDR]` (being built for issue #7).

/// Serves the web app; exit 2 while the server is not built.
pub fn run(_db: Option<&str>, _addr: &str) -> u8 {
    eprintln!("错误：serve 尚未实现");
    2
}
