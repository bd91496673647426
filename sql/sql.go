// Package sqlfiles hands the schema to Go code: go:embed cannot reach files outside a
// package's directory, so this package sits beside schema.sql.
package sqlfiles

import _ "embed"

// Ownership is sql/ownership.sql: one row, 1 when the file is sqlettuce's to open (new,
// stamped, or from an older sqlettuce), read before anything changes it.
//
//go:embed ownership.sql
var Ownership string

// Stamp is sql/stamp.sql: marks the file as sqlettuce's (application_id), after the schema.
//
//go:embed stamp.sql
var Stamp string

// Schema is sql/schema.sql: every statement is IF NOT EXISTS, so it runs at every open.
//
//go:embed schema.sql
var Schema string

// MigrateKeysElements is sql/migrations/0001_keys_elements.sql: the engines run it after
// the schema when keys has no elements column (a file from before it existed).
//
//go:embed migrations/0001_keys_elements.sql
var MigrateKeysElements string

// ReadyKeys is sql/ready_keys.sql: the writer's temp table and triggers that record which
// keys a group made ready for blocked clients (BLPOP...).
//
//go:embed ready_keys.sql
var ReadyKeys string

// ReadyKeysTake is sql/ready_keys_take.sql: rows of (db, key), emptying the table.
//
//go:embed ready_keys_take.sql
var ReadyKeysTake string

// HasKeysElements is the test for that: one row, 1 when keys has the column.
const HasKeysElements = "SELECT count(*) FROM pragma_table_info('keys') WHERE name = 'elements'"

// Watch is sql/watch.sql: the TEMP triggers WATCH needs, run on the writer connection.
//
//go:embed watch.sql
var Watch string
