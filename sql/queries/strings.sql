-- Queries for string keys (type 1). A string's value lives in keys.value, so GET and SET
-- touch one row. The engines check the type with GetKey first: these never change a key
-- of another type (delete it first).

-- name: SetString :exec
-- SET and friends: insert, or overwrite a string in place (new value and TTL).
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 1, ?, ?, 1)
ON CONFLICT (db, key) DO UPDATE
SET type = 1, value = excluded.value, expire_at = excluded.expire_at, version = version + 1;

-- name: UpdateStringValue :exec
-- APPEND, SETRANGE, INCR family, SET KEEPTTL: a new value, same TTL.
UPDATE keys SET value = ?, version = version + 1 WHERE id = ?;

-- name: SetStringIfString :execrows
-- SET in one statement: create the key, or overwrite a string (live or expired) in place
-- with the new value and TTL. Changes no row when the key holds another type; the
-- caller then takes the long way (GetKey, delete the collection, SetString).
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 1, ?, ?, 1)
ON CONFLICT (db, key) DO UPDATE
SET value = excluded.value, expire_at = excluded.expire_at, version = keys.version + 1
WHERE keys.type = 1;

-- name: UpdateStringValueByName :exec
-- INCR family, APPEND, SETRANGE, INCRBYFLOAT: a live string's new value, same TTL, found
-- by name (one primary-key descent; by id it would be the id index, then the key).
UPDATE keys SET value = ?, version = version + 1 WHERE db = ? AND key = ?;

-- name: IncrStringInPlace :execrows
-- The INCR family in one statement for a live string. sqlettuce_incr, a function both
-- engines register on their connections, reads the value as Redis's string2ll does and
-- adds the increment, failing the statement (nothing written) on a non-integer or an
-- overflow; the engine takes the new value from it, not from a RETURNING clause (which
-- costs a temporary table per call). Changes no row for a missing or expired key or
-- another type: the caller takes another way.
UPDATE keys
SET value = sqlettuce_incr(value, CAST(sqlc.arg(incr) AS INTEGER)), version = version + 1
WHERE db = sqlc.arg(db) AND key = sqlc.arg(key) AND type = 1
  AND (expire_at IS NULL OR expire_at > CAST(sqlc.arg(now) AS INTEGER));

-- name: PadStringValueByName :exec
-- BITFIELD whose every write failed (OVERFLOW FAIL) still zero-pads the string out to its
-- farthest write, but Redis 7.0 does not signal the key then: the new value keeps the TTL
-- and the version, so a WATCH sees no change, as in Redis.
UPDATE keys SET value = ? WHERE db = ? AND key = ?;
