-- Brings a file written before keys.elements and zset_buckets existed up to date. The
-- engines run this once, after schema.sql, when keys has no `elements` column; schema.sql
-- has by then created zset_buckets and its triggers, which see only later writes.

ALTER TABLE keys ADD COLUMN elements INTEGER NOT NULL DEFAULT 0;

UPDATE keys SET elements = CASE type
    WHEN 2 THEN (SELECT count(*) FROM lists WHERE key_id = keys.id)
    WHEN 3 THEN (SELECT count(*) FROM sets WHERE key_id = keys.id)
    WHEN 4 THEN (SELECT count(*) FROM zsets WHERE key_id = keys.id)
    WHEN 5 THEN (SELECT count(*) FROM hashes WHERE key_id = keys.id)
    ELSE 0 END;

-- Every 1024th member of a sorted set, in score order, bounds a bucket (the first bucket's
-- bound is (-inf, x'')), as the split trigger would have left them.
INSERT INTO zset_buckets (key_id, score, member, n)
SELECT key_id,
       CASE WHEN position = 0 THEN -9e999 ELSE score END,
       CASE WHEN position = 0 THEN x'' ELSE member END,
       min(1024, total - position)
FROM (SELECT key_id, score, member,
             row_number() OVER (PARTITION BY key_id ORDER BY score, member) - 1 AS position,
             count(*) OVER (PARTITION BY key_id) AS total
      FROM zsets)
WHERE position % 1024 = 0;
