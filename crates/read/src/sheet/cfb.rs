//! The .xls container (an OLE2 compound file), checked before calamine
//! opens it.
//!
//! calamine follows the file's sector chains as they are: a chain that
//! loops grows without end, a sector number beyond the allocation table
//! panics, and stated lengths are allocated before they are read. So every
//! chain calamine will follow is walked here first, with each sector
//! visited at most once and every stated length held to the file's size.
//! Layout: [MS-CFB], the compound file binary format.

/// The first eight bytes of every compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Sector numbers from here on are markers, not sectors.
const MAX_REGULAR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
/// Size of a directory entry.
const ENTRY: usize = 128;
/// Streams shorter than this live in the mini stream, in 64-byte sectors.
const MINI_CUTOFF: u64 = 4096;
const MINI_SECTOR: usize = 64;

/// Checks that every chain of the file ends, inside the file, without
/// visiting a sector twice. The message says what is broken.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let broken = |what: &str| format!("复合文档结构损坏（{what}）");
    let header = bytes.get(..512).ok_or_else(|| broken("文件头不完整"))?;
    if header[..8] != MAGIC {
        return Err(broken("标识不符"));
    }
    let size: usize = match u16_at(header, 30) {
        9 => 512,
        12 => 4096,
        _ => return Err(broken("扇区大小无效")),
    };
    if u16_at(header, 32) != 6 {
        return Err(broken("小扇区大小无效"));
    }
    let body = bytes.get(size..).ok_or_else(|| broken("文件头不完整"))?;
    let sectors = Sectors { body, size };
    let len = bytes.len() as u64;
    let fits = |n: u64, what: &str| {
        if n <= len {
            Ok(())
        } else {
            Err(broken(what))
        }
    };
    // Counts the reader allocates for before reading (calamine takes the
    // DIFAT count from bytes 62..66, not 72..76).
    fits(u64::from(u32_at(header, 62)) * 4, "DIFAT 长度超出文件")?;
    fits(
        u64::from(u32_at(header, 40)) * size as u64,
        "目录长度超出文件",
    )?;
    fits(
        u64::from(u32_at(header, 64)) * size as u64,
        "小扇区分配表长度超出文件",
    )?;

    // The DIFAT: 109 entries in the header, then a chain of sectors whose
    // last entry names the next one.
    let mut difat: Vec<u32> = words(&header[76..512]).collect();
    let mut seen = vec![false; sectors.count()];
    let mut id = u32_at(header, 68);
    while id < MAX_REGULAR {
        visit(&mut seen, id).map_err(|_| broken("DIFAT 链循环或越界"))?;
        difat.extend(words(
            sectors.get(id).ok_or_else(|| broken("DIFAT 扇区越界"))?,
        ));
        id = difat.pop().ok_or_else(|| broken("DIFAT 为空"))?;
    }
    let mut fat: Vec<u32> = Vec::new();
    let mut fat_seen = vec![false; sectors.count()];
    for id in difat.into_iter().filter(|id| *id < MAX_REGULAR) {
        visit(&mut fat_seen, id).map_err(|_| broken("分配表扇区重复或越界"))?;
        fat.extend(words(
            sectors.get(id).ok_or_else(|| broken("分配表扇区越界"))?,
        ));
    }

    let dir = chain(&fat, u32_at(header, 48), sectors.count())
        .map_err(|e| broken(&format!("目录{e}")))?;
    let mut entries = Vec::new();
    for id in dir {
        let sector = sectors.get(id).ok_or_else(|| broken("目录扇区越界"))?;
        for e in sector.chunks(ENTRY) {
            let stream_len = if size == 512 {
                u64::from(u32_at(e, 120))
            } else {
                u64_at(e, 120)
            };
            entries.push((u32_at(e, 116), stream_len));
        }
    }
    let Some(&(root_start, root_len)) = entries.first() else {
        return Err(broken("目录为空"));
    };

    let mini_count = if u32_at(header, 64) > 0 {
        fits(root_len, "小扇区流长度超出文件")?;
        chain(&fat, root_start, sectors.count()).map_err(|e| broken(&format!("小扇区流{e}")))?;
        let mini_fat: Vec<u32> = chain(&fat, u32_at(header, 60), sectors.count())
            .map_err(|e| broken(&format!("小扇区分配表{e}")))?
            .into_iter()
            .filter_map(|id| sectors.get(id))
            .flat_map(words)
            .collect();
        Some((mini_fat, root_len as usize / MINI_SECTOR + 1))
    } else {
        None
    };

    for &(start, stream_len) in entries.iter().skip(1) {
        if stream_len == 0 || start >= MAX_REGULAR {
            continue;
        }
        fits(stream_len, "流长度超出文件")?;
        if stream_len < MINI_CUTOFF {
            // calamine reads short streams through the mini stream; an
            // entry in a file without one is never read.
            if let Some((mini_fat, count)) = &mini_count {
                chain(mini_fat, start, *count).map_err(|e| broken(&format!("小扇区链{e}")))?;
            }
        } else {
            chain(&fat, start, sectors.count()).map_err(|e| broken(&format!("流{e}")))?;
        }
    }
    Ok(())
}

/// The sectors after the header, whole ones only.
struct Sectors<'a> {
    body: &'a [u8],
    size: usize,
}

impl Sectors<'_> {
    fn count(&self) -> usize {
        self.body.len() / self.size
    }

    fn get(&self, id: u32) -> Option<&[u8]> {
        let start = (id as usize).checked_mul(self.size)?;
        self.body.get(start..start.checked_add(self.size)?)
    }
}

/// Follows a chain in an allocation table: every link inside the table
/// and below `count`, none visited twice, ending at END_OF_CHAIN.
fn chain(table: &[u32], start: u32, count: usize) -> Result<Vec<u32>, &'static str> {
    let mut seen = vec![false; count.min(table.len())];
    let mut ids = Vec::new();
    let mut id = start;
    while id != END_OF_CHAIN {
        if id == FREE || id >= MAX_REGULAR {
            return Err("链接无效");
        }
        visit(&mut seen, id).map_err(|_| "链循环或越界")?;
        ids.push(id);
        id = table[id as usize];
    }
    Ok(ids)
}

fn visit(seen: &mut [bool], id: u32) -> Result<(), ()> {
    match seen.get_mut(id as usize) {
        Some(s) if !*s => {
            *s = true;
            Ok(())
        }
        _ => Err(()),
    }
}

fn words(s: &[u8]) -> impl Iterator<Item = u32> + '_ {
    s.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

fn u16_at(s: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([s[at], s[at + 1]])
}

fn u32_at(s: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([s[at], s[at + 1], s[at + 2], s[at + 3]])
}

fn u64_at(s: &[u8], at: usize) -> u64 {
    u64::from(u32_at(s, at)) | u64::from(u32_at(s, at + 4)) << 32
}
