// Package enginetest holds checks of the engine.Engine contract that both engines' tests
// run (goengine and rustengine, each crossing mode): the same input, the same Results.
package enginetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"sqlettuce/go/internal/engine"
)

// Enc is one command as a RESP2 multibulk request.
func Enc(args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.String()
}

func argv(args ...string) [][]byte {
	out := make([][]byte, len(args))
	for i, a := range args {
		out[i] = []byte(a)
	}
	return out
}

func newSession(t *testing.T, e engine.Engine) engine.Session {
	t.Helper()
	s, err := e.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func run(t *testing.T, e engine.Engine, s engine.Session, input string) engine.Result {
	t.Helper()
	r, err := engine.Run(e, s, []byte(input))
	if err != nil {
		t.Fatalf("%q: %v", input, err)
	}
	return r
}

// exec is one Exec call, through a group of one when the batch writes.
func exec(t *testing.T, e engine.Engine, s engine.Session, input string) engine.Result {
	t.Helper()
	r, err := s.Exec([]byte(input))
	if err == nil && r.Action == engine.ActionNeedsWriter {
		job := &engine.Job{Session: s}
		e.ExecGroup([]*engine.Job{job})
		r, err = job.Result, job.Err
	}
	if err != nil {
		t.Fatalf("%q: %v", input, err)
	}
	return r
}

// PubSubInsideExec: the pub/sub commands EXEC runs come back as Result.PubSub, each with
// its place in EXEC's reply (which holds nothing there), and the batch ends right after
// EXEC; a WATCH-failed EXEC and EXECABORT hand back nothing. RESET of a subscribed client
// hands back a RESET call placed before its +RESET.
func PubSubInsideExec(t *testing.T, e engine.Engine) {
	s := newSession(t, e)
	run(t, e, s, Enc("MULTI")+Enc("SUBSCRIBE", "a", "b")+Enc("PUBLISH", "a", "x")+Enc("SET", "k", "v"))
	execCmd := Enc("EXEC")
	r := exec(t, e, s, execCmd+Enc("GET", "k"))
	if r.Action != engine.ActionMore || r.Consumed != len(execCmd) || r.Commands != 1 {
		t.Errorf("EXEC with pub/sub: action %v consumed %d commands %d, want the batch to end after EXEC",
			r.Action, r.Consumed, r.Commands)
	}
	if string(r.Replies) != "*3\r\n+OK\r\n" {
		t.Errorf("EXEC replies %q", r.Replies)
	}
	want := []engine.PubSubCall{
		{Offset: 4, Proto: 2, Argv: argv("SUBSCRIBE", "a", "b")},
		{Offset: 4, Proto: 2, Argv: argv("PUBLISH", "a", "x")},
	}
	if !reflect.DeepEqual(r.PubSub, want) {
		t.Errorf("EXEC calls %+v, want %+v", r.PubSub, want)
	}
	if r := run(t, e, s, Enc("GET", "k")); string(r.Replies) != "$1\r\nv\r\n" || r.PubSub != nil {
		t.Errorf("the next batch: %q %+v", r.Replies, r.PubSub)
	}

	// RESP3, and a HELLO inside EXEC: each call carries the protocol it ran in.
	r = run(t, e, s, Enc("MULTI")+Enc("PUBSUB", "NUMPAT")+Enc("HELLO", "3")+
		Enc("UNSUBSCRIBE")+Enc("EXEC")+Enc("HELLO", "2"))
	if len(r.PubSub) != 2 || r.PubSub[0].Proto != 2 || r.PubSub[1].Proto != 3 ||
		!strings.HasPrefix(string(r.Replies[r.PubSub[0].Offset-4:]), "*3\r\n%7\r\n") {
		t.Errorf("calls across HELLO 3: %+v in %q", r.PubSub, r.Replies)
	}

	// Nothing is handed back for an EXEC that does not run.
	other := newSession(t, e)
	run(t, e, s, Enc("WATCH", "k")+Enc("MULTI")+Enc("PUBLISH", "a", "x"))
	run(t, e, other, Enc("SET", "k", "w"))
	if r := run(t, e, s, execCmd); string(r.Replies) != "*-1\r\n" || r.PubSub != nil {
		t.Errorf("WATCH-failed EXEC: %q %+v", r.Replies, r.PubSub)
	}
	r = run(t, e, s, Enc("MULTI")+Enc("PUBLISH", "a", "x")+Enc("NOSUCH")+execCmd)
	if !strings.HasSuffix(string(r.Replies), "-EXECABORT Transaction discarded because of previous errors.\r\n") ||
		r.PubSub != nil {
		t.Errorf("EXECABORT: %q %+v", r.Replies, r.PubSub)
	}

	// CLIENT REPLY OFF drops EXEC's reply: the calls go where it would have started
	// (their frames are pushes, which Redis sends whatever CLIENT REPLY says).
	r = run(t, e, s, Enc("PING")+Enc("CLIENT", "REPLY", "OFF")+Enc("MULTI")+
		Enc("PUBLISH", "a", "x")+execCmd+Enc("CLIENT", "REPLY", "ON"))
	if string(r.Replies) != "+PONG\r\n+OK\r\n" ||
		!reflect.DeepEqual(r.PubSub, []engine.PubSubCall{{Offset: 7, Proto: 2, Argv: argv("PUBLISH", "a", "x")}}) {
		t.Errorf("EXEC under CLIENT REPLY OFF: %q %+v", r.Replies, r.PubSub)
	}

	// RESET: nothing to hand back unsubscribed; subscribed, a call before +RESET.
	if r := run(t, e, s, Enc("RESET")); r.PubSub != nil {
		t.Errorf("RESET unsubscribed: %+v", r.PubSub)
	}
	s.SetSubscriptions(1, 2)
	ping := "*2\r\n$4\r\npong\r\n$0\r\n\r\n"
	r = exec(t, e, s, Enc("PING")+Enc("RESET")+Enc("PING"))
	if string(r.Replies) != ping+"+RESET\r\n" || r.Action != engine.ActionMore ||
		!reflect.DeepEqual(r.PubSub, []engine.PubSubCall{{Offset: len(ping), Proto: 2, Argv: argv("RESET")}}) {
		t.Errorf("RESET subscribed: %q %v %+v", r.Replies, r.Action, r.PubSub)
	}
	if r := run(t, e, s, Enc("PING")); string(r.Replies) != "+PONG\r\n" {
		t.Errorf("PING after RESET: %q", r.Replies)
	}
}

// ClientListAndInfo: a subscribed client shows flag P and its counts (and is of TYPE
// pubsub), a blocked client flag b and cmd=blpop until its next batch; INFO counts the
// blocked clients and shows the server's pub/sub totals.
func ClientListAndInfo(t *testing.T, e engine.Engine) {
	sub, blocked, c := newSession(t, e), newSession(t, e), newSession(t, e)
	run(t, e, sub, Enc("CLIENT", "SETNAME", "sub"))
	sub.SetSubscriptions(1, 2)
	run(t, e, blocked, Enc("CLIENT", "SETNAME", "blocked"))
	if r := exec(t, e, blocked, Enc("BLPOP", "q", "0")); r.Action != engine.ActionBlock {
		t.Fatalf("BLPOP: %v", r.Action)
	}
	fields := func(args ...string) map[string]map[string]string {
		t.Helper()
		body := string(run(t, e, c, Enc(args...)).Replies)
		_, body, _ = strings.Cut(body, "\r\n")
		out := map[string]map[string]string{}
		for _, line := range strings.Split(strings.TrimSuffix(body, "\n\r\n"), "\n") {
			f := map[string]string{}
			for _, kv := range strings.Fields(line) {
				k, v, _ := strings.Cut(kv, "=")
				f[k] = v
			}
			out[f["name"]] = f
		}
		return out
	}
	l := fields("CLIENT", "LIST")
	for name, want := range map[string]string{"sub": "P 1 2 client|setname", "blocked": "b 0 0 blpop", "": "N 0 0 client|list"} {
		f := l[name]
		if got := f["flags"] + " " + f["sub"] + " " + f["psub"] + " " + f["cmd"]; got != want {
			t.Errorf("CLIENT LIST %q: flags sub psub cmd = %q, want %q", name, got, want)
		}
	}
	if l := fields("CLIENT", "LIST", "TYPE", "pubsub"); len(l) != 1 || l["sub"] == nil {
		t.Errorf("CLIENT LIST TYPE pubsub: %v", l)
	}
	if l := fields("CLIENT", "LIST", "TYPE", "normal"); len(l) != 2 || l["sub"] != nil {
		t.Errorf("CLIENT LIST TYPE normal: %v", l)
	}
	e.SetPubSubCounts(3, 1)
	info := func() string {
		t.Helper()
		text := string(run(t, e, c, Enc("INFO")).Replies)
		var out []string
		for _, f := range []string{"blocked_clients:", "pubsub_channels:", "pubsub_patterns:"} {
			_, v, _ := strings.Cut(text, "\r\n"+f)
			v, _, _ = strings.Cut(v, "\r\n")
			out = append(out, v)
		}
		return strings.Join(out, " ")
	}
	if got := info(); got != "1 3 1" {
		t.Errorf("INFO blocked_clients pubsub_channels pubsub_patterns: %q, want 1 3 1", got)
	}
	// The woken client's retry is a new batch: it is no longer blocked.
	run(t, e, blocked, Enc("PING"))
	if got := info(); got != "0 3 1" {
		t.Errorf("after the retry: %q, want 0 3 1", got)
	}
	if f := fields("CLIENT", "LIST")["blocked"]; f["flags"] != "N" {
		t.Errorf("after the retry: flags %q", f["flags"])
	}
	exec(t, e, blocked, Enc("BLPOP", "q", "0"))
	blocked.Close()
	if got := info(); got != "0 3 1" {
		t.Errorf("after a blocked client closed: %q, want 0 3 1", got)
	}
	sub.SetSubscriptions(0, 0)
	if f := fields("CLIENT", "LIST")["sub"]; f["flags"] != "N" || f["sub"] != "0" {
		t.Errorf("unsubscribed: %v", f)
	}
}
