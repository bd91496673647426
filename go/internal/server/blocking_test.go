package server

import (
	"testing"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/executor"
)

// readyEngine is an engine.Engine whose only working part is TakeReadyKeys.
type readyEngine struct {
	engine.Engine
	ready []engine.ReadyKey
}

func (e *readyEngine) TakeReadyKeys() []engine.ReadyKey {
	r := e.ready
	e.ready = nil
	return r
}

// blockJob is a client's job whose batch blocked on keys of db 0 (or, with keys nil,
// was served after running commands commands).
func blockJob(c *blockingClient, commands int, keys ...string) *executor.Job {
	j := &executor.Job{Tag: c}
	j.Result.Commands = commands
	if keys != nil {
		b := &engine.Block{}
		for _, k := range keys {
			b.Keys = append(b.Keys, []byte(k))
		}
		j.Result.Action, j.Result.Block = engine.ActionBlock, b
	}
	return j
}

func woken(c *blockingClient) bool {
	select {
	case <-c.waiter.wake:
		return true
	default:
		return false
	}
}

// One element wakes only the first client in line; its retry being served passes the
// wake to the next; a retry that blocks again ends the chain; a client that leaves while
// carrying a wake passes it on.
func TestBlockRegistryWakesInArrivalOrder(t *testing.T) {
	eng := &readyEngine{}
	r := newBlockRegistry(eng)
	a, b, c := &blockingClient{}, &blockingClient{}, &blockingClient{}
	r.afterGroup([]*executor.Job{blockJob(a, 0, "q"), blockJob(b, 0, "q", "other")})
	r.afterGroup([]*executor.Job{blockJob(c, 0, "q")})
	if r.Blocked() != 3 {
		t.Fatalf("blocked %d, want 3", r.Blocked())
	}
	eng.ready = []engine.ReadyKey{{DB: 0, Key: "q"}}
	r.afterGroup(nil)
	if !woken(a) || woken(b) || woken(c) {
		t.Fatal("a push must wake the first client only")
	}
	// A second push while a's retry is on its way wakes nobody else: a's wake carries on.
	eng.ready = []engine.ReadyKey{{DB: 0, Key: "q"}}
	r.afterGroup(nil)
	if woken(b) || woken(c) {
		t.Fatal("one wake per key at a time")
	}
	// a's retry is served: it leaves, and b (next in line) is woken.
	r.afterGroup([]*executor.Job{blockJob(a, 1)})
	if a.waiter != nil || !woken(b) || woken(c) {
		t.Fatal("a served must pass the wake to b")
	}
	// b leaves on its own (timeout, disconnect) while carrying the wake: c gets it.
	r.leave(b)
	if !woken(c) {
		t.Fatal("a leaving carrier must pass the wake on")
	}
	// c's retry blocks again at the same command: the key was empty, the chain stops.
	r.afterGroup([]*executor.Job{blockJob(c, 0, "q")})
	if c.waiter == nil || len(r.carriers) != 0 || r.Blocked() != 1 {
		t.Fatalf("c must stay blocked with no wake in flight (carriers %v)", r.carriers)
	}
	r.leave(c)
	if r.Blocked() != 0 || len(r.queues) != 0 {
		t.Fatalf("registry not empty: %v", r.queues)
	}
}
