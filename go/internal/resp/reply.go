package resp

import (
	"bytes"
	"strconv"
)

// Kind is the shape of a reply.
type Kind uint8

const (
	KindNull      Kind = iota // $-1 in RESP2: a missing value
	KindSimple                // +text
	KindError                 // -text (Text holds the whole message, "ERR ..." included)
	KindInt                   // :n
	KindBulk                  // $len bytes
	KindArray                 // *n items
	KindNullArray             // *-1
	KindMap                   // a map; RESP2 sends it as a flat array of key, value, ...
)

// Value is what a command handler returns; Append encodes it. It is a plain struct, not
// an interface, so returning an integer or a bulk string allocates nothing.
type Value struct {
	Kind  Kind
	Int   int64
	Text  string  // KindSimple, KindError
	Bytes []byte  // KindBulk
	Items []Value // KindArray; KindMap holds key, value, key, value...
}

// Constructors, so handlers read like the reply they send.

func Null() Value                { return Value{Kind: KindNull} }
func NullArray() Value           { return Value{Kind: KindNullArray} }
func Simple(s string) Value      { return Value{Kind: KindSimple, Text: s} }
func OK() Value                  { return Value{Kind: KindSimple, Text: "OK"} }
func Error(msg string) Value     { return Value{Kind: KindError, Text: msg} }
func Int(n int64) Value          { return Value{Kind: KindInt, Int: n} }
func Bulk(b []byte) Value        { return Value{Kind: KindBulk, Bytes: b} }
func BulkString(s string) Value  { return Value{Kind: KindBulk, Bytes: []byte(s)} }
func Array(items ...Value) Value { return Value{Kind: KindArray, Items: nonNil(items)} }
func Map(kv ...Value) Value      { return Value{Kind: KindMap, Items: nonNil(kv)} }

// BulkOrNull is a bulk string, or null when b is nil (a missing key).
func BulkOrNull(b []byte) Value {
	if b == nil {
		return Null()
	}
	return Bulk(b)
}

func nonNil(items []Value) []Value {
	if items == nil {
		return []Value{}
	}
	return items
}

// Append encodes v in RESP2 at the end of dst.
func Append(dst []byte, v Value) []byte {
	switch v.Kind {
	case KindNull:
		return append(dst, "$-1\r\n"...)
	case KindNullArray:
		return append(dst, "*-1\r\n"...)
	case KindSimple:
		dst = append(dst, '+')
		dst = append(dst, v.Text...)
		return append(dst, '\r', '\n')
	case KindError:
		return AppendError(dst, v.Text)
	case KindInt:
		dst = append(dst, ':')
		dst = strconv.AppendInt(dst, v.Int, 10)
		return append(dst, '\r', '\n')
	case KindBulk:
		return AppendBulk(dst, v.Bytes)
	case KindArray, KindMap:
		dst = append(dst, '*')
		dst = strconv.AppendInt(dst, int64(len(v.Items)), 10)
		dst = append(dst, '\r', '\n')
		for _, it := range v.Items {
			dst = Append(dst, it)
		}
		return dst
	}
	panic("resp: unknown reply kind")
}

// AppendBulk encodes a bulk string.
func AppendBulk(dst, b []byte) []byte {
	dst = append(dst, '$')
	dst = strconv.AppendInt(dst, int64(len(b)), 10)
	dst = append(dst, '\r', '\n')
	dst = append(dst, b...)
	return append(dst, '\r', '\n')
}

// AppendError encodes an error reply. Like Redis's addReplyErrorLength it turns CR and
// LF into spaces, so text that quotes user input cannot break the protocol.
func AppendError(dst []byte, msg string) []byte {
	dst = append(dst, '-')
	for i := 0; i < len(msg); i++ {
		c := msg[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		dst = append(dst, c)
	}
	return append(dst, '\r', '\n')
}

// ReplyLen is the length of the RESP2/RESP3 reply at the start of b; false when it is
// malformed or cut short. For tests and fuzzers that check what an engine sent.
func ReplyLen(b []byte) (int, bool) {
	end := bytes.Index(b, []byte("\r\n"))
	if end < 1 {
		return 0, false
	}
	after := end + 2
	switch b[0] {
	case '+', '-', ':', '_', ',', '#', '(':
		return after, true
	case '$', '=', '!':
		n, err := strconv.Atoi(string(b[1:end]))
		if err != nil {
			return 0, false
		}
		if n < 0 {
			return after, true
		}
		if len(b) < after+n+2 || string(b[after+n:after+n+2]) != "\r\n" {
			return 0, false
		}
		return after + n + 2, true
	case '*', '~', '>', '%', '|':
		n, err := strconv.Atoi(string(b[1:end]))
		if err != nil {
			return 0, false
		}
		if b[0] == '%' || b[0] == '|' {
			n *= 2
		}
		at := after
		for i := 0; i < n; i++ {
			m, ok := ReplyLen(b[at:])
			if !ok {
				return 0, false
			}
			at += m
		}
		return at, true
	}
	return 0, false
}
