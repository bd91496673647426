package goengine

import "sqlettuce/go/internal/resp"

// DEL (and UNLINK, which Redis frees in the background) deletes keys and counts the
// ones that existed. A key named twice counts once.
// DEL key [key ...]
// https://redis.io/commands/del
func cmdDel(c *cmd) (resp.Value, error) {
	var n int64
	for _, name := range c.argv[1:] {
		k, err := c.lookupWrite(name)
		if err != nil {
			return resp.Value{}, err
		}
		if !k.ok {
			continue
		}
		if err := c.q.DeleteKeyByID(c.ctx, k.ID); err != nil {
			return resp.Value{}, err
		}
		n++
	}
	return resp.Int(n), nil
}

// EXISTS counts how many of the named keys exist; a key named twice counts twice.
// EXISTS key [key ...]
// https://redis.io/commands/exists
func cmdExists(c *cmd) (resp.Value, error) { return c.countExisting() }

// TOUCH counts existing keys (Redis also updates their access time, which sqlettuce
// does not keep).
// TOUCH key [key ...]
// https://redis.io/commands/touch
func cmdTouch(c *cmd) (resp.Value, error) { return c.countExisting() }

func (c *cmd) countExisting() (resp.Value, error) {
	var n int64
	for _, name := range c.argv[1:] {
		k, err := c.lookup(name)
		if err != nil {
			return resp.Value{}, err
		}
		if k.ok {
			n++
		}
	}
	return resp.Int(n), nil
}

// TYPE names the type of a key's value, or "none".
// TYPE key
// https://redis.io/commands/type
func cmdType(c *cmd) (resp.Value, error) {
	k, err := c.lookup(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Simple("none"), nil
	}
	return resp.Simple(typeNames[k.Type]), nil
}
