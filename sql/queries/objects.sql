-- Queries about one value's shape: OBJECT ENCODING picks Redis's encoding name from the
-- size thresholds (hash-max-listpack-*, set-max-intset-entries, zset-max-listpack-*), and
-- MEMORY USAGE estimates bytes from the lengths. Each reads one collection's rows once.

-- name: HashShape :one
-- The longest field or value, and the bytes of every field and value.
SELECT CAST(coalesce(max(max(length(field), length(value))), 0) AS INTEGER) AS longest,
       CAST(coalesce(sum(length(field) + length(value)), 0) AS INTEGER) AS bytes
FROM hashes WHERE key_id = ?;

-- name: SetShape :one
-- The bytes of every member, and how many members are not integers in Redis's sense
-- (string2ll: no sign but '-', no leading zero, no space, fits 64 bits): the text
-- survives a round trip through INTEGER unchanged.
SELECT CAST(coalesce(sum(length(member)), 0) AS INTEGER) AS bytes,
       CAST(coalesce(sum(length(member) > 20
            OR CAST(CAST(CAST(member AS TEXT) AS INTEGER) AS TEXT) IS NOT CAST(member AS TEXT)), 0)
            AS INTEGER) AS non_integers
FROM sets WHERE key_id = ?;

-- name: ZsetShape :one
-- The longest member, and the bytes of every member (a score takes 8 more each).
SELECT CAST(coalesce(max(length(member)), 0) AS INTEGER) AS longest,
       CAST(coalesce(sum(length(member)), 0) AS INTEGER) AS bytes
FROM zsets WHERE key_id = ?;

-- name: ListShape :one
-- The bytes of every element.
SELECT CAST(coalesce(sum(length(elem)), 0) AS INTEGER) AS bytes
FROM lists WHERE key_id = ?;
