package goengine

import "sqlettuce/go/internal/resp"

// checkStringLength is Redis's: a string may not grow past proto-max-bulk-len (nor past
// what SQLite stores), and the sum must not overflow.
func (c *cmd) checkStringLength(size, add int64) error {
	total := int64(uint64(size) + uint64(add))
	if total > c.e.config.maxStringLen() || total < size || total < add {
		return errStringTooLong
	}
	return nil
}

// APPEND appends to a string value (creating it) and returns the new length.
// APPEND key value
// https://redis.io/commands/append
func cmdAppend(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	add := c.argv[2]
	if !k.ok {
		if err := c.setString(c.argv[1], k, add, 0); err != nil {
			return resp.Value{}, err
		}
		return resp.Int(int64(len(add))), nil
	}
	if err := c.checkStringLength(int64(len(k.Value)), int64(len(add))); err != nil {
		return resp.Value{}, err
	}
	v := append(k.Value, add...)
	if err := c.updateString(c.argv[1], v); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(int64(len(v))), nil
}

// SETRANGE overwrites part of a string at an offset, padding with zero bytes, and
// returns the new length.
// SETRANGE key offset value
// https://redis.io/commands/setrange
func cmdSetRange(c *cmd) (resp.Value, error) {
	offset, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if offset < 0 {
		return resp.Value{}, errOffsetRange
	}
	value := c.argv[3]
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok && len(value) == 0 {
		return resp.Int(0), nil // setting nothing on a missing key creates nothing
	}
	if k.ok && len(value) == 0 {
		return resp.Int(int64(len(k.Value))), nil
	}
	if err := c.checkStringLength(offset, int64(len(value))); err != nil {
		return resp.Value{}, err
	}
	v := k.Value
	if need := int(offset) + len(value); need > len(v) {
		v = append(v, make([]byte, need-len(v))...)
	}
	copy(v[offset:], value)
	if err := c.storeString(k, v); err != nil {
		return resp.Value{}, err
	}
	return resp.Int(int64(len(v))), nil
}
