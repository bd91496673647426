package goengine

import (
	"math"

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

// isNegZero: a score of -0, which Redis tells from 0 in a skiplist-encoded sorted set.
func isNegZero(score float64) bool { return score == 0 && math.Signbit(score) }

// zsetPutNegZero is zsetPut of -0 into a sorted set Redis would hold as a skiplist: the
// member is marked so that its score reads back as -0 (schema.sql, zset_negzero). A
// listpack keeps scores as text that reads back as 0, so there a plain zsetPut is right.
func (c *cmd) zsetPutNegZero(id int64, member []byte) error {
	if err := c.zsetPut(id, member, math.Copysign(0, -1)); err != nil {
		return err
	}
	return c.q.ZsetMarkNegZero(c.ctx, store.ZsetMarkNegZeroParams{KeyID: id, Member: nonNil(member)})
}

// isSkiplist says whether Redis 7.0 holds sorted set id as a skiplist once it has
// `elements` members and member is written: too many members, or one too long, as
// OBJECT ENCODING judges (server_object.go).
func (c *cmd) isSkiplist(id, elements int64, member []byte) (bool, error) {
	cfg := c.e.config
	maxValue := cfg.int("zset-max-listpack-value")
	if elements > cfg.int("zset-max-listpack-entries") || int64(len(member)) > maxValue {
		return true, nil
	}
	s, err := c.q.ZsetShape(c.ctx, id)
	return s.Longest > maxValue, err
}

// zsetDeleteBetween deletes every member from low to high (inclusive) in score order.
func (c *cmd) zsetDeleteBetween(id int64, low, high scored) (int64, error) {
	return c.q.ZsetDeleteBetween(c.ctx, store.ZsetDeleteBetweenParams{KeyID: id,
		Score: low.Score, Member: nonNil(low.Member), Score_2: high.Score, Member_2: nonNil(high.Member)})
}

// zstoreBuild is how Redis 7.0 builds a *STORE destination, which decides where a -0
// score survives: a skiplist keeps it, a listpack reads it back as 0.
//   - ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE (the zero value): a skiplist, turned into a
//     listpack when it is small enough (zsetConvertToListpackIfNeeded).
//   - ZRANGESTORE (added): each row added in order (zsetAdd) to a set created for
//     sizeHint rows (a rank range's length; 0 for BYSCORE/BYLEX): a listpack unless the
//     hint is too many, turned into a skiplist before the first row too many or too long.
type zstoreBuild struct {
	added    bool
	sizeHint int64
}

// storeZset is the *STORE commands' write: whatever dst holds (any type) is replaced by
// a sorted set of rows (unique members), or deleted when rows is empty. It returns the
// new size.
func (c *cmd) storeZset(dst []byte, rows []scored, build zstoreBuild) (int64, error) {
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
	// Where a -0 survives: only in what Redis holds as a skiplist by then.
	cfg := c.e.config
	maxEntries, maxValue := cfg.int("zset-max-listpack-entries"), cfg.int("zset-max-listpack-value")
	skiplist := build.added && build.sizeHint > maxEntries
	if !build.added {
		skiplist = int64(len(rows)) > maxEntries
		for _, r := range rows {
			skiplist = skiplist || int64(len(r.Member)) > maxValue
		}
	}
	for i, r := range rows {
		if build.added {
			skiplist = skiplist || int64(i+1) > maxEntries || int64(len(r.Member)) > maxValue
		}
		put := c.zsetPut(id, r.Member, r.Score)
		if skiplist && isNegZero(r.Score) {
			put = c.zsetPutNegZero(id, r.Member)
		}
		if put != nil {
			return 0, put
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
