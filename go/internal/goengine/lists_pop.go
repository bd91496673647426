package goengine

import "sqlettuce/go/internal/resp"

// LPOP removes and returns the first elements of a list. As popGenericCommand: the count
// is checked before the key; without a count the reply is one element (nil when
// missing), with one an array (nil array when missing, empty for a count of 0).
// LPOP key [count]
// https://redis.io/commands/lpop
func cmdLPop(c *cmd) (resp.Value, error) { return c.popCommand(true) }

// RPOP removes and returns the last elements of a list.
// RPOP key [count]
// https://redis.io/commands/rpop
func cmdRPop(c *cmd) (resp.Value, error) { return c.popCommand(false) }

func (c *cmd) popCommand(left bool) (resp.Value, error) {
	if len(c.argv) > 3 {
		return resp.Value{}, errArity(c.name)
	}
	hasCount := len(c.argv) == 3
	count := int64(1)
	if hasCount {
		n, ok := resp.ParseInt(c.argv[2])
		if !ok || n < 0 {
			return resp.Value{}, errMustBePositive
		}
		count = n
	}
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil {
		return resp.Value{}, err
	}
	switch {
	case !k.ok && hasCount:
		return resp.NullArray(), nil
	case !k.ok:
		return resp.Null(), nil
	case count == 0:
		return resp.Array(), nil
	}
	elems, err := c.listPop(k.ID, count, left, false)
	if err != nil {
		return resp.Value{}, err
	}
	if hasCount {
		return bulks(elems), nil
	}
	if len(elems) == 0 {
		return resp.Null(), nil
	}
	return resp.Bulk(elems[0]), nil
}

// LMPOP pops elements from the first non-empty list of several keys: [key, [elements]],
// or a nil array.
// LMPOP numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
// https://redis.io/commands/lmpop
func cmdLMPop(c *cmd) (resp.Value, error) {
	keys, side, count, err := c.parseMPop("left", "right")
	if err != nil {
		return resp.Value{}, err
	}
	for _, name := range keys {
		k, err := c.lookupWriteKind(name, typeList)
		if err != nil {
			return resp.Value{}, err
		}
		if !k.ok {
			continue
		}
		elems, err := c.listPop(k.ID, count, side == 0, false)
		if err != nil {
			return resp.Value{}, err
		}
		return resp.Array(resp.Bulk(name), bulks(elems)), nil
	}
	return resp.NullArray(), nil
}
