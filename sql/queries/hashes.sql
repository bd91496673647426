-- Queries for hash keys (type 5): one row per field in hashes, keyed (key_id, field).
-- The engines check the key's type with GetKey first and end every change with TouchKey
-- (version, and the element count's delta). Fields come back in primary-key order
-- (field bytes, memcmp), so both engines reply HGETALL/HKEYS/HVALS/HSCAN in the same
-- order.

-- name: CreateHashKey :one
-- HSET/HSETNX/HINCRBY* on a missing key: the keys row comes first, fields hang off its id.
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 5, NULL, NULL, 1)
RETURNING id;

-- name: HashGet :one
-- HGET, HMGET, HINCRBY*: one primary-key lookup.
SELECT value FROM hashes WHERE key_id = ? AND field = ?;

-- name: HashStrlen :one
-- HSTRLEN and HEXISTS: the length without reading a large value (length() of a BLOB
-- only needs its header).
SELECT length(value) FROM hashes WHERE key_id = ? AND field = ?;

-- name: HashInsertField :execrows
-- HSET/HSETNX: 1 when the field is new, 0 when it exists (then HSET updates it).
INSERT INTO hashes (key_id, field, value) VALUES (?, ?, ?)
ON CONFLICT (key_id, field) DO NOTHING;

-- name: HashUpdateField :exec
UPDATE hashes SET value = ? WHERE key_id = ? AND field = ?;

-- name: HashDeleteField :execrows
-- HDEL: 1 when the field was there.
DELETE FROM hashes WHERE key_id = ? AND field = ?;

-- name: HashHasFields :one
-- After HDEL: is anything left? (An emptied hash is deleted.) O(log n), unlike a count.
SELECT EXISTS (SELECT 1 FROM hashes WHERE key_id = ?);

-- name: HashLen :one
-- HLEN, and HRANDFIELD's draw: kept in keys.elements, O(1).
SELECT elements FROM keys WHERE id = ?;

-- name: HashGetAll :many
-- HGETALL, HKEYS, HVALS, and HRANDFIELD with a count.
SELECT field, value FROM hashes WHERE key_id = ? ORDER BY field;

-- name: HashFieldAt :one
-- HRANDFIELD without a count: the field at a uniformly drawn offset (O(offset)).
SELECT field, value FROM hashes WHERE key_id = ? ORDER BY field
LIMIT 1 OFFSET sqlc.arg(offset);

-- name: HashScan :many
-- HSCAN: up to `count` fields from `from` on, in field order (LIMIT -1: no limit).
SELECT field, value FROM hashes WHERE key_id = ? AND field >= sqlc.arg(from_field)
ORDER BY field LIMIT sqlc.arg(count);

-- name: HashScanRange :many
-- HSCAN when many fields share the cursor's 8-byte prefix: all of [from, to).
SELECT field, value FROM hashes
WHERE key_id = ? AND field >= sqlc.arg(from_field) AND field < sqlc.arg(to_field)
ORDER BY field;
