// Package rustengine runs commands in the Rust staticlib (rust/). The two crossing modes
// take the same steps in Rust and open the same transactions; they differ only in how
// often Go calls into C:
//
//   - batch: one crossing per client batch (parse, and run it on a reader unless it
//     writes) and one per write group (every batch of the group, BEGIN to COMMIT).
//   - command: one crossing per command, plus a begin and an end crossing per read batch
//     and per group: the control group that shows what batching the crossings buys.
package rustengine

import (
	"fmt"
	"sync"
	"sync/atomic"

	"sqlettuce/go/internal/engine"
)

// rustLibSHA256 is the linked Rust library's hash, set by zz_rustlib_hash.go (written by
// `build.sh rustlib-hash`). It is a variable set in init, not a constant: an unused
// constant leaves the compiled package unchanged, so Go's cache would keep linking the
// old library into the binary.
var rustLibSHA256 string

// Crossing says how many commands one cgo call may carry.
type Crossing uint32

const (
	// CrossingBatch: one call per client batch and one per group.
	CrossingBatch Crossing = 0
	// CrossingCommand: one call per command (plus begin/end calls).
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

	// readSlots bounds the goroutines inside a Rust read batch to the reader connections
	// Rust has, so none of them waits inside Rust holding an OS thread (a goroutine
	// waiting on a Go channel holds none). Nil when Rust has no readers: every batch that
	// touches the database then needs the writer anyway.
	readSlots chan struct{}

	// writer serializes what uses the writer connection: groups, sweeps, Close. The
	// executor calls one at a time anyway; this makes it true for every caller.
	writer sync.Mutex
	jobs   jobs       // the C job array, reused by every group
	cs     []cSession // the group's sessions, reused
	closed atomic.Bool
}

// Open opens (or creates) the database and returns the engine.
func Open(opts engine.Options) (*Engine, error) {
	crossing, err := ParseCrossing(opts.Crossing)
	if err != nil {
		return nil, err
	}
	locking := lockingNormal
	switch opts.Locking {
	case "", "normal":
	case "exclusive":
		locking = lockingExclusive
	default:
		return nil, fmt.Errorf("unknown locking mode %q (want normal or exclusive)", opts.Locking)
	}
	mode := opts.AppendFsync
	if mode == "" {
		mode = "everysec"
	}
	fsync, ok := fsyncModes[mode]
	if !ok {
		return nil, fmt.Errorf("unknown appendfsync mode %q (want always, everysec or no)", opts.AppendFsync)
	}
	h, err := openEngine(opts.Path, opts.Bind, opts.Port, uint32(crossing), locking, fsync,
		engine.ReaderCount(opts), opts.RequirePass)
	if err != nil {
		return nil, err
	}
	e := &Engine{handle: h, crossing: crossing}
	readers, err := engineReaders(h)
	if err != nil {
		freeEngine(h)
		return nil, err
	}
	if readers > 0 {
		e.readSlots = make(chan struct{}, readers)
	}
	return e, nil
}

// NewSession starts a client connection's state in Rust.
func (e *Engine) NewSession() (engine.Session, error) {
	return e.NewClientSession(engine.ConnInfo{FD: -1})
}

// NewClientSession starts the state of a network client in Rust.
func (e *Engine) NewClientSession(conn engine.ConnInfo) (engine.Session, error) {
	if e.closed.Load() {
		return nil, engine.ErrClosed
	}
	s, id, err := newSession(e.handle, conn.Addr, conn.LAddr, conn.FD)
	if err != nil {
		return nil, err
	}
	return &Session{engine: e, handle: s, id: id}, nil
}

// ExecGroup runs every job's batch in one write transaction: one crossing for the whole
// group, or (per-command mode) a begin crossing, one per command, and a commit crossing.
func (e *Engine) ExecGroup(group []*engine.Job) {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed.Load() {
		for _, j := range group {
			j.Err = engine.ErrClosed
		}
		return
	}
	e.cs = e.cs[:0]
	for _, j := range group {
		e.cs = append(e.cs, j.Session.(*Session).handle)
	}
	e.jobs.set(e.cs)
	var err error
	if e.crossing == CrossingBatch {
		err = execGroup(e.handle, &e.jobs)
	} else {
		err = groupBegin(e.handle)
		for _, j := range group {
			s := j.Session.(*Session)
			for i := 0; i < s.parsed && err == nil; i++ {
				err = execNext(s.handle)
			}
		}
		// Commit even after a failed crossing: it closes the transaction and fills every
		// job's result (all errors when the group failed).
		if cerr := groupCommit(e.handle, &e.jobs); err == nil {
			err = cerr
		}
	}
	for i, j := range group {
		if err != nil {
			j.Err = err
			continue
		}
		j.Result = toResult(e.jobs.result(i))
		if j.Result.Action == engine.ActionBlock {
			b, berr := blocked(e.cs[i])
			j.Result.Block, j.Err = &b, berr
		}
	}
}

// SetPubSubCounts tells Rust the server-wide pub/sub counts, for INFO (one crossing).
func (e *Engine) SetPubSubCounts(channels, patterns int) {
	if !e.closed.Load() {
		setPubSubCounts(e.handle, channels, patterns)
	}
}

// RejectedConnection counts a connection refused at maxclients, for INFO (one crossing).
func (e *Engine) RejectedConnection() {
	if !e.closed.Load() {
		rejectedConnection(e.handle)
	}
}

// ConfigGet is CONFIG GET of one parameter (the settings the server enforces itself).
func (e *Engine) ConfigGet(name string) (string, bool) {
	if e.closed.Load() {
		return "", false
	}
	return configGet(e.handle, name)
}

// ConfigSet is CONFIG SET of one parameter (the server's flags at start).
func (e *Engine) ConfigSet(name, value string) error { return configSet(e.handle, name, value) }

// TakeReadyKeys returns the keys the last group made ready (one crossing).
func (e *Engine) TakeReadyKeys() []engine.ReadyKey {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed.Load() {
		return nil
	}
	keys, _ := takeReady(e.handle)
	return keys
}

// SweepExpired deletes up to maxKeys expired keys on the writer (the server runs it
// through the executor, between groups).
func (e *Engine) SweepExpired(maxKeys int) (int, error) {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed.Load() {
		return 0, nil
	}
	return sweepExpired(e.handle, maxKeys)
}

// Checkpoint runs a PASSIVE checkpoint on Rust's checkpointer connection; it takes no Go
// lock, so it never delays a group.
func (e *Engine) Checkpoint() (int, error) {
	if e.closed.Load() {
		return 0, nil
	}
	frames, _, err := checkpoint(e.handle, false)
	return int(frames), err
}

// CheckpointOnWriter runs a PASSIVE checkpoint on the writer, between groups.
func (e *Engine) CheckpointOnWriter() error {
	e.writer.Lock()
	defer e.writer.Unlock()
	if e.closed.Load() {
		return nil
	}
	_, _, err := checkpoint(e.handle, true)
	return err
}

// Stats returns the engine's counters since it opened.
func (e *Engine) Stats() (Stats, error) { return stats(e.handle) }

// Close waits for the group in flight, then frees the engine (Rust closes SQLite once the
// last session is freed too).
func (e *Engine) Close() error {
	e.writer.Lock()
	defer e.writer.Unlock()
	if !e.closed.Swap(true) {
		freeEngine(e.handle)
		e.jobs.free()
	}
	return nil
}

// InstallVFS makes sqlettuce's VFS the process's default SQLite VFS, for every
// connection opened afterwards by either engine. It gathers each transaction's WAL
// writes into one write() call (SQLite makes two per page), and changes nothing else:
// the file, its locking and what readers and crash recovery see stay the same. Open does
// it too; the server calls it at start so the go engine's connections share it.
func InstallVFS() error { return installVFS() }

// SQLiteVersion is the SQLite version the Rust side links against.
func SQLiteVersion() (string, error) { return sqliteVersion() }

// Session is one client connection in the Rust engine.
type Session struct {
	engine *Engine
	handle cSession
	id     int64 // the client id
	// parsed is how many commands the batch waiting for a group holds (per-command mode:
	// one crossing each).
	parsed int
}

// Exec runs the client's batch unless it writes: one crossing, or (per-command mode) a
// begin crossing, one per command, and an end crossing.
func (s *Session) Exec(input []byte) (engine.Result, error) {
	e := s.engine
	if e.closed.Load() {
		return engine.Result{}, engine.ErrClosed
	}
	if e.readSlots != nil {
		e.readSlots <- struct{}{}
		defer func() { <-e.readSlots }()
	}
	if e.crossing == CrossingBatch {
		r, err := exec(s.handle, input)
		return toResult(r), err
	}
	r, err := begin(s.handle, input)
	if err != nil {
		return engine.Result{}, err
	}
	if r.action == actionNeedsWriter {
		s.parsed = r.commands
		return toResult(r), nil
	}
	for i := 0; i < r.commands; i++ {
		if err := execNext(s.handle); err != nil {
			return engine.Result{}, err
		}
	}
	r, err = end(s.handle)
	return toResult(r), err
}

// ID is the client id.
func (s *Session) ID() int64 { return s.id }

func toResult(r execResult) engine.Result {
	res := engine.Result{Replies: r.replies, Consumed: r.consumed, Commands: r.commands,
		Killed: r.killed, Proto: r.proto, PubSub: r.pubsub, ConfigChanged: r.config}
	switch r.action {
	case actionClose:
		res.Action = engine.ActionClose
	case actionMore:
		res.Action = engine.ActionMore
	case actionNeedsWriter:
		res.Action = engine.ActionNeedsWriter
	case actionBlock:
		res.Action = engine.ActionBlock
	case actionPubSub:
		res.Action = engine.ActionPubSub
	}
	return res
}

// SetSubscriptions tells the Rust session its channel and pattern counts (one crossing).
func (s *Session) SetSubscriptions(channels, patterns int) {
	setSubscriptions(s.handle, channels, patterns)
}

// Close frees the Rust session.
func (s *Session) Close() {
	if s.handle != nil {
		freeSession(s.handle)
		s.handle = nil
	}
}
