-- Queries on the keys table that every type shares. Both engines use these by name:
-- sqlc generates the Go engine's methods, and rust/build.rs turns each into a constant.
-- Parameters are positional (?); sqlc.arg(name) only names a parameter for Go.
--
-- Expired rows stay until something deletes them, so every reader compares expire_at with
-- the command's clock (CAST(sqlc.arg(now) AS INTEGER), unix ms): a key whose expire_at <= now is absent.

-- name: GetKey :one
-- The row behind a name, expired or not: the caller decides (and deletes it if expired).
SELECT id, type, value, expire_at, version, elements FROM keys WHERE db = ? AND key = ?;

-- name: DeleteKeyByID :exec
-- Removes a key and, through ON DELETE CASCADE, its collection rows.
DELETE FROM keys WHERE id = ?;

-- name: SetExpireAt :exec
-- EXPIRE family and PERSIST (NULL).
UPDATE keys SET expire_at = ?, version = version + 1 WHERE id = ?;

-- name: RenameKey :exec
-- RENAME/RENAMENX (and MOVE later) keep the row, so collections follow for free.
UPDATE keys SET db = ?, key = ?, version = version + 1 WHERE id = ?;

-- name: TouchKey :exec
-- Every collection write ends here: it bumps the version (for WATCH) and adds the number
-- of fields, elements or members it added (negative: removed) to keys.elements, which
-- HLEN, LLEN, SCARD and ZCARD read.
UPDATE keys SET version = version + 1, elements = elements + sqlc.arg(delta) WHERE id = sqlc.arg(id);

-- name: CopyKey :one
-- COPY: a new row with the source's type, value, TTL and element count; collections are
-- copied after.
INSERT INTO keys (id, db, key, type, value, expire_at, version, elements)
SELECT (SELECT coalesce(max(id), 0) + 1 FROM keys), sqlc.arg(dst_db), sqlc.arg(dst_key), src.type, src.value, src.expire_at, 1, src.elements
FROM keys AS src WHERE src.id = sqlc.arg(src_id)
RETURNING id;

-- name: CopyHashRows :exec
INSERT INTO hashes (key_id, field, value) SELECT sqlc.arg(dst_id), src.field, src.value
FROM hashes AS src WHERE src.key_id = sqlc.arg(src_id);

-- name: CopyListRows :exec
INSERT INTO lists (key_id, pos, elem) SELECT sqlc.arg(dst_id), src.pos, src.elem
FROM lists AS src WHERE src.key_id = sqlc.arg(src_id);

-- name: CopySetRows :exec
INSERT INTO sets (key_id, member) SELECT sqlc.arg(dst_id), src.member
FROM sets AS src WHERE src.key_id = sqlc.arg(src_id);

-- name: CopyZsetRows :exec
INSERT INTO zsets (key_id, member, score) SELECT sqlc.arg(dst_id), src.member, src.score
FROM zsets AS src WHERE src.key_id = sqlc.arg(src_id);

-- name: CopyZsetNegZero :exec
-- COPY keeps a sorted set's -0 scores (schema.sql, zset_negzero).
INSERT INTO zset_negzero (key_id, member) SELECT sqlc.arg(dst_id), src.member
FROM zset_negzero AS src WHERE src.key_id = sqlc.arg(src_id);

-- name: CountLiveKeys :one
-- DBSIZE.
SELECT count(*) FROM keys WHERE db = ? AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER));

-- name: KeyspaceStats :many
-- INFO keyspace: keys and keys-with-TTL per database that has any.
SELECT db, count(*) AS keys, count(expire_at) AS expires
FROM keys WHERE expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER)
GROUP BY db ORDER BY db;

-- name: ListLiveKeys :many
-- KEYS: every live key of a database; the engine applies the glob (Redis's glob rules
-- differ from SQLite's GLOB).
SELECT key FROM keys WHERE db = ? AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER)) ORDER BY id;

-- name: ScanKeys :many
-- SCAN: the cursor is the last id returned, so a key present for the whole scan is
-- returned exactly once whatever happens to others. MATCH and TYPE filter afterwards,
-- like Redis (COUNT bounds the rows looked at, not the rows returned).
SELECT id, key, type FROM keys
WHERE db = ? AND id > sqlc.arg(cursor) AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER))
ORDER BY id LIMIT sqlc.arg(count);

-- name: MaxKeyID :one
-- RANDOMKEY draws an id in [1, MaxKeyID] and takes the first live key at or after it.
SELECT CAST(coalesce(max(id), 0) AS INTEGER) FROM keys;

-- name: KeyAtOrAfterID :one
SELECT key FROM keys
WHERE db = ? AND id >= sqlc.arg(id) AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER))
ORDER BY id LIMIT 1;

-- name: FirstLiveKey :one
SELECT key FROM keys WHERE db = ? AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER)) ORDER BY id LIMIT 1;

-- name: DeleteExpiredKeys :execrows
-- The active expiry sweep: a small batch at a time, through the same writer as commands.
DELETE FROM keys WHERE id IN (
    SELECT e.id FROM keys AS e WHERE e.expire_at <= CAST(sqlc.arg(now) AS INTEGER) ORDER BY e.expire_at LIMIT sqlc.arg(max_keys)
);

-- name: FlushDB :exec
DELETE FROM keys WHERE db = ?;

-- name: FlushAll :exec
DELETE FROM keys;

-- name: WatchStamp :one
-- WATCH and EXEC: what a key's row is, expired or not (id, version, expire_at).
SELECT id, version, expire_at FROM keys WHERE db = ? AND key = ?;

-- name: MoveDB :exec
-- SWAPDB runs it three times through a parking number (-1), since (db, key) must stay
-- unique after every row: a, then b, then the parked rows change sides. Rows keep their
-- ids, so collections follow.
UPDATE keys SET db = sqlc.arg(to_db), version = version + 1 WHERE db = sqlc.arg(from_db);
