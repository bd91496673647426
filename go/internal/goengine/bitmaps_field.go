package goengine

import (
	"math"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// Overflow modes of BITFIELD's SET and INCRBY.
const (
	overflowWrap = iota
	overflowSat
	overflowFail
)

// Kinds of BITFIELD operation.
const (
	fieldGet = iota
	fieldSet
	fieldIncrBy
)

// fieldOp is one GET, SET or INCRBY, with the OVERFLOW mode in force where it stands.
type fieldOp struct {
	kind     int
	signed   bool
	bits     uint
	offset   uint64
	value    int64
	overflow int
}

// BITFIELD reads, writes and increments integers of 1 to 64 bits at any bit offset of a
// string, in one command.
// BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | INCRBY encoding offset increment ...]
// https://redis.io/commands/bitfield
func cmdBitField(c *cmd) (resp.Value, error) { return c.bitField(false) }

// BITFIELD_RO is BITFIELD's read-only form: GET only.
// BITFIELD_RO key [GET encoding offset ...]
// https://redis.io/commands/bitfield_ro
func cmdBitFieldRO(c *cmd) (resp.Value, error) { return c.bitField(true) }

// fieldType is getBitfieldTypeFromArgument: 'i' or 'u' then a width, i1..i64 or u1..u63 (a
// u64 could not be replied as a signed 64-bit integer). The width is read as a C string.
func fieldType(arg []byte) (signed bool, bits uint, err error) {
	if len(arg) == 0 || (arg[0] != 'i' && arg[0] != 'u') {
		return false, 0, errBitfieldType
	}
	signed = arg[0] == 'i'
	n, perr := parseInt(cString(arg[1:]))
	limit := int64(63)
	if signed {
		limit = 64
	}
	if perr != nil || n < 1 || n > limit {
		return false, 0, errBitfieldType
	}
	return signed, uint(n), nil
}

// parseFields reads the whole argument list before anything runs: any error leaves the
// key alone.
func (c *cmd) parseFields() ([]fieldOp, error) {
	var ops []fieldOp
	overflow := overflowWrap
	for j := 2; j < len(c.argv); {
		left := len(c.argv) - j - 1
		sub := cString(c.argv[j])
		op := fieldOp{overflow: overflow}
		switch {
		case equalFold(sub, "get") && left >= 2:
			op.kind = fieldGet
		case equalFold(sub, "set") && left >= 3:
			op.kind = fieldSet
		case equalFold(sub, "incrby") && left >= 3:
			op.kind = fieldIncrBy
		case equalFold(sub, "overflow") && left >= 1:
			switch mode := cString(c.argv[j+1]); {
			case equalFold(mode, "wrap"):
				overflow = overflowWrap
			case equalFold(mode, "sat"):
				overflow = overflowSat
			case equalFold(mode, "fail"):
				overflow = overflowFail
			default:
				return nil, errBitfieldOverflow
			}
			j += 2
			continue
		default:
			return nil, errSyntax
		}
		var err error
		if op.signed, op.bits, err = fieldType(c.argv[j+1]); err != nil {
			return nil, err
		}
		if op.offset, err = c.bitOffset(c.argv[j+2], int64(op.bits)); err != nil {
			return nil, err
		}
		j += 3
		if op.kind != fieldGet {
			if op.value, err = parseInt(c.argv[j]); err != nil {
				return nil, err
			}
			j++
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func (c *cmd) bitField(readOnly bool) (resp.Value, error) {
	ops, err := c.parseFields()
	if err != nil {
		return resp.Value{}, err
	}
	// The farthest bit a SET or INCRBY reaches: the string grows to hold it before any
	// operation runs, even one whose overflow then fails.
	var highest uint64
	writes := false
	for _, op := range ops {
		if op.kind != fieldGet {
			writes = true
			highest = max(highest, op.offset+uint64(op.bits)-1)
		}
	}
	replies := make([]resp.Value, 0, len(ops))
	if !writes {
		// Only GETs: a read, which neither creates nor pads the key.
		k, err := c.lookupString(c.argv[1])
		if err != nil {
			return resp.Value{}, err
		}
		for _, op := range ops {
			replies = append(replies, readField(k.Value, op))
		}
		return resp.Array(replies...), nil
	}
	if readOnly {
		return resp.Value{}, errBitfieldRoGetOnly
	}
	k, err := c.lookupWriteString(c.argv[1])
	if err != nil {
		return resp.Value{}, err
	}
	need := int(highest>>3) + 1
	grown := len(k.Value) < need
	v := growZero(k.Value, need)
	changes := 0
	for _, op := range ops {
		if op.kind == fieldGet {
			replies = append(replies, readField(v, op))
			continue
		}
		old := getField(v, op.offset, op.bits)
		var next uint64
		var overflowed bool
		if op.signed {
			n, o := signedField(signExtend(old, op.bits), op)
			next, overflowed = uint64(n), o
		} else {
			next, overflowed = unsignedField(old, op)
		}
		if overflowed && op.overflow == overflowFail {
			replies = append(replies, resp.Null())
			continue
		}
		shown := old
		if op.kind == fieldIncrBy {
			shown = next
		}
		if op.signed {
			replies = append(replies, resp.Int(signExtend(shown, op.bits)))
		} else {
			replies = append(replies, resp.Int(int64(shown)))
		}
		setField(v, op.offset, op.bits, next)
		// Redis counts a write as a change when the string grew or the field changed.
		if grown || maskField(old, op.bits) != maskField(next, op.bits) {
			changes++
		}
	}
	switch {
	case !k.ok:
		err = c.setString(c.argv[1], k, v, 0)
	case changes > 0:
		err = c.updateString(c.argv[1], v)
	case grown:
		// Every write failed: Redis still padded the string, without touching the key.
		err = c.q.PadStringValueByName(c.ctx, store.PadStringValueByNameParams{
			Value: v, Db: c.s.db, Key: c.argv[1]})
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Array(replies...), nil
}

// readField is a GET: the field, zero past the end of the string.
func readField(v []byte, op fieldOp) resp.Value {
	raw := getField(v, op.offset, op.bits)
	if op.signed {
		return resp.Int(signExtend(raw, op.bits))
	}
	return resp.Int(int64(raw))
}

func maskField(v uint64, bits uint) uint64 {
	if bits == 64 {
		return v
	}
	return v & (1<<bits - 1)
}

func signExtend(raw uint64, bits uint) int64 {
	if bits < 64 && raw&(1<<(bits-1)) != 0 {
		return int64(raw | math.MaxUint64<<bits)
	}
	return int64(raw)
}

// getField is the bits-wide unsigned field at bit offset; bits past the end read as 0.
func getField(v []byte, offset uint64, bits uint) uint64 {
	var n uint64
	for i := uint64(0); i < uint64(bits); i++ {
		n = n<<1 | uint64(b2i(getBit(v, offset+i)))
	}
	return n
}

// setField writes the low bits of n at bit offset (inside v).
func setField(v []byte, offset uint64, bits uint, n uint64) {
	for i := uint64(0); i < uint64(bits); i++ {
		setBit(v, offset+i, n&(1<<(uint64(bits)-1-i)) != 0)
	}
}

// unsignedField is SET or INCRBY of an unsigned field: the value to store and whether it
// overflowed (checkUnsignedBitfieldOverflow: WRAP keeps the low bits, SAT the nearest
// limit).
func unsignedField(old uint64, op fieldOp) (uint64, bool) {
	limit := uint64(1)<<op.bits - 1 // bits <= 63
	value, incr := uint64(op.value), int64(0)
	if op.kind == fieldIncrBy {
		value, incr = old, op.value
	}
	maxIncr, minIncr := int64(limit-value), int64(-value)
	wrapped := (value + uint64(incr)) & limit
	switch {
	case value > limit || (incr > 0 && incr > maxIncr):
		if op.overflow == overflowSat {
			return limit, true
		}
		return wrapped, true
	case incr < 0 && incr < minIncr:
		if op.overflow == overflowSat {
			return 0, true
		}
		return wrapped, true
	}
	return value + uint64(incr), false
}

// signedField is SET or INCRBY of a signed field (checkSignedBitfieldOverflow): WRAP wraps
// in two's complement of the width, SAT clamps to the width's limits.
func signedField(old int64, op fieldOp) (int64, bool) {
	bits := op.bits
	hi := int64(math.MaxInt64)
	if bits < 64 {
		hi = 1<<(bits-1) - 1
	}
	lo := -hi - 1
	value, incr := op.value, int64(0)
	if op.kind == fieldIncrBy {
		value, incr = old, op.value
	}
	maxIncr := int64(uint64(hi) - uint64(value))
	minIncr := lo - value
	sum := uint64(value) + uint64(incr)
	wrapped := int64(sum)
	if bits < 64 {
		wrapped = signExtend(sum&(1<<bits-1), bits)
	}
	switch {
	case value > hi || (bits != 64 && incr > maxIncr) || (value >= 0 && incr > 0 && incr > maxIncr):
		if op.overflow == overflowSat {
			return hi, true
		}
		return wrapped, true
	case value < lo || (bits != 64 && incr < minIncr) || (value < 0 && incr < 0 && incr < minIncr):
		if op.overflow == overflowSat {
			return lo, true
		}
		return wrapped, true
	}
	return value + incr, false
}
