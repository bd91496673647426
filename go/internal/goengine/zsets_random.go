package goengine

import (
	"math"
	"math/rand/v2"

	"sqlettuce/go/internal/resp"
)

// ZRANDMEMBER returns random members of a sorted set (with their scores on request).
// Without a count: one member drawn uniformly by rank (zsetByRank finds it). With a
// count the sorted set is read once and sampled (sample.go): negative counts repeat; a
// count of at least the size returns the whole set highest score first, as Redis does.
// ZRANDMEMBER key [count [WITHSCORES]]
// https://redis.io/commands/zrandmember
func cmdZRandMember(c *cmd) (resp.Value, error) {
	if len(c.argv) == 2 {
		k, err := c.lookupKind(c.argv[1], typeZset)
		if err != nil || !k.ok {
			return resp.Null(), err
		}
		if k.Elements <= 0 {
			return resp.Null(), nil
		}
		rows, err := c.zsetByRank(k.ID, false, 1, rand.Int64N(k.Elements))
		if err != nil || len(rows) == 0 {
			return resp.Null(), err
		}
		return resp.Bulk(rows[0].Member), nil
	}
	// getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX), then the syntax, then the
	// WITHSCORES bound, all before the key.
	count, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if count == math.MinInt64 {
		return resp.Value{}, errLongRange
	}
	withScores := false
	switch {
	case len(c.argv) == 3:
	case len(c.argv) == 4 && equalFold(cString(c.argv[3]), "withscores"):
		withScores = true
	default:
		return resp.Value{}, errSyntax
	}
	if withScores && (count < -math.MaxInt64/2 || count > math.MaxInt64/2) {
		return resp.Value{}, errValueRange
	}
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok || count == 0 {
		return resp.Array(), err
	}
	if err := checkRepeats(count); err != nil {
		return resp.Value{}, err
	}
	// A count of at least the size is the whole set, highest score first, as Redis 7.0
	// replies it (deterministically); anything else is sampled from the set in order.
	rows, err := c.zsetByRank(k.ID, count > 0, -1, 0)
	if err != nil || len(rows) == 0 {
		return resp.Array(), err
	}
	if count >= int64(len(rows)) {
		return scoredReply(rows, withScores), nil
	}
	picks := sample(len(rows), count)
	out := make([]scored, len(picks))
	for i, p := range picks {
		out[i] = rows[p]
	}
	return scoredReply(out, withScores), nil
}
