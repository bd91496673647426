package goengine

import (
	"sqlettuce/go/internal/resp"
)

// HGET returns the value of a field, or nil.
// HGET key field
// https://redis.io/commands/hget
func cmdHGet(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	v, ok, err := c.hashGet(k.ID, c.argv[2])
	if err != nil || !ok {
		return resp.Null(), err
	}
	return resp.Bulk(v), nil
}

// HMGET returns the values of several fields; nil for each missing one.
// HMGET key field [field ...]
// https://redis.io/commands/hmget
func cmdHMGet(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, len(c.argv)-2)
	for _, field := range c.argv[2:] {
		item := resp.Null()
		if k.ok {
			v, ok, err := c.hashGet(k.ID, field)
			if err != nil {
				return resp.Value{}, err
			}
			if ok {
				item = resp.Bulk(v)
			}
		}
		items = append(items, item)
	}
	return resp.Array(items...), nil
}

// HGETALL returns every field and value of a hash, flattened, in field-byte order.
// HGETALL key
// https://redis.io/commands/hgetall
func cmdHGetAll(c *cmd) (resp.Value, error) { return c.hashAll(true, true) }

// HKEYS returns every field of a hash.
// HKEYS key
// https://redis.io/commands/hkeys
func cmdHKeys(c *cmd) (resp.Value, error) { return c.hashAll(true, false) }

// HVALS returns every value of a hash.
// HVALS key
// https://redis.io/commands/hvals
func cmdHVals(c *cmd) (resp.Value, error) { return c.hashAll(false, true) }

func (c *cmd) hashAll(fields, values bool) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return hashReply(fields && values, nil), err
	}
	rows, err := c.q.HashGetAll(c.ctx, k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, 2*len(rows))
	for _, r := range rows {
		if fields {
			items = append(items, resp.Bulk(r.Field))
		}
		if values {
			items = append(items, resp.Bulk(r.Value))
		}
	}
	return hashReply(fields && values, items), nil
}

// hashReply: HGETALL is a map in RESP3; HKEYS and HVALS stay arrays.
func hashReply(both bool, items []resp.Value) resp.Value {
	if both {
		return resp.Map(items...)
	}
	return resp.Array(items...)
}
