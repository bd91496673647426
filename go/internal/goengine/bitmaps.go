package goengine

// Bitmap commands read and write a string as an array of bits, bit 0 being the most
// significant bit of the first byte (Redis's bitops.c). The value stays whole in
// keys.value, like every string.

// bitOffset is getBitOffsetFromArgument: a bit offset, string2ll over the whole argument;
// with bits > 0 (BITFIELD) a leading '#' counts in units of that width. Negative offsets,
// and offsets whose byte is past proto-max-bulk-len (or what SQLite stores), are refused
// with one text.
func (c *cmd) bitOffset(arg []byte, bits int64) (uint64, error) {
	unit := int64(1)
	if len(arg) > 0 && arg[0] == '#' && bits > 0 {
		arg, unit = arg[1:], bits
	}
	n, err := parseInt(arg)
	if err != nil {
		return 0, errBitOffset
	}
	n *= unit // C multiplies without a check; wrapping like it turns a huge #N negative
	if n < 0 || n>>3 >= c.e.config.maxStringLen() {
		return 0, errBitOffset
	}
	return uint64(n), nil
}

// bitUnit reads BITCOUNT's and BITPOS's unit: BYTE (false) or BIT (true).
func bitUnit(arg []byte) (bool, error) {
	switch u := cString(arg); {
	case equalFold(u, "bit"):
		return true, nil
	case equalFold(u, "byte"):
		return false, nil
	}
	return false, errSyntax
}

// clampRange converts a range's ends, in bits or bytes of a string of n bytes, as Redis
// does: negative ends count from the end, both are clamped into the string. The result
// may be empty (start > end).
func clampRange(start, end, n int64, bits bool) (int64, int64) {
	total := n
	if bits {
		total = n << 3
	}
	if start < 0 {
		start += total
	}
	if end < 0 {
		end += total
	}
	start, end = max(start, 0), max(end, 0)
	if end >= total {
		end = total - 1
	}
	return start, end
}

// getBit is the bit at offset, 0 past the end.
func getBit(v []byte, offset uint64) bool {
	i := offset >> 3
	return i < uint64(len(v)) && v[i]&(0x80>>(offset&7)) != 0
}

// setBit sets or clears the bit at offset, which must be inside v.
func setBit(v []byte, offset uint64, on bool) {
	mask := byte(0x80) >> (offset & 7)
	if on {
		v[offset>>3] |= mask
	} else {
		v[offset>>3] &^= mask
	}
}

// growZero pads v with zero bytes to n bytes.
func growZero(v []byte, n int) []byte {
	if len(v) >= n {
		return v
	}
	return append(v, make([]byte, n-len(v))...)
}
