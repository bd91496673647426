package resp

import (
	"bytes"
	"math"
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
	KindSet                   // ~n in RESP3, an array in RESP2
	KindDouble                // ,%.17g in RESP3, the same text as a bulk string in RESP2
	KindPairs                 // member, score, ...: [member, score] arrays in RESP3, flat in RESP2
	KindPush                  // >n in RESP3 (pub/sub messages), an array in RESP2
	KindVerbatim              // =len txt:... in RESP3 (INFO), a bulk string in RESP2
	KindBool                  // #t/#f in RESP3, :1/:0 in RESP2
	// KindDeferred is the place of a pub/sub command's reply inside EXEC's array: it
	// encodes to nothing, and the server writes what the command replies there once it
	// has run it (AppendProtoMarked says where).
	KindDeferred
)

// Protocol versions a session speaks (HELLO 2 / HELLO 3).
const (
	RESP2 = 2
	RESP3 = 3
)

// Value is what a command handler returns; Append encodes it. It is a plain struct, not
// an interface, so returning an integer or a bulk string allocates nothing.
type Value struct {
	Kind  Kind
	Int   int64   // KindInt; KindBool: 1 or 0
	Float float64 // KindDouble
	Text  string  // KindSimple, KindError
	Bytes []byte  // KindBulk, KindVerbatim
	Items []Value // KindArray, KindSet, KindPush; KindMap and KindPairs hold key, value, ...
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
func Set(items ...Value) Value   { return Value{Kind: KindSet, Items: nonNil(items)} }
func Double(v float64) Value     { return Value{Kind: KindDouble, Float: v} }
func Pairs(flat ...Value) Value  { return Value{Kind: KindPairs, Items: nonNil(flat)} }
func Push(items ...Value) Value  { return Value{Kind: KindPush, Items: nonNil(items)} }
func Verbatim(text []byte) Value { return Value{Kind: KindVerbatim, Bytes: text} }
func Deferred() Value            { return Value{Kind: KindDeferred} }
func Bool(b bool) Value {
	if b {
		return Value{Kind: KindBool, Int: 1}
	}
	return Value{Kind: KindBool}
}

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
func Append(dst []byte, v Value) []byte { return AppendProto(dst, v, RESP2) }

// AppendProtoMarked is AppendProto that also appends to marks, in order, the offset in
// dst of every KindDeferred at the top level or in a top-level array (EXEC's reply).
func AppendProtoMarked(dst []byte, v Value, proto int, marks []int) ([]byte, []int) {
	switch v.Kind {
	case KindDeferred:
		return dst, append(marks, len(dst))
	case KindArray:
		dst = appendHeader(dst, '*', int64(len(v.Items)))
		for _, it := range v.Items {
			if it.Kind == KindDeferred {
				marks = append(marks, len(dst))
			} else {
				dst = AppendProto(dst, it, proto)
			}
		}
		return dst, marks
	}
	return AppendProto(dst, v, proto), marks
}

// AppendProto encodes v at the end of dst in protocol proto (RESP3 when 3, else RESP2).
// Every RESP3 kind encodes in RESP2 exactly as Redis 7.0 sends it to a RESP2 client.
func AppendProto(dst []byte, v Value, proto int) []byte {
	resp3 := proto == RESP3
	switch v.Kind {
	case KindNull, KindNullArray:
		if resp3 {
			return append(dst, "_\r\n"...)
		}
		if v.Kind == KindNull {
			return append(dst, "$-1\r\n"...)
		}
		return append(dst, "*-1\r\n"...)
	case KindSimple:
		dst = append(dst, '+')
		dst = append(dst, v.Text...)
		return append(dst, '\r', '\n')
	case KindError:
		return AppendError(dst, v.Text)
	case KindInt:
		return appendHeader(dst, ':', v.Int)
	case KindBulk:
		return AppendBulk(dst, v.Bytes)
	case KindArray:
		return appendAggregate(dst, '*', v.Items, proto)
	case KindMap:
		if !resp3 {
			return appendAggregate(dst, '*', v.Items, proto)
		}
		dst = appendHeader(dst, '%', int64(len(v.Items)/2))
		for _, it := range v.Items {
			dst = AppendProto(dst, it, proto)
		}
		return dst
	case KindSet:
		if resp3 {
			return appendAggregate(dst, '~', v.Items, proto)
		}
		return appendAggregate(dst, '*', v.Items, proto)
	case KindDouble:
		if !resp3 {
			var buf [32]byte // %.17g needs at most 24 bytes: no allocation
			return AppendBulk(dst, AppendDouble(buf[:0], v.Float))
		}
		dst = append(dst, ',')
		dst = AppendDouble(dst, v.Float)
		return append(dst, '\r', '\n')
	case KindPairs:
		if !resp3 {
			return appendAggregate(dst, '*', v.Items, proto)
		}
		dst = appendHeader(dst, '*', int64(len(v.Items)/2))
		for i := 0; i+1 < len(v.Items); i += 2 {
			dst = appendAggregate(dst, '*', v.Items[i:i+2], proto)
		}
		return dst
	case KindPush:
		if resp3 {
			return appendAggregate(dst, '>', v.Items, proto)
		}
		return appendAggregate(dst, '*', v.Items, proto)
	case KindVerbatim:
		if !resp3 {
			return AppendBulk(dst, v.Bytes)
		}
		dst = appendHeader(dst, '=', int64(len(v.Bytes)+4))
		dst = append(dst, "txt:"...)
		dst = append(dst, v.Bytes...)
		return append(dst, '\r', '\n')
	case KindDeferred:
		return dst
	case KindBool:
		if !resp3 {
			return appendHeader(dst, ':', v.Int)
		}
		if v.Int != 0 {
			return append(dst, "#t\r\n"...)
		}
		return append(dst, "#f\r\n"...)
	}
	panic("resp: unknown reply kind")
}

// AppendDouble is "%.17g", as Redis 7.0's addReplyDouble prints a double ("inf", "-inf",
// integral values without a point, exponents as e+NN).
func AppendDouble(dst []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(dst, "inf"...)
	case math.IsInf(v, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, v, 'g', 17, 64)
}

func appendHeader(dst []byte, kind byte, n int64) []byte {
	dst = append(dst, kind)
	dst = strconv.AppendInt(dst, n, 10)
	return append(dst, '\r', '\n')
}

func appendAggregate(dst []byte, kind byte, items []Value, proto int) []byte {
	dst = appendHeader(dst, kind, int64(len(items)))
	for _, it := range items {
		dst = AppendProto(dst, it, proto)
	}
	return dst
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
