package e2e

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Blocking commands over TCP on every path, with several connections. No timing is
// asserted: a client is known to be blocked once the write it pipelined just before its
// blocking command is visible (both ran in the same group, and the server registers a
// blocked client before it runs the next group), and waits have generous bounds.

// waitUntil polls cond until it holds, failing after a generous bound.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// blockAfterMark sends `RPUSH marks <mark>` and the blocking command in one write, reads
// the RPUSH reply, and returns once the mark is visible to other clients: the blocking
// command has then run (and blocked, if its keys were empty) in the same group.
func blockAfterMark(t *testing.T, s *server, c *conn, mark string, cmd ...string) {
	t.Helper()
	c.write(append(encode("RPUSH", "marks", mark), encode(cmd...)...))
	c.read() // the mark's reply; the blocking command's reply comes later
	probe := s.dial(t)
	defer probe.Close()
	waitUntil(t, "mark "+mark, func() bool {
		return strings.Contains(probe.do("LRANGE", "marks", "0", "-1"), "\r\n"+mark+"\r\n")
	})
}

func TestBlockingPopWakesOnPush(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a, b := s.dial(t), s.dial(t)
		blockAfterMark(t, s, a, "a", "BLPOP", "none", "q", "0")
		if got := b.do("RPUSH", "q", "x", "y"); got != ":2\r\n" {
			t.Fatalf("RPUSH: %q", got)
		}
		if got := a.read(); got != "*2\r\n$1\r\nq\r\n$1\r\nx\r\n" {
			t.Errorf("BLPOP woken: %q", got)
		}
		if got := b.do("LRANGE", "q", "0", "-1"); got != "*1\r\n$1\r\ny\r\n" {
			t.Errorf("left in q: %q", got)
		}
		// Timeout 0 waits (here through several unrelated writes), then is served.
		blockAfterMark(t, s, a, "a2", "BRPOP", "q2", "0")
		for i := 0; i < 5; i++ {
			b.do("SET", "other", fmt.Sprint(i))
		}
		b.do("LPUSH", "q2", "late")
		if got := a.read(); got != "*2\r\n$2\r\nq2\r\n$4\r\nlate\r\n" {
			t.Errorf("BRPOP after waiting: %q", got)
		}
	})
}

func TestBlockingTimeoutAndErrors(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		for _, tc := range []struct {
			cmd  []string
			want string
		}{
			{[]string{"BLPOP", "k", "0.2"}, "*-1\r\n"},
			{[]string{"BRPOP", "k", "k2", "0.1"}, "*-1\r\n"},
			{[]string{"BLMOVE", "a", "b", "LEFT", "RIGHT", "0.1"}, "*-1\r\n"},
			{[]string{"BRPOPLPUSH", "a", "b", "0.1"}, "*-1\r\n"},
			{[]string{"BLMPOP", "0.1", "2", "a", "b", "LEFT", "COUNT", "2"}, "*-1\r\n"},
			{[]string{"BZPOPMIN", "z", "0.1"}, "*-1\r\n"},
			{[]string{"BZPOPMAX", "z", "0.1"}, "*-1\r\n"},
			{[]string{"BZMPOP", "0.1", "1", "z", "MIN"}, "*-1\r\n"},
			{[]string{"BLPOP", "k", "abc"}, "-ERR timeout is not a float or out of range\r\n"},
			{[]string{"BLPOP", "k", "nan"}, "-ERR timeout is not a float or out of range\r\n"},
			{[]string{"BLPOP", "k", "-1"}, "-ERR timeout is negative\r\n"},
			{[]string{"BZPOPMIN", "k", "inf"}, "-ERR timeout is negative\r\n"},
			{[]string{"BLMPOP", "x", "1", "a", "LEFT"}, "-ERR timeout is not a float or out of range\r\n"},
			{[]string{"BLMPOP", "0", "0", "a", "LEFT"}, "-ERR numkeys should be greater than 0\r\n"},
			{[]string{"BZMPOP", "0", "1", "z", "MIN", "COUNT", "0"}, "-ERR count should be greater than 0\r\n"},
			{[]string{"BLMOVE", "a", "b", "LEFT", "UP", "x"}, "-ERR syntax error\r\n"},
			{[]string{"BLPOP", "k"}, "-ERR wrong number of arguments for 'blpop' command\r\n"},
		} {
			if got := c.do(tc.cmd...); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.cmd, got, tc.want)
			}
		}
		c.do("SET", "s", "v")
		wrong := "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
		for _, cmd := range [][]string{{"BLPOP", "nokey", "s", "0"}, {"BZPOPMAX", "s", "0"},
			{"BLMOVE", "s", "d", "LEFT", "LEFT", "0"}, {"BLMPOP", "0", "1", "s", "LEFT"}} {
			if got := c.do(cmd...); got != wrong {
				t.Errorf("%q: got %q", cmd, got)
			}
		}
		// Pipelined commands after a blocking command run after it: here after its timeout.
		c.write(append(append(encode("BLPOP", "nothing", "0.1"), encode("PING")...), encode("GET", "s")...))
		if got := c.read() + c.read() + c.read(); got != "*-1\r\n+PONG\r\n$1\r\nv\r\n" {
			t.Errorf("pipeline after a timeout: %q", got)
		}
	})
}

// TestBlockingEveryCommandServed blocks each blocking command, then serves it by a push
// from another connection, and checks the reply and what is left.
func TestBlockingEveryCommandServed(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a, b := s.dial(t), s.dial(t)
		for i, tc := range []struct {
			block []string
			push  []string
			want  string
			check []string // a command on b afterwards, and its reply
			after string
		}{
			{[]string{"BLMOVE", "src", "dst", "RIGHT", "LEFT", "0"}, []string{"RPUSH", "src", "1", "2"},
				"$1\r\n2\r\n", []string{"LRANGE", "dst", "0", "-1"}, "*1\r\n$1\r\n2\r\n"},
			{[]string{"BRPOPLPUSH", "src2", "dst", "0"}, []string{"RPUSH", "src2", "3"},
				"$1\r\n3\r\n", []string{"LRANGE", "dst", "0", "-1"}, "*2\r\n$1\r\n3\r\n$1\r\n2\r\n"},
			{[]string{"BLMPOP", "0", "2", "m1", "m2", "RIGHT", "COUNT", "5"}, []string{"RPUSH", "m2", "a", "b"},
				"*2\r\n$2\r\nm2\r\n*2\r\n$1\r\nb\r\n$1\r\na\r\n", []string{"EXISTS", "m2"}, ":0\r\n"},
			{[]string{"BZPOPMIN", "z1", "z2", "0"}, []string{"ZADD", "z2", "2", "b", "1", "a"},
				"*3\r\n$2\r\nz2\r\n$1\r\na\r\n$1\r\n1\r\n", []string{"ZCARD", "z2"}, ":1\r\n"},
			{[]string{"BZPOPMAX", "z3", "0"}, []string{"ZADD", "z3", "2", "b", "1.5", "a"},
				"*3\r\n$2\r\nz3\r\n$1\r\nb\r\n$1\r\n2\r\n", []string{"ZCARD", "z3"}, ":1\r\n"},
			{[]string{"BZMPOP", "0", "1", "z4", "MAX", "COUNT", "10"}, []string{"ZADD", "z4", "1", "a", "2", "b"},
				"*2\r\n$2\r\nz4\r\n*2\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n",
				[]string{"EXISTS", "z4"}, ":0\r\n"},
			// A key renamed into place wakes the waiter too.
			{[]string{"BLPOP", "renamed", "0"}, []string{"EVAL-RENAME"},
				"*2\r\n$7\r\nrenamed\r\n$1\r\nr\r\n", []string{"EXISTS", "renamed"}, ":0\r\n"},
		} {
			blockAfterMark(t, s, a, fmt.Sprint("m", i), tc.block...)
			if tc.push[0] == "EVAL-RENAME" {
				b.do("RPUSH", "tmp", "r")
				if got := b.do("RENAME", "tmp", "renamed"); got != "+OK\r\n" {
					t.Fatalf("RENAME: %q", got)
				}
			} else {
				b.do(tc.push...)
			}
			if got := a.read(); got != tc.want {
				t.Errorf("%q: got %q, want %q", tc.block, got, tc.want)
			}
			if got := b.do(tc.check...); got != tc.after {
				t.Errorf("%q then %q: got %q, want %q", tc.block, tc.check, got, tc.after)
			}
		}
	})
}

// TestBlockingHundredClientsFIFO blocks 100 clients on one key in a known order; 100
// pushes wake each exactly once, in that order, and nothing is lost or duplicated.
func TestBlockingHundredClientsFIFO(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		const n = 100
		clients := make([]*conn, n)
		for i := range clients {
			clients[i] = s.dial(t)
			blockAfterMark(t, s, clients[i], fmt.Sprint("c", i), "BLPOP", "jobs", "0")
		}
		pusher := s.dial(t)
		for i := 0; i < n; i++ {
			if got := pusher.do("RPUSH", "jobs", fmt.Sprint("job", i)); !strings.HasPrefix(got, ":") {
				t.Fatalf("RPUSH: %q", got)
			}
		}
		for i, c := range clients {
			want := fmt.Sprintf("*2\r\n$4\r\njobs\r\n$%d\r\njob%d\r\n", len(fmt.Sprint("job", i)), i)
			if got := c.read(); got != want {
				t.Errorf("client %d: got %q, want %q", i, got, want)
			}
		}
		if got := pusher.do("EXISTS", "jobs"); got != ":0\r\n" {
			t.Errorf("jobs left over: %q", got)
		}
	})
}

// TestBlockingConcurrentPushers: 100 blocked clients and 10 concurrent pushers of 10
// elements each: every element reaches exactly one client.
func TestBlockingConcurrentPushers(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		const n = 100
		results := make(chan string, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			c := s.dial(t)
			c.write(encode("BRPOP", "work", "other", "0"))
			wg.Add(1)
			go func() {
				defer wg.Done()
				raw, err := c.readErr(3 * time.Minute)
				if err != nil {
					results <- "error: " + err.Error()
					return
				}
				results <- raw
			}()
		}
		for w := 0; w < 10; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := newClient(t, s, 0)
				for i := 0; i < 10; i++ {
					c.LPush(ctxT(t), "work", fmt.Sprintf("e%d-%d", w, i))
				}
			}()
		}
		wg.Wait()
		close(results)
		seen := map[string]bool{}
		for r := range results {
			if seen[r] || !strings.HasPrefix(r, "*2\r\n$4\r\nwork\r\n") {
				t.Errorf("bad or duplicate reply %q", r)
			}
			seen[r] = true
		}
		if len(seen) != n {
			t.Errorf("%d distinct replies, want %d", len(seen), n)
		}
	})
}

// TestBlockingDisconnectKeepsElement: a client that disconnects while blocked is never
// served; the element stays for the next client.
func TestBlockingDisconnectKeepsElement(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		gone := s.dial(t)
		blockAfterMark(t, s, gone, "gone", "BLPOP", "q", "0")
		gone.Close()
		waiting := s.dial(t)
		blockAfterMark(t, s, waiting, "waiting", "BLPOP", "q", "0")
		b := s.dial(t)
		b.do("RPUSH", "q", "only")
		if got := waiting.read(); got != "*2\r\n$1\r\nq\r\n$4\r\nonly\r\n" {
			t.Errorf("second waiter: %q", got)
		}
		// With nobody else waiting, the element stays in the list.
		gone2 := s.dial(t)
		blockAfterMark(t, s, gone2, "gone2", "BLPOP", "q2", "0")
		gone2.Close()
		b.do("RPUSH", "q2", "kept")
		// Any later write group runs after the wake was handled.
		b.do("SET", "sync", "1")
		waitUntil(t, "the element to stay", func() bool {
			return b.do("LRANGE", "q2", "0", "-1") == "*1\r\n$4\r\nkept\r\n"
		})
		s.alive(t)
	})
}

// TestBlockingPipelineOrder: commands pipelined after a blocking command run after it
// is served, and pipelined input sent while blocked waits too.
func TestBlockingPipelineOrder(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a, b := s.dial(t), s.dial(t)
		a.write(append(append(encode("RPUSH", "marks", "p"), encode("BLPOP", "pq", "0")...),
			append(encode("SET", "after", "1"), encode("GET", "pushed")...)...))
		if got := a.read(); !strings.HasPrefix(got, ":") {
			t.Fatalf("mark: %q", got)
		}
		waitUntil(t, "mark", func() bool { return b.do("LPOS", "marks", "p") == ":0\r\n" })
		a.write(encode("INCR", "after")) // sent while blocked
		if got := b.do("GET", "after"); got != "$-1\r\n" {
			t.Errorf("a command after the blocking one ran early: %q", got)
		}
		b.do("SET", "pushed", "yes")
		b.do("LPUSH", "pq", "v")
		want := "*2\r\n$2\r\npq\r\n$1\r\nv\r\n" + "+OK\r\n" + "$3\r\nyes\r\n" + ":2\r\n"
		if got := a.read() + a.read() + a.read() + a.read(); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// TestBlockingGoRedis uses go-redis's typed blocking calls.
func TestBlockingGoRedis(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		if _, err := c.BLPop(ctx, 100*time.Millisecond, "none").Result(); err != redis.Nil {
			t.Errorf("BLPOP timeout: want redis.Nil, got %v", err)
		}
		done := make(chan []string, 1)
		go func() {
			v, _ := c.BRPop(ctx, 0, "gq").Result()
			done <- v
		}()
		c2 := newClient(t, s, 0)
		c2.RPush(ctx, "gq", "hello")
		if v := <-done; !equalStrings(v, []string{"gq", "hello"}) {
			t.Errorf("BRPOP: %q", v)
		}
		zdone := make(chan *redis.ZWithKey, 1)
		go func() {
			v, _ := c.BZPopMin(ctx, 0, "gz").Result()
			zdone <- v
		}()
		c2.ZAdd(ctx, "gz", redis.Z{Score: 3, Member: "m"})
		if v := <-zdone; v == nil || v.Key != "gz" || v.Member != "m" || v.Score != 3 {
			t.Errorf("BZPOPMIN: %+v", v)
		}
		mdone := make(chan string, 1)
		go func() {
			v, _ := c.BLMove(ctx, "gs", "gd", "LEFT", "RIGHT", 0).Result()
			mdone <- v
		}()
		c2.LPush(ctx, "gs", "moved")
		if v := <-mdone; v != "moved" {
			t.Errorf("BLMOVE: %q", v)
		}
	})
}

// TestBlockingPerDatabase: a client blocked in database 3 is woken by a push to the same
// key name in database 3 only.
func TestBlockingPerDatabase(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a, b := s.dial(t), s.dial(t)
		if got := a.do("SELECT", "3"); got != "+OK\r\n" {
			t.Fatalf("SELECT: %q", got)
		}
		a.write(append(encode("RPUSH", "marks", "db3"), encode("BLPOP", "q", "0")...))
		a.read()
		b.do("SELECT", "3")
		waitUntil(t, "the mark in db 3", func() bool { return b.do("EXISTS", "marks") == ":1\r\n" })
		b.do("SELECT", "0")
		b.do("RPUSH", "q", "db0") // database 0: not the key a waits for
		b.do("SELECT", "3")
		b.do("RPUSH", "q", "db3")
		if got := a.read(); got != "*2\r\n$1\r\nq\r\n$3\r\ndb3\r\n" {
			t.Errorf("BLPOP in db 3: %q", got)
		}
		b.do("SELECT", "0")
		if got := b.do("LRANGE", "q", "0", "-1"); got != "*1\r\n$3\r\ndb0\r\n" {
			t.Errorf("db 0 list: %q", got)
		}
	})
}

// TestBlockedServedBeforePusherGoesOn: as in Redis, a client blocked on a key is served
// before the pusher's next command runs, so the pusher never sees (or takes) the element
// it handed over, whether its next command comes in a new round trip or pipelined in a
// later batch. Compared with real Redis.
func TestBlockedServedBeforePusherGoesOn(t *testing.T) {
	run := func(t *testing.T, addr string) []string {
		a, b, probe := dial(t, addr), dial(t, addr), dial(t, addr)
		var out []string
		blockOn := func(mark string, cmd ...string) {
			b.write(append(encode("RPUSH", "marks", mark), encode(cmd...)...))
			b.read()
			waitUntil(t, "mark "+mark, func() bool {
				return strings.Contains(probe.do("LRANGE", "marks", "0", "-1"), "\r\n"+mark+"\r\n")
			})
		}
		blockOn("1", "BLPOP", "q", "0")
		out = append(out, a.do("RPUSH", "q", "v"), a.do("LLEN", "q"), b.read())
		blockOn("2", "BLPOP", "q", "0")
		out = append(out, a.do("RPUSH", "q", "w"), a.do("DEL", "q"), b.read())
		blockOn("3", "BZPOPMIN", "z", "0")
		out = append(out, a.do("ZADD", "z", "1", "m", "2", "n"), a.do("ZRANGE", "z", "0", "-1"), b.read())
		// BLMOVE hands its element on to a client waiting on the destination.
		c := dial(t, addr)
		c.write(append(encode("RPUSH", "marks", "4"), encode("BLPOP", "dst", "0")...))
		c.read()
		waitUntil(t, "mark 4", func() bool {
			return strings.Contains(probe.do("LRANGE", "marks", "0", "-1"), "\r\n4\r\n")
		})
		blockOn("5", "BLMOVE", "src", "dst", "LEFT", "RIGHT", "0")
		out = append(out, a.do("RPUSH", "src", "x"), a.do("EXISTS", "src", "dst"), b.read(), c.read())
		return out
	}
	want := run(t, startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got := run(t, s.addr())
		if strings.Join(got, "") != strings.Join(want, "") {
			t.Errorf("got  %q\nwant %q", got, want)
		}
		s.alive(t)
	})
}
