package server

import (
	"testing"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/executor"
)

// listEngine is an engine.Engine that keeps lists as element counts: enough to watch the
// registry serve blocked clients. Its sessions' commands pop from the first non-empty
// key they wait on (and, with moveTo, push it there, as BLMOVE).
type listEngine struct {
	engine.Engine
	lists map[string]int
	ready []engine.ReadyKey
	runs  int // blocking commands run
}

func (e *listEngine) push(key string, n int) {
	e.lists[key] += n
	e.ready = append(e.ready, engine.ReadyKey{Key: key})
}

func (e *listEngine) TakeReadyKeys() []engine.ReadyKey {
	r := e.ready
	e.ready = nil
	return r
}

func (e *listEngine) ExecGroup(jobs []*engine.Job) {
	for _, j := range jobs {
		s := j.Session.(*listSession)
		e.runs++
		j.Result = engine.Result{Action: engine.ActionBlock}
		for _, k := range s.keys {
			if e.lists[k] > 0 {
				e.lists[k]--
				if s.moveTo != "" {
					e.push(s.moveTo, 1)
				}
				j.Result = engine.Result{Replies: []byte(k), Commands: 1}
				break
			}
		}
	}
}

type listSession struct {
	engine.Session
	keys   []string
	moveTo string
}

func (s *listSession) Exec([]byte) (engine.Result, error) {
	return engine.Result{Action: engine.ActionNeedsWriter}, nil
}

// block registers a client blocked on keys of db 0, as a group whose batch blocked.
func block(r *blockRegistry, moveTo string, keys ...string) *blockingClient {
	c := &blockingClient{}
	j := &executor.Job{Tag: c, Input: []byte("BLPOP")}
	j.Session = &listSession{keys: keys, moveTo: moveTo}
	b := &engine.Block{CommandLen: 5}
	for _, k := range keys {
		b.Keys = append(b.Keys, []byte(k))
	}
	j.Result.Action, j.Result.Block = engine.ActionBlock, b
	r.afterGroup([]*executor.Job{j})
	return c
}

// servedWith reports the key a client was served from ("" if it was not).
func servedWith(c *blockingClient) string {
	select {
	case <-c.waiter.wake:
		reply, _ := c.takeServed()
		return string(reply)
	default:
		return ""
	}
}

// Clients are served in arrival order, as many as there are elements, before the
// pushing group ends; the rest stay in line; a client that leaves is not served, nor is
// one whose connection is gone; what a served client pushes serves the next in turn.
func TestBlockRegistryServesInArrivalOrder(t *testing.T) {
	eng := &listEngine{lists: map[string]int{}}
	r := newBlockRegistry(eng)
	a := block(r, "", "q")
	b := block(r, "", "other", "q")
	c := block(r, "", "q")
	if r.Blocked() != 3 {
		t.Fatalf("blocked %d, want 3", r.Blocked())
	}
	eng.push("q", 1)
	r.afterGroup(nil)
	if servedWith(a) != "q" || servedWith(b) != "" || servedWith(c) != "" {
		t.Fatal("one element must serve the first client only")
	}
	if r.Blocked() != 2 || eng.lists["q"] != 0 {
		t.Fatalf("blocked %d, q holds %d", r.Blocked(), eng.lists["q"])
	}
	// Three elements: b then c; the third stays, nobody waits for it.
	eng.push("q", 3)
	r.afterGroup(nil)
	if servedWith(b) != "q" || servedWith(c) != "q" || eng.lists["q"] != 1 || r.Blocked() != 0 {
		t.Fatalf("b and c must be served, one element left (q holds %d)", eng.lists["q"])
	}

	// A client that timed out is out of line; one whose connection ended is skipped.
	d := block(r, "", "k")
	e := block(r, "", "k")
	f := block(r, "", "k")
	if r.leave(d) || d.waiter != nil {
		t.Fatal("d left unserved")
	}
	e.waiter.gone.Store(true)
	eng.push("k", 1)
	r.afterGroup(nil)
	if servedWith(f) != "k" || e.waiter.state != waiting {
		t.Fatal("f must be served past gone e")
	}
	if r.leave(e) || r.Blocked() != 0 {
		t.Fatalf("registry not empty: %v", r.queues)
	}
	// Served at the moment it gave up: leave says so, the reply is its own.
	g := block(r, "", "m")
	eng.push("m", 1)
	r.afterGroup(nil)
	if !r.leave(g) {
		t.Fatal("leave must report g was served")
	}

	// A BLMOVE-like client serves the client waiting on its destination, in the same
	// pushing group; with many waiters a push costs a few runs, not one per waiter.
	dst := block(r, "", "dst")
	mover := block(r, "dst", "src")
	eng.push("src", 1)
	r.afterGroup(nil)
	if servedWith(mover) != "src" || servedWith(dst) != "dst" {
		t.Fatal("the move must serve dst's waiter")
	}
	var line []*blockingClient
	for range 100 {
		line = append(line, block(r, "", "jobs"))
	}
	eng.runs = 0
	eng.push("jobs", 1)
	r.afterGroup(nil)
	if servedWith(line[0]) != "jobs" || eng.runs > 3 {
		t.Fatalf("one push ran %d blocking commands", eng.runs)
	}
}

// Keys readied together are served in the order they became ready: the client that
// waited first is run first whatever keys the others wait on (a map's order once let a
// later client take the element the first one was waiting for).
func TestBlockRegistryServesReadyKeysInOrder(t *testing.T) {
	for range 50 {
		eng := &listEngine{lists: map[string]int{}}
		r := newBlockRegistry(eng)
		first := block(r, "", "a")
		second := block(r, "", "a", "b")
		eng.push("a", 1)
		eng.push("b", 1)
		r.afterGroup(nil)
		if servedWith(first) != "a" || servedWith(second) != "b" {
			t.Fatal("the first client must get a, the second b")
		}
	}
}
