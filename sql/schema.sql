-- The sqlettuce schema: one SQLite file holds all 16 Redis databases.
-- Both engines apply this file at startup (every statement is IF NOT EXISTS), and sqlc
-- reads it to type the Go engine's queries. Read the v_* views at the bottom when you
-- inspect a live file with the sqlite3 CLI.
--
-- Type codes in keys.type: 1 string, 2 list, 3 set, 4 zset, 5 hash.
-- Times are unix milliseconds, like PEXPIREAT.

-- keys: one row per live (or not yet swept) Redis key, whatever its type.
-- Every command starts here: GET/SET touch only this row, collections hang off its id.
-- WITHOUT ROWID, keyed by name: GET, SET and INCR find the whole row in ONE B-tree
-- descent. (With a rowid table and a (db, key) index, every lookup by name walked two
-- B-trees, the index then the table: about 40% of a GET's SQLite time.) The id stays a
-- stable number for the collection tables and SCAN's cursor, through its own index;
-- every INSERT gives it max(id) + 1, as a rowid table would.
CREATE TABLE IF NOT EXISTS keys (
    db        INTEGER NOT NULL,           -- SELECT index, 0..15
    key       BLOB    NOT NULL,           -- the Redis key: any bytes
    id        INTEGER NOT NULL UNIQUE,    -- stable; SCAN's cursor walks it, collections use it
    type      INTEGER NOT NULL,           -- 1 string, 2 list, 3 set, 4 zset, 5 hash
    value     BLOB,                       -- a string's value; NULL for collections
    expire_at INTEGER,                    -- unix ms; NULL means no TTL
    version   INTEGER NOT NULL DEFAULT 0, -- bumped by every write (for WATCH)
    PRIMARY KEY (db, key)                 -- GET, SET, EXISTS, DEL...: every lookup by name
) STRICT, WITHOUT ROWID;

-- The active expiry sweep and INFO's expires= count read only keys that have a TTL.
CREATE INDEX IF NOT EXISTS keys_by_expiry ON keys (expire_at) WHERE expire_at IS NOT NULL;

-- hashes: HSET/HGET/HGETALL... One row per field.
CREATE TABLE IF NOT EXISTS hashes (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    field  BLOB    NOT NULL,
    value  BLOB    NOT NULL,
    PRIMARY KEY (key_id, field)
) STRICT, WITHOUT ROWID;

-- lists: LPUSH/RPUSH/LRANGE... pos orders the elements; LPUSH takes min(pos)-1 and RPUSH
-- max(pos)+1, both O(log n) through the primary key.
CREATE TABLE IF NOT EXISTS lists (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    pos    INTEGER NOT NULL,
    elem   BLOB    NOT NULL,
    PRIMARY KEY (key_id, pos)
) STRICT, WITHOUT ROWID;

-- sets: SADD/SISMEMBER/SMEMBERS...
CREATE TABLE IF NOT EXISTS sets (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    member BLOB    NOT NULL,
    PRIMARY KEY (key_id, member)
) STRICT, WITHOUT ROWID;

-- zsets: ZADD/ZSCORE by member through the primary key...
CREATE TABLE IF NOT EXISTS zsets (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    member BLOB    NOT NULL,
    score  REAL    NOT NULL,
    PRIMARY KEY (key_id, member)
) STRICT, WITHOUT ROWID;

-- ...and ZRANGE/ZRANGEBYSCORE/ZRANK in score order (ties by member bytes, as Redis).
CREATE INDEX IF NOT EXISTS zsets_by_score ON zsets (key_id, score, member);

-- Views for people reading the file with the sqlite3 CLI. They hide expired keys, show
-- bytes as text unless they hold control characters (then as x'..' hex), and times as
-- ISO-8601 UTC. They use only functions old SQLite CLIs have (no unixepoch('subsec')), and
-- apply GLOB to text, not blobs: Debian's CLI is built with LIKE_DOESNT_MATCH_BLOBS.
-- Views hold no data, so they are dropped and recreated at every start: a file written by
-- an older sqlettuce gets the current definitions.
DROP VIEW IF EXISTS v_strings;
DROP VIEW IF EXISTS v_hashes;
DROP VIEW IF EXISTS v_lists;
DROP VIEW IF EXISTS v_sets;
DROP VIEW IF EXISTS v_zsets;
DROP VIEW IF EXISTS v_keys;

-- v_keys: every live key with its type and expiry; key_id is keys.id, which the
-- collection tables (hashes, lists, sets, zsets) reference.
CREATE VIEW v_keys AS
SELECT
    db,
    CASE WHEN CAST(key AS TEXT) GLOB '*[' || char(1) || '-' || char(31) || char(127) || ']*'
              OR instr(key, x'00') > 0
         THEN 'x''' || hex(key) || '''' ELSE CAST(key AS TEXT) END AS "key",
    CASE type WHEN 1 THEN 'string' WHEN 2 THEN 'list' WHEN 3 THEN 'set'
              WHEN 4 THEN 'zset' WHEN 5 THEN 'hash' END AS type,
    CASE WHEN expire_at IS NULL THEN NULL
         ELSE strftime('%Y-%m-%dT%H:%M:%fZ', expire_at / 1000.0, 'unixepoch') END AS expires_at,
    id AS key_id
FROM keys
WHERE expire_at IS NULL OR expire_at > CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);

-- v_strings: string keys and their values.
CREATE VIEW v_strings AS
SELECT k.db, k.key, k.expires_at,
    CASE WHEN CAST(s.value AS TEXT) GLOB '*[' || char(1) || '-' || char(31) || char(127) || ']*'
              OR instr(s.value, x'00') > 0
         THEN 'x''' || hex(s.value) || '''' ELSE CAST(s.value AS TEXT) END AS value
FROM v_keys AS k JOIN keys AS s ON s.id = k.key_id
WHERE k.type = 'string';

-- v_hashes: one row per hash field.
CREATE VIEW v_hashes AS
SELECT k.db, k.key, CAST(h.field AS TEXT) AS field, CAST(h.value AS TEXT) AS value
FROM v_keys AS k JOIN hashes AS h ON h.key_id = k.key_id;

-- v_lists: one row per list element, in list order (idx 0 is the head).
CREATE VIEW v_lists AS
SELECT k.db, k.key,
    row_number() OVER (PARTITION BY l.key_id ORDER BY l.pos) - 1 AS idx,
    CAST(l.elem AS TEXT) AS elem
FROM v_keys AS k JOIN lists AS l ON l.key_id = k.key_id;

-- v_sets: one row per set member.
CREATE VIEW v_sets AS
SELECT k.db, k.key, CAST(s.member AS TEXT) AS member
FROM v_keys AS k JOIN sets AS s ON s.key_id = k.key_id;

-- v_zsets: one row per sorted-set member, in score order.
CREATE VIEW v_zsets AS
SELECT k.db, k.key, CAST(z.member AS TEXT) AS member, z.score
FROM v_keys AS k JOIN zsets AS z ON z.key_id = k.key_id;
