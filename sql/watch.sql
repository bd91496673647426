-- WATCH's view of keys that go away, on the writer connection only. Both engines run this
-- file on their writer after the schema. TEMP triggers live in that connection's temp
-- schema, never in the file: the sqlite3 CLI reads (and could even write) the file without
-- knowing sqlettuce_key_gone, the function they call, which each engine registers on its
-- writer (rust/src/watch.rs, go/internal/goengine/watch.go).
--
-- Why: WATCH records a key's row (id, version) or its absence, and EXEC compares. An
-- in-place write bumps keys.version, and a row that appears where none was is seen at
-- EXEC. What a comparison cannot see is a row that went away and came back (ids are
-- max(id) + 1, so a deleted row's id can be reused with a fresh version) or a row that
-- appeared and went away again. So every row that leaves its name (DELETE: DEL, expiry,
-- FLUSHDB/FLUSHALL, *STORE and SET replacing a collection; UPDATE of db/key: RENAME,
-- MOVE, SWAPDB) tells the engine, which marks the sessions watching that name.
CREATE TEMP TRIGGER IF NOT EXISTS watch_key_deleted AFTER DELETE ON main.keys
BEGIN
    SELECT sqlettuce_key_gone(OLD.db, OLD.key, OLD.id, OLD.version);
END;

CREATE TEMP TRIGGER IF NOT EXISTS watch_key_renamed AFTER UPDATE OF db, key ON main.keys
BEGIN
    SELECT sqlettuce_key_gone(OLD.db, OLD.key, OLD.id, OLD.version);
END;
