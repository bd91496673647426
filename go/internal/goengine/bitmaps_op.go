package goengine

import "sqlettuce/go/internal/resp"

// BITOP combines strings bit by bit (AND, OR, XOR, or NOT of one) into a destination key,
// which holds a string as long as the longest source; returns that length.
// BITOP AND | OR | XOR | NOT destkey key [key ...]
// https://redis.io/commands/bitop
func cmdBitOp(c *cmd) (resp.Value, error) {
	op := cString(c.argv[1])
	var combine func(acc, b byte) byte
	switch {
	case equalFold(op, "and"):
		combine = func(acc, b byte) byte { return acc & b }
	case equalFold(op, "or"):
		combine = func(acc, b byte) byte { return acc | b }
	case equalFold(op, "xor"):
		combine = func(acc, b byte) byte { return acc ^ b }
	case equalFold(op, "not"):
		if len(c.argv) != 4 {
			return resp.Value{}, errBitopNotSingleKey
		}
	default:
		return resp.Value{}, errSyntax
	}
	// Missing sources are empty strings; any other type is WRONGTYPE, before any write.
	sources := make([][]byte, 0, len(c.argv)-3)
	longest := 0
	for _, name := range c.argv[3:] {
		k, err := c.lookupString(name)
		if err != nil {
			return resp.Value{}, err
		}
		sources = append(sources, k.Value)
		longest = max(longest, len(k.Value))
	}
	at := func(s []byte, j int) byte {
		if j < len(s) {
			return s[j]
		}
		return 0
	}
	result := make([]byte, longest)
	for j := range result {
		acc := at(sources[0], j)
		if combine == nil { // NOT
			result[j] = ^acc
			continue
		}
		for _, s := range sources[1:] {
			acc = combine(acc, at(s, j))
		}
		result[j] = acc
	}
	dst := c.argv[2]
	old, err := c.lookupWrite(dst)
	if err != nil {
		return resp.Value{}, err
	}
	switch {
	case longest == 0 && old.ok:
		// An empty result deletes the destination, as Redis does.
		err = c.q.DeleteKeyByID(c.ctx, old.ID)
	case longest > 0:
		// The destination becomes a plain string without TTL, whatever it held.
		err = c.setString(dst, old, result, 0)
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(int64(longest)), nil
}
