-- The keys the group made ready (see ready_keys.sql), emptied for the next group. Run on
-- the writer at the end of each group, inside its transaction, before COMMIT.
DELETE FROM temp.ready_keys RETURNING db, key
