package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// LLEN returns the length of a list: keys.elements, already in the key's row (it always
// equals tail - head + 1).
// LLEN key
// https://redis.io/commands/llen
func cmdLLen(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	return resp.Int(k.Elements), nil
}

// LINDEX returns the element at an index (negative from the tail), or nil. As in Redis,
// the key is looked up before the index is parsed (a missing key is nil whatever the
// index). The element is one primary-key lookup at head + index.
// LINDEX key index
// https://redis.io/commands/lindex
func cmdLIndex(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	index, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	pos, ok := e.position(index)
	if !ok {
		return resp.Null(), nil
	}
	elem, err := c.q.ListGet(c.ctx, store.ListGetParams{KeyID: k.ID, Pos: pos})
	if err != nil {
		return resp.Null(), noRows(err)
	}
	return resp.Bulk(elem), nil
}

// LRANGE returns the elements between two indexes (inclusive, negative from the tail):
// one range scan of the primary key over exactly the positions returned.
// LRANGE key start stop
// https://redis.io/commands/lrange
func cmdLRange(c *cmd) (resp.Value, error) {
	start, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	stop, err := parseInt(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.Array(), err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	start, stop, ok := rankSpan(e.len(), start, stop)
	if !ok {
		return resp.Array(), nil
	}
	elems, err := c.q.ListRange(c.ctx, store.ListRangeParams{KeyID: k.ID, Lo: e.head + start, Hi: e.head + stop})
	if err != nil {
		return resp.Value{}, err
	}
	return bulks(elems), nil
}
