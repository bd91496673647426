package e2e

import (
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rawExchange sends payload on a fresh connection and returns what came back within
// wait, and whether the server closed the connection.
func rawExchange(t *testing.T, addr string, payload string, wait time.Duration) (reply string, closed bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer c.Close()
	if _, err := c.Write([]byte(payload)); err != nil {
		t.Fatalf("write: %v", err)
	}
	var out []byte
	buf := make([]byte, 4096)
	c.SetReadDeadline(time.Now().Add(wait))
	for {
		n, err := c.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return string(out), false
			}
			return string(out), true
		}
	}
}

// The protocol's limits answer as Redis's do (multibulk count, bulk length against
// proto-max-bulk-len's 512 MB default, negative and malformed lengths): the same reply
// bytes, and the connection closed exactly when Redis closes it. Lengths declared but not
// yet sent leave the connection waiting.
func TestProtocolLimitsLikeRedis(t *testing.T) {
	oracle := startOracle(t)
	payloads := []string{
		"*2147483648\r\n",
		"*1048577\r\n",
		"*1048576\r\n",
		"*1\r\n$999999999999\r\n",
		"*1\r\n$536870912\r\n",
		"*1\r\n$536870913\r\n",
		"*1\r\n$-5\r\n",
		"*-1\r\n*1\r\n$4\r\nPING\r\n",
		"*1\r\n$1x\r\n",
		"*x\r\n",
		strings.Repeat("x", 70000), // inline past 64 KB without a newline
		"SET k " + strings.Repeat("y", 60000) + "\r\n", // a long inline command that fits
		"*1\r\n$" + strings.Repeat("1", 70000),         // a bulk length line past 64 KB
		"*" + strings.Repeat("1", 70000),               // a multibulk count line past 64 KB
		"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$512\r\n" + strings.Repeat("x", 512) + "\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
	}
	want := map[string][2]string{}
	for _, pl := range payloads {
		r, closed := rawExchange(t, oracle, pl, 700*time.Millisecond)
		want[pl] = [2]string{r, strconv.FormatBool(closed)}
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		for _, pl := range payloads {
			r, closed := rawExchange(t, s.addr(), pl, 700*time.Millisecond)
			if got := [2]string{r, strconv.FormatBool(closed)}; got != want[pl] {
				t.Errorf("%q: got %q (closed %s), Redis %q (closed %s)", clip(pl), clip(got[0]), got[1], clip(want[pl][0]), want[pl][1])
			}
		}
		s.alive(t)
	})
}

// A length declared but never sent costs no memory up front: 200 connections each
// announcing 500 MB (or a million arguments) leave the server's resident memory about
// where it was.
func TestDeclaredLengthsCostNoMemory(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		before := rssKiB(t, s)
		var conns []net.Conn
		for i := 0; i < 200; i++ {
			c, err := net.Dial("tcp", s.addr())
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			conns = append(conns, c)
			payload := "*1\r\n$500000000\r\n"
			if i%2 == 1 {
				payload = "*1000000\r\n"
			}
			if _, err := c.Write([]byte(payload)); err != nil {
				t.Fatalf("write: %v", err)
			}
		}
		s.alive(t) // every connection's header has been read by then, or soon after
		time.Sleep(300 * time.Millisecond)
		after := rssKiB(t, s)
		for _, c := range conns {
			c.Close()
		}
		// 200 × 500 MB would be 100 GB; allow 64 MiB for goroutines and buffers.
		if after-before > 64*1024 {
			t.Errorf("resident memory grew from %d KiB to %d KiB after 200 declared-but-unsent lengths", before, after)
		}
		s.alive(t)
	})
}

// rssKiB is the server process's resident set size.
func rssKiB(t *testing.T, s *server) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(s.cmd.Process.Pid) + "/status")
	if err != nil {
		t.Fatalf("read /proc status: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	t.Fatalf("no VmRSS in /proc status")
	return 0
}

// --maxclients N: the connection past N gets Redis's error and is closed; once a client
// leaves, a new one is served.
func TestMaxClients(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--maxclients", "3"))
		var held []*conn
		for i := 0; i < 3; i++ {
			// The readiness probe's connection counts until the server has seen it
			// close (as in Redis): retry briefly.
			deadline := time.Now().Add(10 * time.Second)
			for {
				c := s.dial(t)
				if r := c.do("PING"); r == "+PONG\r\n" {
					held = append(held, c)
					break
				}
				c.Close()
				if time.Now().After(deadline) {
					t.Fatalf("client %d: still refused after 10 s", i)
				}
				time.Sleep(50 * time.Millisecond)
			}
		}
		r, closed := rawExchange(t, s.addr(), "", 5*time.Second)
		if r != "-ERR max number of clients reached\r\n" || !closed {
			t.Errorf("the 4th client got %q (closed %v), want Redis's error and a close", r, closed)
		}
		held[0].Close()
		// The server notices the close on its next read; retry briefly.
		deadline := time.Now().Add(10 * time.Second)
		for {
			r, _ := rawExchange(t, s.addr(), "*1\r\n$4\r\nPING\r\n", 2*time.Second)
			if r == "+PONG\r\n" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after a client left, a new one still gets %q", r)
			}
			time.Sleep(50 * time.Millisecond)
		}
		for _, c := range held[1:] {
			c.Close()
		}
	})
}

// --timeout N closes a client idle for N seconds, without a reply (as Redis); a client
// that keeps talking stays.
func TestIdleTimeout(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--timeout", "1"))
		idle := s.dial(t)
		busy := s.dial(t)
		for i := 0; i < 8; i++ { // 2 s of PINGs, 250 ms apart
			if r := busy.do("PING"); r != "+PONG\r\n" {
				t.Fatalf("busy client: PING %d = %q", i, r)
			}
			time.Sleep(250 * time.Millisecond)
		}
		closed, extra := idle.expectClosed(15 * time.Second)
		if !closed || extra != "" {
			t.Errorf("idle client: closed %v, sent %q; want closed without a reply", closed, extra)
		}
		if r := busy.do("PING"); r != "+PONG\r\n" {
			t.Errorf("busy client after the idle one left: %q", r)
		}
	})
}

// nonLoopbackIP is an address of this machine other than the loopback interface's.
func nonLoopbackIP(t *testing.T) string {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatalf("interface addresses: %v", err)
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			return ipn.IP.String()
		}
	}
	t.Fatalf("this machine has no non-loopback IPv4 address to test protected mode from")
	return ""
}

// Protected mode, as Redis 7's: bound beyond loopback with no password, the server
// refuses clients from other addresses with Redis's DENIED text (compared with the real
// redis-server's) and serves loopback ones; --protected-mode no serves everyone.
func TestProtectedMode(t *testing.T) {
	ip := nonLoopbackIP(t)
	oracle := startOracle(t, "--bind", "0.0.0.0", "--protected-mode", "yes")
	_, oraclePort, _ := net.SplitHostPort(oracle)
	want, wantClosed := rawExchange(t, net.JoinHostPort(ip, oraclePort), "*1\r\n$4\r\nPING\r\n", 2*time.Second)
	if !strings.HasPrefix(want, "-DENIED") || !wantClosed {
		t.Fatalf("redis-server in protected mode answered a remote client %q (closed %v)", clip(want), wantClosed)
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--bind", "0.0.0.0"))
		remote := net.JoinHostPort(ip, strconv.Itoa(s.port))
		if got, closed := rawExchange(t, remote, "*1\r\n$4\r\nPING\r\n", 2*time.Second); got != want || !closed {
			t.Errorf("remote client: %q (closed %v), want Redis's %q and a close", clip(got), closed, clip(want))
		}
		if got, _ := rawExchange(t, s.addr(), "*1\r\n$4\r\nPING\r\n", 2*time.Second); got != "+PONG\r\n" {
			t.Errorf("loopback client: %q", got)
		}

		open := startServer(t, withFlags(p, "--bind", "0.0.0.0", "--protected-mode", "no"))
		remote = net.JoinHostPort(ip, strconv.Itoa(open.port))
		if got, _ := rawExchange(t, remote, "*1\r\n$4\r\nPING\r\n", 2*time.Second); got != "+PONG\r\n" {
			t.Errorf("remote client with --protected-mode no: %q", clip(got))
		}
	})
}

// --appendfsync is what CONFIG GET appendfsync reports, and CONFIG SET appendfsync
// switches the mode while writes go on (the writer applies it before its next group).
func TestAppendFsyncConfig(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--appendfsync", "always"))
		c := s.dial(t)
		if r := c.do("CONFIG", "GET", "appendfsync"); r != "*2\r\n$11\r\nappendfsync\r\n$6\r\nalways\r\n" {
			t.Fatalf("CONFIG GET appendfsync = %q", r)
		}
		for i, mode := range []string{"no", "everysec", "always"} {
			if r := c.do("CONFIG", "SET", "appendfsync", mode); r != "+OK\r\n" {
				t.Fatalf("CONFIG SET appendfsync %s = %q", mode, r)
			}
			if r := c.do("INCR", "n"); r != ":"+strconv.Itoa(i+1)+"\r\n" {
				t.Fatalf("INCR after appendfsync %s = %q", mode, r)
			}
		}
		if r := c.do("CONFIG", "SET", "appendfsync", "sometimes"); !strings.HasPrefix(r, "-ERR CONFIG SET failed") {
			t.Errorf("CONFIG SET appendfsync sometimes = %q", r)
		}
	})
}

// The limits live in the engine's CONFIG table: the flags show in CONFIG GET, and CONFIG
// SET from a client changes what the server enforces.
func TestLimitsFollowConfig(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--maxclients", "50"))
		c := s.dial(t)
		if r := c.do("CONFIG", "GET", "maxclients"); r != "*2\r\n$10\r\nmaxclients\r\n$2\r\n50\r\n" {
			t.Errorf("CONFIG GET maxclients = %q", r)
		}
		if r := c.do("CONFIG", "SET", "timeout", "1"); r != "+OK\r\n" {
			t.Fatalf("CONFIG SET timeout 1 = %q", r)
		}
		// The server applies it before CONFIG SET replies; a client idle past it is closed.
		deadline := time.Now().Add(20 * time.Second)
		for {
			idle := s.dial(t)
			closed, extra := idle.expectClosed(5 * time.Second)
			idle.Close()
			if closed && extra == "" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("after CONFIG SET timeout 1 an idle client stays open")
			}
		}
		// c idled too, and is gone like any client: a new one turns the timeout off.
		if r := s.dial(t).do("CONFIG", "SET", "timeout", "0"); r != "+OK\r\n" {
			t.Fatalf("CONFIG SET timeout 0 = %q", r)
		}
	})
}

// SHUTDOWN, as Redis: its argument errors, refused inside MULTI (EXEC then aborts), and
// when it runs the client gets no reply, the process exits 0 after the batches in flight,
// the WAL is checkpointed into the file and removed, and a restart finds every write.
func TestShutdownCommand(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		for _, tc := range []struct {
			argv []string
			want string
		}{
			{[]string{"SHUTDOWN", "ABORT"}, "-ERR No shutdown in progress.\r\n"},
			{[]string{"SHUTDOWN", "SAVE", "NOSAVE"}, "-ERR syntax error\r\n"},
			{[]string{"SHUTDOWN", "FOO"}, "-ERR syntax error\r\n"},
			{[]string{"SHUTDOWN", "NOW", "ABORT"}, "-ERR syntax error\r\n"},
			{[]string{"MULTI"}, "+OK\r\n"},
			{[]string{"SHUTDOWN"}, "-ERR Command not allowed inside a transaction\r\n"},
			{[]string{"EXEC"}, "-EXECABORT Transaction discarded because of previous errors.\r\n"},
		} {
			if r := c.do(tc.argv...); r != tc.want {
				t.Errorf("%v: %q, want %q", tc.argv, r, tc.want)
			}
		}
		var batch []byte
		for i := 0; i < 1000; i++ {
			batch = append(batch, encode("SET", "k"+strconv.Itoa(i), "v")...)
		}
		c.write(batch)
		for i := 0; i < 1000; i++ {
			if r := c.read(); r != "+OK\r\n" {
				t.Fatalf("SET %d: %q", i, r)
			}
		}
		c.write(encode("SHUTDOWN", "NOSAVE"))
		if closed, extra := c.expectClosed(30 * time.Second); !closed || extra != "" {
			t.Fatalf("after SHUTDOWN: closed %v, got %q; want a close without a reply", closed, extra)
		}
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Fatalf("the process did not exit after SHUTDOWN")
		}
		s.mu.Lock()
		s.stopped = true
		s.mu.Unlock()
		if s.err != nil {
			t.Fatalf("exit after SHUTDOWN: %v; log:\n%s", s.err, s.log())
		}
		if st, err := os.Stat(s.db + "-wal"); err == nil && st.Size() > 0 {
			t.Errorf("the WAL holds %d bytes after SHUTDOWN: not checkpointed", st.Size())
		}
		s2 := startServerDB(t, p, s.db)
		c2 := s2.dial(t)
		if r := c2.do("DBSIZE"); r != ":1000\r\n" {
			t.Errorf("DBSIZE after restart = %q", r)
		}
	})
}
