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

// bucketOffset is the rank from which zsetByRank seeks through zset_buckets instead of
// letting OFFSET walk the score index: one bucket's worth (buckets hold 1024..2048
// members), below which the walk reads no more rows than the bucket path would.
const bucketOffset = 2048

// zsetByRank reads members in score order (or reversed): limit (-1: all) from rank
// offset. OFFSET walks every row it skips, so a read far from the end it starts at cost
// up to the whole set; from bucketOffset on, the offset's bucket (sql/schema.sql,
// zset_buckets) is found from the buckets' counts and the read starts at its bound,
// skipping fewer than 2048 rows.
func (c *cmd) zsetByRank(id int64, desc bool, limit, offset int64) ([]scored, error) {
	switch {
	case offset >= bucketOffset && desc:
		return c.zsetByRankDownFar(id, limit, offset)
	case offset >= bucketOffset:
		return c.zsetByRankFar(id, limit, offset)
	case desc:
		rows, err := c.q.ZsetRangeByRankDesc(c.ctx, store.ZsetRangeByRankDescParams{KeyID: id, Limit: limit, Offset: offset})
		return convertRows(rows, err, func(r store.ZsetRangeByRankDescRow) scored { return scored(r) })
	}
	rows, err := c.q.ZsetRangeByRank(c.ctx, store.ZsetRangeByRankParams{KeyID: id, Limit: limit, Offset: offset})
	return convertRows(rows, err, func(r store.ZsetRangeByRankRow) scored { return scored(r) })
}

// zsetByRankFar is zsetByRank ascending through the bucket holding rank offset: nothing
// when the offset is past the end.
func (c *cmd) zsetByRankFar(id, limit, offset int64) ([]scored, error) {
	b, err := c.q.ZsetBucketAt(c.ctx, store.ZsetBucketAtParams{KeyID: id, Rank: offset})
	if err != nil {
		return nil, noRows(err)
	}
	rows, err := c.q.ZsetRangeFrom(c.ctx, store.ZsetRangeFromParams{
		KeyID: id, Score: b.Score, Member: nonNil(b.Member), Offset: offset - b.Start, Limit: limit})
	return convertRows(rows, err, func(r store.ZsetRangeFromRow) scored { return scored(r) })
}

// zsetByRankDownFar is zsetByRank descending: offset counts from the top, so the first
// member to return has ascending rank card-1-offset. It is found the ascending way, and
// the read goes down from it.
func (c *cmd) zsetByRankDownFar(id, limit, offset int64) ([]scored, error) {
	card, err := c.q.ZsetCard(c.ctx, id)
	if err != nil || offset >= card {
		return nil, err
	}
	top, err := c.zsetByRank(id, false, 1, card-1-offset)
	if err != nil || len(top) == 0 {
		return nil, err
	}
	rows, err := c.q.ZsetRangeDownFrom(c.ctx, store.ZsetRangeDownFromParams{
		KeyID: id, Score: top[0].Score, Member: nonNil(top[0].Member), Limit: limit})
	return convertRows(rows, err, func(r store.ZsetRangeDownFromRow) scored { return scored(r) })
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
	// The members are unique, so every put added one.
	return int64(len(rows)), c.touch(id, int64(len(rows)))
}

// scoredReply lists members, or WITHSCORES [member, score] pairs (flat in RESP2, nested
// in RESP3).
func scoredReply(rows []scored, withScores bool) resp.Value {
	if !withScores {
		items := make([]resp.Value, len(rows))
		for i, r := range rows {
			items[i] = resp.Bulk(r.Member)
		}
		return resp.Array(items...)
	}
	return resp.Pairs(flatScored(rows)...)
}

// flatScored is member, score, member, score... with scores as doubles.
func flatScored(rows []scored) []resp.Value {
	items := make([]resp.Value, 0, 2*len(rows))
	for _, r := range rows {
		items = append(items, resp.Bulk(r.Member), resp.Double(r.Score))
	}
	return items
}
