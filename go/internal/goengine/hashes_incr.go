package goengine

import (
	"math"
	"math/big"

	"sqlettuce/go/internal/resp"
)

// HINCRBY adds an integer to a field's integer value (a missing field counts as 0). As
// hincrbyCommand: the increment is parsed before the key is looked at; a value that is
// not a string2ll integer, or a sum outside 64 bits, is an error that changes nothing.
// HINCRBY key field increment
// https://redis.io/commands/hincrby
func cmdHIncrBy(c *cmd) (resp.Value, error) {
	incr, err := parseInt(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeHash)
	if err != nil {
		return resp.Value{}, err
	}
	var v int64
	if k.ok {
		old, ok, err := c.hashGet(k.ID, c.argv[2])
		if err != nil {
			return resp.Value{}, err
		}
		if ok {
			if v, err = parseInt(old); err != nil {
				return resp.Value{}, errHashNotInteger
			}
		}
	}
	if (incr < 0 && v < 0 && incr < math.MinInt64-v) || (incr > 0 && v > 0 && incr > math.MaxInt64-v) {
		return resp.Value{}, errOverflow
	}
	v += incr
	var buf [24]byte
	if err := c.setField(k, appendInt(buf[:0], v)); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(v), nil
}

// HINCRBYFLOAT adds a floating point number to a field's value (a missing field counts
// as 0), in x87 long double arithmetic like Redis on x86-64, with INCRBYFLOAT's parser
// and "%.17Lf" human format. An infinite increment is refused before the key is looked
// at, with its own text.
// HINCRBYFLOAT key field increment
// https://redis.io/commands/hincrbyfloat
func cmdHIncrByFloat(c *cmd) (resp.Value, error) {
	incr, err := parseLongDouble(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	if incr.IsInf() {
		return resp.Value{}, errValueNaNOrInf
	}
	k, err := c.lookupWriteKind(c.argv[1], typeHash)
	if err != nil {
		return resp.Value{}, err
	}
	value := new(big.Float).SetPrec(ldPrec)
	if k.ok {
		old, ok, err := c.hashGet(k.ID, c.argv[2])
		if err != nil {
			return resp.Value{}, err
		}
		if ok {
			if value, err = parseLongDouble(old); err != nil {
				return resp.Value{}, errHashNotFloat
			}
		}
	}
	sum, ok := addLongDouble(value, incr)
	if !ok {
		return resp.Value{}, errNaNOrInf
	}
	text := formatLongDouble(sum)
	if err := c.setField(k, text); err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(text), nil
}

// setField stores argv[2] = value in the hash at argv[1] (k, created when missing).
func (c *cmd) setField(k key, value []byte) error {
	return c.writeHash(c.argv[1], k, func(id int64) (int64, error) {
		if isNew, err := c.hashSet(id, c.argv[2], value); err != nil || !isNew {
			return 0, err
		}
		return 1, nil
	})
}
