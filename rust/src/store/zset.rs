//! Sorted-set keys (type 4): one row per member in `zsets`, by member through the primary
//! key and in score order through zsets_by_score (see sql/queries/zsets.sql).

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::errors::Result;
use crate::sql;

/// A member and its score.
pub type Scored = (Vec<u8>, f64);

/// The rank offset from which zset_by_rank starts from a bucket rather than OFFSET: a
/// bucket holds at most 2048 members, so below this the plain scan reads no more rows.
const BUCKET_OFFSET: i64 = 2048;

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

    /// Adds a member or sets its score. An upsert: the caller knows whether the member
    /// was new (only those count in the key's element delta).
    pub fn zset_put(&self, id: i64, member: &[u8], score: f64) -> Result<()> {
        self.prepare(sql::ZSET_PUT)?
            .execute(params![id, member, score])?;
        Ok(())
    }

    /// zset_put of -0 into a sorted set Redis would hold as a skiplist: the member is
    /// marked so that its score reads back as -0 (schema.sql, zset_negzero). A listpack
    /// keeps scores as text that reads back as 0, so there a plain zset_put is right.
    pub fn zset_put_neg_zero(&self, id: i64, member: &[u8]) -> Result<()> {
        self.zset_put(id, member, -0.0)?;
        self.prepare(sql::ZSET_MARK_NEG_ZERO)?
            .execute(params![id, member])?;
        Ok(())
    }

    /// Removes a member; true when it was there.
    pub fn zset_remove(&self, id: i64, member: &[u8]) -> Result<bool> {
        Ok(self
            .prepare(sql::ZSET_REMOVE)?
            .execute(params![id, member])?
            == 1)
    }

    /// The member count (keys.elements). Commands read it from their Entry instead; this
    /// is for zset_by_rank, which has only the id.
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

    /// Members in score order (or reversed): `limit` (-1: all) from rank `offset` (counted
    /// from the top when `desc`).
    ///
    /// OFFSET walks the score index row by row, so a large offset would read that many
    /// rows: ZRANGE z -1 -1, or ZRANDMEMBER's draw, would read the whole set. From
    /// BUCKET_OFFSET on, the range starts from the bucket holding that rank instead
    /// (zset_buckets, sql/schema.sql): the running counts of the buckets before it, then
    /// at most a bucket's worth of OFFSET inside it. A descending range is found by the
    /// ascending rank of its first member, then read down from that member.
    pub fn zset_by_rank(
        &self,
        id: i64,
        desc: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Scored>> {
        if offset < BUCKET_OFFSET {
            return self.zset_by_rank_scan(id, desc, limit, offset);
        }
        if !desc {
            return self.zset_from_bucket(id, limit, offset);
        }
        let total = self.zset_card(id)?;
        if offset >= total {
            return Ok(Vec::new());
        }
        let first = self.zset_by_rank(id, false, 1, total - 1 - offset)?;
        match first.into_iter().next() {
            Some((member, score)) => self.zset_down_from(id, score, &member, limit),
            None => Ok(Vec::new()),
        }
    }

    /// zset_by_rank for a small offset: ZsetRangeByRank(Desc), OFFSET on the score index.
    fn zset_by_rank_scan(
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

    /// Ascending from rank `rank`: the bucket holding it (its bound and the rank of its
    /// first member), then `limit` members from the bound, skipping those before `rank`.
    fn zset_from_bucket(&self, id: i64, limit: i64, rank: i64) -> Result<Vec<Scored>> {
        let bucket: Option<(f64, Vec<u8>, i64)> = self
            .prepare(sql::ZSET_BUCKET_AT)?
            .query_row(params![id, rank], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((score, member, start)) = bucket else {
            return Ok(Vec::new()); // rank >= card
        };
        let mut stmt = self.prepare(sql::ZSET_RANGE_FROM)?;
        let rows = stmt.query_map(params![id, score, member, limit, rank - start], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Descending from (score, member), that member included: `limit` (-1: all) members.
    fn zset_down_from(
        &self,
        id: i64,
        score: f64,
        member: &[u8],
        limit: i64,
    ) -> Result<Vec<Scored>> {
        let mut stmt = self.prepare(sql::ZSET_RANGE_DOWN_FROM)?;
        let rows = stmt.query_map(params![id, score, member, limit], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
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

/// Ranks far from both ends go through zset_buckets: 5000 members split the first bucket
/// (past 2048 members) several times. Every rank read is checked against a sorted Vec,
/// after the build, after score updates and after random removals.
#[cfg(test)]
mod tests {
    use crate::commands::testing::{miscounted_keys, multibulk};
    use crate::commands::zset::score::format_score;
    use crate::engine::tests::memory_engine;
    use crate::engine::Session;

    /// Buckets whose count is not the members from their bound up to the next bound, or
    /// that hold more than 2048: the ranks would be wrong, however exact the sums.
    const MISCOUNTED_BUCKETS: &str = "WITH b AS (
        SELECT key_id, score, member, n,
               lead(score) OVER w AS next_score, lead(member) OVER w AS next_member
        FROM zset_buckets WINDOW w AS (PARTITION BY key_id ORDER BY score, member))
    SELECT count(*) FROM b WHERE n > 2048 OR n <> (
        SELECT count(*) FROM zsets AS z WHERE z.key_id = b.key_id
          AND (z.score, z.member) >= (b.score, b.member)
          AND (b.next_score IS NULL OR (z.score, z.member) < (b.next_score, b.next_member)))";

    /// xorshift64*: the same draws on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
        }

        /// A score with many ties (members then decide), now and then an infinity.
        fn score(&mut self) -> f64 {
            match self.below(100) {
                0 => f64::NEG_INFINITY,
                1 => f64::INFINITY,
                _ => self.below(1000) as f64 / 4.0 - 100.0,
            }
        }
    }

    /// The sorted set "z" and its model: (score, member) in ZRANGE order.
    struct Large {
        s: Session,
        model: Vec<(f64, String)>,
        rng: Rng,
    }

    fn int(n: impl std::fmt::Display) -> String {
        format!(":{n}\r\n")
    }

    fn bulk(b: &[u8]) -> String {
        format!("${}\r\n{}\r\n", b.len(), String::from_utf8_lossy(b))
    }

    /// A flat array of members, with their scores when asked (ZRANGE ... WITHSCORES).
    fn array<'a>(rows: impl ExactSizeIterator<Item = &'a (f64, String)>, scores: bool) -> String {
        let mut out = format!("*{}\r\n", rows.len() * if scores { 2 } else { 1 });
        for (score, member) in rows {
            out += &bulk(member.as_bytes());
            if scores {
                out += &bulk(&format_score(*score));
            }
        }
        out
    }

    /// Redis's rank sanitizing, written again here so the test does not trust zrange.rs.
    fn span(len: usize, start: i64, stop: i64) -> Option<(usize, usize)> {
        let len = len as i64;
        let start = if start < 0 { start + len } else { start }.max(0);
        let stop = if stop < 0 { stop + len } else { stop }.min(len - 1);
        (start <= stop && start < len).then_some((start as usize, stop as usize))
    }

    impl Large {
        fn cmd<A: AsRef<[u8]>>(&mut self, argv: &[A]) -> String {
            self.s.exec(&multibulk(argv), 0);
            String::from_utf8_lossy(self.s.replies()).into_owned()
        }

        fn sort(&mut self) {
            self.model
                .sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then_with(|| a.1.cmp(&b.1)));
        }

        /// `n` members with random scores (and the empty member at -inf, which sorts with
        /// the first bucket's own bound), in ZADDs of 500.
        fn build(n: usize) -> Large {
            let mut t = Large {
                s: Session::new(memory_engine()),
                model: vec![(f64::NEG_INFINITY, String::new())],
                rng: Rng(0x9E37_79B9_7F4A_7C15),
            };
            assert_eq!(t.cmd(&["ZADD", "z", "-inf", ""]), int(1));
            for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
                let mut argv = vec!["ZADD".to_string(), "z".to_string()];
                for i in chunk {
                    let score = t.rng.score();
                    let member = format!("m{i}");
                    argv.push(String::from_utf8(format_score(score)).unwrap());
                    argv.push(member.clone());
                    t.model.push((score, member));
                }
                assert_eq!(t.cmd(&argv), int(chunk.len()));
            }
            t.sort();
            t
        }

        /// The member at a random rank.
        fn pick(&mut self) -> String {
            let i = self.rng.below(self.model.len());
            self.model[i].1.clone()
        }

        /// New scores for 300 members (ZADD XX CH moves them between buckets).
        fn rescore(&mut self) {
            let mut argv = vec!["ZADD".to_string(), "z".into(), "XX".into(), "CH".into()];
            let mut changed = 0;
            let mut seen = std::collections::HashSet::new();
            for _ in 0..300 {
                let member = self.pick();
                if !seen.insert(member.clone()) {
                    continue;
                }
                let score = self.rng.score();
                let row = self.model.iter_mut().find(|r| r.1 == member).unwrap();
                changed += (row.0 != score) as usize;
                row.0 = score;
                argv.push(String::from_utf8(format_score(score)).unwrap());
                argv.push(member);
            }
            assert_eq!(self.cmd(&argv), int(changed));
            self.sort();
        }

        /// ZREM of random members (repeats and a missing one), ZREMRANGEBYRANK far from
        /// both ends (whole buckets empty and go), ZPOPMIN and ZPOPMAX.
        fn remove(&mut self) {
            let mut argv = vec!["ZREM".to_string(), "z".into(), "missing".into()];
            let mut gone = std::collections::HashSet::new();
            for _ in 0..300 {
                let member = self.pick();
                gone.insert(member.clone());
                argv.push(member);
            }
            assert_eq!(self.cmd(&argv), int(gone.len()));
            self.model.retain(|r| !gone.contains(&r.1));

            for (start, stop) in [(2500, 2999), (-700, -600), (1000, 2499)] {
                let (a, b) = span(self.model.len(), start, stop).unwrap();
                let argv = [
                    "ZREMRANGEBYRANK",
                    "z",
                    &start.to_string(),
                    &stop.to_string(),
                ];
                assert_eq!(self.cmd(&argv), int(b - a + 1));
                self.model.drain(a..=b);
            }

            let popped = array(self.model[..100].iter(), true);
            assert_eq!(self.cmd(&["ZPOPMIN", "z", "100"]), popped);
            self.model.drain(..100);
            let top = self.model.len() - 50;
            let popped = array(self.model[top..].iter().rev(), true);
            assert_eq!(self.cmd(&["ZPOPMAX", "z", "50"]), popped);
            self.model.truncate(top);
        }

        /// Every read by rank against the model, then the counts and the buckets.
        fn check(&mut self) {
            let n = self.model.len();
            assert_eq!(self.cmd(&["ZCARD", "z"]), int(n));
            self.check_ranks();
            let n = n as i64;
            let spans = [
                (0, 9),
                (2040, 2100),
                (2047, 2048),
                (2048, 2048),
                (3000, 3200),
                (1000, -1000),
                (n - 3, n + 5),
                (n, n + 10),
                (n + 5000, n + 6000),
                (-1, -1),
                (-2100, -2000),
                (-n, -n + 2),
                (-n - 10, 3),
                (0, -1),
            ];
            for (start, stop) in spans {
                for scores in [false, true] {
                    self.check_range(start, stop, false, scores);
                    self.check_range(start, stop, true, scores);
                }
            }
            self.check_store();
            assert_eq!(miscounted_keys(self.s.engine()), 0);
            let buckets: i64 = self
                .s
                .engine()
                .with_conn(|c| c.query_row(MISCOUNTED_BUCKETS, [], |r| r.get(0)).unwrap());
            assert_eq!(buckets, 0, "buckets miscounted");
        }

        /// ZRANK and ZREVRANK of every 37th member, the last, and a missing one.
        fn check_ranks(&mut self) {
            let n = self.model.len();
            for i in (0..n).step_by(37).chain([n - 1]) {
                let member = self.model[i].1.clone();
                assert_eq!(self.cmd(&["ZRANK", "z", &member]), int(i), "{member}");
                assert_eq!(self.cmd(&["ZREVRANK", "z", &member]), int(n - 1 - i));
            }
            assert_eq!(self.cmd(&["ZRANK", "z", "missing"]), "$-1\r\n");
        }

        /// ZRANGE start stop [REV] [WITHSCORES], and ZREVRANGE for REV.
        fn check_range(&mut self, start: i64, stop: i64, rev: bool, scores: bool) {
            let mut rows: Vec<&(f64, String)> = self.model.iter().collect();
            if rev {
                rows.reverse();
            }
            let want = match span(rows.len(), start, stop) {
                Some((a, b)) => array(rows[a..=b].iter().copied(), scores),
                None => "*0\r\n".to_string(),
            };
            let (start, stop) = (start.to_string(), stop.to_string());
            let mut argv = vec!["ZRANGE", "z", &start, &stop];
            argv.extend(rev.then_some("REV"));
            argv.extend(scores.then_some("WITHSCORES"));
            assert_eq!(self.cmd(&argv), want, "{argv:?}");
            if rev {
                let mut argv = vec!["ZREVRANGE", "z", &start, &stop];
                argv.extend(scores.then_some("WITHSCORES"));
                assert_eq!(self.cmd(&argv), want, "{argv:?}");
            }
        }

        /// ZRANGESTORE from a large offset down: the copy's count and members.
        fn check_store(&mut self) {
            let (a, b) = span(self.model.len(), 2100, 2299).unwrap();
            let rows = self.model.iter().rev().skip(a).take(b - a + 1);
            let want = array(rows, true);
            let stored = self.cmd(&["ZRANGESTORE", "dst", "z", "2100", "2299", "REV"]);
            assert_eq!(stored, int(b - a + 1));
            let copy = self.cmd(&["ZRANGE", "dst", "0", "-1", "REV", "WITHSCORES"]);
            assert_eq!(copy, want);
            assert_eq!(self.cmd(&["DEL", "dst"]), int(1));
        }
    }

    #[test]
    fn ranks_match_a_sorted_vec_across_buckets() {
        let mut t = Large::build(5000);
        let buckets: i64 = t.s.engine().with_conn(|c| {
            c.query_row("SELECT count(*) FROM zset_buckets", [], |r| r.get(0))
                .unwrap()
        });
        assert!(
            buckets >= 3,
            "5000 members should have split buckets: {buckets}"
        );
        // The copy's buckets come from the triggers as its rows are inserted; check()
        // looks at every key's counts and buckets.
        assert_eq!(t.cmd(&["COPY", "z", "copy"]), int(1));
        t.check();
        t.rescore();
        t.check();
        t.remove();
        t.check();
    }
}
