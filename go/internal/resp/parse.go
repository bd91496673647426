// Package resp reads RESP2 requests and writes RESP replies, the way Redis 7 does.
//
// The parser follows networking.c (processInlineBuffer, processMultibulkBuffer) closely,
// including its quirks, because clients and tests see them: the error texts, which bytes
// are skipped, what counts as "incomplete", and that C string functions stop at NUL.
package resp

import "bytes"

// Limits from Redis 7.0's server.h and config.c.
const (
	// InlineMaxSize is PROTO_INLINE_MAX_SIZE: a header or inline line longer than this
	// without its terminator is an error, not a wait.
	InlineMaxSize = 64 * 1024
	// DefaultMaxBulkLen is proto-max-bulk-len's default (512 MB). The engine's CONFIG
	// holds the live value, which callers pass to Parse.
	DefaultMaxBulkLen = 512 * 1024 * 1024
	// MaxMultibulkLen is what Redis 7.0 accepts as an argument count (INT_MAX; Redis
	// before 7.0 capped it at 1024*1024, and 7.0.15 answers `*1048577` by waiting).
	MaxMultibulkLen = 1<<31 - 1
)

// ProtocolError is a malformed request. Redis replies "-ERR " + Msg and closes the
// connection.
type ProtocolError struct{ Msg string }

func (e *ProtocolError) Error() string { return e.Msg }

// The texts Redis sends, in one place.
var (
	errUnbalancedQuotes  = &ProtocolError{"Protocol error: unbalanced quotes in request"}
	errTooBigInline      = &ProtocolError{"Protocol error: too big inline request"}
	errTooBigMbulkCount  = &ProtocolError{"Protocol error: too big mbulk count string"}
	errInvalidMultibulk  = &ProtocolError{"Protocol error: invalid multibulk length"}
	errTooBigBulkCount   = &ProtocolError{"Protocol error: too big bulk count string"}
	errInvalidBulkLength = &ProtocolError{"Protocol error: invalid bulk length"}
)

func errExpectedDollar(got byte) *ProtocolError {
	return &ProtocolError{"Protocol error: expected '$', got '" + string([]byte{got}) + "'"}
}

// Parse reads one request from the start of buf and appends its arguments to argv
// (pass argv[:0] of a reused slice to avoid allocating); a bulk argument may be at most
// maxBulkLen bytes (proto-max-bulk-len). It returns the extended argv and how many bytes
// the request took:
//
//   - n == 0, err == nil: buf holds only part of a request; wait for more bytes.
//   - n > 0, len(argv) unchanged: an empty inline line or a `*0`/`*-1` header, which Redis
//     skips silently.
//   - err != nil: a protocol error; the connection must be closed after replying.
//
// Arguments point into buf (inline arguments with quotes or escapes are fresh copies),
// so they are valid only while buf is.
func Parse(buf []byte, argv [][]byte, maxBulkLen int64) ([][]byte, int, error) {
	if len(buf) == 0 {
		return argv, 0, nil
	}
	if buf[0] == '*' {
		return parseMultibulk(buf, argv, maxBulkLen)
	}
	return parseInline(buf, argv)
}

// cIndex is strchr on a Redis sds: the search stops at the first NUL byte.
func cIndex(buf []byte, c byte) int {
	for i, b := range buf {
		if b == c {
			return i
		}
		if b == 0 {
			return -1
		}
	}
	return -1
}

func parseInline(buf []byte, argv [][]byte) ([][]byte, int, error) {
	nl := cIndex(buf, '\n')
	if nl < 0 {
		if len(buf) > InlineMaxSize {
			return argv, 0, errTooBigInline
		}
		return argv, 0, nil
	}
	line := buf[:nl]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	argv, ok := SplitArgs(line, argv)
	if !ok {
		return argv, 0, errUnbalancedQuotes
	}
	return argv, nl + 1, nil
}

func parseMultibulk(buf []byte, argv [][]byte, maxBulkLen int64) ([][]byte, int, error) {
	start := len(argv)
	cr := cIndex(buf, '\r')
	if cr < 0 {
		if len(buf) > InlineMaxSize {
			return argv, 0, errTooBigMbulkCount
		}
		return argv, 0, nil
	}
	// Redis waits until the byte after '\r' is there too, then skips it unread.
	if cr > len(buf)-2 {
		return argv, 0, nil
	}
	count, ok := ParseInt(buf[1:cr])
	if !ok || count > MaxMultibulkLen {
		return argv, 0, errInvalidMultibulk
	}
	pos := cr + 2
	if count <= 0 {
		return argv, pos, nil
	}
	for ; count > 0; count-- {
		rest := buf[pos:]
		cr = cIndex(rest, '\r')
		if cr < 0 {
			if len(rest) > InlineMaxSize {
				return argv[:start], 0, errTooBigBulkCount
			}
			return argv[:start], 0, nil
		}
		if cr > len(rest)-2 {
			return argv[:start], 0, nil
		}
		if rest[0] != '$' {
			return argv[:start], 0, errExpectedDollar(rest[0])
		}
		n, ok := ParseInt(rest[1:cr])
		if !ok || n < 0 || n > maxBulkLen {
			return argv[:start], 0, errInvalidBulkLength
		}
		pos += cr + 2
		// Like Redis, take n bytes and skip the two after them without looking.
		if int64(len(buf)-pos) < n+2 {
			return argv[:start], 0, nil
		}
		argv = append(argv, buf[pos:pos+int(n):pos+int(n)])
		pos += int(n) + 2
	}
	return argv, pos, nil
}

// SplitArgs splits an inline line like Redis's sdssplitargs: spaces separate arguments,
// "double quotes" take \xHH \n \r \t \b \a and \<any> escapes, 'single quotes' take \'
// only, and a closing quote must be followed by a space or the end. ok is false on
// unbalanced quotes. Like sdssplitargs it works on a C string, so it stops at a NUL.
func SplitArgs(line []byte, argv [][]byte) ([][]byte, bool) {
	if i := bytes.IndexByte(line, 0); i >= 0 {
		line = line[:i]
	}
	start := len(argv)
	p := 0
	for {
		for p < len(line) && isSpace(line[p]) {
			p++
		}
		if p >= len(line) {
			return argv, true
		}
		// Fast path: a token with no quotes is a slice of the input.
		q := p
		for q < len(line) && !endsToken(line[q]) && line[q] != '"' && line[q] != '\'' {
			q++
		}
		if q >= len(line) || endsToken(line[q]) {
			argv = append(argv, line[p:q:q])
			p = q
			continue
		}
		var cur []byte
		inq, insq, done := false, false, false
		cur = append(cur, line[p:q]...)
		p = q
		for !done {
			if inq {
				if p >= len(line) {
					return argv[:start], false
				}
				if line[p] == '\\' && p+3 < len(line) && line[p+1] == 'x' &&
					isHex(line[p+2]) && isHex(line[p+3]) {
					cur = append(cur, hexVal(line[p+2])*16+hexVal(line[p+3]))
					p += 3
				} else if line[p] == '\\' && p+1 < len(line) {
					p++
					c := line[p]
					switch c {
					case 'n':
						c = '\n'
					case 'r':
						c = '\r'
					case 't':
						c = '\t'
					case 'b':
						c = '\b'
					case 'a':
						c = '\a'
					}
					cur = append(cur, c)
				} else if line[p] == '"' {
					// A closing quote must be followed by a space or the end.
					if p+1 < len(line) && !isSpace(line[p+1]) {
						return argv[:start], false
					}
					done = true
				} else {
					cur = append(cur, line[p])
				}
			} else if insq {
				if p >= len(line) {
					return argv[:start], false
				}
				if line[p] == '\\' && p+1 < len(line) && line[p+1] == '\'' {
					p++
					cur = append(cur, '\'')
				} else if line[p] == '\'' {
					if p+1 < len(line) && !isSpace(line[p+1]) {
						return argv[:start], false
					}
					done = true
				} else {
					cur = append(cur, line[p])
				}
			} else {
				if p >= len(line) {
					done = true
					break
				}
				switch c := line[p]; {
				case endsToken(c):
					done = true
				case c == '"':
					inq = true
				case c == '\'':
					insq = true
				default:
					cur = append(cur, line[p])
				}
			}
			if p < len(line) {
				p++
			}
		}
		if cur == nil {
			cur = []byte{}
		}
		argv = append(argv, cur)
	}
}

// endsToken: an unquoted token ends at these (not at \v or \f, which isspace skips
// between tokens: sdssplitargs uses two different tests).
func endsToken(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// isSpace is C's isspace in the "C" locale, which sdssplitargs uses between arguments.
func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func hexVal(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// ParseInt is Redis's string2ll: an optional '-', then digits with no leading zero
// ("0" alone is fine), no '+', no spaces, and no overflow of int64.
func ParseInt(s []byte) (int64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	if len(s) == 1 && s[0] == '0' {
		return 0, true
	}
	neg := false
	p := 0
	if s[0] == '-' {
		neg = true
		p++
		if p == len(s) {
			return 0, false
		}
	}
	if s[p] < '1' || s[p] > '9' {
		return 0, false
	}
	var v uint64
	for ; p < len(s); p++ {
		c := s[p]
		if c < '0' || c > '9' {
			return 0, false
		}
		if v > (1<<64-1)/10 {
			return 0, false
		}
		v *= 10
		if v > 1<<64-1-uint64(c-'0') {
			return 0, false
		}
		v += uint64(c - '0')
	}
	if neg {
		if v > 1<<63 {
			return 0, false
		}
		return -int64(v), true
	}
	if v > 1<<63-1 {
		return 0, false
	}
	return int64(v), true
}
