-- Blocking commands (BLPOP, BZPOPMIN...): which keys a write group made ready.
-- Applied by both engines to the WRITER connection only, at open. TEMP objects live in
-- that connection's private temp schema: nothing reaches the file, readers and the
-- sqlite3 CLI never see them, and no command's SQL needs to know about them.
--
-- A client blocks only on keys that hold no list (or sorted set) at all, so a key
-- becomes ready exactly when a list or sorted set appears under its name: created
-- (LPUSH, ZADD, COPY...), or moved there (RENAME, MOVE, SWAPDB), or a row changing type.
-- After each group, the engine takes the rows (ready_keys_take.sql) and Go's blocking
-- registry wakes the first client waiting on each. A key listed without a waiter, or a
-- wake that finds the key empty again, costs one retry and nothing else.
CREATE TEMP TABLE IF NOT EXISTS ready_keys (
    db  INTEGER NOT NULL,
    key BLOB    NOT NULL
);

-- 2 list, 4 zset (the type codes of sql/schema.sql).
CREATE TEMP TRIGGER IF NOT EXISTS ready_on_insert AFTER INSERT ON main.keys
WHEN NEW.type IN (2, 4)
BEGIN
    INSERT INTO ready_keys (db, key) VALUES (NEW.db, NEW.key);
END;

CREATE TEMP TRIGGER IF NOT EXISTS ready_on_update AFTER UPDATE OF db, key, type ON main.keys
WHEN NEW.type IN (2, 4)
BEGIN
    INSERT INTO ready_keys (db, key) VALUES (NEW.db, NEW.key);
END;
