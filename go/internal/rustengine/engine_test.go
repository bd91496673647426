package rustengine

import (
	"path/filepath"
	"strings"
	"testing"

	"sqlettuce/go/internal/engine"
)

func openTest(t *testing.T, crossing string) *Engine {
	t.Helper()
	e, err := Open(engine.Options{Path: filepath.Join(t.TempDir(), "t.db"), Crossing: crossing})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// Both crossing modes give the same replies and open the same transactions; they differ
// only in crossings, by construction: per read batch 1 (batch) or commands+2 (command);
// per write batch 1 + 1 per group (batch) or 1 + commands, + 2 per group (command).
func TestCrossingModesDifferOnlyInCrossings(t *testing.T) {
	batches := []string{
		enc("SET", "a", "1") + enc("INCR", "a") + enc("GET", "a"),                    // writes: a group of one
		enc("GET", "a") + enc("STRLEN", "a") + enc("EXISTS", "a", "b") + enc("PING"), // reads
		enc("MSET", "x", "1", "y", "2") + enc("MGET", "x", "y", "z"),
	}
	want := []string{
		"+OK\r\n:2\r\n$1\r\n2\r\n",
		"$1\r\n2\r\n:1\r\n:1\r\n+PONG\r\n",
		"+OK\r\n*3\r\n$1\r\n1\r\n$1\r\n2\r\n$-1\r\n",
	}
	wantCrossings := map[string][]uint64{
		"batch":   {2, 1, 2},
		"command": {1 + 3 + 2, 1 + 4 + 1, 1 + 2 + 2},
	}
	transactions := map[string]uint64{}
	for _, mode := range []string{"batch", "command"} {
		e := openTest(t, mode)
		s, err := e.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		for i, b := range batches {
			before, _ := e.Stats()
			res, err := engine.Run(e, s, []byte(b))
			if err != nil {
				t.Fatal(err)
			}
			after, _ := e.Stats()
			if string(res.Replies) != want[i] {
				t.Errorf("%s batch %d: replies %q, want %q", mode, i, res.Replies, want[i])
			}
			// The Stats call that read "after" counted itself.
			if got := after.Crossings - before.Crossings - 1; got != wantCrossings[mode][i] {
				t.Errorf("%s batch %d: %d crossings, want %d", mode, i, got, wantCrossings[mode][i])
			}
			if got := after.Commands - before.Commands; got != uint64(strings.Count(b, "*")) {
				t.Errorf("%s batch %d: %d commands counted", mode, i, got)
			}
		}
		st, _ := e.Stats()
		transactions[mode] = st.Transactions
		s.Close()
	}
	if transactions["batch"] != transactions["command"] {
		t.Errorf("transactions differ: %v", transactions)
	}
}

// A write batch runs nothing before its group: not even SELECT.
func TestWriteBatchWaitsForItsGroup(t *testing.T) {
	for _, mode := range []string{"batch", "command"} {
		e := openTest(t, mode)
		s, _ := e.NewSession()
		res, err := s.Exec([]byte(enc("SELECT", "5") + enc("SET", "k", "v")))
		if err != nil || res.Action != engine.ActionNeedsWriter || len(res.Replies) != 0 {
			t.Fatalf("%s: %+v %v, want NeedsWriter and no replies", mode, res, err)
		}
		// A new batch replaces the waiting one: nothing of it ran, the session is on db 0.
		if res, _ := engine.Run(e, s, []byte(enc("GET", "k"))); string(res.Replies) != "$-1\r\n" {
			t.Errorf("%s: GET k on db 0 = %q", mode, res.Replies)
		}
		if _, err := s.Exec([]byte(enc("SELECT", "5") + enc("SET", "k", "v"))); err != nil {
			t.Fatal(err)
		}
		job := &engine.Job{Session: s}
		e.ExecGroup([]*engine.Job{job})
		if job.Err != nil || string(job.Result.Replies) != "+OK\r\n+OK\r\n" {
			t.Errorf("%s: group result %+v", mode, job)
		}
		if res, _ := engine.Run(e, s, []byte(enc("GET", "k"))); string(res.Replies) != "$1\r\nv\r\n" {
			t.Errorf("%s: GET k on db 5 = %q", mode, res.Replies)
		}
		s.Close()
	}
}

// enc is one command as multibulk.
func enc(args ...string) string { return string(pipeline(1, func(int) []string { return args })) }
