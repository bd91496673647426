package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// MOVE moves a key (value, TTL, collection) to another database, unless the key is
// already there. The row keeps its id and changes its db, so collection rows follow.
// MOVE key db
// https://redis.io/commands/move
func cmdMove(c *cmd) (resp.Value, error) {
	name := c.argv[1]
	dst, err := parseDBIndex(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if dst == c.s.db {
		return resp.Value{}, errSameObject
	}
	k, err := c.lookupWrite(name)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	there, err := c.lookupWriteIn(dst, name)
	if err != nil || there.ok {
		return resp.Int(0), err
	}
	if err := c.q.RenameKey(c.ctx, store.RenameKeyParams{Db: dst, Key: name, ID: k.ID}); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}
