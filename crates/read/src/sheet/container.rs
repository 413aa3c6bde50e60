//! The .xlsx container (a ZIP archive), checked before calamine opens it.
//!
//! A ZIP entry states its uncompressed size, but the statement is not
//! binding: an entry may say 1 KB and inflate to 1 GiB. Each entry is
//! therefore inflated once into nothing, counting the bytes as they come,
//! and the file is refused as soon as the count passes the budget — the
//! memory used stays that of the inflater's window.

use crate::error::{Error, ErrorKind};
use std::io::{Cursor, Read};

/// Largest total decompressed size of a container, whatever its size.
const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;
/// Decompressed bytes allowed per compressed byte (spreadsheet XML packs
/// 5–20×; a repetitive sheet of blank styled cells may reach 100×).
const MAX_RATIO: u64 = 200;
/// Allowance on top of the ratio for small files.
const BASE_BYTES: u64 = 32 * 1024 * 1024;
/// Most entries a container may hold.
const MAX_ENTRIES: usize = 10_000;

/// Refuses a container that is no .xlsx, holds too many entries or
/// inflates beyond its budget.
pub fn check(file: &str, bytes: &[u8]) -> Result<(), Error> {
    let unreadable = |m: String| Error::new(ErrorKind::NotText, file, None, m);
    let too_large = |m: String| Error::new(ErrorKind::TooLarge, file, None, m);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("无法读取电子表格：{e}")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_large(format!(
            "电子表格包含 {} 个部件，超过上限 {MAX_ENTRIES}",
            zip.len()
        )));
    }
    let budget = (bytes.len() as u64)
        .saturating_mul(MAX_RATIO)
        .saturating_add(BASE_BYTES)
        .min(MAX_UNZIPPED_BYTES);
    let over = |name: &str| {
        too_large(format!(
            "电子表格解压后超过 {} MiB 上限（部件 {name}）",
            budget / 1024 / 1024
        ))
    };
    // Stated sizes first: readers size their buffers by them.
    let mut stated: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| unreadable(format!("无法读取电子表格：{e}")))?;
        stated = stated.saturating_add(entry.size());
        if stated > budget {
            return Err(over(entry.name()));
        }
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| unreadable(format!("无法读取电子表格：{e}")))?;
        let name = entry.name().to_string();
        let left = budget - total;
        let n = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| unreadable(format!("无法读取电子表格部件 {name}：{e}")))?;
        total += n;
        if total > budget {
            return Err(over(&name));
        }
    }
    if zip.index_for_name("xl/workbook.xml").is_none() {
        return Err(unreadable(
            "不是 .xlsx 电子表格（压缩包中没有 xl/workbook.xml）；支持的电子表格为 .xlsx 与 .xls"
                .to_string(),
        ));
    }
    Ok(())
}
