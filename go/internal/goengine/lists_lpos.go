package goengine

import (
	"math"

	"sqlettuce/go/internal/resp"
)

// LPOS returns the index of matching elements. The options are parsed before the key,
// like lposCommand. A scan from the head (or the tail for a negative RANK) skips
// rank - 1 matches and returns up to COUNT more (0: all), looking at no more than MAXLEN
// elements (0: all). RANK -9223372036854775808 behaves as in Redis, whose negation
// overflows: the first match from the tail, every match with COUNT.
// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
// https://redis.io/commands/lpos
func cmdLPos(c *cmd) (resp.Value, error) {
	rank, count, maxlen := int64(1), int64(-1), int64(0)
	for j := 3; j < len(c.argv); j += 2 {
		if j+1 >= len(c.argv) {
			return resp.Value{}, errSyntax
		}
		opt, value := cString(c.argv[j]), c.argv[j+1]
		switch {
		case equalFold(opt, "rank"):
			n, err := parseInt(value)
			if err != nil {
				return resp.Value{}, err
			}
			if n == 0 {
				return resp.Value{}, errRankZero
			}
			rank = n
		case equalFold(opt, "count"):
			n, ok := resp.ParseInt(value)
			if !ok || n < 0 {
				return resp.Value{}, errCountNegative
			}
			count = n
		case equalFold(opt, "maxlen"):
			n, ok := resp.ParseInt(value)
			if !ok || n < 0 {
				return resp.Value{}, errMaxlenNegative
			}
			maxlen = n
		default:
			return resp.Value{}, errSyntax
		}
	}
	k, err := c.lookupKind(c.argv[1], typeList)
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		if count != -1 {
			return resp.Array(), nil
		}
		return resp.Null(), nil
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	fromTail := rank < 0
	// The positions looked at: MAXLEN elements from the starting end.
	lo, hi := e.head, e.tail
	if maxlen > 0 {
		if fromTail {
			if maxlen-1 < e.tail-e.head {
				lo = e.tail - (maxlen - 1)
			}
		} else if maxlen-1 < e.tail-e.head {
			hi = e.head + (maxlen - 1)
		}
	}
	var offset, limit int64
	switch {
	case rank == math.MinInt64:
		offset, limit = 0, 1
		if count != -1 {
			limit = -1
		}
	default:
		if rank < 0 {
			rank = -rank
		}
		offset, limit = rank-1, count
		switch count {
		case -1:
			limit = 1
		case 0:
			limit = -1
		}
	}
	found, err := c.listFind(k.ID, lo, hi, c.argv[2], fromTail, limit, offset)
	if err != nil {
		return resp.Value{}, err
	}
	if count != -1 {
		items := make([]resp.Value, len(found))
		for i, p := range found {
			items[i] = resp.Int(p - e.head)
		}
		return resp.Array(items...), nil
	}
	if len(found) == 0 {
		return resp.Null(), nil
	}
	return resp.Int(found[0] - e.head), nil
}
