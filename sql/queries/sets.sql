-- Queries for set keys (type 3): one row per member in sets, keyed (key_id, member).
-- The engines check the key's type with GetKey first and end every change with TouchKey
-- (version, and the element count's delta). Members come back in primary-key order
-- (member bytes, memcmp), so both engines reply SMEMBERS/SINTER/SUNION/SDIFF/SSCAN in the
-- same order.

-- name: CreateSetKey :one
-- SADD, SMOVE and the *STORE commands on a missing key.
INSERT INTO keys (id, db, key, type, value, expire_at, version)
VALUES ((SELECT coalesce(max(id), 0) + 1 FROM keys), ?, ?, 3, NULL, NULL, 1)
RETURNING id;

-- name: SetAdd :execrows
-- SADD, SMOVE, *STORE: 1 when the member is new.
INSERT INTO sets (key_id, member) VALUES (?, ?)
ON CONFLICT (key_id, member) DO NOTHING;

-- name: SetRemove :execrows
-- SREM, SPOP, SMOVE: 1 when the member was there.
DELETE FROM sets WHERE key_id = ? AND member = ?;

-- name: SetIsMember :one
-- SISMEMBER, SMISMEMBER, and the SINTER/SDIFF filters: one primary-key lookup, 0 or 1.
SELECT count(*) FROM sets WHERE key_id = ? AND member = ?;

-- name: SetHasMembers :one
-- After a removal: is anything left? (An emptied set is deleted.) O(log n).
SELECT EXISTS (SELECT 1 FROM sets WHERE key_id = ?);

-- name: SetCard :one
-- SCARD, and the draws of SPOP/SRANDMEMBER: kept in keys.elements, O(1).
SELECT elements FROM keys WHERE id = ?;

-- name: SetMembers :many
-- SMEMBERS, SUNION/SDIFF/SINTER inputs, and SPOP/SRANDMEMBER with a count.
SELECT member FROM sets WHERE key_id = ? ORDER BY member;

-- name: SetMemberAt :one
-- SPOP/SRANDMEMBER without a count: the member at a uniformly drawn offset (O(offset)).
SELECT member FROM sets WHERE key_id = ? ORDER BY member
LIMIT 1 OFFSET sqlc.arg(offset);

-- name: SetScan :many
-- SSCAN: up to `count` members from `from` on, in member order (LIMIT -1: no limit).
SELECT member FROM sets WHERE key_id = ? AND member >= sqlc.arg(from_member)
ORDER BY member LIMIT sqlc.arg(count);

-- name: SetScanRange :many
-- SSCAN when many members share the cursor's 8-byte prefix: all of [from, to).
SELECT member FROM sets
WHERE key_id = ? AND member >= sqlc.arg(from_member) AND member < sqlc.arg(to_member)
ORDER BY member;
