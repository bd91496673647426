package goengine

// The storage calls of the list and sorted-set commands (sql/queries/lists.sql,
// zsets.sql), as parts of kv.

import (
	"context"

	"sqlettuce/go/internal/store"
)

// listKV: sql/queries/lists.sql.
type listKV interface {
	CreateListKey(ctx context.Context, arg store.CreateListKeyParams) (int64, error)
	ListCopyRenumbered(ctx context.Context, arg store.ListCopyRenumberedParams) error
	ListDeleteMatches(ctx context.Context, arg store.ListDeleteMatchesParams) (int64, error)
	ListDeleteRange(ctx context.Context, arg store.ListDeleteRangeParams) error
	ListEnds(ctx context.Context, keyID int64) (store.ListEndsRow, error)
	ListFind(ctx context.Context, arg store.ListFindParams) ([]int64, error)
	ListFindFromTail(ctx context.Context, arg store.ListFindFromTailParams) ([]int64, error)
	ListGet(ctx context.Context, arg store.ListGetParams) ([]byte, error)
	ListInsert(ctx context.Context, arg store.ListInsertParams) error
	ListRange(ctx context.Context, arg store.ListRangeParams) ([][]byte, error)
	ListSet(ctx context.Context, arg store.ListSetParams) error
	ListShift(ctx context.Context, arg store.ListShiftParams) error
}

// zsetKV: sql/queries/zsets.sql.
type zsetKV interface {
	CreateZsetKey(ctx context.Context, arg store.CreateZsetKeyParams) (int64, error)
	ZsetBucketAt(ctx context.Context, arg store.ZsetBucketAtParams) (store.ZsetBucketAtRow, error)
	ZsetCard(ctx context.Context, keyID int64) (int64, error)
	ZsetCountByLex(ctx context.Context, arg store.ZsetCountByLexParams) (int64, error)
	ZsetCountByScore(ctx context.Context, arg store.ZsetCountByScoreParams) (int64, error)
	ZsetDeleteBetween(ctx context.Context, arg store.ZsetDeleteBetweenParams) (int64, error)
	ZsetDeleteByLex(ctx context.Context, arg store.ZsetDeleteByLexParams) (int64, error)
	ZsetDeleteByScore(ctx context.Context, arg store.ZsetDeleteByScoreParams) (int64, error)
	ZsetMaxMember(ctx context.Context, keyID int64) ([]byte, error)
	ZsetPut(ctx context.Context, arg store.ZsetPutParams) error
	ZsetMarkNegZero(ctx context.Context, arg store.ZsetMarkNegZeroParams) error
	ZsetRangeByLex(ctx context.Context, arg store.ZsetRangeByLexParams) ([]store.ZsetRangeByLexRow, error)
	ZsetRangeByLexDesc(ctx context.Context, arg store.ZsetRangeByLexDescParams) ([]store.ZsetRangeByLexDescRow, error)
	ZsetRangeByRank(ctx context.Context, arg store.ZsetRangeByRankParams) ([]store.ZsetRangeByRankRow, error)
	ZsetRangeByRankDesc(ctx context.Context, arg store.ZsetRangeByRankDescParams) ([]store.ZsetRangeByRankDescRow, error)
	ZsetRangeDownFrom(ctx context.Context, arg store.ZsetRangeDownFromParams) ([]store.ZsetRangeDownFromRow, error)
	ZsetRangeFrom(ctx context.Context, arg store.ZsetRangeFromParams) ([]store.ZsetRangeFromRow, error)
	ZsetRangeByScore(ctx context.Context, arg store.ZsetRangeByScoreParams) ([]store.ZsetRangeByScoreRow, error)
	ZsetRangeByScoreDesc(ctx context.Context, arg store.ZsetRangeByScoreDescParams) ([]store.ZsetRangeByScoreDescRow, error)
	ZsetRank(ctx context.Context, arg store.ZsetRankParams) (int64, error)
	ZsetRemove(ctx context.Context, arg store.ZsetRemoveParams) (int64, error)
	ZsetRevRank(ctx context.Context, arg store.ZsetRevRankParams) (int64, error)
	ZsetScan(ctx context.Context, arg store.ZsetScanParams) ([]store.ZsetScanRow, error)
	ZsetScanRange(ctx context.Context, arg store.ZsetScanRangeParams) ([]store.ZsetScanRangeRow, error)
	ZsetScore(ctx context.Context, arg store.ZsetScoreParams) (float64, error)
}
