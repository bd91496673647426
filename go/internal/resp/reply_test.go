package resp

import (
	"math"
	"testing"
)

func TestAppendRESP2(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{OK(), "+OK\r\n"},
		{Int(-12), ":-12\r\n"},
		{BulkString(""), "$0\r\n\r\n"},
		{Null(), "$-1\r\n"},
		{NullArray(), "*-1\r\n"},
		{Array(BulkString("a"), Int(1)), "*2\r\n$1\r\na\r\n:1\r\n"},
		{Error("ERR a\r\nb"), "-ERR a  b\r\n"},
		// RESP3 kinds as Redis 7.0 sends them to a RESP2 client.
		{Map(BulkString("k"), Int(1)), "*2\r\n$1\r\nk\r\n:1\r\n"},
		{Set(BulkString("m")), "*1\r\n$1\r\nm\r\n"},
		{Double(0.1), "$19\r\n0.10000000000000001\r\n"},
		{Double(math.Inf(-1)), "$4\r\n-inf\r\n"},
		{Pairs(BulkString("a"), Double(1.5), BulkString("b"), Double(2)),
			"*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n"},
		{Push(BulkString("message")), "*1\r\n$7\r\nmessage\r\n"},
		{Verbatim([]byte("a:1\r\n")), "$5\r\na:1\r\n\r\n"},
		{Bool(true), ":1\r\n"},
		{Bool(false), ":0\r\n"},
	}
	for _, c := range cases {
		if got := string(Append(nil, c.v)); got != c.want {
			t.Errorf("RESP2 %+v: got %q, want %q", c.v, got, c.want)
		}
		if got := string(AppendProto(nil, c.v, RESP2)); got != c.want {
			t.Errorf("AppendProto(RESP2) %+v: got %q, want %q", c.v, got, c.want)
		}
	}
}

func TestAppendRESP3(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{Null(), "_\r\n"},
		{NullArray(), "_\r\n"},
		{OK(), "+OK\r\n"},
		{Int(7), ":7\r\n"},
		{BulkString("x"), "$1\r\nx\r\n"},
		{Error("ERR syntax error"), "-ERR syntax error\r\n"},
		{Map(BulkString("k"), Null(), BulkString("j"), Array()),
			"%2\r\n$1\r\nk\r\n_\r\n$1\r\nj\r\n*0\r\n"},
		{Map(), "%0\r\n"},
		{Set(BulkString("m")), "~1\r\n$1\r\nm\r\n"},
		{Set(), "~0\r\n"},
		{Double(3), ",3\r\n"},
		{Double(0.1), ",0.10000000000000001\r\n"},
		{Double(math.Inf(1)), ",inf\r\n"},
		{Double(math.Copysign(0, -1)), ",-0\r\n"},
		{Double(1e300), ",1.0000000000000001e+300\r\n"},
		{Pairs(BulkString("a"), Double(1.5), BulkString("b"), Double(2)),
			"*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n"},
		{Pairs(), "*0\r\n"},
		{Push(BulkString("message"), BulkString("c")), ">2\r\n$7\r\nmessage\r\n$1\r\nc\r\n"},
		{Verbatim([]byte("# Keyspace\r\n")), "=16\r\ntxt:# Keyspace\r\n\r\n"},
		{Bool(true), "#t\r\n"},
		{Bool(false), "#f\r\n"},
		// Nested values follow the connection's protocol too.
		{Array(Null(), Set(Double(1))), "*2\r\n_\r\n~1\r\n,1\r\n"},
	}
	for _, c := range cases {
		if got := string(AppendProto(nil, c.v, RESP3)); got != c.want {
			t.Errorf("RESP3 %+v: got %q, want %q", c.v, got, c.want)
		}
	}
}
