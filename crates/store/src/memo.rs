//! What the store remembers between calls, so that a busy page does not
//! count the library on every view: department names (a department's name
//! never changes once stored), and for a few seconds the counts of lists
//! and the library's years. An import through this store forgets the
//! counts and years at once; one made by another process (another server
//! or `juesuan import` on the same library) shows in them after
//! [`FRESH_FOR`] at the latest. The rows of a list are always read anew.

use crate::Result;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a count or the years are used before they are read again.
pub const FRESH_FOR: Duration = Duration::from_secs(5);

/// Entries kept at most in each map; when one is full it starts afresh
/// (filters a client makes up must not grow it without end).
const MAX_ENTRIES: usize = 4096;

/// The remembered values.
#[derive(Default)]
pub struct Memo {
    names: Mutex<HashMap<String, String>>,
    counts: Mutex<HashMap<String, (Instant, u64)>>,
    years: Mutex<Option<(Instant, Vec<u32>)>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Memo {
    /// Department `key`'s name, read with `read` unless known.
    pub fn name(
        &self,
        key: &str,
        read: impl FnOnce() -> Result<Option<String>>,
    ) -> Result<Option<String>> {
        if let Some(name) = lock(&self.names).get(key) {
            return Ok(Some(name.clone()));
        }
        let name = read()?;
        if let Some(n) = &name {
            let mut names = lock(&self.names);
            if names.len() >= MAX_ENTRIES {
                names.clear();
            }
            names.insert(key.to_string(), n.clone());
        }
        Ok(name)
    }

    /// The count named `key`, counted with `count` unless counted less than
    /// [`FRESH_FOR`] ago.
    pub fn count(&self, key: String, count: impl FnOnce() -> Result<u64>) -> Result<u64> {
        if let Some((at, n)) = lock(&self.counts).get(&key) {
            if at.elapsed() < FRESH_FOR {
                return Ok(*n);
            }
        }
        let n = count()?;
        let mut counts = lock(&self.counts);
        if counts.len() >= MAX_ENTRIES {
            counts.clear();
        }
        counts.insert(key, (Instant::now(), n));
        Ok(n)
    }

    /// The library's years, read with `read` unless read less than
    /// [`FRESH_FOR`] ago.
    pub fn years(&self, read: impl FnOnce() -> Result<Vec<u32>>) -> Result<Vec<u32>> {
        if let Some((at, years)) = lock(&self.years).as_ref() {
            if at.elapsed() < FRESH_FOR {
                return Ok(years.clone());
            }
        }
        let years = read()?;
        *lock(&self.years) = Some((Instant::now(), years.clone()));
        Ok(years)
    }

    /// Forgets the counts and years (the library has changed).
    pub fn changed(&self) {
        lock(&self.counts).clear();
        *lock(&self.years) = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_kept_until_the_library_changes() {
        let memo = Memo::default();
        assert_eq!(memo.count("a".into(), || Ok(3)).ok(), Some(3));
        assert_eq!(memo.count("a".into(), || Ok(4)).ok(), Some(3));
        assert_eq!(memo.count("b".into(), || Ok(5)).ok(), Some(5));
        assert_eq!(memo.years(|| Ok(vec![2024])).ok(), Some(vec![2024]));
        assert_eq!(memo.years(|| Ok(vec![])).ok(), Some(vec![2024]));
        memo.changed();
        assert_eq!(memo.count("a".into(), || Ok(4)).ok(), Some(4));
        assert_eq!(
            memo.years(|| Ok(vec![2023, 2024])).ok(),
            Some(vec![2023, 2024])
        );
    }

    #[test]
    fn names_are_kept_once_found() {
        let memo = Memo::default();
        assert_eq!(memo.name("k", || Ok(None)).ok(), Some(None));
        assert_eq!(
            memo.name("k", || Ok(Some("某厅".into()))).ok(),
            Some(Some("某厅".into()))
        );
        assert_eq!(
            memo.name("k", || Ok(Some("别的".into()))).ok(),
            Some(Some("某厅".into()))
        );
    }
}
