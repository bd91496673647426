package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// Sorted-set commands keep one row per member in zsets, found by (key id, member)
// through the primary key and walked in (score, member) order through zsets_by_score,
// the order Redis replies in. These helpers give every range query one row type.

// scored is a member and its score.
type scored struct {
	Member []byte
	Score  float64
}

// zsetByRank reads members in score order (or reversed): limit (-1: all) from rank offset.
func (c *cmd) zsetByRank(id int64, desc bool, limit, offset int64) ([]scored, error) {
	if desc {
		rows, err := c.q.ZsetRangeByRankDesc(c.ctx, store.ZsetRangeByRankDescParams{KeyID: id, Limit: limit, Offset: offset})
		return convertRows(rows, err, func(r store.ZsetRangeByRankDescRow) scored { return scored(r) })
	}
	rows, err := c.q.ZsetRangeByRank(c.ctx, store.ZsetRangeByRankParams{KeyID: id, Limit: limit, Offset: offset})
	return convertRows(rows, err, func(r store.ZsetRangeByRankRow) scored { return scored(r) })
}

// zsetByScore reads members with min <= score <= max, in score order (or reversed).
func (c *cmd) zsetByScore(id int64, r scoreRange, desc bool, limit, offset int64) ([]scored, error) {
	if desc {
		rows, err := c.q.ZsetRangeByScoreDesc(c.ctx, store.ZsetRangeByScoreDescParams{
			KeyID: id, Score: r.min, Score_2: r.max, Limit: limit, Offset: offset})
		return convertRows(rows, err, func(r store.ZsetRangeByScoreDescRow) scored { return scored(r) })
	}
	rows, err := c.q.ZsetRangeByScore(c.ctx, store.ZsetRangeByScoreParams{
		KeyID: id, Score: r.min, Score_2: r.max, Limit: limit, Offset: offset})
	return convertRows(rows, err, func(r store.ZsetRangeByScoreRow) scored { return scored(r) })
}

// zsetByLex reads members in [lower, upper), in member order (or reversed).
func (c *cmd) zsetByLex(id int64, lower, upper []byte, desc bool, limit, offset int64) ([]scored, error) {
	if desc {
		rows, err := c.q.ZsetRangeByLexDesc(c.ctx, store.ZsetRangeByLexDescParams{
			KeyID: id, Member: nonNil(lower), Member_2: nonNil(upper), Limit: limit, Offset: offset})
		return convertRows(rows, err, func(r store.ZsetRangeByLexDescRow) scored { return scored(r) })
	}
	rows, err := c.q.ZsetRangeByLex(c.ctx, store.ZsetRangeByLexParams{
		KeyID: id, Member: nonNil(lower), Member_2: nonNil(upper), Limit: limit, Offset: offset})
	return convertRows(rows, err, func(r store.ZsetRangeByLexRow) scored { return scored(r) })
}

func convertRows[T any](rows []T, err error, f func(T) scored) ([]scored, error) {
	if err != nil {
		return nil, err
	}
	out := make([]scored, len(rows))
	for i, r := range rows {
		out[i] = f(r)
	}
	return out, nil
}

// zsetScore is a member's score; ok is false when it is missing.
func (c *cmd) zsetScore(id int64, member []byte) (score float64, ok bool, err error) {
	score, err = c.q.ZsetScore(c.ctx, store.ZsetScoreParams{KeyID: id, Member: nonNil(member)})
	if err != nil {
		return 0, false, noRows(err)
	}
	return score, true, nil
}

func (c *cmd) zsetPut(id int64, member []byte, score float64) error {
	return c.q.ZsetPut(c.ctx, store.ZsetPutParams{KeyID: id, Member: nonNil(member), Score: score})
}

// zsetDeleteBetween deletes every member from low to high (inclusive) in score order.
func (c *cmd) zsetDeleteBetween(id int64, low, high scored) (int64, error) {
	return c.q.ZsetDeleteBetween(c.ctx, store.ZsetDeleteBetweenParams{KeyID: id,
		Score: low.Score, Member: nonNil(low.Member), Score_2: high.Score, Member_2: nonNil(high.Member)})
}

// settleZset runs after members were removed from id: an emptied sorted set is deleted,
// any other gets its version bumped.
func (c *cmd) settleZset(id int64) error {
	left, err := c.q.ZsetHasMembers(c.ctx, id)
	if err != nil {
		return err
	}
	if left {
		return c.q.TouchKey(c.ctx, id)
	}
	return c.q.DeleteKeyByID(c.ctx, id)
}

// storeZset is the *STORE commands' write: whatever dst holds (any type) is replaced by
// a sorted set of rows (unique members), or deleted when rows is empty. It returns the
// new size.
func (c *cmd) storeZset(dst []byte, rows []scored) (int64, error) {
	old, err := c.lookupWrite(dst)
	if err != nil {
		return 0, err
	}
	if old.ok {
		if err := c.q.DeleteKeyByID(c.ctx, old.ID); err != nil {
			return 0, err
		}
	}
	if len(rows) == 0 {
		return 0, nil
	}
	id, err := c.q.CreateZsetKey(c.ctx, store.CreateZsetKeyParams{Db: c.s.db, Key: nonNil(dst)})
	if err != nil {
		return 0, err
	}
	for _, r := range rows {
		if err := c.zsetPut(id, r.Member, r.Score); err != nil {
			return 0, err
		}
	}
	return int64(len(rows)), nil
}

// scoredReply lists members (and their scores, flat, as RESP2 WITHSCORES replies).
func scoredReply(rows []scored, withScores bool) resp.Value {
	n := len(rows)
	if withScores {
		n *= 2
	}
	items := make([]resp.Value, 0, n)
	for _, r := range rows {
		items = append(items, resp.Bulk(r.Member))
		if withScores {
			items = append(items, resp.Bulk(formatScore(r.Score)))
		}
	}
	return resp.Array(items...)
}
