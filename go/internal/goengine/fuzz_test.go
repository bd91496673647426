package goengine

import (
	"bytes"
	"testing"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
	"sqlettuce/spec"
)

// FuzzExec runs fuzzed pipelined input through a session of the Go engine, as the
// server would. The seeds are every command and subcommand of the table with a few edge
// arguments; Go's fuzzer mutates them. For any input the engine must not panic or fail
// outright, must reply well-formed RESP, and must never answer with a database failure
// ("ERR commit failed"): bad input gets a Redis error reply. The element counts are
// checked when the fuzz engine closes.
//
//	go test -run '^$' -fuzz FuzzExec -fuzztime 60s ./go/internal/goengine/   (just fuzz)
func FuzzExec(f *testing.F) {
	for _, argv := range spec.FuzzSeeds() {
		f.Add([]byte(enc(argv...)))
	}
	e, err := Open(engine.Options{Path: ":memory:", Bind: "127.0.0.1", Port: 7299})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		checkElements(f, e)
		e.Close()
	})
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := e.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		res, err := execAll(s, in)
		if err != nil {
			t.Fatalf("%q: the engine failed: %v", in, err)
		}
		rest := res.Replies
		for len(rest) > 0 {
			n, ok := resp.ReplyLen(rest)
			if !ok {
				t.Fatalf("%q: malformed replies %q", in, res.Replies)
			}
			if bytes.HasPrefix(rest, []byte("-ERR commit failed")) {
				t.Fatalf("%q: a database failure reached the client: %q", in, rest[:n])
			}
			rest = rest[n:]
		}
	})
}
