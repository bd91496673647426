package resp

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// parseAll parses every complete request in in, like a session does.
func parseAll(in []byte) (cmds [][]string, consumed int, err error) {
	var argv [][]byte
	for consumed < len(in) {
		var n int
		argv, n, err = Parse(in[consumed:], argv[:0], DefaultMaxBulkLen)
		if err != nil || n == 0 {
			return cmds, consumed, err
		}
		consumed += n
		if len(argv) == 0 {
			continue
		}
		var c []string
		for _, a := range argv {
			c = append(c, string(a))
		}
		cmds = append(cmds, c)
	}
	return cmds, consumed, nil
}

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string // fmt %q of the commands
		consumed int    // -1: all of in
		err      string
	}{
		{"multibulk", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", `[["GET" "k"]]`, -1, ""},
		{"pipeline", "*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\nPING\r\n", `[["PING"] ["ECHO" ""] ["PING"]]`, -1, ""},
		{"binary", "*1\r\n$5\r\na\r\n\x00b\r\n", `[["a\r\n\x00b"]]`, -1, ""},
		{"star zero and negative are skipped", "*0\r\n*-1\r\n*-7\r\n*1\r\n$1\r\nx\r\n", `[["x"]]`, -1, ""},
		{"bulk terminator not checked", "*1\r\n$4\r\nPINGxx*1\r\n$1\r\nx\r\n", `[["PING"] ["x"]]`, -1, ""},
		{"byte after CR skipped unread", "*1\r\n$4\rXPING\r\n", `[["PING"]]`, -1, ""},
		{"partial header", "*2\r\n$3\r\nGE", `[]`, 0, ""},
		{"partial after complete", "PING\r\n*2\r\n$3\r\nGET\r\n", `[["PING"]]`, 6, ""},
		{"count without LF yet", "*1\r", `[]`, 0, ""},
		{"bulk len without LF yet", "*1\r\n$4\r", `[]`, 0, ""},
		{"declared huge bulk waits", "*1\r\n$536870912\r\nab", `[]`, 0, ""},
		{"declared huge count waits", "*2147483647\r\n$1\r\na\r\n", `[]`, 0, ""},
		{"inline", "SET k v\r\n", `[["SET" "k" "v"]]`, -1, ""},
		{"inline bare LF", "PING\nPING\r\n", `[["PING"] ["PING"]]`, -1, ""},
		{"inline empty lines", "\r\n\n  \r\nPING\r\n", `[["PING"]]`, -1, ""},
		{"inline spaces", "  ECHO   a   \r\n", `[["ECHO" "a"]]`, -1, ""},
		{"inline double quotes", `SET k "hello world"` + "\r\n", `[["SET" "k" "hello world"]]`, -1, ""},
		{"inline escapes", `SET k "a\x41\n\t\"q\"\r\b\a\z"` + "\r\n", `[["SET" "k" "aA\n\t\"q\"\r\b\az"]]`, -1, ""},
		{"inline bad hex kept", `X "\x4g"` + "\r\n", `[["X" "x4g"]]`, -1, ""},
		{"inline single quotes", `SET k 'it\'s \n'` + "\r\n", `[["SET" "k" "it's \\n"]]`, -1, ""},
		{"inline empty quoted", `ECHO ""` + "\r\n", `[["ECHO" ""]]`, -1, ""},
		{"inline quote inside token", `SET k a"b c"d` + "\r\n", ``, 0, "Protocol error: unbalanced quotes in request"},
		{"inline quote joins", `SET k a"b c"` + "\r\n", `[["SET" "k" "ab c"]]`, -1, ""},
		{"inline vertical tab inside token", "SET k a\vb\r\n", `[["SET" "k" "a\vb"]]`, -1, ""},
		{"inline NUL ends the search", "PING\x00\r\n", `[]`, 0, ""},
		{"inline partial", "PIN", `[]`, 0, ""},
		{"unbalanced double", "SET k \"abc\r\n", ``, 0, "Protocol error: unbalanced quotes in request"},
		{"unbalanced single", "SET k 'abc\r\n", ``, 0, "Protocol error: unbalanced quotes in request"},
		{"closing quote then letter", "SET \"he\"llo x\r\n", ``, 0, "Protocol error: unbalanced quotes in request"},
		{"commands before an error", "PING\r\n*1\r\nx\r\n", `[["PING"]]`, 6, "Protocol error: expected '$', got 'x'"},
		{"invalid multibulk", "*abc\r\n", ``, 0, "Protocol error: invalid multibulk length"},
		{"multibulk plus sign", "*+1\r\n", ``, 0, "Protocol error: invalid multibulk length"},
		{"multibulk leading zero", "*01\r\n", ``, 0, "Protocol error: invalid multibulk length"},
		{"multibulk too many", "*2147483648\r\n", ``, 0, "Protocol error: invalid multibulk length"},
		{"expected dollar", "*1\r\n:4\r\n", ``, 0, "Protocol error: expected '$', got ':'"},
		{"negative bulk", "*1\r\n$-1\r\n", ``, 0, "Protocol error: invalid bulk length"},
		{"bulk leading zero", "*1\r\n$04\r\nPING\r\n", ``, 0, "Protocol error: invalid bulk length"},
		{"bulk too big", "*1\r\n$536870913\r\n", ``, 0, "Protocol error: invalid bulk length"},
		{"bulk len not a number", "*1\r\n$x\r\n", ``, 0, "Protocol error: invalid bulk length"},
		{"too big inline", strings.Repeat("A", InlineMaxSize+1), ``, 0, "Protocol error: too big inline request"},
		{"too big count", "*" + strings.Repeat("1", InlineMaxSize+1), ``, 0, "Protocol error: too big mbulk count string"},
		{"too big bulk count", "*1\r\n$" + strings.Repeat("1", InlineMaxSize), ``, 0, "Protocol error: too big bulk count string"},
		{"inline at limit waits", strings.Repeat("A", InlineMaxSize), `[]`, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmds, consumed, err := parseAll([]byte(tt.in))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
			} else if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if tt.want != "" {
				got := fmt.Sprintf("%q", cmds)
				if cmds == nil {
					got = "[]"
				}
				if got != tt.want {
					t.Fatalf("commands = %s, want %s", got, tt.want)
				}
			}
			want := tt.consumed
			if want < 0 {
				want = len(tt.in)
			}
			if consumed != want {
				t.Fatalf("consumed = %d, want %d", consumed, want)
			}
		})
	}
}

// Parse must never copy or allocate for declared-but-unsent lengths, and must reuse
// the argv slice it is given.
func TestParseNoAllocs(t *testing.T) {
	in := []byte("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n")
	argv := make([][]byte, 0, 8)
	allocs := testing.AllocsPerRun(100, func() {
		argv, _, _ = Parse(in, argv[:0], DefaultMaxBulkLen)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per multibulk parse", allocs)
	}
	inline := []byte("SET key value\r\n")
	allocs = testing.AllocsPerRun(100, func() {
		argv, _, _ = Parse(inline, argv[:0], DefaultMaxBulkLen)
	})
	if allocs != 0 {
		t.Fatalf("%v allocations per unquoted inline parse", allocs)
	}
}

func TestParseInt(t *testing.T) {
	good := map[string]int64{"0": 0, "1": 1, "-1": -1, "9223372036854775807": 1<<63 - 1,
		"-9223372036854775808": -1 << 63, "120": 120}
	for s, want := range good {
		if got, ok := ParseInt([]byte(s)); !ok || got != want {
			t.Errorf("ParseInt(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "-", "+1", "01", "-0", " 1", "1 ", "1.0", "9223372036854775808",
		"-9223372036854775809", "18446744073709551616", "abc", "1e3"} {
		if _, ok := ParseInt([]byte(s)); ok {
			t.Errorf("ParseInt(%q) accepted", s)
		}
	}
}

func TestAppend(t *testing.T) {
	v := Array(Simple("OK"), Error("ERR a\r\nb"), Int(-5), Bulk([]byte("x\r\n")), Null(),
		NullArray(), Map(BulkString("k"), Int(1)), Array())
	got := string(Append(nil, v))
	want := "*8\r\n+OK\r\n-ERR a  b\r\n:-5\r\n$3\r\nx\r\n\r\n$-1\r\n*-1\r\n*2\r\n$1\r\nk\r\n:1\r\n*0\r\n"
	if got != want {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func encode(argv [][]byte) []byte {
	var b []byte
	b = append(b, fmt.Sprintf("*%d\r\n", len(argv))...)
	for _, a := range argv {
		b = append(b, fmt.Sprintf("$%d\r\n", len(a))...)
		b = append(b, a...)
		b = append(b, "\r\n"...)
	}
	return b
}

// FuzzParse: Parse never panics, never claims more bytes than it has, reports
// "incomplete" only for input that a longer input could complete, and reads back any
// well-formed multibulk request exactly.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"*1\r\n$4\r\nPING\r\n", "SET k \"v w\"\r\n", "*0\r\n", "'a\\'b'\n",
		"*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "\"\\x41\"\r\n", "*1\r\n$-1\r\n", "*-1\r\n\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		argv, n, err := Parse(in, nil, DefaultMaxBulkLen)
		if n < 0 || n > len(in) {
			t.Fatalf("consumed %d of %d", n, len(in))
		}
		if err != nil && n != 0 {
			t.Fatalf("error with consumed %d", n)
		}
		if err == nil && n > 0 {
			// The same request must parse the same with trailing bytes after it.
			argv2, n2, err2 := Parse(append(append([]byte{}, in...), "*1\r\n$1\r\nx\r\n"...), nil, DefaultMaxBulkLen)
			if err2 != nil || n2 != n || len(argv2) != len(argv) {
				t.Fatalf("prefix parse changed: %v %d/%d %d/%d", err2, n2, n, len(argv2), len(argv))
			}
			for i := range argv {
				if !bytes.Equal(argv[i], argv2[i]) {
					t.Fatalf("argument %d changed", i)
				}
			}
			// Round trip: encoding the arguments as multibulk reads back the same.
			if len(argv) > 0 {
				enc := encode(argv)
				back, m, err := Parse(enc, nil, DefaultMaxBulkLen)
				if err != nil || m != len(enc) || len(back) != len(argv) {
					t.Fatalf("round trip failed: %v %d/%d", err, m, len(enc))
				}
				for i := range argv {
					if !bytes.Equal(argv[i], back[i]) {
						t.Fatalf("round trip argument %d differs", i)
					}
				}
			}
		}
	})
}
