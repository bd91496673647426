package e2e

import (
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// sendUntilClosed writes payload on a fresh connection (a write the server cuts short
// is fine) and returns what came back within wait, and whether the server closed.
func sendUntilClosed(t *testing.T, addr, payload string, wait time.Duration) (string, bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer c.Close()
	c.SetWriteDeadline(time.Now().Add(wait))
	c.Write([]byte(payload))
	var out []byte
	buf := make([]byte, 4096)
	c.SetReadDeadline(time.Now().Add(wait))
	for {
		n, err := c.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			ne, ok := err.(net.Error)
			return string(out), !ok || !ne.Timeout()
		}
	}
}

// expect reports what failed unless check holds.
func expect(t *testing.T, what string, check func() bool) {
	t.Helper()
	if !check() {
		t.Errorf("%s: it does not", what)
	}
}

// bulkSet is SET key with a value of n bytes, as raw RESP.
func bulkSet(key string, n int) string {
	return fmt.Sprintf("*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(key), key, n, strings.Repeat("v", n))
}

// configuredLimits changes the protocol limits with CONFIG SET and records every reply
// (and whether the connection closed) where Redis's would be compared byte for byte.
func configuredLimits(t *testing.T, addr string) []string {
	c := dial(t, addr)
	var out []string
	do := func(args ...string) { out = append(out, strings.Join(args, " ")+" -> "+c.do(args...)) }
	raw := func(what, payload string) {
		r, closed := sendUntilClosed(t, addr, payload, time.Second)
		out = append(out, fmt.Sprintf("%s -> %q closed=%v", what, clip(r), closed))
	}

	// proto-max-bulk-len: its floor, then a bulk one byte past it is a protocol error.
	do("CONFIG", "SET", "proto-max-bulk-len", "1k")
	do("CONFIG", "SET", "proto-max-bulk-len", "1mb")
	do("CONFIG", "GET", "proto-max-bulk-len")
	raw("bulk past the limit", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048577\r\n")
	raw("bulk at the limit", bulkSet("k", 1<<20))
	do("STRLEN", "k")
	// No string may grow past it either.
	do("SETRANGE", "k", "1048576", "y")
	do("APPEND", "k", "y")
	do("SETRANGE", "k", "1048575", "z")
	do("CONFIG", "SET", "proto-max-bulk-len", "1073741824000")
	do("CONFIG", "GET", "proto-max-bulk-len")
	do("APPEND", "k", "y")
	do("CONFIG", "SET", "proto-max-bulk-len", "512mb")

	// client-query-buffer-limit's floor and value.
	do("CONFIG", "SET", "client-query-buffer-limit", "100")
	do("CONFIG", "SET", "client-query-buffer-limit", "2gb")
	do("CONFIG", "GET", "client-query-buffer-limit")
	do("CONFIG", "SET", "client-query-buffer-limit", "1gb")

	// client-output-buffer-limit: classes merge, replica means slave, Redis's errors.
	do("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 2k 3 replica 1 2 3")
	do("CONFIG", "GET", "client-output-buffer-limit")
	do("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2")
	do("CONFIG", "SET", "client-output-buffer-limit", "master 1 2 3")
	do("CONFIG", "SET", "client-output-buffer-limit", "pubsub -1 2 3")
	do("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2 3x")
	do("CONFIG", "SET", "client-output-buffer-limit", "")
	do("CONFIG", "GET", "client-output-buffer-limit")
	do("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60")
	return out
}

func TestConfiguredLimitsLikeRedis(t *testing.T) {
	want := configuredLimits(t, startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got := configuredLimits(t, s.addr())
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				t.Errorf("step %d:\n got %s\nwant %s", i, clip(got[min(i, len(got)-1)]), clip(want[i]))
			}
		}
		s.alive(t)
	})
}

// A string may not grow past what SQLite stores in one value (10^9 bytes) even when
// proto-max-bulk-len is raised past it: SETBIT, BITFIELD and SETRANGE answer Redis's own
// limit errors up front instead of allocating gigabytes (a failed allocation aborts Redis
// and would abort us) or failing at the write. Not compared with redis-server: it
// would allocate what it was asked for.
func TestStringsStopAtSQLiteLimit(t *testing.T) {
	const bitOffset = "-ERR bit offset is not an integer or out of range\r\n"
	const tooLong = "-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		for _, step := range []struct {
			args []string
			want string
		}{
			{[]string{"CONFIG", "SET", "proto-max-bulk-len", "9223372036854775807"}, "+OK\r\n"},
			{[]string{"SETBIT", "k", "9223372036854775807", "0"}, bitOffset},
			{[]string{"SETBIT", "k", "8000000000", "1"}, bitOffset},
			{[]string{"BITFIELD", "k", "SET", "u8", "8000000000", "1"}, bitOffset},
			{[]string{"SETRANGE", "k", "1000000000", "x"}, tooLong},
			{[]string{"SET", "k", "v"}, "+OK\r\n"},
			{[]string{"SETRANGE", "k", "999999999", "xy"}, tooLong},
			{[]string{"GET", "k"}, "$1\r\nv\r\n"},
		} {
			if got := c.do(step.args...); got != step.want {
				t.Errorf("%v: got %q, want %q", step.args, got, step.want)
			}
		}
		s.alive(t)
	})
}

// The limits the server enforces apply as soon as CONFIG SET replies and behave as Redis's (checked on
// the oracle too): a query buffer past client-query-buffer-limit closes the client
// without a reply while one below it waits; a reply past the normal class's hard output
// limit closes the client unsent; a subscriber that does not read is dropped once its
// output passes the pubsub class's limit. Other clients and the data are untouched.
func TestClientBufferLimits(t *testing.T) {
	run := func(t *testing.T, addr string) {
		c := dial(t, addr)
		// Query buffer: 1.5 MB of a 2 MB argument is past a 1 MB limit.
		if r := c.do("CONFIG", "SET", "client-query-buffer-limit", "1mb"); r != "+OK\r\n" {
			t.Fatalf("CONFIG SET client-query-buffer-limit = %q", r)
		}
		partial := "*3\r\n$3\r\nSET\r\n$1\r\nq\r\n$2000000\r\n" + strings.Repeat("x", 1500000)
		expect(t, "a query buffer past the limit closes the client", func() bool {
			r, closed := sendUntilClosed(t, addr, partial, 2*time.Second)
			return closed && r == ""
		})
		if r, closed := sendUntilClosed(t, addr, "*3\r\n$3\r\nSET\r\n$1\r\nq\r\n$2000000\r\n"+strings.Repeat("x", 900000), time.Second); closed || r != "" {
			t.Errorf("a query buffer below the limit: got %q closed=%v, want a wait", r, closed)
		}
		c.do("CONFIG", "SET", "client-query-buffer-limit", "1gb")

		// Normal class: a 2 MB reply past a 1 MB hard limit closes the client unsent.
		big := strings.Repeat("b", 2000000)
		if r := c.do("SET", "big", big); r != "+OK\r\n" {
			t.Fatalf("SET big = %q", r)
		}
		c.do("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0")
		expect(t, "a reply past the normal hard limit closes the client", func() bool {
			r, closed := sendUntilClosed(t, addr, "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n", 2*time.Second)
			return closed && r == ""
		})
		if r, closed := sendUntilClosed(t, addr, "*2\r\n$6\r\nSTRLEN\r\n$3\r\nbig\r\n", time.Second); r != ":2000000\r\n" || closed {
			t.Errorf("a small reply under the limit: got %q closed=%v", r, closed)
		}
		c.do("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0")

		// Pubsub class: a subscriber that never reads is dropped past 1 MB.
		c.do("CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 0 0")
		expect(t, "a subscriber that does not read is dropped", func() bool {
			sub, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			defer sub.Close()
			sub.(*net.TCPConn).SetReadBuffer(4096)
			sub.Write(encode("SUBSCRIBE", "slow"))
			for range 100 {
				if r := c.do("PUBSUB", "NUMSUB", "slow"); r == "*2\r\n$4\r\nslow\r\n:1\r\n" {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			message := strings.Repeat("m", 100000)
			for range 150 {
				if r := c.do("PUBLISH", "slow", message); !strings.HasPrefix(r, ":") {
					t.Fatalf("PUBLISH = %q", r)
				}
			}
			// Both close the subscriber asynchronously: wait for it to leave.
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
				if c.do("PUBSUB", "NUMSUB", "slow") == "*2\r\n$4\r\nslow\r\n:0\r\n" {
					return true
				}
				time.Sleep(20 * time.Millisecond)
			}
			return false
		})
		c.do("CONFIG", "SET", "client-output-buffer-limit", "pubsub 32mb 8mb 60")
		if r := c.do("STRLEN", "big"); r != ":2000000\r\n" {
			t.Errorf("STRLEN big after the limits = %q", r)
		}
	}
	t.Run("redis", func(t *testing.T) { run(t, startOracle(t)) })
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		run(t, s.addr())
		s.alive(t)
	})
}
