//! `juesuan serve [--db URL] [--addr ADDR]`: the web app and JSON API.

/// Serves until Ctrl-C; exit 2 when the library or the address cannot be opened.
pub fn run(db: Option<&str>, addr: &str) -> u8 {
    match juesuan_server::run(db, addr) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("错误：{e}");
            2
        }
    }
}
