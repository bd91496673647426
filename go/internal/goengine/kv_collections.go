package goengine

// The storage calls of the hash and set commands (sql/queries/hashes.sql, sets.sql),
// as parts of kv.

import (
	"context"
	"database/sql"
	"errors"

	"sqlettuce/go/internal/store"
)

// hashKV: sql/queries/hashes.sql.
type hashKV interface {
	CreateHashKey(ctx context.Context, arg store.CreateHashKeyParams) (int64, error)
	HashDeleteField(ctx context.Context, arg store.HashDeleteFieldParams) (int64, error)
	HashFieldAt(ctx context.Context, arg store.HashFieldAtParams) (store.HashFieldAtRow, error)
	HashGet(ctx context.Context, arg store.HashGetParams) ([]byte, error)
	HashGetAll(ctx context.Context, keyID int64) ([]store.HashGetAllRow, error)
	HashInsertField(ctx context.Context, arg store.HashInsertFieldParams) (int64, error)
	HashScan(ctx context.Context, arg store.HashScanParams) ([]store.HashScanRow, error)
	HashScanRange(ctx context.Context, arg store.HashScanRangeParams) ([]store.HashScanRangeRow, error)
	HashStrlen(ctx context.Context, arg store.HashStrlenParams) (sql.NullInt64, error)
	HashUpdateField(ctx context.Context, arg store.HashUpdateFieldParams) error
}

// setKV: sql/queries/sets.sql.
type setKV interface {
	CreateSetKey(ctx context.Context, arg store.CreateSetKeyParams) (int64, error)
	SetAdd(ctx context.Context, arg store.SetAddParams) (int64, error)
	SetIsMember(ctx context.Context, arg store.SetIsMemberParams) (int64, error)
	SetMemberAt(ctx context.Context, arg store.SetMemberAtParams) ([]byte, error)
	SetMembers(ctx context.Context, keyID int64) ([][]byte, error)
	SetRemove(ctx context.Context, arg store.SetRemoveParams) (int64, error)
	SetScan(ctx context.Context, arg store.SetScanParams) ([][]byte, error)
	SetScanRange(ctx context.Context, arg store.SetScanRangeParams) ([][]byte, error)
}

// noRows turns "no row" (a missing field or member) into no error.
func noRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
