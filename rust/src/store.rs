//! The storage layer: typed calls over the named queries of sql/queries/*.sql. Commands
//! never see SQL or a raw connection, only this; the connection behind it is inside the
//! batch's transaction, so the same command code runs alone or pipelined.

use rusqlite::{params, Connection, OptionalExtension};

use crate::errors::Result;
use crate::sql;

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
}

/// Whether a lookup may delete an expired row it meets (writes do; reads stay read-only
/// so a read-only batch never needs the write lock).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

pub struct Store<'a> {
    conn: &'a Connection,
}

impl<'a> Store<'a> {
    pub fn new(conn: &'a Connection) -> Store<'a> {
        Store { conn }
    }

    /// The live key `key` of database `db` at `now`, or None. An expired row is absent;
    /// with Access::Write it is also deleted, so the write that follows starts clean.
    pub fn lookup(
        &self,
        db: i64,
        key: &[u8],
        now: i64,
        access: Access,
        want_value: bool,
    ) -> Result<Option<Entry>> {
        let mut stmt = self.conn.prepare_cached(sql::GET_KEY)?;
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
                })
            })
            .optional()?;
        match row {
            Some(e) if e.expire_at.is_some_and(|t| t <= now) => {
                if access == Access::Write {
                    self.delete(e.id)?;
                }
                Ok(None)
            }
            other => Ok(other),
        }
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
        self.conn
            .prepare_cached(sql::SET_STRING)?
            .execute(params![db, key, value, expire_at])?;
        Ok(())
    }

    /// A string's new value, TTL untouched.
    pub fn update_value(&self, id: i64, value: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached(sql::UPDATE_STRING_VALUE)?
            .execute(params![value, id])?;
        Ok(())
    }

    pub fn set_expire(&self, id: i64, expire_at: Option<i64>) -> Result<()> {
        self.conn
            .prepare_cached(sql::SET_EXPIRE_AT)?
            .execute(params![expire_at, id])?;
        Ok(())
    }

    /// Deletes a key and (ON DELETE CASCADE) its collection rows.
    pub fn delete(&self, id: i64) -> Result<()> {
        self.conn
            .prepare_cached(sql::DELETE_KEY_BY_ID)?
            .execute(params![id])?;
        Ok(())
    }

    pub fn rename(&self, id: i64, db: i64, key: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached(sql::RENAME_KEY)?
            .execute(params![db, key, id])?;
        Ok(())
    }

    /// COPY: a new row with the source's type, value and TTL, then its collection rows.
    pub fn copy(&self, src_id: i64, dst_db: i64, dst_key: &[u8]) -> Result<()> {
        let new_id: i64 = self
            .conn
            .prepare_cached(sql::COPY_KEY)?
            .query_row(params![dst_db, dst_key, src_id], |r| r.get(0))?;
        for q in [
            sql::COPY_HASH_ROWS,
            sql::COPY_LIST_ROWS,
            sql::COPY_SET_ROWS,
            sql::COPY_ZSET_ROWS,
        ] {
            self.conn
                .prepare_cached(q)?
                .execute(params![new_id, src_id])?;
        }
        Ok(())
    }

    pub fn count_live(&self, db: i64, now: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(sql::COUNT_LIVE_KEYS)?
            .query_row(params![db, now], |r| r.get(0))?)
    }

    /// (db, keys, keys with a TTL) for each database holding live keys.
    pub fn keyspace(&self, now: i64) -> Result<Vec<(i64, i64, i64)>> {
        let mut stmt = self.conn.prepare_cached(sql::KEYSPACE_STATS)?;
        let rows = stmt.query_map(params![now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn live_keys(&self, db: i64, now: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.conn.prepare_cached(sql::LIST_LIVE_KEYS)?;
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
        let mut stmt = self.conn.prepare_cached(sql::SCAN_KEYS)?;
        let rows = stmt.query_map(params![db, cursor, now, count], |r| {
            Ok((r.get(0)?, r.get(1)?, KeyType::from_code(r.get(2)?)))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn max_key_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(sql::MAX_KEY_ID)?
            .query_row([], |r| r.get(0))?)
    }

    pub fn key_at_or_after(&self, db: i64, id: i64, now: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached(sql::KEY_AT_OR_AFTER_ID)?
            .query_row(params![db, id, now], |r| r.get(0))
            .optional()?)
    }

    pub fn first_live_key(&self, db: i64, now: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached(sql::FIRST_LIVE_KEY)?
            .query_row(params![db, now], |r| r.get(0))
            .optional()?)
    }

    pub fn delete_expired(&self, now: i64, max_keys: i64) -> Result<usize> {
        Ok(self
            .conn
            .prepare_cached(sql::DELETE_EXPIRED_KEYS)?
            .execute(params![now, max_keys])?)
    }

    pub fn flush_db(&self, db: i64) -> Result<()> {
        self.conn
            .prepare_cached(sql::FLUSH_DB)?
            .execute(params![db])?;
        Ok(())
    }

    pub fn flush_all(&self) -> Result<()> {
        self.conn.prepare_cached(sql::FLUSH_ALL)?.execute([])?;
        Ok(())
    }

    /// Runs `f` (a command's writes) all-or-nothing: a command that issues several write
    /// statements must not be half-applied if a later one fails, and its failure must not
    /// undo the rest of the batch.
    pub fn atomic<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.conn.prepare_cached("SAVEPOINT command")?.execute([])?;
        match f() {
            Ok(v) => {
                self.conn.prepare_cached("RELEASE command")?.execute([])?;
                Ok(v)
            }
            Err(e) => {
                // Best effort: if even the rollback fails, COMMIT will fail and the whole
                // batch reports an error.
                let _ = self
                    .conn
                    .execute_batch("ROLLBACK TO command; RELEASE command");
                Err(e)
            }
        }
    }
}

/// sqlite_version() as this process's SQLite reports it.
pub fn sqlite_version(conn: &Connection) -> Result<String> {
    Ok(conn.query_row(sql::SQLITE_VERSION, [], |r| r.get(0))?)
}
