// Package executor is the one goroutine that uses the database's writer. Clients whose
// batch writes submit it and wait; the executor takes the first waiting batch, drains
// every other one already waiting (within a bound), and runs them all as one group: one
// write transaction, one COMMIT (group commit), then it wakes each client with its own
// replies. Batches that arrive while a group runs form the next group, so the busier the
// server, the more batches share a commit.
//
// It knows nothing of either engine: it calls engine.Engine.ExecGroup. Background writes
// (the expiry sweep) go through it too, between groups, so the writer has one user.
package executor

import (
	"sync"

	"sqlettuce/go/internal/engine"
)

// Group bounds: a group holds at most this many batches or input bytes (one batch is
// always taken whatever its size). Bigger groups share a commit among more clients but
// make the first client of the group wait longer.
const (
	MaxGroupJobs  = 256
	MaxGroupBytes = 4 << 20
)

// Job is one client's write batch waiting for a group. A client reuses its Job.
type Job struct {
	engine.Job
	// Size is the batch's input bytes, for the group bound.
	Size int
	// Input is the input the session was given (the batch is its first Size bytes),
	// readable until the group ends: AfterGroup copies a blocking command from it.
	Input []byte
	// Tag is whatever the submitter attached (the server: its client), for AfterGroup.
	Tag  any
	done chan struct{}
}

// NewJob returns a Job for a client's session.
func NewJob(s engine.Session) *Job {
	return &Job{Job: engine.Job{Session: s}, done: make(chan struct{}, 1)}
}

// Executor runs groups of write batches, one at a time, on one goroutine.
type Executor struct {
	eng   engine.Engine
	queue chan *Job   // client batches waiting for a group
	tasks chan func() // background work that needs the writer
	quit  chan struct{}
	wg    sync.WaitGroup

	mu      sync.RWMutex // guards stopped against Submit/Do racing with Stop
	stopped bool

	// afterGroup runs on the executor after each group, before its clients wake and
	// before the next group (see SetAfterGroup).
	afterGroup func(group []*Job)

	// Reused by every group.
	group []*Job
	jobs  []*engine.Job
}

// New starts the executor for eng.
func New(eng engine.Engine) *Executor {
	x := &Executor{
		eng:   eng,
		queue: make(chan *Job, 1024),
		tasks: make(chan func()),
		quit:  make(chan struct{}),
		group: make([]*Job, 0, MaxGroupJobs),
		jobs:  make([]*engine.Job, 0, MaxGroupJobs),
	}
	x.wg.Add(1)
	go x.run()
	return x
}

// SetAfterGroup makes f run on the executor goroutine after every group, before the
// group's clients wake and before the next group runs: what f does is ordered with every
// write. The server's blocking registry uses it, so a client that blocked in a group is
// registered before any later group can push to its keys (no lost wake-up). Call it
// before the first Submit.
func (x *Executor) SetAfterGroup(f func(group []*Job)) { x.afterGroup = f }

// Submit queues j (whose session answered engine.ActionNeedsWriter with a batch of
// j.Size bytes) and waits until its group has committed. j.Result (or j.Err) then holds
// the batch's outcome.
func (x *Executor) Submit(j *Job) {
	x.mu.RLock()
	if x.stopped {
		x.mu.RUnlock()
		j.Err = engine.ErrClosed
		return
	}
	j.Err = nil
	x.queue <- j
	x.mu.RUnlock()
	<-j.done
}

// Do runs f on the executor between two groups and waits for it. False when the
// executor has stopped (f did not run).
func (x *Executor) Do(f func()) bool {
	x.mu.RLock()
	if x.stopped {
		x.mu.RUnlock()
		return false
	}
	done := make(chan struct{})
	x.tasks <- func() { f(); close(done) }
	x.mu.RUnlock()
	<-done
	return true
}

// Stop runs what is queued, then stops the executor. Submit and Do fail afterwards.
func (x *Executor) Stop() {
	x.mu.Lock()
	if x.stopped {
		x.mu.Unlock()
		return
	}
	x.stopped = true
	x.mu.Unlock()
	close(x.quit)
	x.wg.Wait()
}

func (x *Executor) run() {
	defer x.wg.Done()
	for {
		select {
		case j := <-x.queue:
			x.runGroup(j)
		case f := <-x.tasks:
			f()
		case <-x.quit:
			// Submit and Do no longer queue anything (stopped is set): finish the queue.
			for {
				select {
				case j := <-x.queue:
					x.runGroup(j)
				default:
					return
				}
			}
		}
	}
}

// runGroup runs first and every batch already waiting behind it (within the bounds) as
// one group, then wakes their clients.
func (x *Executor) runGroup(first *Job) {
	x.group = append(x.group[:0], first)
	size := first.Size
drain:
	for len(x.group) < MaxGroupJobs && size < MaxGroupBytes {
		select {
		case j := <-x.queue:
			x.group = append(x.group, j)
			size += j.Size
		default:
			break drain
		}
	}
	x.jobs = x.jobs[:0]
	for _, j := range x.group {
		x.jobs = append(x.jobs, &j.Job)
	}
	x.eng.ExecGroup(x.jobs)
	if x.afterGroup != nil {
		x.afterGroup(x.group)
	}
	for i, j := range x.group {
		x.group[i] = nil
		j.done <- struct{}{}
	}
}
