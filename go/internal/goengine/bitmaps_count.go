package goengine

import (
	"math/bits"

	"sqlettuce/go/internal/resp"
)

// BITCOUNT counts the set bits of a string, or of a range of its bytes or bits.
// BITCOUNT key [start end [BYTE | BIT]]
// https://redis.io/commands/bitcount
func cmdBitCount(c *cmd) (resp.Value, error) {
	// Redis 7.0 looks the key up first: a missing key is 0 whatever the arguments say.
	k, err := c.lookupString(c.argv[1])
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	v := k.Value
	n := int64(len(v))
	var start, end int64
	var inBits bool
	switch len(c.argv) {
	case 2:
		start, end = 0, n-1
	case 4, 5:
		if start, err = parseInt(c.argv[2]); err != nil {
			return resp.Value{}, err
		}
		if end, err = parseInt(c.argv[3]); err != nil {
			return resp.Value{}, err
		}
		// Checked before the unit, so a bad unit after such a range still counts 0.
		if start < 0 && end < 0 && start > end {
			return resp.Int(0), nil
		}
		if len(c.argv) == 5 {
			if inBits, err = bitUnit(c.argv[4]); err != nil {
				return resp.Value{}, err
			}
		}
		start, end = clampRange(start, end, n, inBits)
	default:
		return resp.Value{}, errSyntax
	}
	if start > end {
		return resp.Int(0), nil
	}
	if !inBits {
		return resp.Int(popcount(v[start : end+1])), nil
	}
	// Whole bytes, less the bits of the edge bytes outside the range.
	first, last := start>>3, end>>3
	before := v[first] &^ (0xff >> (start & 7))
	after := v[last] & byte(1<<(7-(end&7))-1)
	return resp.Int(popcount(v[first:last+1]) - int64(bits.OnesCount8(before)+bits.OnesCount8(after))), nil
}

func popcount(b []byte) int64 {
	var n int
	for len(b) >= 8 {
		n += bits.OnesCount64(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
			uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56)
		b = b[8:]
	}
	for _, x := range b {
		n += bits.OnesCount8(x)
	}
	return int64(n)
}

// BITPOS returns the position of the first set or clear bit, in the string or in a range
// of its bytes or bits.
// BITPOS key bit [start [end [BYTE | BIT]]]
// https://redis.io/commands/bitpos
func cmdBitPos(c *cmd) (resp.Value, error) {
	bit, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if bit != 0 && bit != 1 {
		return resp.Value{}, errBitArgument
	}
	// A missing key is an endless run of clear bits, whatever the range (Redis 7.0 answers
	// before it parses the range).
	k, err := c.lookupString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Int(-bit), nil
	}
	v := k.Value
	n := int64(len(v))
	// The range as bit positions, and whether the caller gave its end.
	var first, last int64
	endGiven := len(c.argv) >= 5
	switch len(c.argv) {
	case 3:
		first, last = 0, n*8-1
	case 4, 5, 6:
		start, err := parseInt(c.argv[3])
		if err != nil {
			return resp.Value{}, err
		}
		inBits := false
		if len(c.argv) == 6 {
			if inBits, err = bitUnit(c.argv[5]); err != nil {
				return resp.Value{}, err
			}
		}
		end := int64(-1)
		if endGiven {
			if end, err = parseInt(c.argv[4]); err != nil {
				return resp.Value{}, err
			}
		}
		start, end = clampRange(start, end, n, inBits)
		if start > end {
			// Empty (compared in the caller's unit: a huge start times 8 would wrap).
			return resp.Int(-1), nil
		}
		first, last = start, end
		if !inBits {
			first, last = start*8, end*8+7
		}
	default:
		return resp.Value{}, errSyntax
	}
	if first > last {
		return resp.Int(-1), nil
	}
	if pos, ok := findBit(v, first, last, bit == 1); ok {
		return resp.Int(pos), nil
	}
	if bit == 0 && !endGiven {
		// No clear bit in the range: without an explicit end the string counts as padded
		// with clear bits, so the answer is the first bit after the range's last byte.
		return resp.Int((last | 7) + 1), nil
	}
	return resp.Int(-1), nil
}

// findBit is the first bit equal to bit from position first to last (inside v).
func findBit(v []byte, first, last int64, bit bool) (int64, bool) {
	skip := byte(0)
	if !bit {
		skip = 0xff
	}
	for pos := first; pos <= last; {
		b := v[pos>>3]
		// Whole bytes that cannot hold the bit are skipped at once.
		if pos&7 == 0 && pos+7 <= last && b == skip {
			pos += 8
			continue
		}
		if (b&(0x80>>(pos&7)) != 0) == bit {
			return pos, true
		}
		pos++
	}
	return 0, false
}
