-- Queries about the database itself.

-- name: SqliteVersion :one
-- INFO's sqlite_version, and the one-SQLite test: both engines must report the same.
SELECT CAST(sqlite_version() AS TEXT);
