//! The storage layer: typed calls over the named queries of sql/queries/*.sql. Commands
//! never see SQL or a raw connection, only this; the connection behind it is inside the
//! batch's transaction, so the same command code runs alone or pipelined.

use std::cell::Cell;

use rusqlite::{params, CachedStatement, Connection, OptionalExtension};

use crate::errors::{Error, Result};
use crate::sql;

// Typed calls for each collection type, as more `impl Store` blocks (children of this
// module, so they share its statement cache and counting).
mod hash;
mod list;
mod set;
mod zset;

/// keys.type codes (see sql/schema.sql).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    String = 1,
    List = 2,
    Set = 3,
    Zset = 4,
    Hash = 5,
}

impl KeyType {
    pub fn from_code(c: i64) -> KeyType {
        match c {
            2 => KeyType::List,
            3 => KeyType::Set,
            4 => KeyType::Zset,
            5 => KeyType::Hash,
            _ => KeyType::String,
        }
    }

    /// TYPE's reply and SCAN's TYPE filter.
    pub fn name(self) -> &'static str {
        match self {
            KeyType::String => "string",
            KeyType::List => "list",
            KeyType::Set => "set",
            KeyType::Zset => "zset",
            KeyType::Hash => "hash",
        }
    }
}

/// A live key's row.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: i64,
    pub kind: KeyType,
    /// The string value, when asked for and the key is a string.
    pub value: Option<Vec<u8>>,
    /// Unix ms, None for no TTL.
    pub expire_at: Option<i64>,
    /// A collection's fields, elements or members (keys.elements); 0 for a string. Read
    /// with the row, so HLEN, LLEN, SCARD, ZCARD and the commands that need a length
    /// cost no statement of their own.
    pub elements: i64,
}

/// Whether a lookup may delete an expired row it meets (writes do; reads stay read-only
/// so a read-only batch never needs the write lock), and whether it counts a keyspace
/// hit or miss (INFO's keyspace_hits/misses: where Redis uses lookupKeyRead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// A read: counted.
    Read,
    /// A write (Redis's lookupKeyWrite): not counted.
    Write,
    /// A command that writes but reads the key as Redis's lookupKeyRead (GETDEL, GETEX,
    /// SET ... GET, COPY's source): counted, and an expired row is deleted.
    ReadWrite,
    /// A look that Redis makes without lookupKeyRead (MEMORY USAGE): not counted.
    Peek,
}

impl Access {
    fn deletes_expired(self) -> bool {
        matches!(self, Access::Write | Access::ReadWrite)
    }

    fn counts(self) -> bool {
        matches!(self, Access::Read | Access::ReadWrite)
    }
}

pub struct Store<'a> {
    /// None for a batch that needs no database (PING, SELECT...): no command that uses
    /// the store runs in it.
    conn: Option<&'a Connection>,
    /// Statements run through this store, for INFO's sqlite_statements.
    statements: Cell<u64>,
    /// Read lookups that found the key and that did not (keyspace_hits and
    /// keyspace_misses), and expired keys deleted (expired_keys): the engine adds them to
    /// its counters when the command ends (Stats::fold).
    hits: Cell<u64>,
    misses: Cell<u64>,
    expired: Cell<u64>,
}

impl<'a> Store<'a> {
    pub fn new(conn: &'a Connection) -> Store<'a> {
        Store::maybe(Some(conn))
    }

    /// A store on `conn`, or on nothing (every statement then fails).
    pub fn maybe(conn: Option<&'a Connection>) -> Store<'a> {
        Store {
            conn,
            statements: Cell::new(0),
            hits: Cell::new(0),
            misses: Cell::new(0),
            expired: Cell::new(0),
        }
    }

    /// The connection behind this store (EXEC runs its queued commands on it).
    pub fn conn(&self) -> Option<&'a Connection> {
        self.conn
    }

    /// Counts `n` statements run through another store on the same connection.
    pub fn count(&self, n: u64) {
        self.statements.set(self.statements.get() + n);
    }

    /// Counts a read lookup of a key, as Redis's lookupKeyRead does: a hit when it
    /// exists, else a miss. `lookup` with Access::Read counts its own.
    pub fn count_lookup(&self, found: bool) {
        let c = if found { &self.hits } else { &self.misses };
        c.set(c.get() + 1);
    }

    /// Counts keys deleted because their TTL passed.
    pub fn count_expired(&self, n: u64) {
        self.expired.set(self.expired.get() + n);
    }

    /// Read lookups that hit, that missed, and expired keys deleted, so far.
    pub fn keyspace_counts(&self) -> (u64, u64, u64) {
        (self.hits.get(), self.misses.get(), self.expired.get())
    }

    /// How many statements this store has run.
    pub fn statements(&self) -> u64 {
        self.statements.get()
    }

    /// The cached prepared statement for `sql`, counted as one statement run.
    fn prepare(&self, sql: &str) -> Result<CachedStatement<'a>> {
        let conn = self
            .conn
            .ok_or_else(|| Error::Internal("no database connection for this batch".into()))?;
        self.statements.set(self.statements.get() + 1);
        Ok(conn.prepare_cached(sql)?)
    }

    /// The live key `key` of database `db` at `now`, or None. An expired row is absent;
    /// with Access::Write or ReadWrite it is also deleted (and counted in expired_keys),
    /// so the write that follows starts clean. Read and ReadWrite count a keyspace hit
    /// or miss.
    pub fn lookup(
        &self,
        db: i64,
        key: &[u8],
        now: i64,
        access: Access,
        want_value: bool,
    ) -> Result<Option<Entry>> {
        let mut stmt = self.prepare(sql::GET_KEY)?;
        let row = stmt
            .query_row(params![db, key], |r| {
                let kind = KeyType::from_code(r.get(1)?);
                let value = if want_value && kind == KeyType::String {
                    r.get::<_, Option<Vec<u8>>>(2)?
                } else {
                    None
                };
                Ok(Entry {
                    id: r.get(0)?,
                    kind,
                    value,
                    expire_at: r.get(3)?,
                    elements: r.get(5)?,
                })
            })
            .optional()?;
        let live = match row {
            Some(e) if e.expire_at.is_some_and(|t| t <= now) => {
                if access.deletes_expired() {
                    self.delete(e.id)?;
                    self.count_expired(1);
                }
                None
            }
            other => other,
        };
        if access.counts() {
            self.count_lookup(live.is_some());
        }
        Ok(live)
    }

    /// Inserts or overwrites a string in place (type 1, new value, new TTL). The caller has
    /// already deleted a key of another type, whose collection rows would otherwise stay.
    pub fn set_string(
        &self,
        db: i64,
        key: &[u8],
        value: &[u8],
        expire_at: Option<i64>,
    ) -> Result<()> {
        self.prepare(sql::SET_STRING)?
            .execute(params![db, key, value, expire_at])?;
        Ok(())
    }

    /// SET in one statement: creates the key or overwrites a string (live or expired)
    /// with the new value and TTL. False (nothing written) when the key holds another
    /// type: the caller then deletes it first.
    pub fn set_if_string(
        &self,
        db: i64,
        key: &[u8],
        value: &[u8],
        expire_at: Option<i64>,
    ) -> Result<bool> {
        Ok(self
            .prepare(sql::SET_STRING_IF_STRING)?
            .execute(params![db, key, value, expire_at])?
            == 1)
    }

    /// The INCR family on a live string in one statement: its new value, or None (nothing
    /// written) when the key is missing, expired or of another type. A value that is not
    /// an integer, or a sum outside 64 bits, is the command's error.
    pub fn incr_in_place(&self, db: i64, key: &[u8], incr: i64, now: i64) -> Result<Option<i64>> {
        match self
            .prepare(sql::INCR_STRING_IN_PLACE)?
            .execute(params![incr, db, key, now])
        {
            Ok(0) => Ok(None),
            Ok(_) => Ok(Some(crate::sql_functions::last_incr())),
            Err(e) => {
                let msg = e.to_string();
                Err(if msg.contains(crate::sql_functions::INCR_NOT_INTEGER) {
                    Error::NotInteger
                } else if msg.contains(crate::sql_functions::INCR_OVERFLOW) {
                    Error::Overflow
                } else {
                    e.into()
                })
            }
        }
    }

    /// A live string's new value, TTL untouched, found by name (one primary-key descent).
    pub fn update_value(&self, db: i64, key: &[u8], value: &[u8]) -> Result<()> {
        self.prepare(sql::UPDATE_STRING_VALUE_BY_NAME)?
            .execute(params![value, db, key])?;
        Ok(())
    }

    /// A live string's zero-padded value with the TTL and the version kept (BITFIELD whose
    /// writes all failed: Redis grows the string without touching the key).
    pub fn pad_value(&self, db: i64, key: &[u8], value: &[u8]) -> Result<()> {
        self.prepare(sql::PAD_STRING_VALUE_BY_NAME)?
            .execute(params![value, db, key])?;
        Ok(())
    }

    pub fn set_expire(&self, id: i64, expire_at: Option<i64>) -> Result<()> {
        self.prepare(sql::SET_EXPIRE_AT)?
            .execute(params![expire_at, id])?;
        Ok(())
    }

    /// Deletes a key and (ON DELETE CASCADE) its collection rows.
    pub fn delete(&self, id: i64) -> Result<()> {
        self.prepare(sql::DELETE_KEY_BY_ID)?.execute(params![id])?;
        Ok(())
    }

    /// Ends every collection write: bumps the version (for WATCH) and adds `delta`, the
    /// rows the command added to the key's collection table (negative: removed), to
    /// keys.elements. A key created by the command starts at 0 and gets its full count
    /// here.
    pub fn touch(&self, id: i64, delta: i64) -> Result<()> {
        self.prepare(sql::TOUCH_KEY)?.execute(params![delta, id])?;
        Ok(())
    }

    /// After a command removed `removed` rows (and added none) from the collection of `e`,
    /// a live key read in the same transaction: a key left empty is deleted, as Redis
    /// deletes an emptied collection; any other is touched with -removed. keys.elements
    /// says which without asking the collection table whether rows are left.
    pub fn shrink(&self, e: &Entry, removed: i64) -> Result<()> {
        if removed >= e.elements {
            self.delete(e.id)
        } else {
            self.touch(e.id, -removed)
        }
    }

    /// WATCH/EXEC: a key's row as it is, expired or not: (id, version, expire_at).
    pub fn watch_stamp(&self, db: i64, key: &[u8]) -> Result<Option<(i64, i64, Option<i64>)>> {
        Ok(self
            .prepare(sql::WATCH_STAMP)?
            .query_row(params![db, key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    /// SWAPDB's step: every key of `from` moves to `to` (see MoveDB).
    pub fn move_db(&self, from: i64, to: i64) -> Result<()> {
        self.prepare(sql::MOVE_DB)?.execute(params![to, from])?;
        Ok(())
    }

    pub fn rename(&self, id: i64, db: i64, key: &[u8]) -> Result<()> {
        self.prepare(sql::RENAME_KEY)?
            .execute(params![db, key, id])?;
        Ok(())
    }

    /// COPY: a new row with the source's type, value and TTL, then its collection rows.
    pub fn copy(&self, src_id: i64, dst_db: i64, dst_key: &[u8]) -> Result<()> {
        let new_id: i64 = self
            .prepare(sql::COPY_KEY)?
            .query_row(params![dst_db, dst_key, src_id], |r| r.get(0))?;
        for q in [
            sql::COPY_HASH_ROWS,
            sql::COPY_LIST_ROWS,
            sql::COPY_SET_ROWS,
            sql::COPY_ZSET_ROWS,
            sql::COPY_ZSET_NEG_ZERO, // a sorted set's -0 scores (schema.sql, zset_negzero)
        ] {
            self.prepare(q)?.execute(params![new_id, src_id])?;
        }
        Ok(())
    }

    pub fn count_live(&self, db: i64, now: i64) -> Result<i64> {
        Ok(self
            .prepare(sql::COUNT_LIVE_KEYS)?
            .query_row(params![db, now], |r| r.get(0))?)
    }

    /// (db, keys, keys with a TTL) for each database holding live keys.
    pub fn keyspace(&self, now: i64) -> Result<Vec<(i64, i64, i64)>> {
        let mut stmt = self.prepare(sql::KEYSPACE_STATS)?;
        let rows = stmt.query_map(params![now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn live_keys(&self, db: i64, now: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.prepare(sql::LIST_LIVE_KEYS)?;
        let rows = stmt.query_map(params![db, now], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Up to `count` live keys with id > cursor, in id order: (id, key, type).
    pub fn scan(
        &self,
        db: i64,
        cursor: i64,
        now: i64,
        count: i64,
    ) -> Result<Vec<(i64, Vec<u8>, KeyType)>> {
        let mut stmt = self.prepare(sql::SCAN_KEYS)?;
        let rows = stmt.query_map(params![db, cursor, now, count], |r| {
            Ok((r.get(0)?, r.get(1)?, KeyType::from_code(r.get(2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn max_key_id(&self) -> Result<i64> {
        Ok(self.prepare(sql::MAX_KEY_ID)?.query_row([], |r| r.get(0))?)
    }

    pub fn key_at_or_after(&self, db: i64, id: i64, now: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::KEY_AT_OR_AFTER_ID)?
            .query_row(params![db, id, now], |r| r.get(0))
            .optional()?)
    }

    pub fn first_live_key(&self, db: i64, now: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::FIRST_LIVE_KEY)?
            .query_row(params![db, now], |r| r.get(0))
            .optional()?)
    }

    pub fn delete_expired(&self, now: i64, max_keys: i64) -> Result<usize> {
        Ok(self
            .prepare(sql::DELETE_EXPIRED_KEYS)?
            .execute(params![now, max_keys])?)
    }

    pub fn flush_db(&self, db: i64) -> Result<()> {
        self.prepare(sql::FLUSH_DB)?.execute(params![db])?;
        Ok(())
    }

    pub fn flush_all(&self) -> Result<()> {
        self.prepare(sql::FLUSH_ALL)?.execute([])?;
        Ok(())
    }

    /// Runs `f` (a command's writes) all-or-nothing: a command that issues several write
    /// statements must not be half-applied if a later one fails, and its failure must not
    /// undo the rest of the batch.
    pub fn atomic<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.prepare("SAVEPOINT command")?.execute([])?;
        match f() {
            Ok(v) => {
                self.prepare("RELEASE command")?.execute([])?;
                Ok(v)
            }
            Err(e) => {
                // Best effort: if even the rollback fails, COMMIT will fail and the whole
                // batch reports an error.
                if let Some(conn) = self.conn {
                    self.statements.set(self.statements.get() + 2);
                    let _ = conn.execute_batch("ROLLBACK TO command; RELEASE command");
                }
                Err(e)
            }
        }
    }
}

/// sqlite_version() as this process's SQLite reports it.
/// What OBJECT ENCODING and MEMORY USAGE need of a collection's rows.
#[derive(Debug, Default, Clone, Copy)]
pub struct Shape {
    /// The longest field, value or member (0 for lists and sets).
    pub longest: i64,
    /// Bytes of every field, value, member or element.
    pub bytes: i64,
    /// Set members that are not integers (0 for other types).
    pub non_integers: i64,
}

impl Store<'_> {
    /// The shape of key `id`'s rows, by its type (all zero for a string).
    pub fn shape(&self, id: i64, kind: KeyType) -> Result<Shape> {
        let (q, cols) = match kind {
            KeyType::Hash => (sql::HASH_SHAPE, 2),
            KeyType::Set => (sql::SET_SHAPE, 3),
            KeyType::Zset => (sql::ZSET_SHAPE, 2),
            KeyType::List => (sql::LIST_SHAPE, 1),
            KeyType::String => return Ok(Shape::default()),
        };
        let mut stmt = self.prepare(q)?;
        Ok(stmt.query_row(params![id], |r| {
            Ok(match cols {
                1 => Shape {
                    bytes: r.get(0)?,
                    ..Default::default()
                },
                3 => Shape {
                    bytes: r.get(0)?,
                    non_integers: r.get(1)?,
                    ..Default::default()
                },
                _ => Shape {
                    longest: r.get(0)?,
                    bytes: r.get(1)?,
                    ..Default::default()
                },
            })
        })?)
    }
}

pub fn sqlite_version(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(sql::SQLITE_VERSION, [], |r| r.get(0))?)
}
