//! WATCH: what each session saw of its watched keys, and the engine-wide registry that
//! marks a session when a watched key's row goes away.
//!
//! The design (docs/engine-contract.md, "WATCH"): WATCH records, per key, a `Seen`: no
//! row, a live row (id, version) or an expired row (id, version). EXEC, inside its own
//! transaction (so the check is atomic with the queued commands), reads each row again:
//! - every in-place write bumps keys.version, so a changed (id, version) means a write;
//! - a row where none was means the key was created (even if it expired since);
//! - a live row found expired means it expired (Redis 7.0 aborts then too).
//!
//! What rereading cannot see is a row that left its name and came back, or appeared and
//! left again: ids are max(id) + 1, so a recreated key can get its old id back with a
//! version that climbs to the old one. So every row that leaves its name tells the
//! registry (TEMP triggers on the writer call `sqlettuce_key_gone`, sql/watch.sql), and
//! the sessions watching that name are marked dirty. The one exception is Redis's: a key
//! already expired at WATCH whose same row is then deleted (by the sweep, a flush, a
//! write meeting it) did not logically change.
//!
//! A mark is never lost and may be early: the trigger runs before the group commits (a
//! group that then fails to commit leaves a spurious mark, which only aborts an EXEC).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::Connection;

use crate::errors::Result;
use crate::store::Store;

/// What WATCH saw of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    Missing,
    Live {
        id: i64,
        version: i64,
    },
    /// Present but expired: logically missing, and its deletion is no change.
    Expired {
        id: i64,
        version: i64,
    },
}

impl Seen {
    /// The key's row now, from a lookup inside the current transaction.
    pub fn read(store: &Store, db: i64, key: &[u8], now: i64) -> Result<Seen> {
        Ok(match store.watch_stamp(db, key)? {
            None => Seen::Missing,
            Some((id, version, Some(at))) if at <= now => Seen::Expired { id, version },
            Some((id, version, _)) => Seen::Live { id, version },
        })
    }

    /// Whether the key, seen as `self` at WATCH, is unchanged when it reads `now`.
    pub fn unchanged(self, now: Seen) -> bool {
        match (self, now) {
            (Seen::Missing, Seen::Missing) => true,
            (Seen::Live { .. }, _) => self == now,
            // The same expired row, or it went (a deletion that is no change: any other
            // row that came and went marked the session).
            (Seen::Expired { .. }, Seen::Missing) => true,
            (Seen::Expired { id, version }, Seen::Expired { id: i, version: v }) => {
                (id, version) == (i, v)
            }
            _ => false,
        }
    }
}

/// One session watching one key.
struct Watcher {
    client: u64,
    dirty: Arc<AtomicBool>,
    seen: Seen,
}

/// A watched key: its database and name.
type Name = (i64, Vec<u8>);

/// Every watched (db, key) of the engine, with its watchers.
#[derive(Default)]
pub struct Watches {
    keys: Mutex<HashMap<Name, Vec<Watcher>>>,
}

impl Watches {
    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<Name, Vec<Watcher>>> {
        self.keys.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add(&self, db: i64, key: &[u8], client: u64, dirty: &Arc<AtomicBool>, seen: Seen) {
        self.keys()
            .entry((db, key.to_vec()))
            .or_default()
            .push(Watcher {
                client,
                dirty: Arc::clone(dirty),
                seen,
            });
    }

    /// How many names are watched (by anyone).
    pub fn names(&self) -> usize {
        self.keys().len()
    }

    /// Forgets `client`'s watchers of `watched`.
    pub fn remove(&self, client: u64, watched: &[Name]) {
        let mut keys = self.keys();
        for name in watched {
            if let Some(list) = keys.get_mut(name) {
                list.retain(|w| w.client != client);
                if list.is_empty() {
                    keys.remove(name);
                }
            }
        }
    }

    /// The row (id, version) left the name (db, key): mark its watchers.
    pub fn key_gone(&self, db: i64, key: &[u8], id: i64, version: i64) {
        let keys = self.keys();
        if keys.is_empty() {
            return;
        }
        if let Some(list) = keys.get(&(db, key.to_vec())) {
            for w in list {
                if w.seen != (Seen::Expired { id, version }) {
                    w.dirty.store(true, Ordering::Relaxed);
                }
            }
        }
    }

    /// Registers sqlettuce_key_gone (called by sql/watch.sql's triggers) on the writer
    /// and creates the triggers.
    pub fn install(self: &Arc<Self>, conn: &Connection) -> rusqlite::Result<()> {
        let watches = Arc::clone(self);
        conn.create_scalar_function(
            "sqlettuce_key_gone",
            4,
            FunctionFlags::SQLITE_UTF8,
            move |ctx: &Context| {
                let key = ctx.get_raw(1);
                let key = key.as_blob().or_else(|_| key.as_str().map(str::as_bytes));
                watches.key_gone(
                    ctx.get(0)?,
                    key.unwrap_or_default(),
                    ctx.get(2)?,
                    ctx.get(3)?,
                );
                Ok(rusqlite::types::Null)
            },
        )?;
        conn.execute_batch(crate::sql::WATCH)
    }
}

/// One session's watched keys and its dirty mark (Redis's CLIENT_DIRTY_CAS).
#[derive(Debug, Default)]
pub struct WatchState {
    keys: Vec<(i64, Vec<u8>, Seen)>,
    dirty: Arc<AtomicBool>,
}

impl WatchState {
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// WATCH of one key (again: the first WATCH of a name counts, as in Redis).
    pub fn watch(&mut self, watches: &Watches, client: u64, db: i64, key: &[u8], seen: Seen) {
        if self.keys.iter().any(|(d, k, _)| *d == db && k == key) {
            return;
        }
        watches.add(db, key, client, &self.dirty, seen);
        self.keys.push((db, key.to_vec(), seen));
    }

    /// Whether EXEC may run: nothing marked and every key unchanged, read in the EXEC's
    /// transaction.
    pub fn unchanged(&self, store: &Store, now: i64) -> Result<bool> {
        if self.dirty.load(Ordering::Relaxed) {
            return Ok(false);
        }
        for (db, key, seen) in &self.keys {
            if !seen.unchanged(Seen::read(store, *db, key, now)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// UNWATCH: forget every key and the mark.
    pub fn clear(&mut self, watches: &Watches, client: u64) {
        if self.keys.is_empty() {
            return;
        }
        let names: Vec<Name> = self.keys.drain(..).map(|(d, k, _)| (d, k)).collect();
        watches.remove(client, &names);
        self.dirty.store(false, Ordering::Relaxed);
    }
}
