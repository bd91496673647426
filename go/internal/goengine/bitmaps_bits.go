package goengine

import "sqlettuce/go/internal/resp"

// GETBIT returns the bit at an offset of a string; past the end (or a missing key) it is 0.
// GETBIT key offset
// https://redis.io/commands/getbit
func cmdGetBit(c *cmd) (resp.Value, error) {
	// The offset is checked before the key, so a bad offset on a list is not WRONGTYPE.
	offset, err := c.bitOffset(c.argv[2], 0)
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(b2i(k.ok && getBit(k.Value, offset))), nil
}

// SETBIT sets or clears the bit at an offset, zero-padding the string; returns the old bit.
// SETBIT key offset value
// https://redis.io/commands/setbit
func cmdSetBit(c *cmd) (resp.Value, error) {
	offset, err := c.bitOffset(c.argv[2], 0)
	if err != nil {
		return resp.Value{}, err
	}
	on, err := parseInt(c.argv[3])
	if err != nil || on&^1 != 0 {
		return resp.Value{}, errBitValue
	}
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	old := getBit(k.Value, offset)
	need := int(offset>>3) + 1
	grown := len(k.Value) < need
	// Redis signals the key (and so WATCH) only when the string grew or the bit changed;
	// a write that changes nothing writes nothing here either.
	if !k.ok || grown || old != (on == 1) {
		v := growZero(k.Value, need)
		setBit(v, offset, on == 1)
		if err := c.storeString(k, v); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(b2i(old)), nil
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
