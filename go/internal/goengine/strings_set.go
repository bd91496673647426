package goengine

import "sqlettuce/go/internal/resp"

// SET stores a string value, with optional expiry and conditions.
// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
// https://redis.io/commands/set
func cmdSet(c *cmd) (resp.Value, error) {
	bits, expire, err := parseOptions(c.argv[3:], setOptions)
	if err != nil {
		return resp.Value{}, err
	}
	return c.setGeneric(bits, c.argv[1], c.argv[2], expire, resp.OK(), resp.Null())
}

// SETNX sets a key only when it does not exist.
// SETNX key value
// https://redis.io/commands/setnx
func cmdSetNX(c *cmd) (resp.Value, error) {
	return c.setGeneric(optNX, c.argv[1], c.argv[2], nil, resp.Int(1), resp.Int(0))
}

// SETEX sets a key with a time to live in seconds.
// SETEX key seconds value
// https://redis.io/commands/setex
func cmdSetEX(c *cmd) (resp.Value, error) {
	return c.setGeneric(optEX, c.argv[1], c.argv[3], c.argv[2], resp.OK(), resp.Null())
}

// PSETEX sets a key with a time to live in milliseconds.
// PSETEX key milliseconds value
// https://redis.io/commands/psetex
func cmdPSetEX(c *cmd) (resp.Value, error) {
	return c.setGeneric(optPX, c.argv[1], c.argv[3], c.argv[2], resp.OK(), resp.Null())
}

// setGeneric is Redis's setGenericCommand: validate the expiry, answer GET, check NX/XX,
// then write. Nothing is written before every check has passed.
func (c *cmd) setGeneric(bits optBits, name, value, expire []byte, okReply, abortReply resp.Value) (resp.Value, error) {
	var at int64
	if expire != nil {
		var err error
		if at, err = c.expireMillis(expire, bits); err != nil {
			return resp.Value{}, err
		}
	}
	// Without a condition, GET or KEEPTTL nothing depends on the old key: one statement,
	// unless the key holds another type.
	if bits&(optNX|optXX|optGet|optKeepTTL) == 0 {
		done, err := c.setIfString(name, value, at)
		if err != nil {
			return resp.Value{}, err
		}
		if done {
			return okReply, nil
		}
	}
	k, err := c.lookupWrite(name)
	if err != nil {
		return resp.Value{}, err
	}
	var old resp.Value
	if bits&optGet != 0 {
		c.countLookup(k.ok) // GET reads the old value with Redis's lookupKeyRead
		if k.ok && k.Type != typeString {
			return resp.Value{}, errWrongType
		}
		old = resp.Null()
		if k.ok {
			old = resp.Bulk(k.Value)
		}
	}
	if (bits&optNX != 0 && k.ok) || (bits&optXX != 0 && !k.ok) {
		if bits&optGet != 0 {
			return old, nil
		}
		return abortReply, nil
	}
	if bits&optKeepTTL != 0 && k.ok {
		at, _ = k.expireAt() // KEEPTTL keeps the key's TTL whatever type it held
	}
	if err := c.setString(name, k, value, at); err != nil {
		return resp.Value{}, err
	}
	if bits&optGet != 0 {
		return old, nil
	}
	return okReply, nil
}

// GETSET sets a key and returns its old value.
// GETSET key value
// https://redis.io/commands/getset
func cmdGetSet(c *cmd) (resp.Value, error) {
	return c.setGeneric(optGet, c.argv[1], c.argv[2], nil, resp.OK(), resp.Null())
}

// MSET sets several keys at once, clearing their TTLs.
// MSET key value [key value ...]
// https://redis.io/commands/mset
func cmdMSet(c *cmd) (resp.Value, error) {
	if len(c.argv)%2 == 0 {
		return resp.Value{}, errArity(c.name)
	}
	for i := 1; i < len(c.argv); i += 2 {
		if done, err := c.setIfString(c.argv[i], c.argv[i+1], 0); err != nil {
			return resp.Value{}, err
		} else if done {
			continue
		}
		k, err := c.lookupWrite(c.argv[i])
		if err != nil {
			return resp.Value{}, err
		}
		if err := c.setString(c.argv[i], k, c.argv[i+1], 0); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.OK(), nil
}

// MSETNX sets several keys only when none of them exists.
// MSETNX key value [key value ...]
// https://redis.io/commands/msetnx
func cmdMSetNX(c *cmd) (resp.Value, error) {
	if len(c.argv)%2 == 0 {
		return resp.Value{}, errArity(c.name)
	}
	for i := 1; i < len(c.argv); i += 2 {
		k, err := c.lookupWrite(c.argv[i])
		if err != nil {
			return resp.Value{}, err
		}
		if k.ok {
			return resp.Int(0), nil
		}
	}
	// Every key is missing (expired rows were deleted above), so a plain upsert is right
	// even when a key repeats.
	for i := 1; i < len(c.argv); i += 2 {
		if err := c.setString(c.argv[i], key{}, c.argv[i+1], 0); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(1), nil
}
