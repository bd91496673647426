// Package sqlfiles hands the schema to Go code: go:embed cannot reach files outside a
// package's directory, so this package sits beside schema.sql.
package sqlfiles

import _ "embed"

// Schema is sql/schema.sql: every statement is IF NOT EXISTS, so it runs at every open.
//
//go:embed schema.sql
var Schema string
