-- Queries for list keys (type 2): one row per element in lists, keyed (key_id, pos).
-- Positions are contiguous: the list is head..tail with no gap, so index i is the row at
-- head + i. LPUSH takes head - 1 and RPUSH tail + 1; LINDEX/LSET are one primary-key
-- lookup, LRANGE one range scan, LLEN tail - head + 1. LINSERT and LREM close or open a
-- gap by moving the shorter side (O(N) like Redis). The engines check the key's type with
-- GetKey first and end every change with TouchKey (version, element count delta).
--
-- Parameters are plain `?` in textual order (and ?1 where one value is used twice):
-- sqlc numbers sqlc.arg() mixed with `?` or LIMIT/OFFSET out of textual order. In a query
-- with ORDER BY, an equality parameter and LIMIT/OFFSET are written +? (same value, same
-- plan): SQLite 3.54 otherwise re-prepares such a statement on every new binding.
-- (Enabling SQLITE_DBCONFIG_ENABLE_QPSG on the connection would do the same for all.)

-- name: CreateListKey :one
-- LPUSH/RPUSH/LMOVE on a missing key: the keys row comes first, elements hang off its id.
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 2, NULL, NULL, 1)
RETURNING id;

-- name: ListEnds :one
-- The head and tail positions: two O(log n) probes of the primary key (min() and max()
-- in one SELECT would scan). An empty list gives head 1, tail 0 (length 0).
SELECT
    CAST(coalesce((SELECT h.pos FROM lists AS h WHERE h.key_id = +?1 ORDER BY h.pos LIMIT 1), 1) AS INTEGER) AS head,
    CAST(coalesce((SELECT t.pos FROM lists AS t WHERE t.key_id = +?1 ORDER BY t.pos DESC LIMIT 1), 0) AS INTEGER) AS tail;

-- name: ListInsert :exec
-- One element at a free position (push, LINSERT after opening a gap).
INSERT INTO lists (key_id, pos, elem) VALUES (?, ?, ?);

-- name: ListGet :one
-- LINDEX, LMOVE's popped element: one primary-key lookup.
SELECT elem FROM lists WHERE key_id = ? AND pos = ?;

-- name: ListRange :many
-- LRANGE and the pops with a count: the rows between two positions, head first.
SELECT elem FROM lists
WHERE key_id = +sqlc.arg(key_id) AND pos >= sqlc.arg(lo) AND pos <= sqlc.arg(hi) ORDER BY pos;

-- name: ListSet :exec
-- LSET.
UPDATE lists SET elem = ? WHERE key_id = ? AND pos = ?;

-- name: ListDeleteRange :exec
-- Pops, LTRIM, LREM, LMOVE: the rows between two positions.
DELETE FROM lists WHERE key_id = sqlc.arg(key_id) AND pos >= sqlc.arg(lo) AND pos <= sqlc.arg(hi);

-- name: ListDeleteMatches :execrows
-- LREM: every element equal to elem between two positions.
DELETE FROM lists
WHERE key_id = sqlc.arg(key_id) AND pos >= sqlc.arg(lo) AND pos <= sqlc.arg(hi) AND elem = sqlc.arg(elem);

-- name: ListShift :exec
-- Moves the rows between two positions by delta. Callers only move rows onto positions
-- that are free before the statement starts and apart from the rows moved, so the order
-- SQLite updates rows in never meets a taken primary key.
UPDATE lists SET pos = pos + sqlc.arg(delta)
WHERE key_id = sqlc.arg(key_id) AND pos >= sqlc.arg(lo) AND pos <= sqlc.arg(hi);

-- name: ListCopyRenumbered :exec
-- LREM's compaction: copies the rows between two positions, in order, to base + 1,
-- base + 2, ... (free positions past an end); the caller then deletes the originals and
-- shifts the copies into place.
INSERT INTO lists (key_id, pos, elem)
SELECT src.key_id, CAST(sqlc.arg(base) AS INTEGER) + row_number() OVER (ORDER BY src.pos), src.elem
FROM lists AS src
WHERE src.key_id = +sqlc.arg(key_id) AND src.pos >= sqlc.arg(lo) AND src.pos <= sqlc.arg(hi);

-- name: ListFind :many
-- LPOS, LINSERT's pivot and LREM, from the head: positions of elem between two
-- positions, skipping `offset` matches (LIMIT -1: no limit). O(N) like Redis.
SELECT pos FROM lists WHERE key_id = +? AND pos >= ? AND pos <= ? AND elem = +?
ORDER BY pos LIMIT +? OFFSET +?;

-- name: ListFindFromTail :many
-- ListFind from the tail (LPOS with a negative RANK, LREM with a negative count).
SELECT pos FROM lists WHERE key_id = +? AND pos >= ? AND pos <= ? AND elem = +?
ORDER BY pos DESC LIMIT +? OFFSET +?;
