//! `juesuan link OLD NEW [--db URL]`: links a department renamed between
//! two years, so that the library compares its years (`Y.*`) across the
//! change of name.

use juesuan_store::{Store, DEFAULT_DB};

/// Links `old` to `new` in the library; exit 0 done, 2 refused or failed.
pub fn run(old: &str, new: &str, db: Option<&str>) -> u8 {
    let url = db.unwrap_or(DEFAULT_DB);
    let store = match Store::open(url) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return 2;
        }
    };
    match store.link_departments(old, new) {
        Ok(ids) => {
            println!(
                "已将“{old}”关联为“{new}”的往年名称，重新核对了 {} 份报告的跨年度衔接",
                ids.len()
            );
            0
        }
        Err(e) => {
            eprintln!("错误：{e}");
            2
        }
    }
}
