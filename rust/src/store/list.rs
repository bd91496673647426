//! List keys (type 2): one row per element in `lists`, at contiguous positions head..tail,
//! so index i is the row at head + i (see sql/queries/lists.sql).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::errors::Result;
use crate::sql;

impl Store<'_> {
    /// A new, empty list key; its id.
    pub fn create_list(&self, db: i64, key: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::CREATE_LIST_KEY)?
            .query_row(params![db, key], |r| r.get(0))?)
    }

    /// (head, tail) positions; (1, 0) for an empty list.
    pub fn list_ends(&self, id: i64) -> Result<(i64, i64)> {
        Ok(self
            .prepare(sql::LIST_ENDS)?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    pub fn list_insert(&self, id: i64, pos: i64, elem: &[u8]) -> Result<()> {
        self.prepare(sql::LIST_INSERT)?
            .execute(params![id, pos, elem])?;
        Ok(())
    }

    pub fn list_get(&self, id: i64, pos: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::LIST_GET)?
            .query_row(params![id, pos], |r| r.get(0))
            .optional()?)
    }

    /// The elements at positions lo..=hi, head first.
    pub fn list_range(&self, id: i64, lo: i64, hi: i64) -> Result<Vec<Vec<u8>>> {
        let mut stmt = self.prepare(sql::LIST_RANGE)?;
        let rows = stmt.query_map(params![id, lo, hi], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn list_set(&self, id: i64, pos: i64, elem: &[u8]) -> Result<()> {
        self.prepare(sql::LIST_SET)?
            .execute(params![elem, id, pos])?;
        Ok(())
    }

    pub fn list_delete_range(&self, id: i64, lo: i64, hi: i64) -> Result<()> {
        if lo <= hi {
            self.prepare(sql::LIST_DELETE_RANGE)?
                .execute(params![id, lo, hi])?;
        }
        Ok(())
    }

    /// Deletes every element equal to `elem` at positions lo..=hi; how many.
    pub fn list_delete_matches(&self, id: i64, lo: i64, hi: i64, elem: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::LIST_DELETE_MATCHES)?
            .execute(params![id, lo, hi, elem])? as i64)
    }

    /// Moves positions lo..=hi by `delta`; the caller guarantees the targets are free.
    pub fn list_shift(&self, id: i64, lo: i64, hi: i64, delta: i64) -> Result<()> {
        if lo <= hi && delta != 0 {
            self.prepare(sql::LIST_SHIFT)?
                .execute(params![delta, id, lo, hi])?;
        }
        Ok(())
    }

    /// Copies the rows at lo..=hi, in order, to base + 1, base + 2, ...
    pub fn list_copy_renumbered(&self, id: i64, lo: i64, hi: i64, base: i64) -> Result<()> {
        self.prepare(sql::LIST_COPY_RENUMBERED)?
            .execute(params![base, id, lo, hi])?;
        Ok(())
    }

    /// Positions of `elem` within lo..=hi, from the head (or the tail), skipping `offset`
    /// matches, at most `limit` (-1: all).
    #[allow(clippy::too_many_arguments)]
    pub fn list_find(
        &self,
        id: i64,
        lo: i64,
        hi: i64,
        elem: &[u8],
        from_tail: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<i64>> {
        let q = if from_tail {
            sql::LIST_FIND_FROM_TAIL
        } else {
            sql::LIST_FIND
        };
        let mut stmt = self.prepare(q)?;
        let rows = stmt.query_map(params![id, lo, hi, elem, limit, offset], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
