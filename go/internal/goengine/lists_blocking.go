package goengine

import "sqlettuce/go/internal/resp"

// BLPOP removes and returns the first element of the first non-empty list, or blocks
// until one is available. As blockingPopGenericCommand: the timeout first, then the keys
// in order (WRONGTYPE stops the search); when every key is empty the client blocks.
// BLPOP key [key ...] timeout
// https://redis.io/commands/blpop
func cmdBLPop(c *cmd) (resp.Value, error) { return c.blockingPop(true) }

// BRPOP removes and returns the last element of the first non-empty list, or blocks
// until one is available.
// BRPOP key [key ...] timeout
// https://redis.io/commands/brpop
func cmdBRPop(c *cmd) (resp.Value, error) { return c.blockingPop(false) }

func (c *cmd) blockingPop(left bool) (resp.Value, error) {
	timeout, err := parseTimeout(c.argv[len(c.argv)-1])
	if err != nil {
		return resp.Value{}, err
	}
	keys := c.argv[1 : len(c.argv)-1]
	for _, name := range keys {
		k, err := c.lookupWriteKind(name, typeList)
		if err != nil {
			return resp.Value{}, err
		}
		if !k.ok {
			continue
		}
		elems, err := c.listPop(k.ID, 1, left, false)
		if err != nil {
			return resp.Value{}, err
		}
		if len(elems) > 0 {
			return resp.Array(resp.Bulk(name), resp.Bulk(elems[0])), nil
		}
	}
	return c.block(keys, timeout, resp.NullArray())
}

// BLMOVE pops an element from a list, pushes it onto another and returns it, or blocks
// until the source holds one.
// BLMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout
// https://redis.io/commands/blmove
func cmdBLMove(c *cmd) (resp.Value, error) {
	fromLeft, err := parseSide(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	toLeft, err := parseSide(c.argv[4])
	if err != nil {
		return resp.Value{}, err
	}
	timeout, err := parseTimeout(c.argv[5])
	if err != nil {
		return resp.Value{}, err
	}
	return c.blockingMove(fromLeft, toLeft, timeout)
}

// BRPOPLPUSH pops the last element of a list, pushes it onto the head of another and
// returns it, or blocks until the source holds one.
// BRPOPLPUSH source destination timeout
// https://redis.io/commands/brpoplpush
func cmdBRPopLPush(c *cmd) (resp.Value, error) {
	timeout, err := parseTimeout(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	return c.blockingMove(false, true, timeout)
}

// blockingMove is blmoveGenericCommand: a missing source blocks (the destination's type
// is checked only when there is something to move); inside EXEC the reply is a null
// bulk.
func (c *cmd) blockingMove(fromLeft, toLeft bool, timeout int64) (resp.Value, error) {
	src, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil {
		return resp.Value{}, err
	}
	if src.ok {
		return c.listMove(fromLeft, toLeft)
	}
	return c.block(c.argv[1:2], timeout, resp.Null())
}

// BLMPOP pops elements from the first non-empty list of several keys, or blocks until
// one is available.
// BLMPOP timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
// https://redis.io/commands/blmpop
func cmdBLMPop(c *cmd) (resp.Value, error) {
	return c.blockingMPop(cmdLMPop)
}

// blockingMPop runs LMPOP/ZMPOP on the arguments after the timeout (they read as
// `LMPOP numkeys key...` from there) and blocks on its keys when it finds nothing.
func (c *cmd) blockingMPop(mpop handler) (resp.Value, error) {
	timeout, err := parseTimeout(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	argv := c.argv
	c.argv = argv[1:]
	v, err := mpop(c)
	c.argv = argv
	if err != nil || v.Kind != resp.KindNullArray {
		return v, err
	}
	numkeys, _ := resp.ParseInt(argv[2]) // validated by mpop
	return c.block(argv[3:3+numkeys], timeout, resp.NullArray())
}
