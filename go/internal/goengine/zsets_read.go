package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// ZSCORE returns a member's score, or nil.
// ZSCORE key member
// https://redis.io/commands/zscore
func cmdZScore(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	score, ok, err := c.zsetScore(k.ID, c.argv[2])
	if err != nil || !ok {
		return resp.Null(), err
	}
	return resp.Double(score), nil
}

// ZMSCORE returns the scores of several members (nil for each missing one).
// ZMSCORE key member [member ...]
// https://redis.io/commands/zmscore
func cmdZMScore(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, len(c.argv)-2)
	for _, member := range c.argv[2:] {
		item := resp.Null()
		if k.ok {
			score, ok, err := c.zsetScore(k.ID, member)
			if err != nil {
				return resp.Value{}, err
			}
			if ok {
				item = resp.Double(score)
			}
		}
		items = append(items, item)
	}
	return resp.Array(items...), nil
}

// ZCARD returns the number of members of a sorted set: keys.elements, already in the
// key's row.
// ZCARD key
// https://redis.io/commands/zcard
func cmdZCard(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	return resp.Int(k.Elements), nil
}

// ZCOUNT counts the members whose score is in a range.
// ZCOUNT key min max
// https://redis.io/commands/zcount
func cmdZCount(c *cmd) (resp.Value, error) {
	r, err := parseScoreRange(c.argv[2], c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok || r.empty() {
		return resp.Int(0), err
	}
	n, err := c.q.ZsetCountByScore(c.ctx, store.ZsetCountByScoreParams{KeyID: k.ID, Score: r.min, Score_2: r.max})
	return resp.Int(n), err
}

// ZLEXCOUNT counts the members in a lex range (meaningful when all scores are equal).
// ZLEXCOUNT key min max
// https://redis.io/commands/zlexcount
func cmdZLexCount(c *cmd) (resp.Value, error) {
	r, err := parseLexRange(c.argv[2], c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	n, err := c.lexCount(k.ID, r)
	return resp.Int(n), err
}

// ZRANK returns a member's rank (0-based) in ascending score order, or nil. The rank is
// the count of members before it, from the buckets of zset_buckets (sql/schema.sql):
// about N/1000 + 2048 rows read, where Redis's skiplist is O(log N).
// ZRANK key member
// https://redis.io/commands/zrank
func cmdZRank(c *cmd) (resp.Value, error) { return c.zrank(false) }

// ZREVRANK returns a member's rank in descending score order, or nil (the count of
// members after it).
// ZREVRANK key member
// https://redis.io/commands/zrevrank
func cmdZRevRank(c *cmd) (resp.Value, error) { return c.zrank(true) }

func (c *cmd) zrank(reverse bool) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	score, ok, err := c.zsetScore(k.ID, c.argv[2])
	if err != nil || !ok {
		return resp.Null(), err
	}
	var n int64
	if reverse {
		n, err = c.q.ZsetRevRank(c.ctx, store.ZsetRevRankParams{KeyID: k.ID, Score: score, Member: nonNil(c.argv[2])})
	} else {
		n, err = c.q.ZsetRank(c.ctx, store.ZsetRankParams{KeyID: k.ID, Score: score, Member: nonNil(c.argv[2])})
	}
	return resp.Int(n), err
}
