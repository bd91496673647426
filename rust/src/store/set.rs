//! Set keys (type 3): one row per member in `sets`, in member (memcmp) order.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::errors::Result;
use crate::sql;

impl Store<'_> {
    /// A new, empty set key; its id.
    pub fn create_set(&self, db: i64, key: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::CREATE_SET_KEY)?
            .query_row(params![db, key], |r| r.get(0))?)
    }

    /// Adds a member; true when it was new.
    pub fn set_add(&self, id: i64, member: &[u8]) -> Result<bool> {
        Ok(self.prepare(sql::SET_ADD)?.execute(params![id, member])? == 1)
    }

    /// Removes a member; true when it was there.
    pub fn set_remove(&self, id: i64, member: &[u8]) -> Result<bool> {
        Ok(self
            .prepare(sql::SET_REMOVE)?
            .execute(params![id, member])?
            == 1)
    }

    pub fn set_is_member(&self, id: i64, member: &[u8]) -> Result<bool> {
        let n: i64 = self
            .prepare(sql::SET_IS_MEMBER)?
            .query_row(params![id, member], |r| r.get(0))?;
        Ok(n > 0)
    }

    /// Every member, in member order.
    pub fn set_members(&self, id: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.prepare(sql::SET_MEMBERS)?;
        let rows = stmt.query_map(params![id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The member at `offset` in member order.
    pub fn set_member_at(&self, id: i64, offset: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::SET_MEMBER_AT)?
            .query_row(params![id, offset], |r| r.get(0))
            .optional()?)
    }

    /// Up to `limit` members (-1: all) at or after `from`, in member order.
    pub fn set_scan(&self, id: i64, from: &[u8], limit: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.prepare(sql::SET_SCAN)?;
        let rows = stmt.query_map(params![id, from, limit], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every member in [from, to), in member order.
    pub fn set_scan_range(&self, id: i64, from: &[u8], to: &[u8]) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.prepare(sql::SET_SCAN_RANGE)?;
        let rows = stmt.query_map(params![id, from, to], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
