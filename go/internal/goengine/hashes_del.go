package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// HDEL removes fields from a hash; replies how many existed. The last one gone deletes
// the key.
// HDEL key field [field ...]
// https://redis.io/commands/hdel
func cmdHDel(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	var deleted int64
	for _, field := range c.argv[2:] {
		n, err := c.q.HashDeleteField(c.ctx, store.HashDeleteFieldParams{KeyID: k.ID, Field: nonNil(field)})
		if err != nil {
			return resp.Value{}, err
		}
		deleted += n
	}
	if deleted > 0 {
		if err := c.removed(k, deleted); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(deleted), nil
}
