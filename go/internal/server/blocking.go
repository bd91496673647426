package server

import (
	"errors"
	"net"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/executor"
)

// Blocking commands (BLPOP, BLMOVE, BZPOPMIN...). The engine runs a blocking command as
// its non-blocking form; when every key is empty it stops the client's batch just before
// the command (engine.ActionBlock). The client's goroutine then waits, holding no SQLite
// lock and no OS thread, until this registry serves it, the timeout passes, or the client
// goes away.
//
// Served as Redis serves them: when a write group readies a key someone waits on, the
// executor runs the waiters' blocking commands again right away, on their sessions, as
// the next group, before the pushing group's clients get their replies and before any
// other batch runs. So a client told that its RPUSH succeeded never finds the element
// still there for a waiter to take (its next command runs after the waiter got it), and
// a waiter is never overtaken by a client that came later. The woken client's goroutine
// only writes the reply it was served and goes on with its input after the command.
//
// Fairness, in arrival order: the waiters of a ready key are run in their line's order,
// so the first gets the first element; one that finds the key empty again stays where
// it is in line. The executor tries the first waiter of each ready key, then twice as
// many while they keep being served, so a push costs a few runs, not one per waiter.
//
// No lost wake-up: every registry change that depends on the data happens on the
// executor goroutine, right after a group and before the next one (AfterGroup). A client
// that blocked in a group is registered before any later group can push to its keys,
// and a push in the same group (after the block) is in that group's ready keys, handled
// after the registration. A client that leaves (timeout, disconnect) takes the registry's
// lock, so it is either served or gone, never both.

// blockKey is a key in one database.
type blockKey struct {
	db  int64
	key string
}

// waiterState is where a waiter stands; changed under the registry's lock.
type waiterState int

const (
	waiting waiterState = iota
	served              // the executor ran its command: reply holds its reply
	left                // it stopped waiting on its own (timeout, disconnect)
)

// waiter is one blocked client.
type waiter struct {
	keys    []blockKey
	conn    net.Conn
	session engine.Session
	// command is the blocking command's bytes (a copy), run again when a key is ready.
	command []byte
	// gone is set by the client's reader as soon as its connection ends, so the executor
	// serves nobody who cannot receive the reply.
	gone  atomic.Bool
	state waiterState
	// reply is what serving it replied (a copy), or err what failed; under the lock.
	reply []byte
	err   error
	// wake is signalled (never blocking the executor) once it is served.
	wake chan struct{}
}

// blockingClient is what a client's executor job carries (executor.Job.Tag): its waiter
// while it is blocked. Set by the executor goroutine in AfterGroup, cleared by the
// client goroutine when it stops waiting (the client is not in a group while it waits).
type blockingClient struct {
	conn   net.Conn
	waiter *waiter
}

// blockRegistry is key -> the clients blocked on it, in arrival order.
type blockRegistry struct {
	eng engine.Engine

	mu      sync.Mutex
	queues  map[blockKey][]*waiter
	blocked atomic.Int64 // clients waiting in the registry (see Blocked)
}

func newBlockRegistry(eng engine.Engine) *blockRegistry {
	return &blockRegistry{eng: eng, queues: map[blockKey][]*waiter{}}
}

// afterGroup runs on the executor goroutine after every group (executor.SetAfterGroup):
// it registers the clients that blocked in the group, then serves the clients waiting
// on each key the group made ready, before the group's clients wake.
func (r *blockRegistry) afterGroup(group []*executor.Job) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range group {
		c, ok := j.Tag.(*blockingClient)
		if !ok || j.Err != nil || j.Result.Action != engine.ActionBlock {
			continue
		}
		b := j.Result.Block
		at := j.Result.Consumed
		command := append([]byte(nil), j.Input[at:at+b.CommandLen]...)
		c.waiter = r.addLocked(c.conn, j.Session, command, b)
	}
	if len(r.queues) == 0 {
		return // nobody waits: the ready keys can stay in the engine unread
	}
	r.serveLocked(r.eng.TakeReadyKeys())
}

// addLocked registers a newly blocked client at the end of each of its keys' lines.
func (r *blockRegistry) addLocked(conn net.Conn, session engine.Session, command []byte, b *engine.Block) *waiter {
	w := &waiter{conn: conn, session: session, command: command, wake: make(chan struct{}, 1)}
	for _, k := range b.Keys {
		bk := blockKey{b.DB, string(k)}
		if slices.Contains(w.keys, bk) {
			continue // BLPOP k k
		}
		w.keys = append(w.keys, bk)
		r.queues[bk] = append(r.queues[bk], w)
	}
	r.blocked.Add(1)
	return w
}

// serveLocked serves the clients waiting on the ready keys, in rounds: each round runs,
// as one group on the writer, the blocking commands of the first n waiters of every key
// still to serve (a client waiting on several keys runs once), n doubling each round.
// A key whose waiter found it empty is done; so is one with no waiter left. What a round
// readies (BLMOVE pushing to a list others wait on) joins the next round.
func (r *blockRegistry) serveLocked(ready []engine.ReadyKey) {
	// In the order the keys became ready, so who is served first does not depend on a
	// map's order: a client that came later never overtakes an earlier one.
	var todo []blockKey
	add := func(ready []engine.ReadyKey) {
		for _, k := range ready {
			if bk := (blockKey{k.DB, k.Key}); !slices.Contains(todo, bk) {
				todo = append(todo, bk)
			}
		}
	}
	add(ready)
	for n := 1; len(todo) > 0; n *= 2 {
		var round []*waiter
		inRound := map[*waiter]bool{}
		todo = slices.DeleteFunc(todo, func(k blockKey) bool { return len(r.queues[k]) == 0 })
		for _, k := range todo {
			line := r.queues[k]
			taken := 0
			for _, w := range line {
				if taken == n {
					break
				}
				if w.isGone() {
					continue // it will leave as soon as its goroutine sees it
				}
				taken++
				if !inRound[w] {
					inRound[w] = true
					round = append(round, w)
				}
			}
		}
		if len(round) == 0 {
			return
		}
		r.runLocked(round)
		todo = slices.DeleteFunc(todo, func(k blockKey) bool {
			// A waiter of this round still in k's line found k empty: k is done.
			return slices.ContainsFunc(r.queues[k], func(w *waiter) bool {
				return w.state == waiting && inRound[w]
			})
		})
		add(r.eng.TakeReadyKeys())
	}
}

// runLocked runs the blocking command of each waiter, in order, as one group on the
// writer (its own transaction): a waiter whose command found its keys empty again stays
// in line; the others are served and leave with their replies.
func (r *blockRegistry) runLocked(round []*waiter) {
	jobs := make([]*engine.Job, 0, len(round))
	ran := make([]*waiter, 0, len(round))
	for _, w := range round {
		res, err := w.session.Exec(w.command)
		if err == nil && res.Action == engine.ActionNeedsWriter {
			jobs = append(jobs, &engine.Job{Session: w.session})
			ran = append(ran, w)
			continue
		}
		r.settleLocked(w, res, err) // answered without the writer (not expected)
	}
	if len(jobs) > 0 {
		r.eng.ExecGroup(jobs)
	}
	for i, j := range jobs {
		r.settleLocked(ran[i], j.Result, j.Err)
	}
}

// settleLocked records how a waiter's run went: blocked again at its command (the key
// was empty), it stays in line; otherwise it is served.
func (r *blockRegistry) settleLocked(w *waiter, res engine.Result, err error) {
	if err == nil && res.Action == engine.ActionBlock && res.Commands == 0 {
		return
	}
	r.removeLocked(w)
	w.state = served
	w.reply, w.err = append([]byte(nil), res.Replies...), err
	w.wake <- struct{}{} // buffered: never blocks, sent once
}

// isGone says whether w's client went away: its reader saw the connection end, or a FIN
// already waits in the socket (the reader may not have run yet: a client that closed
// right before the push must not take the element).
func (w *waiter) isGone() bool {
	if !w.gone.Load() && w.conn != nil && peerClosed(w.conn) {
		w.gone.Store(true)
	}
	return w.gone.Load()
}

// peerClosed says whether the client has closed its side (a FIN waits in the socket
// with no data before it), without blocking and without consuming input. Control, not
// Read: the client's reader may sit in a Read on the same socket.
func peerClosed(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false
	}
	closed := false
	raw.Control(func(fd uintptr) {
		var probe [1]byte
		n, _, err := syscall.Recvfrom(int(fd), probe[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		closed = n == 0 && err == nil
	})
	return closed
}

// removeLocked takes w out of every line.
func (r *blockRegistry) removeLocked(w *waiter) {
	for _, k := range w.keys {
		line := slices.DeleteFunc(r.queues[k], func(x *waiter) bool { return x == w })
		if len(line) == 0 {
			delete(r.queues, k)
		} else {
			r.queues[k] = line
		}
	}
	r.blocked.Add(-1)
}

// leave is for a client that stops waiting on its own: the timeout passed, or it
// disconnected. It reports whether the executor served it first: then the client has a
// reply to send, not a timeout.
func (r *blockRegistry) leave(c *blockingClient) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	w := c.waiter
	if w == nil {
		return false
	}
	if w.state == served {
		return true
	}
	r.removeLocked(w)
	w.state = left
	c.waiter = nil
	return false
}

// Blocked is how many clients wait in the registry now. INFO's blocked_clients is the
// engines' own count (a session blocks when its batch ends in ActionBlock, until its next
// batch), which needs no crossing to read; this one checks the registry's bookkeeping.
func (r *blockRegistry) Blocked() int { return int(r.blocked.Load()) }

// waitOutcome is how a blocked client's wait ended.
type waitOutcome int

const (
	waitServed  waitOutcome = iota // the executor ran the command: send its reply, skip it
	waitTimeout                    // reply the timeout reply, skip the command
	waitGone                       // the client disconnected, or the server stops
)

// waitBlocked waits until the client is served, its deadline passes (zero: never), or it
// goes away. Meanwhile a reader goroutine keeps reading the socket into buf after
// pending (so a disconnect is seen at once; input the client pipelines is kept for
// later). It returns the buffer and its pending bytes, which may have grown.
func (s *Server) waitBlocked(c net.Conn, bc *blockingClient, buf []byte, pending int, deadline time.Time) ([]byte, int, waitOutcome) {
	type readDone struct {
		buf     []byte
		pending int
		err     error
	}
	w := bc.waiter
	done := make(chan readDone, 1)
	go func(buf []byte, pending int) {
		for {
			if pending == len(buf) {
				grown := make([]byte, len(buf)*2)
				copy(grown, buf[:pending])
				buf = grown
			}
			n, err := c.Read(buf[pending:])
			pending += n
			if err == nil && int64(pending) > s.limits.QueryBufferLimit.Load() {
				// What a blocked client sends waits unread: client-query-buffer-limit
				// bounds it, as every client's input.
				err = errors.New("blocked client reached the query buffer limit")
			}
			if err != nil {
				if !errors.Is(err, os.ErrDeadlineExceeded) {
					w.gone.Store(true) // before anyone hears of it: never served from now on
				}
				done <- readDone{buf, pending, err}
				return
			}
		}
	}(buf, pending)

	var timeout <-chan time.Time
	if !deadline.IsZero() {
		t := time.NewTimer(time.Until(deadline))
		defer t.Stop()
		timeout = t.C
	}
	outcome := waitGone
	var read readDone
	readerDone := false
	select {
	case <-w.wake:
		outcome = waitServed
	case <-timeout:
		outcome = waitTimeout
	case read = <-done:
		readerDone = true
	case <-s.stop:
	}
	if !readerDone {
		// Stop the reader: an expired deadline ends its Read.
		c.SetReadDeadline(time.Now())
		read = <-done
		s.mu.Lock()
		if !s.closing { // Shutdown's own deadline must stay
			c.SetReadDeadline(time.Time{})
		}
		s.mu.Unlock()
		if !errors.Is(read.err, os.ErrDeadlineExceeded) {
			outcome = waitGone // it went away at the same moment
		}
	}
	// Served at the moment it gave up (its timeout, or the server stopping): the element
	// is popped and committed, so the reply is its own and must be sent. Only a client
	// whose connection ended cannot have it.
	if outcome != waitServed && s.blocking.leave(bc) {
		outcome = waitServed
	}
	if outcome == waitServed && read.err != nil && !errors.Is(read.err, os.ErrDeadlineExceeded) {
		outcome = waitGone
	}
	return read.buf, read.pending, outcome
}

// takeServed returns the reply the executor served the client, and forgets its waiter.
func (bc *blockingClient) takeServed() ([]byte, error) {
	w := bc.waiter
	bc.waiter = nil
	return w.reply, w.err
}
