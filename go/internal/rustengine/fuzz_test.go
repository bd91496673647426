package rustengine

import (
	"bytes"
	"path/filepath"
	"testing"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
	"sqlettuce/spec"
)

// FuzzExec is the Go engine's FuzzExec (go/internal/goengine) through the Rust engine
// and its FFI, in both crossing modes: fuzzed pipelined input must never make the engine
// fail (a Rust panic comes back as an error), must get well-formed RESP replies, and never
// a database failure as a reply. Go's fuzzer sees coverage of the Go side only, so for the
// Rust code this is a random exerciser; rust/src/fuzz.rs fuzzes the Rust engine directly.
//
//	go test -run '^$' -fuzz FuzzExec -fuzztime 60s ./go/internal/rustengine/   (just fuzz)
func FuzzExec(f *testing.F) {
	for _, argv := range spec.FuzzSeeds() {
		f.Add([]byte(enc(argv...)))
	}
	var engines []*Engine
	for _, crossing := range []string{"batch", "command"} {
		e, err := Open(engine.Options{Path: filepath.Join(f.TempDir(), crossing+".db"), Crossing: crossing})
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(func() { e.Close() })
		engines = append(engines, e)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, e := range engines {
			s, err := e.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			res, err := engine.Run(e, s, in)
			s.Close()
			if err != nil {
				t.Fatalf("%q: the engine failed: %v", in, err)
			}
			for rest := res.Replies; len(rest) > 0; {
				n, ok := resp.ReplyLen(rest)
				if !ok {
					t.Fatalf("%q: malformed replies %q", in, res.Replies)
				}
				if bytes.HasPrefix(rest, []byte("-ERR storage error")) || bytes.HasPrefix(rest, []byte("-ERR internal error")) ||
					bytes.HasPrefix(rest, []byte("-ERR commit failed")) {
					t.Fatalf("%q: a database or internal failure reached the client: %q", in, rest[:n])
				}
				rest = rest[n:]
			}
		}
	})
}
