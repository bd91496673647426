-- Marks the file as sqlettuce's (SQLite's application_id header field; `file` and the
-- sqlite3 CLI show it): 0x534C5443, "SLTC". ownership.sql checks it at the next open.
PRAGMA application_id = 1397511235;
