package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// ZREM removes members from a sorted set; an emptied sorted set is deleted.
// ZREM key member [member ...]
// https://redis.io/commands/zrem
func cmdZRem(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	var removed int64
	for _, member := range c.argv[2:] {
		n, err := c.q.ZsetRemove(c.ctx, store.ZsetRemoveParams{KeyID: k.ID, Member: nonNil(member)})
		if err != nil {
			return resp.Value{}, err
		}
		removed += n
	}
	if removed > 0 {
		if err := c.removed(k, removed); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(removed), nil
}

// ZREMRANGEBYRANK removes the members in a rank range; an emptied sorted set is deleted.
// As in zremrangeGenericCommand, the range is parsed before the key is looked at.
// ZREMRANGEBYRANK key start stop
// https://redis.io/commands/zremrangebyrank
func cmdZRemRangeByRank(c *cmd) (resp.Value, error) {
	start, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	stop, err := parseInt(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	n := k.Elements
	start, stop, ok := rankSpan(n, start, stop)
	if !ok {
		return resp.Int(0), nil
	}
	if start == 0 && stop == n-1 {
		return resp.Int(n), c.q.DeleteKeyByID(c.ctx, k.ID)
	}
	// The two ends by rank, then one range delete between them.
	low, err := c.zsetByRank(k.ID, false, 1, start)
	if err != nil {
		return resp.Value{}, err
	}
	high, err := c.zsetByRank(k.ID, false, 1, stop)
	if err != nil || len(low) == 0 || len(high) == 0 {
		return resp.Int(0), err
	}
	removed, err := c.zsetDeleteBetween(k.ID, low[0], high[0])
	if err == nil {
		err = c.removed(k, removed)
	}
	return resp.Int(removed), err
}

// ZREMRANGEBYSCORE removes the members whose score is in a range.
// ZREMRANGEBYSCORE key min max
// https://redis.io/commands/zremrangebyscore
func cmdZRemRangeByScore(c *cmd) (resp.Value, error) {
	r, err := parseScoreRange(c.argv[2], c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil || !k.ok || r.empty() {
		return resp.Int(0), err
	}
	removed, err := c.q.ZsetDeleteByScore(c.ctx, store.ZsetDeleteByScoreParams{KeyID: k.ID, Score: r.min, Score_2: r.max})
	if err == nil && removed > 0 {
		err = c.removed(k, removed)
	}
	return resp.Int(removed), err
}

// ZREMRANGEBYLEX removes the members in a lex range.
// ZREMRANGEBYLEX key min max
// https://redis.io/commands/zremrangebylex
func cmdZRemRangeByLex(c *cmd) (resp.Value, error) {
	r, err := parseLexRange(c.argv[2], c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	removed, err := c.lexDelete(k.ID, r)
	if err == nil && removed > 0 {
		err = c.removed(k, removed)
	}
	return resp.Int(removed), err
}
