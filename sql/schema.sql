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
    elements  INTEGER NOT NULL DEFAULT 0, -- a collection's fields, elements or members (0: string)
    PRIMARY KEY (db, key)                 -- GET, SET, EXISTS, DEL...: every lookup by name
) STRICT, WITHOUT ROWID;

-- keys.elements is what HLEN, LLEN, SCARD and ZCARD answer in O(1), as Redis does. The
-- engines keep it: every collection write already bumps version (TouchKey) and adds its
-- element delta in the same statement, so it costs no extra SQLite work. (A trigger per
-- row cost 1.7 us per element written, about half of an HSET.)

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

-- zset_buckets: ranks without counting. A B-tree cannot say how many entries precede one
-- (Redis's skiplist can), so counting rows made ZRANK, and ZRANGE by rank far from the
-- ends, read up to the whole set: 25 ms at a million members. Each sorted set is cut, in
-- score order, into buckets of 1024..2048 members; a bucket is named by its lower bound
-- (score, member) and holds its count n. A rank is the sum of n over the buckets before
-- one (under N/1000 rows) plus a count inside that bucket (under 2048 index entries):
-- about 0.1 ms at a million members. The triggers below keep the buckets for every write,
-- from either engine or the sqlite3 CLI, so no command code maintains them; they cost
-- about 2.6 us per member written. The first bucket's bound is (-inf, x''), below every
-- member, and it lives as long as its key.
CREATE TABLE IF NOT EXISTS zset_buckets (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    score  REAL    NOT NULL, -- the bucket's lower bound (score, member), inclusive
    member BLOB    NOT NULL,
    n      INTEGER NOT NULL, -- members from this bound up to the next bucket's
    PRIMARY KEY (key_id, score, member)
) STRICT, WITHOUT ROWID;

-- A new sorted set starts with its first bucket.
CREATE TRIGGER IF NOT EXISTS zset_first_bucket AFTER INSERT ON keys WHEN NEW.type = 4
BEGIN
    INSERT INTO zset_buckets (key_id, score, member, n) VALUES (NEW.id, -9e999, x'', 0);
END;

-- A member joins the bucket with the greatest bound at or below it.
CREATE TRIGGER IF NOT EXISTS zsets_bucket_add AFTER INSERT ON zsets
BEGIN
    UPDATE zset_buckets SET n = n + 1
    WHERE key_id = NEW.key_id AND (score, member) = (
        SELECT b.score, b.member FROM zset_buckets AS b
        WHERE b.key_id = NEW.key_id AND (b.score, b.member) <= (NEW.score, NEW.member)
        ORDER BY b.score DESC, b.member DESC LIMIT 1);
END;

-- A member leaves its bucket.
CREATE TRIGGER IF NOT EXISTS zsets_bucket_remove AFTER DELETE ON zsets
BEGIN
    UPDATE zset_buckets SET n = n - 1
    WHERE key_id = OLD.key_id AND (score, member) = (
        SELECT b.score, b.member FROM zset_buckets AS b
        WHERE b.key_id = OLD.key_id AND (b.score, b.member) <= (OLD.score, OLD.member)
        ORDER BY b.score DESC, b.member DESC LIMIT 1);
END;

-- A new score (ZADD on a member, ZINCRBY) may move a member to another bucket.
CREATE TRIGGER IF NOT EXISTS zsets_bucket_move AFTER UPDATE OF score ON zsets
WHEN OLD.score IS NOT NEW.score
BEGIN
    UPDATE zset_buckets SET n = n - 1
    WHERE key_id = OLD.key_id AND (score, member) = (
        SELECT b.score, b.member FROM zset_buckets AS b
        WHERE b.key_id = OLD.key_id AND (b.score, b.member) <= (OLD.score, OLD.member)
        ORDER BY b.score DESC, b.member DESC LIMIT 1);
    UPDATE zset_buckets SET n = n + 1
    WHERE key_id = NEW.key_id AND (score, member) = (
        SELECT b.score, b.member FROM zset_buckets AS b
        WHERE b.key_id = NEW.key_id AND (b.score, b.member) <= (NEW.score, NEW.member)
        ORDER BY b.score DESC, b.member DESC LIMIT 1);
END;

-- A bucket past 2048 members splits: its 1025th member becomes the bound of a new bucket
-- that takes the rest. (Triggers do not re-fire themselves: recursive_triggers is off.)
CREATE TRIGGER IF NOT EXISTS zset_bucket_split AFTER UPDATE OF n ON zset_buckets
WHEN NEW.n > 2048
BEGIN
    INSERT INTO zset_buckets (key_id, score, member, n)
    SELECT z.key_id, z.score, z.member, NEW.n - 1024 FROM zsets AS z
    WHERE z.key_id = NEW.key_id AND (z.score, z.member) >= (NEW.score, NEW.member)
    ORDER BY z.score, z.member LIMIT 1 OFFSET 1024;
    UPDATE zset_buckets SET n = 1024
    WHERE key_id = NEW.key_id AND score = NEW.score AND member = NEW.member;
END;

-- An emptied bucket goes (all but the first): the bucket before it takes its range.
CREATE TRIGGER IF NOT EXISTS zset_bucket_drop AFTER UPDATE OF n ON zset_buckets
WHEN NEW.n = 0 AND NEW.score > -9e999
BEGIN
    DELETE FROM zset_buckets
    WHERE key_id = NEW.key_id AND score = NEW.score AND member = NEW.member;
END;

-- zset_negzero: the members whose score is -0. SQLite stores -0.0 as 0 (an integral REAL
-- is written as an integer), but Redis 7.0 keeps -0 in a skiplist-encoded sorted set and
-- replies "-0" for it (a listpack-encoded one turns it into 0: the engines mark a member
-- only where Redis would hold the set as a skiplist). The zsets queries read a marked
-- member's score as -0.0. A mark exists only while the member's score is 0: a removed
-- member or a non-zero score drops it, and so does the key's deletion.
CREATE TABLE IF NOT EXISTS zset_negzero (
    key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
    member BLOB    NOT NULL,
    PRIMARY KEY (key_id, member)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS zset_negzero_remove AFTER DELETE ON zsets
WHEN OLD.score = 0
BEGIN
    DELETE FROM zset_negzero WHERE key_id = OLD.key_id AND member = OLD.member;
END;

CREATE TRIGGER IF NOT EXISTS zset_negzero_rescore AFTER UPDATE OF score ON zsets
WHEN OLD.score = 0 AND NEW.score <> 0
BEGIN
    DELETE FROM zset_negzero WHERE key_id = OLD.key_id AND member = OLD.member;
END;

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
