package goengine

import (
	"math"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// EXPIRE sets a key's time to live in seconds; a time not in the future deletes it.
// EXPIRE key seconds [NX | XX | GT | LT]
// https://redis.io/commands/expire
func cmdExpire(c *cmd) (resp.Value, error) { return c.expire(c.now, true) }

// PEXPIRE sets a key's time to live in milliseconds.
// PEXPIRE key milliseconds [NX | XX | GT | LT]
// https://redis.io/commands/pexpire
func cmdPExpire(c *cmd) (resp.Value, error) { return c.expire(c.now, false) }

// EXPIREAT sets a key's expiry as a unix time in seconds.
// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
// https://redis.io/commands/expireat
func cmdExpireAt(c *cmd) (resp.Value, error) { return c.expire(0, true) }

// PEXPIREAT sets a key's expiry as a unix time in milliseconds.
// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
// https://redis.io/commands/pexpireat
func cmdPExpireAt(c *cmd) (resp.Value, error) { return c.expire(0, false) }

// expire is Redis's expireGenericCommand, in its order: options, the number, overflow
// checks, the key, the NX/XX/GT/LT conditions (no TTL counts as infinite), and then a
// time not after now deletes the key instead of setting a TTL.
func (c *cmd) expire(base int64, seconds bool) (resp.Value, error) {
	bits, err := parseExpireOptions(c.argv[3:])
	if err != nil {
		return resp.Value{}, err
	}
	when, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if seconds {
		if when > math.MaxInt64/1000 || when < math.MinInt64/1000 {
			return resp.Value{}, errInvalidExpire(c.name)
		}
		when *= 1000
	}
	if when > math.MaxInt64-base {
		return resp.Value{}, errInvalidExpire(c.name)
	}
	when += base
	k, err := c.lookupWrite(c.argv[1])
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	cur, has := k.expireAt()
	switch {
	case bits&expNX != 0 && has,
		bits&expXX != 0 && !has,
		bits&expGT != 0 && (!has || when <= cur),
		bits&expLT != 0 && has && when >= cur:
		return resp.Int(0), nil
	}
	if when <= c.now {
		err = c.q.DeleteKeyByID(c.ctx, k.ID)
	} else {
		err = c.q.SetExpireAt(c.ctx, store.SetExpireAtParams{ExpireAt: nullTime(when), ID: k.ID})
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}

// TTL returns a key's remaining time to live in seconds (rounded), -1 without a TTL,
// -2 when missing.
// TTL key
// https://redis.io/commands/ttl
func cmdTTL(c *cmd) (resp.Value, error) { return c.ttl(false, false) }

// PTTL is TTL in milliseconds.
// PTTL key
// https://redis.io/commands/pttl
func cmdPTTL(c *cmd) (resp.Value, error) { return c.ttl(true, false) }

// EXPIRETIME returns a key's expiry as a unix time in seconds.
// EXPIRETIME key
// https://redis.io/commands/expiretime
func cmdExpireTime(c *cmd) (resp.Value, error) { return c.ttl(false, true) }

// PEXPIRETIME returns a key's expiry as a unix time in milliseconds.
// PEXPIRETIME key
// https://redis.io/commands/pexpiretime
func cmdPExpireTime(c *cmd) (resp.Value, error) { return c.ttl(true, true) }

// ttl is Redis's ttlGenericCommand.
func (c *cmd) ttl(ms, absolute bool) (resp.Value, error) {
	k, err := c.lookup(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Int(-2), nil
	}
	at, has := k.expireAt()
	if !has {
		return resp.Int(-1), nil
	}
	t := at
	if !absolute {
		t = at - c.now
	}
	if t < 0 {
		t = 0
	}
	if !ms {
		t = (t + 500) / 1000
	}
	return resp.Int(t), nil
}

// PERSIST removes a key's TTL; 1 if it had one.
// PERSIST key
// https://redis.io/commands/persist
func cmdPersist(c *cmd) (resp.Value, error) {
	k, err := c.lookupWrite(c.argv[1])
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	if !k.ExpireAt.Valid {
		return resp.Int(0), nil
	}
	if err := c.q.SetExpireAt(c.ctx, store.SetExpireAtParams{ID: k.ID}); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}
