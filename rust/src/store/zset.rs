//! Sorted-set keys (type 4): one row per member in `zsets`, by member through the primary
//! key and in score order through zsets_by_score (see sql/queries/zsets.sql).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::errors::Result;
use crate::sql;

/// A member and its score.
pub type Scored = (Vec<u8>, f64);

impl Store<'_> {
    /// A new, empty sorted-set key; its id.
    pub fn create_zset(&self, db: i64, key: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::CREATE_ZSET_KEY)?
            .query_row(params![db, key], |r| r.get(0))?)
    }

    pub fn zset_score(&self, id: i64, member: &[u8]) -> Result<Option<f64>> {
        Ok(self
            .prepare(sql::ZSET_SCORE)?
            .query_row(params![id, member], |r| r.get(0))
            .optional()?)
    }

    /// Adds a member or sets its score.
    pub fn zset_put(&self, id: i64, member: &[u8], score: f64) -> Result<()> {
        self.prepare(sql::ZSET_PUT)?
            .execute(params![id, member, score])?;
        Ok(())
    }

    /// Removes a member; true when it was there.
    pub fn zset_remove(&self, id: i64, member: &[u8]) -> Result<bool> {
        Ok(self
            .prepare(sql::ZSET_REMOVE)?
            .execute(params![id, member])?
            == 1)
    }

    pub fn zset_has_members(&self, id: i64) -> Result<bool> {
        Ok(self
            .prepare(sql::ZSET_HAS_MEMBERS)?
            .query_row(params![id], |r| r.get(0))?)
    }

    pub fn zset_card(&self, id: i64) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_CARD)?
            .query_row(params![id], |r| r.get(0))?)
    }

    /// How many members come before (score, member) in score order.
    pub fn zset_rank(&self, id: i64, score: f64, member: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_RANK)?
            .query_row(params![id, score, member], |r| r.get(0))?)
    }

    /// How many members come after (score, member) in score order.
    pub fn zset_rev_rank(&self, id: i64, score: f64, member: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_REV_RANK)?
            .query_row(params![id, score, member], |r| r.get(0))?)
    }

    pub fn zset_count_by_score(&self, id: i64, min: f64, max: f64) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_COUNT_BY_SCORE)?
            .query_row(params![id, min, max], |r| r.get(0))?)
    }

    /// Members in [lower, upper).
    pub fn zset_count_by_lex(&self, id: i64, lower: &[u8], upper: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_COUNT_BY_LEX)?
            .query_row(params![id, lower, upper], |r| r.get(0))?)
    }

    pub fn zset_max_member(&self, id: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .prepare(sql::ZSET_MAX_MEMBER)?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
    }

    /// Members in score order (or reversed): `limit` (-1: all) from rank `offset`.
    pub fn zset_by_rank(
        &self,
        id: i64,
        desc: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Scored>> {
        let q = if desc {
            sql::ZSET_RANGE_BY_RANK_DESC
        } else {
            sql::ZSET_RANGE_BY_RANK
        };
        let mut stmt = self.prepare(q)?;
        let rows = stmt.query_map(params![id, limit, offset], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Members with min <= score <= max, in score order (or reversed).
    pub fn zset_by_score(
        &self,
        id: i64,
        min: f64,
        max: f64,
        desc: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Scored>> {
        let q = if desc {
            sql::ZSET_RANGE_BY_SCORE_DESC
        } else {
            sql::ZSET_RANGE_BY_SCORE
        };
        let mut stmt = self.prepare(q)?;
        let rows = stmt.query_map(params![id, min, max, limit, offset], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Members in [lower, upper), in member order (or reversed).
    pub fn zset_by_lex(
        &self,
        id: i64,
        lower: &[u8],
        upper: &[u8],
        desc: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Scored>> {
        let q = if desc {
            sql::ZSET_RANGE_BY_LEX_DESC
        } else {
            sql::ZSET_RANGE_BY_LEX
        };
        let mut stmt = self.prepare(q)?;
        let rows = stmt.query_map(params![id, lower, upper, limit, offset], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn zset_delete_by_score(&self, id: i64, min: f64, max: f64) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_DELETE_BY_SCORE)?
            .execute(params![id, min, max])? as i64)
    }

    pub fn zset_delete_by_lex(&self, id: i64, lower: &[u8], upper: &[u8]) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_DELETE_BY_LEX)?
            .execute(params![id, lower, upper])? as i64)
    }

    /// Deletes every member from `low` to `high` (inclusive) in score order.
    pub fn zset_delete_between(&self, id: i64, low: &Scored, high: &Scored) -> Result<i64> {
        Ok(self
            .prepare(sql::ZSET_DELETE_BETWEEN)?
            .execute(params![id, low.1, low.0, high.1, high.0])? as i64)
    }

    /// Up to `limit` members (-1: all) at or after `from`, in member order.
    pub fn zset_scan(&self, id: i64, from: &[u8], limit: i64) -> Result<Vec<Scored>> {
        let mut stmt = self.prepare(sql::ZSET_SCAN)?;
        let rows = stmt.query_map(params![id, from, limit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every member in [from, to), in member order.
    pub fn zset_scan_range(&self, id: i64, from: &[u8], to: &[u8]) -> Result<Vec<Scored>> {
        let mut stmt = self.prepare(sql::ZSET_SCAN_RANGE)?;
        let rows = stmt.query_map(params![id, from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
