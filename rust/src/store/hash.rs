//! Hash keys (type 5): one row per field in `hashes`, in field (memcmp) order.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::errors::Result;
use crate::sql;

/// A field and its value.
pub type FieldValue = (Vec<u8>, Vec<u8>);

impl Store<'_> {
    /// A new, empty hash key; its id.
    pub fn create_hash(&self, db: i64, key: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::CREATE_HASH_KEY)?
            .query_row(params![db, key], |r| r.get(0))?)
    }

    pub fn hash_get(&self, id: i64, field: &[u8]) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::HASH_GET)?
            .query_row(params![id, field], |r| r.get(0))
            .optional()?)
    }

    /// The value's length, or None when the field is missing.
    pub fn hash_strlen(&self, id: i64, field: &[u8]) -> Result<Option<i64>> {
        Ok(self
            .prepare(sql::HASH_STRLEN)?
            .query_row(params![id, field], |r| r.get(0))
            .optional()?)
    }

    /// Adds a field if it is new; false (nothing written) when it exists.
    pub fn hash_insert(&self, id: i64, field: &[u8], value: &[u8]) -> Result<bool> {
        Ok(self
            .prepare(sql::HASH_INSERT_FIELD)?
            .execute(params![id, field, value])?
            == 1)
    }

    pub fn hash_update(&self, id: i64, field: &[u8], value: &[u8]) -> Result<()> {
        self.prepare(sql::HASH_UPDATE_FIELD)?
            .execute(params![value, id, field])?;
        Ok(())
    }

    /// Sets a field, new or not; true when it was new.
    pub fn hash_set(&self, id: i64, field: &[u8], value: &[u8]) -> Result<bool> {
        if self.hash_insert(id, field, value)? {
            return Ok(true);
        }
        self.hash_update(id, field, value)?;
        Ok(false)
    }

    /// Deletes a field; true when it was there.
    pub fn hash_delete(&self, id: i64, field: &[u8]) -> Result<bool> {
        Ok(self
            .prepare(sql::HASH_DELETE_FIELD)?
            .execute(params![id, field])?
            == 1)
    }

    /// Every field and value, in field order.
    pub fn hash_all(&self, id: i64) -> Result<Vec<FieldValue>> {
        let mut stmt = self.prepare(sql::HASH_GET_ALL)?;
        let rows = stmt.query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The field at `offset` in field order.
    pub fn hash_field_at(&self, id: i64, offset: i64) -> Result<Option<FieldValue>> {
        Ok(self
            .prepare(sql::HASH_FIELD_AT)?
            .query_row(params![id, offset], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Up to `limit` fields (-1: all) at or after `from`, in field order.
    pub fn hash_scan(&self, id: i64, from: &[u8], limit: i64) -> Result<Vec<FieldValue>> {
        let mut stmt = self.prepare(sql::HASH_SCAN)?;
        let rows = stmt.query_map(params![id, from, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every field in [from, to), in field order.
    pub fn hash_scan_range(&self, id: i64, from: &[u8], to: &[u8]) -> Result<Vec<FieldValue>> {
        let mut stmt = self.prepare(sql::HASH_SCAN_RANGE)?;
        let rows = stmt.query_map(params![id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
