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
