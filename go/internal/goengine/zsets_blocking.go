package goengine

import "sqlettuce/go/internal/resp"

// BZPOPMIN removes and returns the member with the lowest score from the first
// non-empty sorted set, or blocks until one is available. As blockingGenericZpopCommand:
// the timeout first, then the keys in order (WRONGTYPE stops the search); the reply is
// [key, member, score].
// BZPOPMIN key [key ...] timeout
// https://redis.io/commands/bzpopmin
func cmdBZPopMin(c *cmd) (resp.Value, error) { return c.blockingZPop(false) }

// BZPOPMAX removes and returns the member with the highest score from the first
// non-empty sorted set, or blocks until one is available.
// BZPOPMAX key [key ...] timeout
// https://redis.io/commands/bzpopmax
func cmdBZPopMax(c *cmd) (resp.Value, error) { return c.blockingZPop(true) }

func (c *cmd) blockingZPop(max bool) (resp.Value, error) {
	timeout, err := parseTimeout(c.argv[len(c.argv)-1])
	if err != nil {
		return resp.Value{}, err
	}
	keys := c.argv[1 : len(c.argv)-1]
	for _, name := range keys {
		k, err := c.lookupWriteKind(name, typeZset)
		if err != nil {
			return resp.Value{}, err
		}
		if !k.ok {
			continue
		}
		rows, err := c.zpop(k, max, 1)
		if err != nil {
			return resp.Value{}, err
		}
		if len(rows) > 0 {
			return resp.Array(resp.Bulk(name), resp.Bulk(rows[0].Member),
				resp.Double(rows[0].Score)), nil
		}
	}
	return c.block(keys, timeout, resp.NullArray())
}

// BZMPOP pops members from the first non-empty sorted set of several keys, or blocks
// until one is available.
// BZMPOP timeout numkeys key [key ...] <MIN | MAX> [COUNT count]
// https://redis.io/commands/bzmpop
func cmdBZMPop(c *cmd) (resp.Value, error) {
	return c.blockingMPop(cmdZMPop)
}
