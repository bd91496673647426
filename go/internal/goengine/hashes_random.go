package goengine

import (
	"math"
	"math/rand/v2"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// HRANDFIELD returns random fields of a hash (with their values on request). Without a
// count: one field drawn uniformly by offset (SQLite walks to it). With a count the hash
// is read once and sampled (sample.go): negative counts repeat, counts of at least the
// size return the whole hash in field order.
// HRANDFIELD key [count [WITHVALUES]]
// https://redis.io/commands/hrandfield
func cmdHRandField(c *cmd) (resp.Value, error) {
	if len(c.argv) == 2 {
		k, err := c.lookupKind(c.argv[1], typeHash)
		if err != nil || !k.ok {
			return resp.Null(), err
		}
		if k.Elements <= 0 {
			return resp.Null(), nil
		}
		row, err := c.q.HashFieldAt(c.ctx, store.HashFieldAtParams{KeyID: k.ID, Offset: rand.Int64N(k.Elements)})
		if err != nil {
			return resp.Null(), noRows(err)
		}
		return resp.Bulk(row.Field), nil
	}
	// getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX), then the syntax, then the
	// WITHVALUES bound, all before the key.
	count, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if count == math.MinInt64 {
		return resp.Value{}, errLongRange
	}
	withValues := false
	switch {
	case len(c.argv) == 3:
	case len(c.argv) == 4 && equalFold(cString(c.argv[3]), "withvalues"):
		withValues = true
	default:
		return resp.Value{}, errSyntax
	}
	if withValues && (count < -math.MaxInt64/2 || count > math.MaxInt64/2) {
		return resp.Value{}, errValueRange
	}
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok || count == 0 {
		return resp.Array(), err
	}
	if err := checkRepeats(count); err != nil {
		return resp.Value{}, err
	}
	rows, err := c.q.HashGetAll(c.ctx, k.ID)
	if err != nil || len(rows) == 0 {
		return resp.Array(), err
	}
	picks := sample(len(rows), count)
	items := make([]resp.Value, 0, 2*len(picks))
	for _, i := range picks {
		items = append(items, resp.Bulk(rows[i].Field))
		if withValues {
			items = append(items, resp.Bulk(rows[i].Value))
		}
	}
	if withValues {
		return resp.Pairs(items...), nil // RESP3 nests each field with its value
	}
	return resp.Array(items...), nil
}
