package goengine

import "sqlettuce/go/internal/resp"

// ZPOPMIN removes and returns the members with the lowest scores (a flat member, score
// list, empty when the key is missing or the count is 0).
// ZPOPMIN key [count]
// https://redis.io/commands/zpopmin
func cmdZPopMin(c *cmd) (resp.Value, error) { return c.zpopCommand(false) }

// ZPOPMAX removes and returns the members with the highest scores.
// ZPOPMAX key [count]
// https://redis.io/commands/zpopmax
func cmdZPopMax(c *cmd) (resp.Value, error) { return c.zpopCommand(true) }

// zpopCommand is zpopMinMaxCommand: the count before the key, the key's type before a
// count of 0.
func (c *cmd) zpopCommand(max bool) (resp.Value, error) {
	if len(c.argv) > 3 {
		return resp.Value{}, errSyntax
	}
	count := int64(1)
	if len(c.argv) == 3 {
		n, ok := resp.ParseInt(c.argv[2])
		if !ok || n < 0 {
			return resp.Value{}, errMustBePositive
		}
		count = n
	}
	k, err := c.lookupWriteKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return resp.Array(), err
	}
	rows, err := c.zpop(k, max, count)
	if err != nil {
		return resp.Value{}, err
	}
	// Redis 7.0 nests [member, score] pairs in RESP3 only when a count was given.
	if len(c.argv) == 3 {
		return resp.Pairs(flatScored(rows)...), nil
	}
	return resp.Array(flatScored(rows)...), nil
}

// zpop removes up to count members from the low (or high) end of sorted set k,
// deleting the key when it empties, and returns them in pop order: read by rank, removed
// with one range delete.
func (c *cmd) zpop(k key, max bool, count int64) ([]scored, error) {
	if count == 0 {
		return nil, nil
	}
	rows, err := c.zsetByRank(k.ID, max, count, 0)
	if err != nil || len(rows) == 0 {
		return rows, err
	}
	if int64(len(rows)) >= k.Elements {
		return rows, c.q.DeleteKeyByID(c.ctx, k.ID) // everything was read
	}
	low, high := rows[0], rows[len(rows)-1]
	if max {
		low, high = high, low
	}
	removed, err := c.zsetDeleteBetween(k.ID, low, high)
	if err != nil {
		return nil, err
	}
	return rows, c.removed(k, removed)
}

// ZMPOP pops members from the first non-empty sorted set of several keys: [key,
// [[member, score], ...]], or a nil array.
// ZMPOP numkeys key [key ...] <MIN | MAX> [COUNT count]
// https://redis.io/commands/zmpop
func cmdZMPop(c *cmd) (resp.Value, error) {
	keys, side, count, err := c.parseMPop("min", "max")
	if err != nil {
		return resp.Value{}, err
	}
	for _, key := range keys {
		k, err := c.lookupWriteKind(key, typeZset)
		if err != nil {
			return resp.Value{}, err
		}
		if !k.ok {
			continue
		}
		rows, err := c.zpop(k, side == 1, count)
		if err != nil {
			return resp.Value{}, err
		}
		pairs := make([]resp.Value, len(rows))
		for i, r := range rows {
			pairs[i] = resp.Array(resp.Bulk(r.Member), resp.Double(r.Score))
		}
		return resp.Array(resp.Bulk(key), resp.Array(pairs...)), nil
	}
	return resp.NullArray(), nil
}

// parseMPop reads LMPOP/ZMPOP's numkeys key [key ...] <first | second> [COUNT count]
// like lmpopGenericCommand: side is 0 for the first word, 1 for the second.
func (c *cmd) parseMPop(first, second string) (keys [][]byte, side int, count int64, err error) {
	numkeys, ok := resp.ParseInt(c.argv[1])
	if !ok || numkeys < 1 {
		return nil, 0, 0, errNumkeysPositive
	}
	if numkeys > int64(len(c.argv)) {
		return nil, 0, 0, errSyntax
	}
	where := int(numkeys) + 2
	if where >= len(c.argv) {
		return nil, 0, 0, errSyntax
	}
	switch w := cString(c.argv[where]); {
	case equalFold(w, first):
	case equalFold(w, second):
		side = 1
	default:
		return nil, 0, 0, errSyntax
	}
	count = -1
	for j := where + 1; j < len(c.argv); j += 2 {
		if count != -1 || !equalFold(cString(c.argv[j]), "count") || j+1 >= len(c.argv) {
			return nil, 0, 0, errSyntax
		}
		n, ok := resp.ParseInt(c.argv[j+1])
		if !ok || n < 1 {
			return nil, 0, 0, errCountPositive
		}
		count = n
	}
	if count == -1 {
		count = 1
	}
	return c.argv[2:where], side, count, nil
}
