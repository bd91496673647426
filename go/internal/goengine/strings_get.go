package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// GET returns a string value.
// GET key
// https://redis.io/commands/get
func cmdGet(c *cmd) (resp.Value, error) {
	k, err := c.lookupString(c.argv[1])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	return resp.Bulk(k.Value), nil
}

// GETDEL returns a string value and deletes the key.
// GETDEL key
// https://redis.io/commands/getdel
func cmdGetDel(c *cmd) (resp.Value, error) {
	k, err := c.lookupReadWriteString(c.argv[1]) // Redis's getGenericCommand reads it
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	if err := c.q.DeleteKeyByID(c.ctx, k.ID); err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(k.Value), nil
}

// GETEX returns a string value and optionally changes its expiry.
// GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]
// https://redis.io/commands/getex
func cmdGetEX(c *cmd) (resp.Value, error) {
	bits, expire, err := parseOptions(c.argv[2:], getexOptions)
	if err != nil {
		return resp.Value{}, err
	}
	// Redis looks the key up (with lookupKeyRead: counted) before it validates the
	// expiry: a missing key is nil whatever the option says.
	k, err := c.lookupReadWriteString(c.argv[1])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	var at int64
	if expire != nil {
		if at, err = c.expireMillis(expire, bits); err != nil {
			return resp.Value{}, err
		}
	}
	switch {
	case bits&(optEXAT|optPXAT) != 0 && at <= c.now:
		err = c.q.DeleteKeyByID(c.ctx, k.ID) // an absolute time already past deletes
	case expire != nil:
		err = c.q.SetExpireAt(c.ctx, store.SetExpireAtParams{ExpireAt: nullTime(at), ID: k.ID})
	case bits&optPersist != 0 && k.ExpireAt.Valid:
		err = c.q.SetExpireAt(c.ctx, store.SetExpireAtParams{ID: k.ID})
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(k.Value), nil
}

// MGET returns the values of several keys; missing keys and other types are nil.
// MGET key [key ...]
// https://redis.io/commands/mget
func cmdMGet(c *cmd) (resp.Value, error) {
	items := make([]resp.Value, 0, len(c.argv)-1)
	for _, name := range c.argv[1:] {
		k, err := c.lookup(name)
		if err != nil {
			return resp.Value{}, err
		}
		if k.ok && k.Type == typeString {
			items = append(items, resp.Bulk(k.Value))
		} else {
			items = append(items, resp.Null())
		}
	}
	return resp.Array(items...), nil
}

// STRLEN returns the length of a string value.
// STRLEN key
// https://redis.io/commands/strlen
func cmdStrlen(c *cmd) (resp.Value, error) {
	k, err := c.lookupString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(int64(len(k.Value))), nil
}

// GETRANGE (and its old name SUBSTR) returns a substring; negative offsets count from
// the end.
// GETRANGE key start end
// https://redis.io/commands/getrange
func cmdGetRange(c *cmd) (resp.Value, error) {
	start, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	end, err := parseInt(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	empty := resp.Bulk([]byte{})
	if !k.ok {
		return empty, nil
	}
	n := int64(len(k.Value))
	if start < 0 && end < 0 && start > end {
		return empty, nil
	}
	if start < 0 {
		start += n
	}
	if end < 0 {
		end += n
	}
	if start < 0 {
		start = 0
	}
	if end < 0 {
		end = 0
	}
	if uint64(end) >= uint64(n) {
		end = n - 1
	}
	if start > end || n == 0 {
		return empty, nil
	}
	return resp.Bulk(k.Value[start : end+1]), nil
}
