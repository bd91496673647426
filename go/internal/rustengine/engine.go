// Package rustengine runs commands in the Rust staticlib (rust/), one cgo crossing per
// pipelined batch or, in the per-command crossing mode, one per command.
package rustengine

import (
	"fmt"
	"sync"

	"sqlettuce/go/internal/engine"
)

// Crossing says how many commands one cgo call may carry.
type Crossing uint32

const (
	// CrossingBatch hands Rust every complete command the socket delivered, in one call
	// and one SQLite transaction.
	CrossingBatch Crossing = 0
	// CrossingCommand makes one call (and so one transaction) per command: the control
	// group that shows what batching buys.
	CrossingCommand Crossing = 1
)

// ParseCrossing reads the --crossing flag.
func ParseCrossing(s string) (Crossing, error) {
	switch s {
	case "batch":
		return CrossingBatch, nil
	case "command":
		return CrossingCommand, nil
	}
	return 0, fmt.Errorf("unknown crossing mode %q (want batch or command)", s)
}

// Engine is the Rust engine behind the engine.Engine interface.
type Engine struct {
	handle   cEngine
	crossing Crossing

	// writer serializes crossings: SQLite has one writer, and a goroutine waiting on a
	// Go mutex holds no OS thread, while one waiting inside Rust would.
	writer sync.Mutex
	closed bool
}

// Open opens (or creates) the database and returns the engine.
func Open(opts engine.Options) (*Engine, error) {
	crossing, err := ParseCrossing(opts.Crossing)
	if err != nil {
		return nil, err
	}
	h, err := openEngine(opts.Path, opts.Bind, opts.Port, uint32(crossing))
	if err != nil {
		return nil, err
	}
	return &Engine{handle: h, crossing: crossing}, nil
}

// NewSession starts a client connection's state in Rust.
func (e *Engine) NewSession() (engine.Session, error) {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed {
		return nil, fmt.Errorf("engine closed")
	}
	s, err := newSession(e.handle)
	if err != nil {
		return nil, err
	}
	return &Session{engine: e, handle: s}, nil
}

// SweepExpired deletes up to maxKeys expired keys through the same writer as commands.
func (e *Engine) SweepExpired(maxKeys int) (int, error) {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed {
		return 0, nil
	}
	return sweepExpired(e.handle, maxKeys)
}

// Close waits for the batch in flight, then frees the engine (Rust closes SQLite once the
// last session is freed too).
func (e *Engine) Close() error {
	e.writer.Lock()
	defer e.writer.Unlock()
	if !e.closed {
		e.closed = true
		freeEngine(e.handle)
	}
	return nil
}

// SQLiteVersion is the SQLite version the Rust side links against.
func SQLiteVersion() (string, error) { return sqliteVersion() }

// Session is one client connection in the Rust engine.
type Session struct {
	engine *Engine
	handle cSession
	// replies gathers the replies of several crossings (Rust's buffer is only valid until
	// the next call), reused across batches.
	replies []byte
}

// maxCommandsPerBatch bounds one crossing so one client's huge pipeline cannot hold the
// writer for long; the rest goes in the next crossing.
const maxCommandsPerBatch = 10000

// Exec runs every complete command in input: one crossing for the whole batch, or one
// per command.
func (s *Session) Exec(input []byte) (engine.Result, error) {
	limit := uint32(maxCommandsPerBatch)
	if s.engine.crossing == CrossingCommand {
		limit = 1
	}
	s.replies = s.replies[:0]
	var result engine.Result
	crossings := 0
	for {
		r, err := s.crossOnce(input[result.Consumed:], limit)
		if err != nil {
			return result, err
		}
		crossings++
		result.Consumed += r.consumed
		result.Commands += r.commands
		done := r.action == actionClose || r.action == actionNone && limit > 1 ||
			r.consumed == 0 || result.Consumed == len(input)
		if done && crossings == 1 {
			// The common case, one crossing: hand out Rust's buffer without a copy. It
			// stays valid until the next call on this session, after the server wrote it.
			result.Replies = r.replies
		} else {
			s.replies = append(s.replies, r.replies...)
			result.Replies = s.replies
		}
		if r.action == actionClose {
			result.Action = engine.ActionClose
		}
		if done {
			return result, nil
		}
	}
}

func (s *Session) crossOnce(input []byte, limit uint32) (execResult, error) {
	s.engine.writer.Lock()
	defer s.engine.writer.Unlock()
	if s.engine.closed {
		return execResult{}, fmt.Errorf("engine closed")
	}
	return exec(s.handle, input, limit)
}

// Close frees the Rust session.
func (s *Session) Close() {
	s.engine.writer.Lock()
	defer s.engine.writer.Unlock()
	if s.handle != nil {
		freeSession(s.handle)
		s.handle = nil
	}
}
