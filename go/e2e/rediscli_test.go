package e2e

import (
	"bytes"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// redisCLI runs Debian's redis-cli against s with args and returns its stdout.
func redisCLI(t *testing.T, s *server, stdin []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Fatalf("redis-cli is not on PATH (apt-get install redis-tools): %v", err)
	}
	full := append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(s.port)}, args...)
	cmd := exec.Command(bin, full...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(5 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("redis-cli %s: no exit within 5 minutes; stdout:\n%s", strings.Join(args, " "), clip(stdout.String()))
	}
	if err != nil {
		t.Fatalf("redis-cli %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, clip(stdout.String()), stderr.String())
	}
	return stdout.String()
}

// TestRedisCLIScripted runs one-shot redis-cli commands, in its raw output (the default
// when stdout is not a terminal) and with --no-raw, as a shell script would.
func TestRedisCLIScripted(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		steps := []struct {
			args []string
			want string
		}{
			// Outputs recorded from redis-cli 7.0.15 against redis-server 7.0.15.
			{[]string{"PING"}, "PONG\n"},
			{[]string{"SET", "k", "v"}, "OK\n"},
			{[]string{"GET", "k"}, "v\n"},
			{[]string{"--no-raw", "GET", "k"}, "\"v\"\n"},
			{[]string{"GET", "nokey"}, "\n"},
			{[]string{"--no-raw", "GET", "nokey"}, "(nil)\n"},
			{[]string{"INCR", "n"}, "1\n"},
			{[]string{"--no-raw", "INCR", "n"}, "(integer) 2\n"},
			{[]string{"--no-raw", "MGET", "k", "nokey", "n"}, "1) \"v\"\n2) (nil)\n3) \"2\"\n"},
			{[]string{"--no-raw", "SET", "k"}, "(error) ERR wrong number of arguments for 'set' command\n"},
			{[]string{"SET", "sp", "a b"}, "OK\n"},
			{[]string{"--no-raw", "GET", "sp"}, "\"a b\"\n"},
			{[]string{"EXPIRE", "k", "100"}, "1\n"},
			{[]string{"TTL", "nokey"}, "-2\n"},
			{[]string{"--no-raw", "EXISTS", "k", "n", "nokey"}, "(integer) 2\n"},
			{[]string{"--no-raw", "TYPE", "k"}, "string\n"},
			{[]string{"DBSIZE"}, "3\n"},
			{[]string{"-n", "3", "SET", "k", "db3"}, "OK\n"},
			{[]string{"-n", "3", "GET", "k"}, "db3\n"},
			{[]string{"GET", "k"}, "v\n"},
		}
		for _, st := range steps {
			if got := redisCLI(t, s, nil, st.args...); got != st.want {
				t.Errorf("redis-cli %s:\n want %q\n got  %q", strings.Join(st.args, " "), st.want, got)
			}
		}
		// Commands read from standard input, one per line.
		got := redisCLI(t, s, []byte("SET a 1\nGET a\nINCR a\n"))
		if want := "OK\n1\n2\n"; got != want {
			t.Errorf("redis-cli with commands on stdin:\n want %q\n got  %q", want, got)
		}
		// redis-cli's hints use COMMAND DOCS; it must at least work on SET.
		docs := redisCLI(t, s, nil, "COMMAND", "DOCS", "SET")
		for _, want := range []string{"set\n", "summary\n", "since\n", "group\n", "string\n", "arguments\n"} {
			if !strings.Contains(docs, want) {
				t.Errorf("redis-cli COMMAND DOCS SET: output lacks %q:\n%s", want, clip(docs))
			}
		}
	})
}

// TestRedisCLIPipe is redis-cli --pipe mass insertion of 100,000 SETs, then a restart on the
// same file: nothing may be lost.
func TestRedisCLIPipe(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 100,000-key mass insertion")
	}
	const n = 100000
	var in bytes.Buffer
	for i := 0; i < n; i++ {
		k, v := fmt.Sprintf("key:%d", i), fmt.Sprintf("value-%d", i)
		fmt.Fprintf(&in, "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(k), k, len(v), v)
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		out := redisCLI(t, s, in.Bytes(), "--pipe")
		if !strings.Contains(out, fmt.Sprintf("errors: 0, replies: %d", n)) {
			t.Fatalf("redis-cli --pipe: want \"errors: 0, replies: %d\" in:\n%s", n, out)
		}
		c := s.dial(t)
		if got, want := c.do("DBSIZE"), fmt.Sprintf(":%d\r\n", n); got != want {
			t.Fatalf("DBSIZE after --pipe: want %q, got %q", want, got)
		}
		c.Close()

		s = s.restart(t)
		c = s.dial(t)
		if got, want := c.do("DBSIZE"), fmt.Sprintf(":%d\r\n", n); got != want {
			t.Fatalf("DBSIZE after restart: want %q, got %q", want, got)
		}
		for _, i := range []int{0, 1, 2, 99, 1000, 12345, 50000, 77777, 99998, 99999} {
			v := fmt.Sprintf("value-%d", i)
			want := fmt.Sprintf("$%d\r\n%s\r\n", len(v), v)
			if got := c.do("GET", fmt.Sprintf("key:%d", i)); got != want {
				t.Errorf("GET key:%d after restart: want %q, got %q", i, want, got)
			}
		}
		// Every key, checked in one pipelined MGET of 100,000 names.
		var mget bytes.Buffer
		fmt.Fprintf(&mget, "*%d\r\n$4\r\nMGET\r\n", n+1)
		for i := 0; i < n; i++ {
			k := fmt.Sprintf("key:%d", i)
			fmt.Fprintf(&mget, "$%d\r\n%s\r\n", len(k), k)
		}
		c.write(mget.Bytes())
		v := mustParse(t, c.read())
		if len(v.arr) != n {
			t.Fatalf("MGET of every key: want %d elements, got %d", n, len(v.arr))
		}
		bad := 0
		for i, e := range v.arr {
			if want := fmt.Sprintf("value-%d", i); e.null || e.str != want {
				if bad++; bad <= 5 {
					t.Errorf("key:%d after restart: want %q, got %+v", i, want, e)
				}
			}
		}
		if bad > 0 {
			t.Errorf("%d of %d values wrong after restart", bad, n)
		}
	})
}
