package e2e

import (
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A disk that fills up: the database lives on a small tmpfs. Writes that no longer fit
// get an error reply (never a crash, never an OK for data that is not there), reads keep
// working, every acknowledged write stays, and once the tmpfs grows again (remount) the
// same server takes writes again; after a restart everything acknowledged is still there
// and the file is intact. Needs root for mount (the CI machine runs as root).
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatalf("this test mounts a small tmpfs and needs root (uid %d)", os.Geteuid())
	}
	forEachPath(t, func(t *testing.T, p path) {
		dir := t.TempDir()
		mount := func(args ...string) {
			t.Helper()
			if out, err := exec.Command("mount", args...).CombinedOutput(); err != nil {
				t.Fatalf("mount %v: %v %s", args, err, out)
			}
		}
		mount("-t", "tmpfs", "-o", "size=6m", "tmpfs", dir)
		t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
		db := filepath.Join(dir, "full.db")
		s := startServerDB(t, p, db)
		c := s.dial(t)

		value := strings.Repeat("v", 2000)
		acked := 0
		var firstErr string
		for i := 0; i < 20000; i++ {
			r := c.do("SET", "k"+strconv.Itoa(i), value)
			if r == "+OK\r\n" {
				// After a first error a write may fit again (a checkpoint freed WAL
				// space): then it must be there like the others.
				acked = i + 1
				continue
			}
			if !strings.HasPrefix(r, "-") {
				t.Fatalf("SET k%d on a full disk: %q, want OK or an error reply", i, r)
			}
			if firstErr == "" {
				firstErr = r
			}
			if i > acked+50 {
				break // full for good
			}
		}
		if firstErr == "" {
			t.Fatalf("wrote 20000 × 2 KB into a 6 MB tmpfs without an error")
		}
		t.Logf("%d writes acknowledged, then %q", acked, strings.TrimSpace(firstErr))

		// Reads keep working on a full disk.
		check := func(c *conn, when string) {
			t.Helper()
			keys := []string{"MGET"}
			for i := 0; i < acked; i++ {
				keys = append(keys, "k"+strconv.Itoa(i))
			}
			vals := mustParse(t, c.do(keys...)).arr
			missing := 0
			for i, v := range vals {
				if v.null || v.str != value {
					if missing == 0 {
						t.Errorf("%s: k%d = %q (null %v)", when, i, clip(v.str), v.null)
					}
					missing++
				}
			}
			if missing > 0 {
				t.Errorf("%s: %d of %d acknowledged writes missing", when, missing, acked)
			}
		}
		check(c, "on the full disk")
		if r := c.do("PING"); r != "+PONG\r\n" {
			t.Fatalf("PING on a full disk: %q", r)
		}

		// Space returns: the same server takes writes again.
		mount("-o", "remount,size=64m", dir)
		ok := false
		for attempt := 0; attempt < 100 && !ok; attempt++ {
			ok = c.do("SET", "after", "space") == "+OK\r\n"
		}
		if !ok {
			t.Fatalf("after the tmpfs grew, SET still fails: %q", c.do("SET", "after", "space"))
		}
		check(c, "after space returned")
		c.Close()

		s2 := s.restart(t)
		c2 := s2.dial(t)
		check(c2, "after a restart")
		if r := c2.do("GET", "after"); r != "$5\r\nspace\r\n" {
			t.Errorf("GET after = %q", r)
		}
		c2.Close()
		s2.stop()
		out, err := exec.Command("sqlite3", "-readonly", db, "PRAGMA integrity_check").CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Errorf("integrity_check: %v %s", err, out)
		}
	})
}

// 5,000 idle connections held open while 50 others run redis-benchmark: the benchmark
// sees no error, and every idle connection still answers afterwards.
func TestManyConnectionsUnderLoad(t *testing.T) {
	bench, err := exec.LookPath("redis-benchmark")
	if err != nil {
		t.Fatalf("redis-benchmark is not on PATH (apt-get install redis-tools): %v", err)
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		const idle = 5000
		conns := make([]net.Conn, 0, idle)
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for i := 0; i < idle; i++ {
			c, err := net.Dial("tcp", s.addr())
			if err != nil {
				t.Fatalf("connection %d: %v", i, err)
			}
			conns = append(conns, c)
		}
		out, err := runWithTimeout(exec.Command(bench, "-h", "127.0.0.1", "-p", strconv.Itoa(s.port),
			"-c", "50", "-n", "20000", "-t", "set,get,lpush,hset", "-q"), 5*time.Minute)
		if err != nil || strings.Contains(strings.ToLower(out), "error") {
			t.Fatalf("redis-benchmark with %d idle connections: %v\n%s", idle, err, out)
		}
		// Every idle connection is still served: PING on all, pipelined, then read.
		for _, c := range conns {
			if _, err := c.Write([]byte("*1\r\n$4\r\nPING\r\n")); err != nil {
				t.Fatalf("write to an idle connection: %v", err)
			}
		}
		buf := make([]byte, 7)
		for i, c := range conns {
			c.SetReadDeadline(time.Now().Add(time.Minute))
			if _, err := io.ReadFull(c, buf); err != nil || string(buf) != "+PONG\r\n" {
				t.Fatalf("idle connection %d after the benchmark: %q %v", i, buf, err)
			}
		}
		if v := infoFieldsOf(t, s)["connected_clients"]; v != strconv.Itoa(idle+1) {
			t.Errorf("INFO connected_clients = %s, want %d", v, idle+1)
		}
	})
}

// infoFieldsOf is INFO's fields, read on a fresh connection.
func infoFieldsOf(t *testing.T, s *server) map[string]string {
	t.Helper()
	c := s.dial(t)
	defer c.Close()
	r := mustParse(t, c.do("INFO"))
	fields, _ := infoFields(r.str)
	return fields
}

// A client that sends a long pipeline and never reads its replies (Redis has no output
// limit for normal clients) stalls only itself: other clients are served meanwhile, and
// the server's memory does not grow with the replies it cannot send.
func TestSlowReaderStallsOnlyItself(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		big := strings.Repeat("x", 100_000)
		if r := c.do("SET", "big", big); r != "+OK\r\n" {
			t.Fatalf("SET big: %q", r)
		}
		before := rssKiB(t, s)

		slow, err := net.Dial("tcp", s.addr())
		if err != nil {
			t.Fatal(err)
		}
		defer slow.Close()
		// 20,000 GETs of 100 KB: 2 GB of replies that the client never reads. Write
		// from a goroutine: the server stops reading once its writes block, so ours
		// blocks too.
		go func() {
			req := []byte(strings.Repeat("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n", 1000))
			for i := 0; i < 20; i++ {
				slow.SetWriteDeadline(time.Now().Add(time.Minute))
				if _, err := slow.Write(req); err != nil {
					return
				}
			}
		}()
		time.Sleep(500 * time.Millisecond)

		// Everyone else is served, reads and writes.
		for i := 0; i < 200; i++ {
			k := "k" + strconv.Itoa(i)
			if r := c.do("SET", k, "v"); r != "+OK\r\n" {
				t.Fatalf("SET while a client stalls: %q", r)
			}
			if r := c.do("GET", k); r != "$1\r\nv\r\n" {
				t.Fatalf("GET while a client stalls: %q", r)
			}
		}
		other := s.dial(t)
		if r := other.do("PING"); r != "+PONG\r\n" {
			t.Fatalf("a new client while one stalls: %q", r)
		}
		after := rssKiB(t, s)
		t.Logf("resident memory %d KiB before, %d KiB while a client leaves 2 GB of replies unread", before, after)
		// Replies wait in socket buffers and one batch's reply buffer, not in 2 GB.
		if after-before > 64*1024 {
			t.Errorf("resident memory grew from %d KiB to %d KiB while a client did not read", before, after)
		}
		slow.Close()
		s.alive(t)
	})
}

// Clients that vanish mid-batch (half a command sent, or a pipeline sent and the socket
// closed before the replies) cost nothing: the server stays up and what they completed
// is applied, command by command.
func TestClientsVanishMidBatch(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		for i := 0; i < 50; i++ {
			nc, err := net.Dial("tcp", s.addr())
			if err != nil {
				t.Fatal(err)
			}
			var batch []byte
			for j := 0; j < 200; j++ {
				batch = append(batch, encode("INCR", "counter")...)
			}
			switch i % 3 {
			case 0: // the whole pipeline, then gone before any reply is read
				nc.Write(batch)
			case 1: // half of the last command missing
				nc.Write(batch[:len(batch)-7])
			case 2: // RST instead of FIN
				nc.Write(batch)
				if tc, ok := nc.(*net.TCPConn); ok {
					tc.SetLinger(0)
				}
			}
			nc.Close()
		}
		c := s.dial(t)
		// Give the server a moment to finish the batches it read.
		deadline := time.Now().Add(30 * time.Second)
		var n int64
		for time.Now().Before(deadline) {
			r := mustParse(t, c.do("GET", "counter"))
			n, _ = strconv.ParseInt(r.str, 10, 64)
			time.Sleep(100 * time.Millisecond)
			if r2 := mustParse(t, c.do("GET", "counter")); r2.str == r.str {
				break
			}
		}
		// Whole commands only: never more than sent, and the cut ones (case 1) at most
		// 199 each.
		if n <= 0 || n > 50*200 {
			t.Errorf("counter = %d after 50 vanished clients of 200 INCRs each", n)
		}
		s.alive(t)
	})
}
