package goengine

import "sqlettuce/go/internal/store"

// Lex ranges (BYLEX, ZLEXCOUNT, ZREMRANGEBYLEX). Redis defines them only for a sorted
// set whose scores are all equal; then member order is score order and a range is a
// seek on the primary key. When scores differ, Redis 7.0 walks its listpack in score
// order: nothing unless the last member is >= min and the first <= max, else from the
// first member >= min while members stay <= max (from the end for REV). That walk is
// replayed here over the set read in score order, so small sets answer exactly as Redis
// does (a large one, which Redis keeps in a skiplist, may differ: its answer depends on
// the skiplist's random levels). The Rust engine's commands/zset/lex.rs is the same.

// zsetOneScore says whether the lowest and highest scores are equal: member order is
// then score order.
func (c *cmd) zsetOneScore(id int64) (bool, error) {
	low, err := c.zsetByRank(id, false, 1, 0)
	if err != nil {
		return false, err
	}
	high, err := c.zsetByRank(id, true, 1, 0)
	if err != nil || len(low) == 0 || len(high) == 0 {
		return true, err
	}
	return low[0].Score == high[0].Score, nil
}

// lexUpper is the exclusive upper bound of a lex range in member bytes; ok is false
// when the range is empty. "+" becomes just past the greatest member.
func (c *cmd) lexUpper(id int64, r lexRange) (upper []byte, ok bool, err error) {
	if r.empty {
		return nil, false, nil
	}
	upper = r.upper
	if upper == nil {
		m, err := c.q.ZsetMaxMember(c.ctx, id)
		if err != nil {
			return nil, false, noRows(err)
		}
		upper = append(append([]byte{}, m...), 0)
	}
	return upper, string(r.lower) < string(upper), nil
}

// lexRead reads the members of sorted set id in r, LIMIT applied (offset >= 0, limit
// -1 for all), in member order or reversed.
func (c *cmd) lexRead(id int64, r lexRange, reverse bool, offset, limit int64) ([]scored, error) {
	one, err := c.zsetOneScore(id)
	if err != nil {
		return nil, err
	}
	if one {
		upper, ok, err := c.lexUpper(id, r)
		if err != nil || !ok {
			return nil, err
		}
		return c.zsetByLex(id, r.lower, upper, reverse, limit, offset)
	}
	rows, err := c.zsetByRank(id, false, -1, 0)
	if err != nil {
		return nil, err
	}
	var out []scored
	for _, i := range lexWalk(rows, r, reverse, offset, limit) {
		out = append(out, rows[i])
	}
	return out, nil
}

// lexCount counts the members in r.
func (c *cmd) lexCount(id int64, r lexRange) (int64, error) {
	one, err := c.zsetOneScore(id)
	if err != nil {
		return 0, err
	}
	if one {
		upper, ok, err := c.lexUpper(id, r)
		if err != nil || !ok {
			return 0, err
		}
		return c.q.ZsetCountByLex(c.ctx, store.ZsetCountByLexParams{KeyID: id, Member: nonNil(r.lower), Member_2: upper})
	}
	rows, err := c.zsetByRank(id, false, -1, 0)
	return int64(len(lexWalk(rows, r, false, 0, -1))), err
}

// lexDelete deletes the members in r and says how many.
func (c *cmd) lexDelete(id int64, r lexRange) (int64, error) {
	one, err := c.zsetOneScore(id)
	if err != nil {
		return 0, err
	}
	if one {
		upper, ok, err := c.lexUpper(id, r)
		if err != nil || !ok {
			return 0, err
		}
		return c.q.ZsetDeleteByLex(c.ctx, store.ZsetDeleteByLexParams{KeyID: id, Member: nonNil(r.lower), Member_2: upper})
	}
	rows, err := c.zsetByRank(id, false, -1, 0)
	if err != nil {
		return 0, err
	}
	run := lexWalk(rows, r, false, 0, -1)
	if len(run) == 0 {
		return 0, nil
	}
	// The walk is a contiguous run in score order: one range delete.
	return c.zsetDeleteBetween(id, rows[run[0]], rows[run[len(run)-1]])
}

// lexWalk is Redis's listpack walk over rows (score order): the indexes it emits.
func lexWalk(rows []scored, r lexRange, reverse bool, offset, limit int64) []int {
	gteMin := func(m []byte) bool { return !r.empty && string(m) >= string(r.lower) }
	lteMax := func(m []byte) bool { return !r.empty && (r.upper == nil || string(m) < string(r.upper)) }
	nonEmpty := !r.empty && (r.upper == nil || string(r.lower) < string(r.upper))
	n := len(rows)
	if n == 0 || !nonEmpty || !gteMin(rows[n-1].Member) || !lteMax(rows[0].Member) {
		return nil
	}
	start := -1
	if reverse {
		for i := n - 1; i >= 0; i-- {
			if lteMax(rows[i].Member) {
				start = i
				break
			}
		}
		if start < 0 || !gteMin(rows[start].Member) {
			return nil
		}
	} else {
		for i := 0; i < n; i++ {
			if gteMin(rows[i].Member) {
				start = i
				break
			}
		}
		if start < 0 || !lteMax(rows[start].Member) {
			return nil
		}
	}
	var out []int
	step := 1
	if reverse {
		step = -1
	}
	if offset > int64(n) {
		return nil
	}
	for i := start + step*int(offset); i >= 0 && i < n && limit != 0; i += step {
		if reverse && !gteMin(rows[i].Member) || !reverse && !lteMax(rows[i].Member) {
			break
		}
		out = append(out, i)
		limit--
	}
	return out
}
