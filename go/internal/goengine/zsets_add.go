package goengine

import (
	"math"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// ZADD's flags, read before the first score in any order and repeated at will.
const (
	zaddNX optBits = 1 << iota
	zaddXX
	zaddGT
	zaddLT
	zaddCH
	zaddIncr
)

var zaddFlags = []option{{"NX", zaddNX, 0, false}, {"XX", zaddXX, 0, false},
	{"GT", zaddGT, 0, false}, {"LT", zaddLT, 0, false}, {"CH", zaddCH, 0, false},
	{"INCR", zaddIncr, 0, false}}

// ZADD adds members with scores to a sorted set, or updates their scores.
// ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
// https://redis.io/commands/zadd
func cmdZAdd(c *cmd) (resp.Value, error) { return c.zadd(0) }

// ZINCRBY adds an increment to a member's score (creating it) and replies the new score.
// It is ZADD INCR with one pair, as in Redis's t_zset.c (so its increment may even be
// read as a flag: ZINCRBY z nx a is a syntax error there too).
// ZINCRBY key increment member
// https://redis.io/commands/zincrby
func cmdZIncrBy(c *cmd) (resp.Value, error) { return c.zadd(zaddIncr) }

// zadd is zaddGenericCommand: flags, then the pair count and the flag rules, then every
// score, all before the key is looked at; then each pair in order against the current
// state.
func (c *cmd) zadd(flags optBits) (resp.Value, error) {
	first := 2
	for first < len(c.argv) {
		o := matchOption(c.argv[first], zaddFlags)
		if o == nil {
			break
		}
		flags |= o.bit
		first++
	}
	pairs := c.argv[first:]
	if len(pairs) == 0 || len(pairs)%2 == 1 {
		return resp.Value{}, errSyntax
	}
	has := func(f optBits) bool { return flags&f != 0 }
	if has(zaddNX) && has(zaddXX) {
		return resp.Value{}, errZaddXXAndNX
	}
	if (has(zaddGT) && has(zaddNX)) || (has(zaddLT) && has(zaddNX)) || (has(zaddGT) && has(zaddLT)) {
		return resp.Value{}, errZaddGTLTNX
	}
	if has(zaddIncr) && len(pairs) > 2 {
		return resp.Value{}, errZaddIncrPairs
	}
	scores := make([]float64, len(pairs)/2)
	for i := range scores {
		s, ok := parseScore(pairs[2*i])
		if !ok {
			return resp.Value{}, errNotFloat
		}
		scores[i] = s
	}
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok && has(zaddXX) {
		if has(zaddIncr) {
			return resp.Null(), nil
		}
		return resp.Int(0), nil
	}
	// NaN can only come from an increment of an existing member, and INCR has one pair:
	// check it before anything is written.
	if has(zaddIncr) && k.ok {
		if cur, found, err := c.zsetScore(k.ID, pairs[1]); err != nil {
			return resp.Value{}, err
		} else if found && !has(zaddNX) && math.IsNaN(cur+scores[0]) {
			return resp.Value{}, errScoreNaN
		}
	}
	id := k.ID
	if !k.ok {
		if id, err = c.q.CreateZsetKey(c.ctx, store.CreateZsetKeyParams{Db: c.s.db, Key: nonNil(c.argv[1])}); err != nil {
			return resp.Value{}, err
		}
	}
	var added, updated int64
	var last float64
	processed := false
	for i, score := range scores {
		member := pairs[2*i+1]
		cur, found, err := c.zsetScore(id, member)
		if err != nil {
			return resp.Value{}, err
		}
		processed = false
		switch {
		case found && has(zaddNX):
		case found:
			if has(zaddIncr) {
				score += cur
			}
			if (has(zaddLT) && score >= cur) || (has(zaddGT) && score <= cur) {
				break
			}
			processed, last = true, score
			// Equal scores (0 and -0 among them) leave the member as it is, as in Redis.
			if score != cur {
				if err := c.zaddPut(id, k.Elements+added, member, score); err != nil {
					return resp.Value{}, err
				}
				updated++
			}
		case has(zaddXX):
		default:
			if err := c.zaddPut(id, k.Elements+added+1, member, score); err != nil {
				return resp.Value{}, err
			}
			processed, last = true, score
			added++
		}
	}
	// Only new members count: ZsetPut on a member that was found is an update.
	if !k.ok || added+updated > 0 {
		if err := c.touch(id, added); err != nil {
			return resp.Value{}, err
		}
	}
	switch {
	case has(zaddIncr) && processed:
		return resp.Double(last), nil
	case has(zaddIncr):
		return resp.Null(), nil
	case has(zaddCH):
		return resp.Int(added + updated), nil
	}
	return resp.Int(added), nil
}

// zaddPut writes one ZADD score into a set of `elements` members (this one included). A
// -0 stays -0 only where Redis would hold the set as a skiplist by then: zsetAdd turns a
// listpack into one before the insert that makes it too long, or that brings a member too
// long for it.
func (c *cmd) zaddPut(id, elements int64, member []byte, score float64) error {
	if !isNegZero(score) {
		return c.zsetPut(id, member, score)
	}
	skiplist, err := c.isSkiplist(id, elements, member)
	if err != nil {
		return err
	}
	if skiplist {
		return c.zsetPutNegZero(id, member)
	}
	return c.zsetPut(id, member, score)
}
