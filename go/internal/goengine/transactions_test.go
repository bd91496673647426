package goengine

import (
	"testing"

	"sqlettuce/go/internal/engine"
)

// TestExecRouting: where each batch runs. A queued write needs nothing until EXEC, which
// then needs the writer; a read-only EXEC runs on a reader. MULTI and EXEC come in
// separate batches, so the queue lives in the session.
func TestExecRouting(t *testing.T) {
	e := openTest(t, "")
	s := newSession(t, e)
	steps := []struct {
		argv   []string
		action engine.Action
		reply  string
	}{
		{[]string{"MULTI"}, engine.ActionNone, "+OK\r\n"},
		{[]string{"SET", "a", "1"}, engine.ActionNone, "+QUEUED\r\n"},
		{[]string{"EXEC"}, engine.ActionNeedsWriter, "*1\r\n+OK\r\n"},
		{[]string{"MULTI"}, engine.ActionNone, "+OK\r\n"},
		{[]string{"GET", "a"}, engine.ActionNone, "+QUEUED\r\n"},
		{[]string{"EXEC"}, engine.ActionNone, "*1\r\n$1\r\n1\r\n"},
		{[]string{"WATCH", "a"}, engine.ActionNone, "+OK\r\n"},
		{[]string{"MULTI"}, engine.ActionNone, "+OK\r\n"},
		{[]string{"PING"}, engine.ActionNone, "+QUEUED\r\n"},
		{[]string{"EXEC"}, engine.ActionNone, "*1\r\n+PONG\r\n"},
	}
	for _, st := range steps {
		r, err := s.Exec([]byte(enc(st.argv...)))
		if err != nil {
			t.Fatalf("%q: %v", st.argv, err)
		}
		if r.Action != st.action {
			t.Errorf("%q: action %v, want %v", st.argv, r.Action, st.action)
		}
		if r.Action == engine.ActionNeedsWriter {
			job := &engine.Job{Session: s}
			e.ExecGroup([]*engine.Job{job})
			r = job.Result
		}
		if string(r.Replies) != st.reply {
			t.Errorf("%q: got %q, want %q", st.argv, r.Replies, st.reply)
		}
	}
}

// TestWatchesLeaveTheRegistry: a session's watches leave the engine's registry on
// UNWATCH, EXEC, DISCARD and when the session closes.
func TestWatchesLeaveTheRegistry(t *testing.T) {
	e := openTest(t, ":memory:")
	names := func() int {
		e.watches.mu.Lock()
		defer e.watches.mu.Unlock()
		return len(e.watches.keys)
	}
	a, b := newSession(t, e), newSession(t, e)
	do := func(s engine.Session, cmds ...[]string) {
		var in []byte
		for _, c := range cmds {
			in = append(in, enc(c...)...)
		}
		if _, err := execAll(s, in); err != nil {
			t.Fatal(err)
		}
	}
	check := func(step string, want int) {
		if got := names(); got != want {
			t.Errorf("%s: %d names watched, want %d", step, got, want)
		}
	}
	do(a, []string{"WATCH", "x", "y"})
	do(b, []string{"WATCH", "y", "z"})
	check("two sessions", 3)
	do(a, []string{"UNWATCH"})
	check("UNWATCH", 2)
	do(b, []string{"MULTI"}, []string{"EXEC"})
	check("EXEC", 0)
	do(a, []string{"WATCH", "x"}, []string{"MULTI"}, []string{"DISCARD"})
	check("DISCARD", 0)
	do(a, []string{"WATCH", "x"})
	check("WATCH", 1)
	a.Close()
	check("closed", 0)
}
