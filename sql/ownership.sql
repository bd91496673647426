-- Is this file sqlettuce's to open? One row, 1 or 0, read before anything is changed
-- (no pragma, no schema): a --db pointing at someone else's SQLite database must be left
-- exactly as it was, not switched to WAL and given sqlettuce's tables.
--
-- Ours: a new, empty file (no schema object yet); a file stamped with sqlettuce's
-- application_id (stamp.sql, 0x534C5443, "SLTC"); or an unstamped file from a sqlettuce
-- before the stamp, recognized by its keys table.
SELECT (SELECT count(*) FROM sqlite_master) = 0
    OR (SELECT application_id FROM pragma_application_id()) = 1397511235
    OR ((SELECT application_id FROM pragma_application_id()) = 0
        AND (SELECT count(*) FROM pragma_table_info('keys')
             WHERE name IN ('db', 'key', 'id', 'type', 'value', 'expire_at', 'version')) = 7);
