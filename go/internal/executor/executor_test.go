package executor

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"sqlettuce/go/internal/engine"
)

// fakeEngine records the groups it ran; each job's reply names its session and group.
type fakeEngine struct {
	mu     sync.Mutex
	groups [][]string
	inTask bool // a Do task is running: no group may run now
}

type fakeSession struct{ name string }

func (s *fakeSession) Exec([]byte) (engine.Result, error) { return engine.Result{}, nil }
func (s *fakeSession) Close()                             {}
func (s *fakeSession) ID() int64                          { return 0 }
func (s *fakeSession) SetSubscriptions(int, int)          {}

func (e *fakeEngine) NewSession() (engine.Session, error) { return &fakeSession{}, nil }
func (e *fakeEngine) NewClientSession(engine.ConnInfo) (engine.Session, error) {
	return &fakeSession{}, nil
}
func (e *fakeEngine) SweepExpired(int) (int, error)    { return 0, nil }
func (e *fakeEngine) Checkpoint() (int, error)         { return 0, nil }
func (e *fakeEngine) CheckpointOnWriter() error        { return nil }
func (e *fakeEngine) Close() error                     { return nil }
func (e *fakeEngine) TakeReadyKeys() []engine.ReadyKey { return nil }
func (e *fakeEngine) ConfigGet(string) (string, bool)  { return "", false }
func (e *fakeEngine) ConfigSet(string, string) error   { return nil }
func (e *fakeEngine) SetPubSubCounts(int, int)         {}
func (e *fakeEngine) RejectedConnection()              {}

func (e *fakeEngine) ExecGroup(jobs []*engine.Job) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.inTask {
		panic("a group ran during a Do task")
	}
	var names []string
	for _, j := range jobs {
		name := j.Session.(*fakeSession).name
		names = append(names, name)
		j.Result = engine.Result{Replies: []byte("+" + name + "\r\n"), Commands: 1}
	}
	e.groups = append(e.groups, names)
}

// Every submitted batch comes back with its own result, each exactly once, however the
// executor grouped them.
func TestEveryJobGetsItsOwnResult(t *testing.T) {
	eng := &fakeEngine{}
	x := New(eng)
	const clients, rounds = 32, 50
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &fakeSession{name: fmt.Sprintf("c%d", c)}
			job := NewJob(s)
			for range rounds {
				job.Size = 10
				x.Submit(job)
				if job.Err != nil || string(job.Result.Replies) != "+"+s.name+"\r\n" {
					t.Errorf("%s: result %q, err %v", s.name, job.Result.Replies, job.Err)
				}
			}
		}()
	}
	wg.Wait()
	x.Stop()
	seen := map[string]int{}
	for _, g := range eng.groups {
		if len(g) > MaxGroupJobs {
			t.Errorf("a group of %d jobs, bound %d", len(g), MaxGroupJobs)
		}
		inGroup := map[string]bool{}
		for _, n := range g {
			if inGroup[n] {
				t.Errorf("session %s twice in one group", n)
			}
			inGroup[n] = true
			seen[n]++
		}
	}
	for c := range clients {
		if n := seen[fmt.Sprintf("c%d", c)]; n != rounds {
			t.Errorf("c%d ran %d batches, want %d", c, n, rounds)
		}
	}
}

// Do runs between groups, and nothing runs after Stop.
func TestDoAndStop(t *testing.T) {
	eng := &fakeEngine{}
	x := New(eng)
	ran := false
	if !x.Do(func() {
		eng.mu.Lock()
		eng.inTask = true
		eng.mu.Unlock()
		ran = true
		eng.mu.Lock()
		eng.inTask = false
		eng.mu.Unlock()
	}) || !ran {
		t.Fatal("Do did not run its task")
	}
	x.Stop()
	x.Stop() // idempotent
	job := NewJob(&fakeSession{name: "late"})
	x.Submit(job)
	if !errors.Is(job.Err, engine.ErrClosed) {
		t.Errorf("Submit after Stop: err %v, want ErrClosed", job.Err)
	}
	if x.Do(func() {}) {
		t.Error("Do after Stop ran")
	}
}
