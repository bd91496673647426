package e2e

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestFlags: --help prints the flags and exits 0; a bad flag or value exits non-zero.
func TestFlags(t *testing.T) {
	out, err := runWithTimeout(exec.Command(binary, "--help"), time.Minute)
	if err != nil {
		t.Errorf("sqlettuce --help: %v\n%s", err, out)
	}
	for _, flag := range []string{"-port", "-bind", "-db", "-engine", "-crossing"} {
		if !strings.Contains(out, flag) {
			t.Errorf("sqlettuce --help does not mention %s:\n%s", flag, out)
		}
	}
	for _, args := range [][]string{
		{"--engine", "nosuch"},
		{"--crossing", "nosuch"},
		{"--port", "-1"},
		{"--no-such-flag"},
	} {
		dir := t.TempDir()
		cmd := exec.Command(binary, append(args, "--port", "0", "--db", filepath.Join(dir, "x.db"))...)
		if args[0] == "--port" {
			cmd = exec.Command(binary, append(args, "--db", filepath.Join(dir, "x.db"))...)
		}
		out, err := runWithTimeout(cmd, 30*time.Second)
		var exit *exec.ExitError
		if err == nil || !errors.As(err, &exit) {
			t.Errorf("sqlettuce %s: want a non-zero exit, got %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestSignals: SIGINT shuts down as cleanly as SIGTERM (exit 0, data kept).
func TestSignals(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		c.do("SET", "k", "before SIGINT")
		s.mu.Lock()
		s.stopped = true // this test stops the process itself
		s.mu.Unlock()
		if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		select {
		case <-s.done:
		case <-time.After(stopTimeout):
			s.kill()
			t.Fatalf("no exit within %v of SIGINT; log:\n%s", stopTimeout, s.log())
		}
		if s.err != nil {
			t.Errorf("exit after SIGINT: %v, want status 0; log:\n%s", s.err, s.log())
		}
		s2 := startServerDB(t, p, s.db)
		if got := s2.dial(t).do("GET", "k"); got != "$13\r\nbefore SIGINT\r\n" {
			t.Errorf("after SIGINT and restart, GET k = %q", got)
		}
	})
}

// TestDefaultDB: without --db the data goes to ./sqlettuce.db in the working directory.
func TestDefaultDB(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServerDB(t, p, "")
		c := s.dial(t)
		if got := c.do("SET", "k", "v"); got != "+OK\r\n" {
			t.Fatalf("SET: %q", got)
		}
		s.stop()
		file := filepath.Join(s.dir, "sqlettuce.db")
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("without --db, %s was not created: %v", file, err)
		}
		s2 := startServerDB(t, p, file)
		if got := s2.dial(t).do("GET", "k"); got != "$1\r\nv\r\n" {
			t.Errorf("GET k from the default file, reopened with --db: %q", got)
		}
	})
}

// TestMemoryDB: --db :memory: is a throwaway store that every connection shares, and
// leaves no file behind.
func TestMemoryDB(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServerDB(t, p, ":memory:")
		a, b := s.dial(t), s.dial(t)
		if got := a.do("SET", "k", "v"); got != "+OK\r\n" {
			t.Fatalf("SET: %q", got)
		}
		if got := b.do("GET", "k"); got != "$1\r\nv\r\n" {
			t.Errorf("a second connection must see the first one's write in :memory: mode, GET k = %q", got)
		}
		// Readers and writers on several connections at once.
		var wg sync.WaitGroup
		errs := make(chan string, 16)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				c, err := net.DialTimeout("tcp", s.addr(), 10*time.Second)
				if err != nil {
					errs <- err.Error()
					return
				}
				defer c.Close()
				r := bufio.NewReader(c)
				for i := 0; i < 200; i++ {
					c.SetDeadline(time.Now().Add(ioTimeout))
					c.Write(append(encode("INCR", "ctr"), encode("GET", "k")...))
					incr, err1 := readRaw(r)
					get, err2 := readRaw(r)
					if err1 != nil || err2 != nil || incr[0] != ':' || string(get) != "$1\r\nv\r\n" {
						errs <- fmt.Sprintf("worker %d: INCR %q, GET k %q (%v, %v)", w, incr, get, err1, err2)
						return
					}
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if got := b.do("GET", "ctr"); got != "$3\r\n800\r\n" {
			t.Errorf("ctr after 4×200 INCR: %q", got)
		}
		s.stop()
		if entries, _ := os.ReadDir(s.dir); len(entries) > 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf(":memory: left files in the working directory: %v", names)
		}
	})
}

// TestManyClients: hundreds of connections at once are all served, and their sessions are
// released when they close (INFO's connected_clients comes back down).
func TestManyClients(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		const n = 300
		conns := make([]net.Conn, 0, n)
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for i := 0; i < n; i++ {
			c, err := net.DialTimeout("tcp", s.addr(), 30*time.Second)
			if err != nil {
				t.Fatalf("connection %d: %v", i, err)
			}
			conns = append(conns, c)
		}
		// Every connection sends before any reads: all are open and waiting at once.
		for i, c := range conns {
			c.SetDeadline(time.Now().Add(ioTimeout))
			if _, err := c.Write(encode("SET", fmt.Sprintf("c:%d", i), "v")); err != nil {
				t.Fatalf("connection %d write: %v", i, err)
			}
		}
		for i, c := range conns {
			r, err := readRaw(bufio.NewReader(c))
			if err != nil || string(r) != "+OK\r\n" {
				t.Fatalf("connection %d: %q %v", i, r, err)
			}
		}
		probe := s.dial(t)
		info := mustParse(t, probe.do("INFO", "clients"))
		fields, _ := infoFields(info.str)
		if got := fields["connected_clients"]; got != fmt.Sprint(n+1) {
			t.Errorf("connected_clients with %d clients open: %q", n+1, got)
		}
		for _, c := range conns {
			c.Close()
		}
		conns = nil
		// Closing is asynchronous on the server side: poll, with a generous limit.
		deadline := time.Now().Add(60 * time.Second)
		for {
			info := mustParse(t, probe.do("INFO", "clients"))
			fields, _ := infoFields(info.str)
			if fields["connected_clients"] == "1" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("connected_clients is %q a minute after %d clients closed, want 1", fields["connected_clients"], n)
			}
			time.Sleep(50 * time.Millisecond)
		}
		if got := probe.do("DBSIZE"); got != fmt.Sprintf(":%d\r\n", n) {
			t.Errorf("DBSIZE: %q", got)
		}
	})
}

// TestSlowReader: a client that pipelines many large replies and never reads them must not
// stop the server from serving everyone else.
func TestSlowReader(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		good := s.dial(t)
		big := strings.Repeat("x", 1<<20)
		if got := good.do("SET", "big", big); got != "+OK\r\n" {
			t.Fatalf("SET big: %q", got)
		}
		slow, err := net.DialTimeout("tcp", s.addr(), 10*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer slow.Close()
		// 200 MiB of replies that nobody reads: the server's writes to this client block.
		go func() {
			req := encode("GET", "big")
			for i := 0; i < 200; i++ {
				slow.SetWriteDeadline(time.Now().Add(ioTimeout))
				if _, err := slow.Write(req); err != nil {
					return
				}
			}
		}()
		time.Sleep(200 * time.Millisecond) // let the slow client's batch reach the server
		for i := 0; i < 50; i++ {
			if got := good.do("INCR", "other"); got != fmt.Sprintf(":%d\r\n", i+1) {
				t.Fatalf("INCR while a client does not read its replies: %q", got)
			}
			if got := good.do("SET", fmt.Sprintf("w:%d", i), "v"); got != "+OK\r\n" {
				t.Fatalf("SET while a client does not read its replies: %q", got)
			}
		}
		fresh := s.dial(t)
		if got := fresh.do("GET", "other"); got != "$2\r\n50\r\n" {
			t.Errorf("GET other from a new connection: %q", got)
		}
		slow.Close()
		s.alive(t)
	})
}
