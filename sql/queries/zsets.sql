-- Queries for sorted-set keys (type 4): one row per member in zsets, keyed (key_id,
-- member) for ZSCORE/ZADD, with the index (key_id, score, member) for everything in score
-- order (ties by member bytes, memcmp, as Redis). The engines check the key's type with
-- GetKey first and end every change with TouchKey (version, element count delta).
--
-- Score ranges arrive inclusive: the engines turn an exclusive bound into the next double
-- (nextafter), which is exact. Lex ranges arrive as [lower, upper): an inclusive upper
-- bound "[x" becomes x || 0x00, the next byte string after x. Ranks come from the
-- buckets of zset_buckets (schema.sql), so ZRANK and ZRANGE by rank read about
-- N/1000 + 2048 rows, not N; ZCARD reads keys.elements.
--
-- A score of -0 is 0 in zsets plus a row in zset_negzero (schema.sql); every query that
-- reads scores turns a marked member's 0 back into -0.0.
--
-- Parameters are plain `?` in textual order, or numbered (?1, ?2...) when one value is
-- used twice: sqlc numbers sqlc.arg() mixed with `?` or LIMIT/OFFSET out of textual order.
-- In a query with ORDER BY, key_id and LIMIT/OFFSET are written +? (same value, same
-- plan): SQLite 3.54 otherwise re-prepares such a statement on every new binding.
-- (Enabling SQLITE_DBCONFIG_ENABLE_QPSG on the connection would do the same for all.)

-- name: CreateZsetKey :one
-- ZADD/ZINCRBY on a missing key, and the *STORE commands' destination.
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 4, NULL, NULL, 1)
RETURNING id;

-- name: ZsetScore :one
-- ZSCORE, ZMSCORE, ZRANK's member, ZADD's current score: one primary-key lookup.
SELECT CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = ? AND zsets.member = ?;

-- name: ZsetPut :exec
-- ZADD/ZINCRBY and the *STORE commands: a new member, or a new score for one.
INSERT INTO zsets (key_id, member, score) VALUES (?, ?, ?)
ON CONFLICT (key_id, member) DO UPDATE SET score = excluded.score;

-- name: ZsetMarkNegZero :exec
-- After ZsetPut of -0.0 into a set Redis holds as a skiplist: the score reads back as -0
-- (schema.sql, zset_negzero).
INSERT OR IGNORE INTO zset_negzero (key_id, member) VALUES (?, ?);

-- name: ZsetRemove :execrows
-- ZREM and ZMPOP/ZPOP*: 1 when the member was there.
DELETE FROM zsets WHERE key_id = ? AND member = ?;

-- name: ZsetHasMembers :one
-- After a removal: is anything left? (An emptied sorted set is deleted.) O(log n).
SELECT EXISTS (SELECT 1 FROM zsets WHERE key_id = ?);

-- name: ZsetCard :one
-- ZCARD, and the length behind negative ranks: kept in keys.elements, O(1).
SELECT elements FROM keys WHERE id = ?;

-- name: ZsetRank :one
-- ZRANK: how many members come before (score, member). f is the member's bucket (the
-- greatest bound at or below it, schema.sql): the buckets before it give their counts,
-- and inside it the score index counts fewer than 2049 rows. CROSS JOIN keeps f the outer
-- loop: SQLite 3.54 otherwise may scan the score index up to the member first and probe f
-- per row (70 ms at a million members instead of 0.2). `+?` keeps the planner from
-- looking at the bound values (measured: 110 us a call without it, 65 with, at 3000).
WITH f AS (
    SELECT score, member FROM zset_buckets
    WHERE key_id = +?1 AND score <= +?2 AND (score < +?2 OR member <= +?3)
    ORDER BY score DESC, member DESC LIMIT 1)
SELECT CAST(coalesce((SELECT sum(b.n) FROM f CROSS JOIN zset_buckets AS b
                      WHERE b.key_id = +?1 AND (b.score, b.member) < (f.score, f.member)), 0)
          + (SELECT count(*) FROM f CROSS JOIN zsets AS z
             WHERE z.key_id = +?1 AND (z.score, z.member) >= (f.score, f.member)
               AND z.score <= +?2 AND (z.score < +?2 OR z.member < +?3)) AS INTEGER) AS members_before;

-- name: ZsetCountByScore :one
-- ZCOUNT.
SELECT count(*) FROM zsets WHERE key_id = ? AND score >= ? AND score <= ?;

-- name: ZsetCountByLex :one
-- ZLEXCOUNT.
SELECT count(*) FROM zsets WHERE key_id = ? AND member >= ? AND member < ?;

-- name: ZsetMaxMember :one
-- A lex range ending in "+": the upper bound is just past the greatest member.
SELECT member FROM zsets WHERE key_id = +? ORDER BY member DESC LIMIT 1;

-- name: ZsetRangeByRank :many
-- ZRANGE by rank, ZPOPMIN, ZRANDMEMBER and the set operations' inputs (LIMIT -1: all),
-- when the offset is small: OFFSET walks the score index. For a large offset the engines
-- find the offset's bucket first (ZsetBucketAt) and scan from its bound (ZsetRangeFrom).
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +?
ORDER BY zsets.score, zsets.member LIMIT +? OFFSET +?;

-- name: ZsetRangeByRankDesc :many
-- ZRANGE ... REV by rank, ZREVRANGE, ZPOPMAX, when the offset (from the top) is small.
-- For a large one the engines find the first member to return by its ascending rank
-- (ZsetBucketAt, ZsetRangeFrom) and scan down from it (ZsetRangeDownFrom).
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +?
ORDER BY zsets.score DESC, zsets.member DESC LIMIT +? OFFSET +?;

-- name: ZsetBucketAt :one
-- The bucket (schema.sql, zset_buckets) holding the member of rank `rank`: its bound and
-- the rank of its first member (start), from the buckets' running counts, read in order
-- only up to that bucket. No row when the rank is past the end.
SELECT score, member, CAST(start AS INTEGER) AS start FROM (
    SELECT score, member, n,
           sum(n) OVER (ORDER BY score, member ROWS UNBOUNDED PRECEDING) - n AS start
    FROM zset_buckets WHERE key_id = sqlc.arg(key_id))
WHERE start + n > CAST(sqlc.arg(rank) AS INTEGER) LIMIT 1;

-- name: ZsetRangeFrom :many
-- ZRANGE by rank from a bucket's bound: `offset` is the rank within the bucket.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets
WHERE zsets.key_id = +sqlc.arg(key_id)
  AND (zsets.score, zsets.member) >= (CAST(sqlc.arg(score) AS REAL), CAST(sqlc.arg(member) AS BLOB))
ORDER BY zsets.score, zsets.member LIMIT +sqlc.arg(limit) OFFSET +sqlc.arg(offset);

-- name: ZsetRangeDownFrom :many
-- ZRANGE ... REV by rank: from (score, member) down.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets
WHERE zsets.key_id = +sqlc.arg(key_id)
  AND (zsets.score, zsets.member) <= (CAST(sqlc.arg(score) AS REAL), CAST(sqlc.arg(member) AS BLOB))
ORDER BY zsets.score DESC, zsets.member DESC LIMIT +sqlc.arg(limit);

-- name: ZsetRangeByScore :many
-- ZRANGE ... BYSCORE, ZRANGEBYSCORE, with LIMIT offset count.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.score >= ? AND zsets.score <= ?
ORDER BY zsets.score, zsets.member LIMIT +? OFFSET +?;

-- name: ZsetRangeByScoreDesc :many
-- ZRANGE ... BYSCORE REV, ZREVRANGEBYSCORE.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.score >= ? AND zsets.score <= ?
ORDER BY zsets.score DESC, zsets.member DESC LIMIT +? OFFSET +?;

-- name: ZsetRangeByLex :many
-- ZRANGE ... BYLEX, ZRANGEBYLEX: member order through the primary key, which is score
-- order when every score is equal (the only case Redis defines).
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.member >= ? AND zsets.member < ?
ORDER BY zsets.member LIMIT +? OFFSET +?;

-- name: ZsetRangeByLexDesc :many
-- ZRANGE ... BYLEX REV, ZREVRANGEBYLEX.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.member >= ? AND zsets.member < ?
ORDER BY zsets.member DESC LIMIT +? OFFSET +?;

-- name: ZsetDeleteByScore :execrows
-- ZREMRANGEBYSCORE.
DELETE FROM zsets WHERE key_id = ? AND score >= ? AND score <= ?;

-- name: ZsetDeleteByLex :execrows
-- ZREMRANGEBYLEX.
DELETE FROM zsets WHERE key_id = ? AND member >= ? AND member < ?;

-- name: ZsetDeleteBetween :execrows
-- ZREMRANGEBYRANK and the pops: every member from (low score, low member) to (high
-- score, high member) inclusive in score order, the two ends found by rank first.
DELETE FROM zsets
WHERE key_id = ?1 AND score >= ?2 AND score <= ?4
  AND (score > ?2 OR member >= ?3) AND (score < ?4 OR member <= ?5);

-- name: ZsetScan :many
-- ZSCAN of a large sorted set: up to `limit` members from `from` on, in member order
-- (LIMIT -1: no limit), with the cursor of commands/cursor.rs and cursor.go.
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.member >= ?
ORDER BY zsets.member LIMIT +?;

-- name: ZsetScanRange :many
-- ZSCAN when many members share the cursor's 8-byte prefix: all of [from, to).
SELECT member, CAST(CASE WHEN score = 0 AND EXISTS (
           SELECT 1 FROM zset_negzero AS nz WHERE nz.key_id = zsets.key_id AND nz.member = zsets.member)
       THEN -0.0 ELSE score END AS REAL) AS score
FROM zsets WHERE zsets.key_id = +? AND zsets.member >= ? AND zsets.member < ?
ORDER BY zsets.member;

-- name: ZsetRevRank :one
-- ZREVRANK: how many members come after (score, member): all of them (the buckets' sum)
-- less those at or before it, counted as ZsetRank counts.
WITH f AS (
    SELECT score, member FROM zset_buckets
    WHERE key_id = +?1 AND score <= +?2 AND (score < +?2 OR member <= +?3)
    ORDER BY score DESC, member DESC LIMIT 1)
SELECT CAST(coalesce((SELECT sum(b.n) FROM zset_buckets AS b WHERE b.key_id = +?1), 0)
          - coalesce((SELECT sum(b.n) FROM f CROSS JOIN zset_buckets AS b
                      WHERE b.key_id = +?1 AND (b.score, b.member) < (f.score, f.member)), 0)
          - (SELECT count(*) FROM f CROSS JOIN zsets AS z
             WHERE z.key_id = +?1 AND (z.score, z.member) >= (f.score, f.member)
               AND z.score <= +?2 AND (z.score < +?2 OR z.member <= +?3)) AS INTEGER) AS members_after;
