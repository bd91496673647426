package goengine

import (
	"math"

	"sqlettuce/go/internal/resp"
)

// Every range command is Redis's zrangeGenericCommand with a fixed kind and direction:
// options first, then their conflicts, then the range, then the key. Ranks read through
// the score index, from the offset's bucket when the offset is large (zsetByRank); score
// ranges seek the index; lex ranges are zsets_lex.go.

type zrangeKind int

const (
	zrangeAuto zrangeKind = iota
	zrangeRank
	zrangeScore
	zrangeLex
)

type zrangeDirection int

const (
	directionAuto zrangeDirection = iota
	directionForward
	directionReverse
)

// ZRANGE returns members by rank, score or lex range, in either direction.
// ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
// https://redis.io/commands/zrange
func cmdZRange(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeAuto, directionAuto)
}

// ZRANGESTORE stores a ZRANGE result (members and scores) at a destination key.
// ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
// https://redis.io/commands/zrangestore
func cmdZRangeStore(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(2, c.argv[1], zrangeAuto, directionAuto)
}

// ZREVRANGE returns members by rank, highest score first.
// ZREVRANGE key start stop [WITHSCORES]
// https://redis.io/commands/zrevrange
func cmdZRevRange(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeRank, directionReverse)
}

// ZRANGEBYSCORE returns members with a score in a range, lowest first.
// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
// https://redis.io/commands/zrangebyscore
func cmdZRangeByScore(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeScore, directionForward)
}

// ZREVRANGEBYSCORE returns members with a score in a range, highest first.
// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
// https://redis.io/commands/zrevrangebyscore
func cmdZRevRangeByScore(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeScore, directionReverse)
}

// ZRANGEBYLEX returns members in a lex range.
// ZRANGEBYLEX key min max [LIMIT offset count]
// https://redis.io/commands/zrangebylex
func cmdZRangeByLex(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeLex, directionForward)
}

// ZREVRANGEBYLEX returns members in a lex range, in reverse order.
// ZREVRANGEBYLEX key max min [LIMIT offset count]
// https://redis.io/commands/zrevrangebylex
func cmdZRevRangeByLex(c *cmd) (resp.Value, error) {
	return c.zrangeGeneric(1, nil, zrangeLex, directionReverse)
}

// zrangeSpec is a parsed range: ranks, a score interval or a lex interval.
type zrangeSpec struct {
	kind        zrangeKind
	start, stop int64
	score       scoreRange
	lex         lexRange
}

// zrangeGeneric is zrangeGenericCommand; src is the index of the source key, min and
// max follow it. dst is nil except for ZRANGESTORE.
func (c *cmd) zrangeGeneric(src int, dst []byte, kind zrangeKind, direction zrangeDirection) (resp.Value, error) {
	withScores := false
	offset, limit := int64(0), int64(-1)
	for j := src + 3; j < len(c.argv); j++ {
		opt := cString(c.argv[j])
		left := len(c.argv) - j - 1
		switch {
		case dst == nil && equalFold(opt, "withscores"):
			withScores = true
		case equalFold(opt, "limit") && left >= 2:
			var err error
			if offset, err = parseInt(c.argv[j+1]); err != nil {
				return resp.Value{}, err
			}
			if limit, err = parseInt(c.argv[j+2]); err != nil {
				return resp.Value{}, err
			}
			j += 2
		case direction == directionAuto && equalFold(opt, "rev"):
			direction = directionReverse
		case kind == zrangeAuto && equalFold(opt, "bylex"):
			kind = zrangeLex
		case kind == zrangeAuto && equalFold(opt, "byscore"):
			kind = zrangeScore
		default:
			return resp.Value{}, errSyntax
		}
	}
	if kind == zrangeAuto {
		kind = zrangeRank
	}
	reverse := direction == directionReverse
	if limit != -1 && kind == zrangeRank {
		return resp.Value{}, errLimitNeedsBy
	}
	if withScores && kind == zrangeLex {
		return resp.Value{}, errWithscoresBylex
	}
	// BYSCORE/BYLEX REV take the range as max, min.
	min, max := c.argv[src+1], c.argv[src+2]
	if reverse && kind != zrangeRank {
		min, max = max, min
	}
	spec := zrangeSpec{kind: kind}
	var err error
	switch kind {
	case zrangeScore:
		spec.score, err = parseScoreRange(min, max)
	case zrangeLex:
		spec.lex, err = parseLexRange(min, max)
	default:
		if spec.start, err = parseInt(min); err == nil {
			spec.stop, err = parseInt(max)
		}
	}
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupKind(c.argv[src], typeZset)
	if err != nil {
		return resp.Value{}, err
	}
	var rows []scored
	if k.ok {
		if rows, err = c.zsetRead(k, spec, reverse, offset, limit); err != nil {
			return resp.Value{}, err
		}
	}
	if dst != nil {
		// A rank range's length is known before the rows are (zsetTypeCreate's hint).
		build := zstoreBuild{added: true}
		if kind == zrangeRank {
			build.sizeHint = int64(len(rows))
		}
		n, err := c.storeZset(dst, rows, build)
		return resp.Int(n), err
	}
	return scoredReply(rows, withScores), nil
}

// zsetRead reads the members of sorted set k in a range. LIMIT (offset, limit) applies
// to score and lex ranges: a negative offset gives nothing, a negative limit everything.
func (c *cmd) zsetRead(k key, spec zrangeSpec, reverse bool, offset, limit int64) ([]scored, error) {
	id, card := k.ID, k.Elements
	if spec.kind == zrangeRank {
		// Non-negative ranks need no count: the read stops at the end by itself, so
		// ZRANGE 0 99 costs what it returns, not the size of the set.
		if spec.start >= 0 && spec.stop >= 0 {
			if spec.start > spec.stop {
				return nil, nil
			}
			return c.zsetByRank(id, reverse, min(spec.stop-spec.start, math.MaxInt64-1)+1, spec.start)
		}
		start, stop, ok := rankSpan(card, spec.start, spec.stop)
		if !ok {
			return nil, nil
		}
		return c.zsetByRank(id, reverse, stop-start+1, start)
	}
	if offset < 0 {
		return nil, nil
	}
	if limit < 0 {
		limit = -1
	}
	if spec.kind == zrangeScore {
		if spec.score.empty() {
			return nil, nil
		}
		return c.zsetByScore(id, spec.score, reverse, limit, offset)
	}
	return c.lexRead(id, spec.lex, reverse, offset, limit)
}

// rankSpan is Redis's rank sanitizing: negative indexes count from the end, the start
// is clamped to 0 and the stop to the last rank; ok is false when nothing is left.
func rankSpan(n, start, stop int64) (int64, int64, bool) {
	if start < 0 {
		start += n
	}
	if stop < 0 {
		stop += n
	}
	if start < 0 {
		start = 0
	}
	if start > stop || start >= n {
		return 0, 0, false
	}
	if stop >= n {
		stop = n - 1
	}
	return start, stop, true
}
