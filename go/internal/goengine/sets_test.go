package goengine

import (
	"bytes"
	"fmt"
	"slices"
	"testing"
)

// Replies recorded from Redis 7.0.15 (multi-member replies in this engine's member
// order, checked against Redis as multisets).
func TestSets(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	run(t, s, []step{
		c("+OK\r\n", "flushall"),
		c(":2\r\n", "sadd", "s", "a", "b", "a"),
		c(":1\r\n", "sadd", "s", "b", "c"),
		c(":1\r\n", "srem", "s", "a", "zz", "a"),
		c(":0\r\n", "srem", "nokey", "a"),
		c(":1\r\n", "sismember", "s", "b"),
		c(":0\r\n", "sismember", "s", "a"),
		c(":0\r\n", "sismember", "nokey", "a"),
		c("*2\r\n:0\r\n:1\r\n", "smismember", "s", "a", "b"),
		c("*1\r\n:0\r\n", "smismember", "nokey", "a"),
		c(":2\r\n", "scard", "s"),
		c(":0\r\n", "scard", "nokey"),
		c("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", "smembers", "s"),
		c("*0\r\n", "smembers", "nokey"),
		c(":2\r\n", "srem", "s", "b", "c"),
		c(":0\r\n", "exists", "s"),
		c("+OK\r\n", "set", "str", "v"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sadd", "str", "a"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srem", "str", "a"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sismember", "str", "a"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smismember", "str", "a"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "scard", "str"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smembers", "str"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "spop", "str"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "spop", "str", "0"),
		c("-ERR value is out of range, must be positive\r\n", "spop", "str", "-1"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srandmember", "str"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srandmember", "str", "0"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sscan", "str", "0"),
		c("$-1\r\n", "spop", "nokey"),
		c("*0\r\n", "spop", "nokey", "3"),
		c("-ERR value is out of range, must be positive\r\n", "spop", "nokey", "x"),
		c("-ERR syntax error\r\n", "spop", "nokey", "1", "2"),
		c("$-1\r\n", "srandmember", "nokey"),
		c("*0\r\n", "srandmember", "nokey", "-5"),
		c("-ERR value is not an integer or out of range\r\n", "srandmember", "nokey", "x"),
		c("-ERR syntax error\r\n", "srandmember", "nokey", "1", "2"),
		c("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n", "srandmember", "nokey", "-9223372036854775808"),
		c(":1\r\n", "sadd", "one", "m"),
		c("$1\r\nm\r\n", "srandmember", "one"),
		c("*3\r\n$1\r\nm\r\n$1\r\nm\r\n$1\r\nm\r\n", "srandmember", "one", "-3"),
		c("*1\r\n$1\r\nm\r\n", "srandmember", "one", "3"),
		c("*0\r\n", "spop", "one", "0"),
		c("$1\r\nm\r\n", "spop", "one"),
		c(":0\r\n", "exists", "one"),
		c(":2\r\n", "sadd", "two", "x", "y"),
		c("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "spop", "two", "5"),
		c(":0\r\n", "exists", "two"),
		c(":0\r\n", "smove", "nokey", "str", "a"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smove", "str", "nokey", "a"),
		c(":2\r\n", "sadd", "a", "x", "y"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smove", "a", "str", "x"),
		c(":1\r\n", "smove", "a", "a", "x"),
		c(":0\r\n", "smove", "a", "a", "q"),
		c(":0\r\n", "smove", "a", "b", "q"),
		c(":1\r\n", "smove", "a", "b", "x"),
		c(":1\r\n", "sadd", "c", "y"),
		c(":1\r\n", "smove", "a", "c", "y"),
		c(":0\r\n", "exists", "a"),
		c("*1\r\n$1\r\ny\r\n", "smembers", "c"),
		c(":4\r\n", "sadd", "s1", "a", "b", "c", "d"),
		c(":3\r\n", "sadd", "s2", "c", "d", "e"),
		c(":3\r\n", "sadd", "s3", "d", "e", "f"),
		c("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "sinter", "s1", "s2"),
		c("*1\r\n$1\r\nd\r\n", "sinter", "s1", "s2", "s3"),
		c("*0\r\n", "sinter", "s1", "nokey"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sinter", "nokey", "str"),
		c("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", "sunion", "s1", "s2", "nokey"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sunion", "nokey", "str"),
		c("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "sdiff", "s1", "s2"),
		c("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "sdiff", "s1", "s2", "s3"),
		c("*0\r\n", "sdiff", "nokey", "s1"),
		c("*0\r\n", "sdiff", "s1", "s1"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sdiff", "str", "nokey"),
		c(":2\r\n", "sintercard", "2", "s1", "s2"),
		c(":1\r\n", "sintercard", "2", "s1", "s2", "LIMIT", "1"),
		c(":2\r\n", "sintercard", "2", "s1", "s2", "LIMIT", "0"),
		c("-ERR numkeys should be greater than 0\r\n", "sintercard", "0", "s1"),
		c("-ERR numkeys should be greater than 0\r\n", "sintercard", "x", "s1"),
		c("-ERR Number of keys can't be greater than number of args\r\n", "sintercard", "3", "s1"),
		c("-ERR syntax error\r\n", "sintercard", "1", "s1", "s2"),
		c("-ERR syntax error\r\n", "sintercard", "1", "s1", "LIMIT"),
		c("-ERR LIMIT can't be negative\r\n", "sintercard", "1", "s1", "LIMIT", "-1"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sintercard", "2", "s1", "str"),
		c("+OK\r\n", "set", "dst", "x"),
		c(":1\r\n", "expire", "dst", "100"),
		c(":2\r\n", "sinterstore", "dst", "s1", "s2"),
		c(":-1\r\n", "ttl", "dst"),
		c("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "smembers", "dst"),
		c(":0\r\n", "sinterstore", "dst", "s1", "nokey"),
		c(":0\r\n", "exists", "dst"),
		c(":5\r\n", "sunionstore", "dst", "s1", "s2"),
		c(":5\r\n", "scard", "dst"),
		c(":2\r\n", "sdiffstore", "dst", "s1", "s2", "s3"),
		c("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "smembers", "dst"),
		c(":2\r\n", "sdiffstore", "s1", "s1", "s2"),
		c("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "smembers", "s1"),
		c("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sinterstore", "dst", "s1", "str"),
		c("+set\r\n", "type", "dst"),
		c("*2\r\n$1\r\n0\r\n*0\r\n", "sscan", "nokey", "0", "FOO"),
		c("-ERR invalid cursor\r\n", "sscan", "nokey", "x"),
		c("-ERR syntax error\r\n", "sscan", "s3", "0", "COUNT", "0"),
		c("-ERR syntax error\r\n", "sscan", "s3", "0", "TYPE", "set"),
		c("*2\r\n$1\r\n0\r\n*3\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n", "sscan", "s3", "0"),
		c("*2\r\n$1\r\n0\r\n*1\r\n$1\r\ne\r\n", "sscan", "s3", "0", "MATCH", "e"),
		c("*2\r\n$1\r\n0\r\n*0\r\n", "sscan", "s3", "18446744073709551615"),
		c(":1\r\n", "sadd", "e", ""),
		c("*1\r\n$0\r\n\r\n", "smembers", "e"),
		c(":1\r\n", "srem", "e", ""),
		c(":0\r\n", "exists", "e"),
	})
}

// TestRandomCountBound: sqlettuce's own bound on negative counts (sample.go); Redis would
// build a reply without end.
func TestRandomCountBound(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	run(t, s, []step{
		c(":1\r\n", "SADD", "s", "a"),
		c(":1\r\n", "HSET", "h", "f", "v"),
		c("-ERR value is out of range\r\n", "SRANDMEMBER", "s", "-67108865"),
		c("-ERR value is out of range\r\n", "HRANDFIELD", "h", "-67108865"),
		c("*0\r\n", "SRANDMEMBER", "nokey", "-67108865"),
		c("*2\r\n$1\r\na\r\n$1\r\na\r\n", "SRANDMEMBER", "s", "-2"),
	})
}

// TestScanCursor walks sets page by page: every member comes exactly once when nothing
// changes, and none is skipped when each page is removed as it arrives (SSCAN + SREM).
func TestScanCursor(t *testing.T) {
	var set [][]byte
	for i := 0; i < 1000; i++ {
		set = append(set, []byte(fmt.Sprintf("member:%06d", i)))
	}
	for i := 0; i < 50; i++ {
		set = append(set, bytes.Repeat([]byte{'x'}, i))
	}
	set = append(set, []byte{0}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	slices.SortFunc(set, bytes.Compare)
	walk := func(members [][]byte, count int64, remove bool) [][]byte {
		var seen [][]byte
		cursor := int64(0)
		for calls := 0; calls < 100000; calls++ {
			snapshot := append([][]byte(nil), members...)
			next, rows, err := scanPage(cursor, count, func(m *[]byte) []byte { return *m },
				func(lower []byte, limit int64) ([][]byte, error) {
					var out [][]byte
					for _, m := range snapshot {
						if bytes.Compare(m, lower) >= 0 && (limit < 0 || int64(len(out)) < limit) {
							out = append(out, m)
						}
					}
					return out, nil
				},
				func(lower, upper []byte) ([][]byte, error) {
					var out [][]byte
					for _, m := range snapshot {
						if bytes.Compare(m, lower) >= 0 && bytes.Compare(m, upper) < 0 {
							out = append(out, m)
						}
					}
					return out, nil
				})
			if err != nil {
				t.Fatal(err)
			}
			seen = append(seen, rows...)
			if remove {
				kept := members[:0:0]
				for _, m := range members {
					gone := false
					for _, r := range rows {
						gone = gone || bytes.Equal(m, r)
					}
					if !gone {
						kept = append(kept, m)
					}
				}
				members = kept
			}
			if next == 0 {
				return seen
			}
			if next <= cursor {
				t.Fatalf("cursor went from %d to %d", cursor, next)
			}
			cursor = next
		}
		t.Fatal("the scan did not end")
		return nil
	}
	for _, count := range []int64{1, 3, 10, 5000} {
		seen := walk(set, count, false)
		if len(seen) != len(set) {
			t.Errorf("count %d: %d elements returned for %d", count, len(seen), len(set))
		}
		for i := range seen {
			if i < len(set) && !bytes.Equal(seen[i], set[i]) {
				t.Fatalf("count %d: element %d is %q, want %q", count, i, seen[i], set[i])
			}
		}
	}
	seen := walk(set, 7, true)
	for _, m := range set {
		found := false
		for _, s := range seen {
			found = found || bytes.Equal(m, s)
		}
		if !found {
			t.Errorf("with removals, %q was skipped", m)
		}
	}
	if cursorFor(nil) != 1 {
		t.Error("the empty element's cursor must be 1")
	}
	if _, ok := cursorBound(cursorSpan + 1); ok {
		t.Error("a cursor past the span must end the scan")
	}
}
