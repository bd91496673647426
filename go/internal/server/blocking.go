package server

import (
	"errors"
	"net"
	"os"
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
// lock and no OS thread, until this registry wakes it, the timeout passes, or the client
// goes away; woken, it runs its input again from the blocking command (so pipelined
// commands after it run after it).
//
// No lost wake-up: every registry change that depends on the data happens on the
// executor goroutine, right after a group and before the next one (AfterGroup). A client
// that blocked in a group is registered before any later group can push to its keys,
// and a push in the same group (after the block) is in that group's ready keys, handled
// after the registration.
//
// Fairness, in arrival order: when a key becomes ready, only the FIRST client waiting on
// it is woken, and it carries that key's wake. If its retry is served, it leaves and
// passes the wake to the next client in line (the key may hold more); if the retry
// blocks again, the key is empty and the wake stops there. A woken client that times out
// or disconnects before its retry passes the wake on too, so an element is never left
// behind with clients waiting for it, and a gone client is never served.

// blockKey is a key in one database.
type blockKey struct {
	db  int64
	key string
}

// waiter is one blocked client.
type waiter struct {
	keys []blockKey
	// wake is signalled (never blocking the executor) when the client should retry.
	wake chan struct{}
	// carrying lists the keys whose wake this client holds (it was first in line when
	// they became ready); passed on when it leaves.
	carrying []blockKey
}

// blockingClient is what a client's executor job carries (executor.Job.Tag): its waiter
// while it is blocked. Written by the executor goroutine in AfterGroup and by the client
// goroutine when it stops waiting, never both at once (the client is not in a group
// while it waits).
type blockingClient struct {
	waiter *waiter
}

// blockRegistry is key -> the clients blocked on it, in arrival order.
type blockRegistry struct {
	eng engine.Engine

	mu       sync.Mutex
	queues   map[blockKey][]*waiter
	carriers map[blockKey]*waiter // the client carrying each ready key's wake
	blocked  atomic.Int64         // clients waiting in the registry (see Blocked)
}

func newBlockRegistry(eng engine.Engine) *blockRegistry {
	return &blockRegistry{eng: eng, queues: map[blockKey][]*waiter{},
		carriers: map[blockKey]*waiter{}}
}

// afterGroup runs on the executor goroutine after every group (executor.SetAfterGroup):
// it registers the clients that blocked in the group, settles the retries of woken
// clients, then wakes the first client waiting on each key the group made ready.
func (r *blockRegistry) afterGroup(group []*executor.Job) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, j := range group {
		c, ok := j.Tag.(*blockingClient)
		if !ok {
			continue
		}
		blocked := j.Err == nil && j.Result.Action == engine.ActionBlock
		if w := c.waiter; w != nil {
			// A retry: it starts at the blocking command, so blocking again with no
			// command run before means the same command found its keys empty.
			if blocked && j.Result.Commands == 0 {
				r.dropWakes(w)
				continue
			}
			r.removeLocked(w) // served (or failed): the next in line gets the wakes
			c.waiter = nil
		}
		if blocked {
			c.waiter = r.addLocked(j.Result.Block)
		}
	}
	if len(r.queues) == 0 {
		return // nobody waits: the ready keys can stay in the engine unread
	}
	for _, k := range r.eng.TakeReadyKeys() {
		r.readyLocked(blockKey{k.DB, k.Key})
	}
}

// addLocked registers a newly blocked client at the end of each of its keys' lines.
func (r *blockRegistry) addLocked(b *engine.Block) *waiter {
	w := &waiter{wake: make(chan struct{}, 1)}
	for _, k := range b.Keys {
		bk := blockKey{b.DB, string(k)}
		if r.inLine(bk, w) {
			continue // BLPOP k k
		}
		w.keys = append(w.keys, bk)
		r.queues[bk] = append(r.queues[bk], w)
	}
	r.blocked.Add(1)
	return w
}

func (r *blockRegistry) inLine(k blockKey, w *waiter) bool {
	for _, x := range r.queues[k] {
		if x == w {
			return true
		}
	}
	return false
}

// readyLocked wakes the first client in k's line, unless one already carries k's wake.
func (r *blockRegistry) readyLocked(k blockKey) {
	if r.carriers[k] != nil {
		return
	}
	line := r.queues[k]
	if len(line) == 0 {
		return
	}
	w := line[0]
	r.carriers[k] = w
	w.carrying = append(w.carrying, k)
	select {
	case w.wake <- struct{}{}:
	default: // already signalled and not yet retried: that retry sees k too
	}
}

// dropWakes: w's retry found every key empty, so the wakes it carried end with it.
func (r *blockRegistry) dropWakes(w *waiter) {
	for _, k := range w.carrying {
		if r.carriers[k] == w {
			delete(r.carriers, k)
		}
	}
	w.carrying = w.carrying[:0]
}

// removeLocked takes w out of every line and passes the wakes it carried to the next
// client in each line.
func (r *blockRegistry) removeLocked(w *waiter) {
	for _, k := range w.keys {
		line := r.queues[k]
		for i, x := range line {
			if x == w {
				line = append(line[:i:i], line[i+1:]...)
				break
			}
		}
		if len(line) == 0 {
			delete(r.queues, k)
		} else {
			r.queues[k] = line
		}
	}
	carried := w.carrying
	r.dropWakes(w)
	for _, k := range carried {
		r.readyLocked(k)
	}
	r.blocked.Add(-1)
}

// leave is for a client that stops waiting on its own: the timeout passed, or it
// disconnected. Wakes it carried go to the next in line.
func (r *blockRegistry) leave(c *blockingClient) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c.waiter != nil {
		r.removeLocked(c.waiter)
		c.waiter = nil
	}
}

// Blocked is how many clients wait in the registry now. INFO's blocked_clients is the
// engines' own count (a session blocks when its batch ends in ActionBlock, until its next
// batch), which needs no crossing to read; this one checks the registry's bookkeeping.
func (r *blockRegistry) Blocked() int { return int(r.blocked.Load()) }

// waitOutcome is how a blocked client's wait ended.
type waitOutcome int

const (
	waitWoken   waitOutcome = iota // a key became ready: run the input again
	waitTimeout                    // reply the timeout reply, skip the command
	waitGone                       // the client disconnected, or the server stops
)

// waitBlocked waits until the client is woken, its deadline passes (zero: never), or it
// goes away. Meanwhile a reader goroutine keeps reading the socket into buf after
// pending (so a disconnect is seen at once; input the client pipelines is kept for
// later). It returns the buffer and its pending bytes, which may have grown.
func (s *Server) waitBlocked(c net.Conn, bc *blockingClient, buf []byte, pending int, deadline time.Time) ([]byte, int, waitOutcome) {
	type readDone struct {
		buf     []byte
		pending int
		err     error
	}
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
	case <-bc.waiter.wake:
		outcome = waitWoken
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
	// The deadline can end the reader's Read before it saw a FIN that already arrived:
	// ask the socket itself, so a client gone before the wake is never served.
	if outcome == waitWoken && peerClosed(c) {
		outcome = waitGone
	}
	if outcome != waitWoken {
		s.blocking.leave(bc)
	}
	return read.buf, read.pending, outcome
}

// peerClosed says whether the client has closed its side (a FIN waits in the socket with
// no data before it), without blocking and without consuming input.
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
	var probe [1]byte
	raw.Read(func(fd uintptr) bool {
		n, _, err := syscall.Recvfrom(int(fd), probe[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		closed = n == 0 && err == nil
		return true // never wait for readiness
	})
	return closed
}
