package goengine

import (
	"math"
	"math/big"
	"strings"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// INCR adds one to an integer value.
// INCR key
// https://redis.io/commands/incr
func cmdIncr(c *cmd) (resp.Value, error) { return c.incrBy(1) }

// DECR subtracts one from an integer value.
// DECR key
// https://redis.io/commands/decr
func cmdDecr(c *cmd) (resp.Value, error) { return c.incrBy(-1) }

// INCRBY adds an integer to an integer value.
// INCRBY key increment
// https://redis.io/commands/incrby
func cmdIncrBy(c *cmd) (resp.Value, error) {
	n, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	return c.incrBy(n)
}

// DECRBY subtracts an integer from an integer value.
// DECRBY key decrement
// https://redis.io/commands/decrby
func cmdDecrBy(c *cmd) (resp.Value, error) {
	n, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if n == math.MinInt64 {
		return resp.Value{}, errDecrOverflow
	}
	return c.incrBy(-n)
}

// incrBy is Redis's incrDecrCommand: the value must be a string2ll integer, and a sum
// that leaves int64 is an error that leaves the value alone. The TTL is kept.
func (c *cmd) incrBy(incr int64) (resp.Value, error) {
	// A live string: one statement, which also refuses a non-integer or an overflow.
	// (The INCR family writes, so it runs on the writer connection.)
	n, err := c.q.IncrStringInPlace(c.ctx, store.IncrStringInPlaceParams{
		Incr: incr, Db: c.s.db, Key: c.argv[1], Now: c.now})
	switch {
	case err != nil && strings.Contains(err.Error(), incrNotInteger):
		return resp.Value{}, errNotInteger
	case err != nil && strings.Contains(err.Error(), incrOverflow):
		return resp.Value{}, errOverflow
	case err != nil:
		return resp.Value{}, err
	case n == 1:
		return resp.Int(c.e.writer.count.lastIncr), nil
	}
	// Missing or expired: a new string holding the increment, one statement.
	var buf [24]byte
	done, err := c.setIfString(c.argv[1], appendInt(buf[:0], incr), 0)
	if err != nil {
		return resp.Value{}, err
	}
	if done {
		return resp.Int(incr), nil
	}
	// Another type (live: WRONGTYPE; expired: deleted, then created below).
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	var v int64
	if k.ok {
		if v, err = parseInt(k.Value); err != nil {
			return resp.Value{}, err
		}
	}
	if (incr < 0 && v < 0 && incr < math.MinInt64-v) || (incr > 0 && v > 0 && incr > math.MaxInt64-v) {
		return resp.Value{}, errOverflow
	}
	v += incr
	if err := c.storeString(k, appendInt(buf[:0], v)); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(v), nil
}

// storeString writes a string's new value: in place (keeping the TTL) when the key
// exists, as a new key without TTL otherwise.
func (c *cmd) storeString(k key, value []byte) error {
	if k.ok {
		return c.updateString(c.argv[1], value)
	}
	return c.setString(c.argv[1], k, value, 0)
}

// INCRBYFLOAT adds a floating point number to a value, in x87 long double arithmetic
// like Redis on x86-64, and stores the "%.17Lf" text with trailing zeros removed.
// INCRBYFLOAT key increment
// https://redis.io/commands/incrbyfloat
func cmdIncrByFloat(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	value := new(big.Float).SetPrec(ldPrec)
	if k.ok {
		if value, err = parseLongDouble(k.Value); err != nil {
			return resp.Value{}, err
		}
	}
	incr, err := parseLongDouble(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	sum, ok := addLongDouble(value, incr)
	if !ok {
		return resp.Value{}, errNaNOrInf
	}
	text := formatLongDouble(sum)
	if err := c.storeString(k, text); err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(text), nil
}
