-- Queries for string keys (type 1). A string's value lives in keys.value, so GET and SET
-- touch one row. The engines check the type with GetKey first: these never change a key
-- of another type (delete it first).

-- name: SetString :exec
-- SET and friends: insert, or overwrite a string in place (new value and TTL).
INSERT INTO keys (db, key, type, value, expire_at, version)
VALUES (?, ?, 1, ?, ?, 1)
ON CONFLICT (db, key) DO UPDATE
SET type = 1, value = excluded.value, expire_at = excluded.expire_at, version = version + 1;

-- name: UpdateStringValue :exec
-- APPEND, SETRANGE, INCR family, SET KEEPTTL: a new value, same TTL.
UPDATE keys SET value = ?, version = version + 1 WHERE id = ?;
