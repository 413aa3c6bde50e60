//! A bounded pool of reader connections, shared by the backends.
//!
//! At most [`MAX_READERS`] readers are open at once and every healthy one is
//! kept for reuse: a busy web server (dozens of concurrent requests) then
//! waits a moment for a free reader instead of opening a connection per
//! request — for PostgreSQL that is a new server process each time, and
//! unbounded it would also run into the server's `max_connections`.

use crate::error::Result;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Readers open at once, at most. Far above the cores a reader's work needs
/// (queries are short) and far below PostgreSQL's default `max_connections`
/// (100), so that several processes can share one database.
pub const MAX_READERS: usize = 16;

/// Idle connections and how many are open.
struct State<C> {
    idle: Vec<C>,
    open: usize,
}

/// The pool.
pub struct Pool<C> {
    state: Mutex<State<C>>,
    freed: Condvar,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Gives a slot back if the work on its connection panicked, so the pool
/// never shrinks for good.
struct Slot<'a, C> {
    pool: &'a Pool<C>,
    armed: bool,
}

impl<C> Drop for Slot<'_, C> {
    fn drop(&mut self) {
        if self.armed {
            lock(&self.pool.state).open -= 1;
            self.pool.freed.notify_one();
        }
    }
}

impl<C> Pool<C> {
    /// An empty pool.
    pub fn new() -> Pool<C> {
        Pool {
            state: Mutex::new(State {
                idle: Vec::new(),
                open: 0,
            }),
            freed: Condvar::new(),
        }
    }

    /// Runs `f` on an idle reader, a new one (`connect`) while fewer than
    /// [`MAX_READERS`] are open, or else the next one given back. The
    /// reader goes back to the pool unless `healthy` says otherwise.
    pub fn with<T>(
        &self,
        connect: impl FnOnce() -> Result<C>,
        healthy: impl FnOnce(&C, &Result<T>) -> bool,
        f: impl FnOnce(&mut C) -> Result<T>,
    ) -> Result<T> {
        let mut slot = Slot {
            pool: self,
            armed: false,
        };
        let idle = {
            let mut state = lock(&self.state);
            loop {
                if let Some(c) = state.idle.pop() {
                    break Some(c);
                }
                if state.open < MAX_READERS {
                    state.open += 1;
                    break None;
                }
                state = self
                    .freed
                    .wait(state)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        // From here the slot counts as open until it is given back.
        slot.armed = true;
        let mut conn = match idle {
            Some(c) => c,
            None => connect()?,
        };
        let out = f(&mut conn);
        if healthy(&conn, &out) {
            slot.armed = false;
            lock(&self.state).idle.push(conn);
            self.freed.notify_one();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Error, ErrorKind};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn never_opens_more_than_the_cap_and_reuses_readers() {
        let pool: Pool<usize> = Pool::new();
        let opened = AtomicUsize::new(0);
        let busy = AtomicUsize::new(0);
        let most_busy = AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..50 {
                s.spawn(|| {
                    for _ in 0..20 {
                        pool.with(
                            || Ok(opened.fetch_add(1, Ordering::SeqCst)),
                            |_, _| true,
                            |_| {
                                let now = busy.fetch_add(1, Ordering::SeqCst) + 1;
                                most_busy.fetch_max(now, Ordering::SeqCst);
                                std::thread::sleep(std::time::Duration::from_micros(200));
                                busy.fetch_sub(1, Ordering::SeqCst);
                                Ok(())
                            },
                        )
                        .unwrap();
                    }
                });
            }
        });
        // 1,000 uses by 50 threads: at most 16 connections, ever.
        assert!(opened.load(Ordering::SeqCst) <= MAX_READERS);
        assert!(most_busy.load(Ordering::SeqCst) <= MAX_READERS);
    }

    #[test]
    fn a_failed_connect_or_a_broken_reader_frees_its_slot() {
        let pool: Pool<u8> = Pool::new();
        for _ in 0..MAX_READERS * 2 {
            let err = pool
                .with(
                    || Err(Error::new(ErrorKind::Database, "down")),
                    |_, _: &Result<()>| true,
                    |_| Ok(()),
                )
                .unwrap_err();
            assert_eq!(err.message, "down");
            pool.with(|| Ok(1), |_, _| false, |_| Ok(())).unwrap();
        }
        assert_eq!(lock(&pool.state).open, 0);
    }
}
