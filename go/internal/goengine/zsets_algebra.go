package goengine

import (
	"bytes"
	"math"
	"slices"

	"sqlettuce/go/internal/resp"
)

// The seven set-operation commands are Redis's zunionInterDiffGenericCommand: numkeys,
// then every key's type (WRONGTYPE before any option), then the options, then the inputs
// read whole (sets count as members scoring 1). Union and intersection take the inputs
// smallest first (a stable sort, like glibc's qsort here), which fixes the order scores
// are added in; a NaN product or sum counts as 0. Results come in (score, member) order.

type zsetOp int

const (
	zsetUnion zsetOp = iota
	zsetInter
	zsetDiff
)

type zsetAggregate int

const (
	aggregateSum zsetAggregate = iota
	aggregateMin
	aggregateMax
)

// apply is zunionInterAggregate.
func (a zsetAggregate) apply(target *float64, value float64) {
	switch a {
	case aggregateSum:
		*target += value
		if math.IsNaN(*target) {
			*target = 0
		}
	case aggregateMin:
		if value < *target {
			*target = value
		}
	case aggregateMax:
		if value > *target {
			*target = value
		}
	}
}

// ZUNION returns the union of sorted sets (and sets, whose members score 1).
// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]
// https://redis.io/commands/zunion
func cmdZUnion(c *cmd) (resp.Value, error) { return c.zsetAlgebra(1, nil, zsetUnion, false) }

// ZINTER returns the intersection of sorted sets (and sets).
// ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]
// https://redis.io/commands/zinter
func cmdZInter(c *cmd) (resp.Value, error) { return c.zsetAlgebra(1, nil, zsetInter, false) }

// ZDIFF returns the members of the first sorted set that no other input has.
// ZDIFF numkeys key [key ...] [WITHSCORES]
// https://redis.io/commands/zdiff
func cmdZDiff(c *cmd) (resp.Value, error) { return c.zsetAlgebra(1, nil, zsetDiff, false) }

// ZUNIONSTORE stores the union of sorted sets at a destination key.
// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]
// https://redis.io/commands/zunionstore
func cmdZUnionStore(c *cmd) (resp.Value, error) {
	return c.zsetAlgebra(2, c.argv[1], zsetUnion, false)
}

// ZINTERSTORE stores the intersection of sorted sets at a destination key.
// ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]
// https://redis.io/commands/zinterstore
func cmdZInterStore(c *cmd) (resp.Value, error) {
	return c.zsetAlgebra(2, c.argv[1], zsetInter, false)
}

// ZDIFFSTORE stores the difference of sorted sets at a destination key.
// ZDIFFSTORE destination numkeys key [key ...]
// https://redis.io/commands/zdiffstore
func cmdZDiffStore(c *cmd) (resp.Value, error) {
	return c.zsetAlgebra(2, c.argv[1], zsetDiff, false)
}

// ZINTERCARD counts the intersection of sorted sets, stopping at an optional limit.
// ZINTERCARD numkeys key [key ...] [LIMIT limit]
// https://redis.io/commands/zintercard
func cmdZInterCard(c *cmd) (resp.Value, error) { return c.zsetAlgebra(1, nil, zsetInter, true) }

// zsetSource is one input: its members in its own order, and its weight.
type zsetSource struct {
	rows   []scored
	weight float64
}

func (c *cmd) zsetAlgebra(numkeysIdx int, dst []byte, op zsetOp, cardOnly bool) (resp.Value, error) {
	setnum, err := parseInt(c.argv[numkeysIdx])
	if err != nil {
		return resp.Value{}, err
	}
	if setnum < 1 {
		return resp.Value{}, errNoInputKeys(c.name)
	}
	first := numkeysIdx + 1
	if setnum > int64(len(c.argv)-first) {
		return resp.Value{}, errSyntax
	}
	n := int(setnum)
	inputs := make([]key, n)
	for i, name := range c.argv[first : first+n] {
		k, err := c.lookup(name)
		if err != nil {
			return resp.Value{}, err
		}
		if k.ok && k.Type != typeZset && k.Type != typeSet {
			return resp.Value{}, errWrongType
		}
		inputs[i] = k
	}
	weights := make([]float64, n)
	for i := range weights {
		weights[i] = 1
	}
	aggregate := aggregateSum
	withScores := false
	limit := int64(0)
	for j := first + n; j < len(c.argv); {
		remaining := len(c.argv) - j
		opt := cString(c.argv[j])
		switch {
		case op != zsetDiff && !cardOnly && remaining > n && equalFold(opt, "weights"):
			for i := range weights {
				w, ok := parseScore(c.argv[j+1+i])
				if !ok {
					return resp.Value{}, errWeightNotFloat
				}
				weights[i] = w
			}
			j += 1 + n
		case op != zsetDiff && !cardOnly && remaining >= 2 && equalFold(opt, "aggregate"):
			switch a := cString(c.argv[j+1]); {
			case equalFold(a, "sum"):
				aggregate = aggregateSum
			case equalFold(a, "min"):
				aggregate = aggregateMin
			case equalFold(a, "max"):
				aggregate = aggregateMax
			default:
				return resp.Value{}, errSyntax
			}
			j += 2
		case dst == nil && !cardOnly && equalFold(opt, "withscores"):
			withScores = true
			j++
		case cardOnly && remaining >= 2 && equalFold(opt, "limit"):
			l, ok := resp.ParseInt(c.argv[j+1])
			if !ok || l < 0 {
				return resp.Value{}, errLimitNegative
			}
			limit = l
			j += 2
		default:
			return resp.Value{}, errSyntax
		}
	}

	sources := make([]zsetSource, n)
	for i, k := range inputs {
		sources[i].weight = weights[i]
		switch {
		case !k.ok:
		case k.Type == typeSet:
			members, err := c.q.SetMembers(c.ctx, k.ID)
			if err != nil {
				return resp.Value{}, err
			}
			sources[i].rows = make([]scored, len(members))
			for m, member := range members {
				sources[i].rows[m] = scored{Member: member, Score: 1}
			}
		default:
			if sources[i].rows, err = c.zsetByRank(k.ID, false, -1, 0); err != nil {
				return resp.Value{}, err
			}
		}
	}
	if op != zsetDiff {
		slices.SortStableFunc(sources, func(a, b zsetSource) int { return len(a.rows) - len(b.rows) })
	}

	var result []scored
	card := int64(0)
	switch op {
	case zsetInter:
		others := make([]map[string]float64, n-1)
		for i, src := range sources[1:] {
			others[i] = make(map[string]float64, len(src.rows))
			for _, r := range src.rows {
				others[i][string(r.Member)] = r.Score
			}
		}
	members:
		for _, r := range sources[0].rows {
			score := sources[0].weight * r.Score
			if math.IsNaN(score) {
				score = 0
			}
			for i, src := range sources[1:] {
				v, found := others[i][string(r.Member)]
				if !found {
					continue members
				}
				aggregate.apply(&score, v*src.weight)
			}
			if cardOnly {
				card++
				if limit > 0 && card >= limit {
					break
				}
				continue
			}
			result = append(result, scored{Member: r.Member, Score: score})
		}
	case zsetUnion:
		acc := map[string]int{} // member -> index in result
		for _, src := range sources {
			for _, r := range src.rows {
				score := src.weight * r.Score
				if math.IsNaN(score) {
					score = 0
				}
				if i, found := acc[string(r.Member)]; found {
					aggregate.apply(&result[i].Score, score)
				} else {
					acc[string(r.Member)] = len(result)
					result = append(result, scored{Member: r.Member, Score: score})
				}
			}
		}
	case zsetDiff:
		others := map[string]bool{}
		for _, src := range sources[1:] {
			for _, r := range src.rows {
				others[string(r.Member)] = true
			}
		}
		for _, r := range sources[0].rows {
			if !others[string(r.Member)] {
				result = append(result, r)
			}
		}
	}
	if cardOnly {
		return resp.Int(card), nil
	}
	// As Redis's skiplist: -0 and 0 are equal scores, so the member decides.
	slices.SortFunc(result, func(a, b scored) int {
		switch {
		case a.Score < b.Score:
			return -1
		case a.Score > b.Score:
			return 1
		}
		return bytes.Compare(a.Member, b.Member)
	})
	if dst != nil {
		n, err := c.storeZset(dst, result, zstoreBuild{})
		return resp.Int(n), err
	}
	return scoredReply(result, withScores), nil
}
