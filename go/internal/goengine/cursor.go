package goengine

import (
	"encoding/binary"
	"math"
	"strconv"

	"sqlettuce/go/internal/resp"
)

// Cursors for HSCAN and SSCAN (any collection stored in primary-key order of its
// elements' bytes).
//
// A Redis cursor is an unsigned integer, but a collection's rows are ordered by blobs.
// The cursor therefore names a point in that order by the first bytes of the next
// element: cursor = 1 + (first 8 bytes, zero-padded, big-endian) >> 2, so it fits in 62
// bits plus one, and 0 stays "start" and "done". Decoding gives those bytes without
// trailing NULs, which is never after the element it came from, so the next call resumes
// at or before it: an element present for the whole scan is never skipped (elements
// sharing the prefix may come twice, which SCAN allows). Each call moves the cursor
// strictly forward; when every row fetched shares the cursor's prefix, the call returns
// that whole group (COUNT is a hint, as in Redis) and moves to the next prefix. The
// cursor holds no state: it survives restarts and works on any connection. The Rust
// engine's commands/cursor.rs is the same scheme.

// cursorSpan: cursors above it (after the +1) point past every element.
const cursorSpan = int64(1) << 62

// cursorFor is the cursor that resumes at element (or before it).
func cursorFor(element []byte) int64 {
	var b [8]byte
	copy(b[:], element)
	return int64(binary.BigEndian.Uint64(b[:])>>2) + 1
}

// cursorBound is the lower bound a non-zero cursor stands for; false past the end.
func cursorBound(cursor int64) ([]byte, bool) {
	x := cursor - 1
	if x < 0 || x >= cursorSpan {
		return nil, false
	}
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(x)<<2)
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	return b, true
}

// parseScanOptions reads HSCAN/SSCAN's [MATCH pattern] [COUNT count] like
// scanGenericCommand: repeats allowed (the last wins), COUNT < 1 is a syntax error. The
// pattern is nil for no filter (also for "*").
func parseScanOptions(args [][]byte) (count int64, pattern []byte, err error) {
	count = 10
	for i := 0; i < len(args); i += 2 {
		more := i+1 < len(args)
		switch opt := cString(args[i]); {
		case equalFold(opt, "count") && more:
			if count, err = parseInt(args[i+1]); err != nil {
				return 0, nil, err
			}
			if count < 1 {
				return 0, nil, errSyntax
			}
		case equalFold(opt, "match") && more:
			pattern = args[i+1]
			if len(pattern) == 1 && pattern[0] == '*' {
				pattern = nil
			}
		default:
			return 0, nil, errSyntax
		}
	}
	return count, pattern, nil
}

// scanPage reads one page of a scan: the next cursor (0 when done) and the rows to reply.
// from(lower, limit) returns up to limit rows (-1: all) at or after lower, in order;
// between(lower, upper) every row in [lower, upper); key gives a row's element. The page
// ends before the first row that shares the next cursor's prefix, so an unchanged
// collection gives each element exactly once. When every row read shares one prefix,
// the page is that whole group.
func scanPage[T any](cursor, count int64, key func(*T) []byte,
	from func(lower []byte, limit int64) ([]T, error),
	between func(lower, upper []byte) ([]T, error)) (int64, []T, error) {
	lower := []byte{}
	if cursor != 0 {
		b, ok := cursorBound(cursor)
		if !ok {
			return 0, nil, nil
		}
		lower = b
	}
	limit := count
	if limit < math.MaxInt64 {
		limit++ // one row more than asked tells whether the scan is over
	}
	rows, err := from(lower, limit)
	if err != nil || int64(len(rows)) <= count {
		return 0, rows, err
	}
	next := cursorFor(key(&rows[count]))
	// Cursors never decrease along the rows, so the rows before next are a prefix.
	keep := 0
	for keep < int(count) && cursorFor(key(&rows[keep])) < next {
		keep++
	}
	if keep > 0 {
		return next, rows[:keep], nil
	}
	// Every row read shares next's prefix: return that whole group.
	group, _ := cursorBound(next)
	if upper, ok := cursorBound(next + 1); ok {
		rows, err = between(group, upper)
		return next + 1, rows, err
	}
	rows, err = from(group, -1)
	return 0, rows, err
}

// scanReply is [cursor, [items...]], the cursor as a decimal bulk string.
func scanReply(next int64, items []resp.Value) resp.Value {
	return resp.Array(resp.BulkString(strconv.FormatInt(next, 10)), resp.Array(items...))
}
