package goengine

import (
	"context"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// Batch bounds: one batch holds at most this much work, so one client cannot hold a
// group (or a reader) for long; the server calls Exec again for the rest.
const (
	maxBatchCommands = 10000
	maxBatchBytes    = 4 << 20
	// maxBatchReplyBytes: after this many reply bytes the batch stops (ActionMore) and the
	// server writes them before the rest runs, so a client that pipelines thousands of
	// large GETs without reading holds one such buffer, not all of them.
	maxBatchReplyBytes = 1 << 20
)

// session is one client connection's state. Buffers are reused across calls so a
// steady pipeline allocates nothing per command in the parser or reply writer.
type session struct {
	e       *Engine
	id      int64
	db      int64  // SELECTed database
	name    []byte // CLIENT SETNAME
	libName []byte // CLIENT SETINFO LIB-NAME
	libVer  []byte // CLIENT SETINFO LIB-VER
	proto   int    // RESP version of the replies: 2 (default) or 3, switched by HELLO
	closing bool   // QUIT ran: stop after its reply
	closed  bool
	tx      txState // MULTI queue and WATCHed keys (resetTx clears both)

	authenticated bool      // AUTH succeeded, or no password was required at connect
	reply         replyMode // CLIENT REPLY
	noEvict       bool      // CLIENT NO-EVICT on (flag e)
	noTouch       bool      // CLIENT NO-TOUCH on (flag T)
	lastCmd       string    // the last command's full name (CLIENT LIST cmd=)
	lastMS        int64     // unix ms of the last command (CLIENT LIST idle=)
	killed        []int64   // ids CLIENT KILL chose in this batch: the server closes them
	entry         *clientEntry

	// blocked is set by a blocking command that found nothing to pop; blockAt is its
	// index in pending: the batch ends just before it (engine.ActionBlock). It stays set
	// after the batch: the client waits in the server (flag b, counted in INFO's
	// blocked_clients) until its next batch starts. countedBlocked: it is counted.
	blocked        *engine.Block
	blockAt        int
	countedBlocked bool
	// subChannels and subPatterns are the server registry's counts for this client
	// (SetSubscriptions): CLIENT LIST's sub= and psub=, flag P, and RESP2 subscribe
	// mode. handoff is set by a pub/sub command, which the server runs
	// (engine.ActionPubSub).
	subChannels, subPatterns int
	handoff                  bool
	configChanged            bool // CONFIG SET ran in this batch (Result.ConfigChanged)
	// calls are the pub/sub commands EXEC ran and RESET's unsubscribing, for the server
	// to run after the batch (engine.Result.PubSub).
	calls []engine.PubSubCall
	// more: the replies reached maxBatchReplyBytes; the batch ends before blockAt.
	more    bool
	out     []byte
	marks   []int     // AppendProtoMarked's offsets, reused
	args    [][]byte  // every argument of the batch, back to back (pointing into input)
	pending []pending // the batch's commands, as ranges of args
	cmd     cmd

	// The parsed batch (see parse).
	consumed int           // input bytes the batch took
	action   engine.Action // ActionNone, ActionClose or ActionMore
	perr     error         // a protocol error after the commands: replied, then close
	writes   bool          // some command has the table's "write" flag
	needsDB  bool          // some command touches SQLite

	// What the running command counted for INFO stats (read lookups that hit or missed,
	// expired keys deleted): the engine's counters take them when it ends (stats.fold).
	hits, misses, expired int64
}

// pending is one parsed command of a batch.
type pending struct {
	start, end       int // the command's input bytes
	argStart, argEnd int
	c                *command // nil when refused before running (errText)
	errText          replyError
}

// cmd is what a handler gets: its arguments, the session, the storage and the clock.
type cmd struct {
	s    *session
	e    *Engine
	q    kv
	ctx  context.Context
	argv [][]byte
	name string // full name as the table spells it, for error texts
	now  int64  // unix ms, read once per command
}

// SetSubscriptions records the server registry's channel and pattern counts for this
// client, and shows them to other clients' CLIENT LIST at once.
func (s *session) SetSubscriptions(channels, patterns int) {
	s.subChannels, s.subPatterns = channels, patterns
	s.publish()
}

// countBlocked keeps the registry's blocked count (INFO's blocked_clients) in step with
// s.blocked: a client counts from the end of the batch that blocked to the start of its
// next.
func (s *session) countBlocked() {
	if blocked := s.blocked != nil; blocked != s.countedBlocked {
		if blocked {
			s.e.registry.blocked.Add(1)
		} else {
			s.e.registry.blocked.Add(-1)
		}
		s.countedBlocked = blocked
	}
}

func (s *session) Close() {
	if !s.closed {
		s.closed = true
		s.blocked = nil
		s.countBlocked()
		s.resetTx()
		s.e.clients.Add(-1)
		s.e.registry.unregister(s.id)
	}
}

// ID is the client id (CLIENT ID).
func (s *session) ID() int64 { return s.id }

// Exec parses the batch at the start of input. A batch without a write command runs at
// once, on a reader connection when it touches SQLite, in one read transaction. A batch
// that writes runs nothing here: ActionNeedsWriter hands it to the executor's group.
func (s *session) Exec(input []byte) (engine.Result, error) {
	if s.e.closed.Load() {
		return engine.Result{}, engine.ErrClosed
	}
	s.parse(input)
	if s.writes || (s.needsDB && s.e.readers == nil) {
		return engine.Result{Consumed: s.consumed, Commands: len(s.pending),
			Action: engine.ActionNeedsWriter}, nil
	}
	s.out = s.out[:0]
	if !s.needsDB {
		s.run(nil)
		return s.finish(""), nil
	}
	e := s.e
	r := <-e.readers
	defer func() { e.readers <- r }()
	e.stats.transactions.Add(1)
	failed := ""
	_, err := r.begin.ExecContext(e.ctx)
	e.stats.statements.Add(r.count.take())
	if err != nil {
		failed = errStorage(err)
	} else if err := s.run(r); err != nil {
		r.rollback.ExecContext(e.ctx)
		failed = errStorage(err)
	} else if _, err := r.commit.ExecContext(e.ctx); err != nil {
		r.rollback.ExecContext(e.ctx)
		failed = errStorage(err)
	}
	e.stats.statements.Add(r.count.take())
	return s.finish(failed), nil
}

// ExecGroup runs every job's batch in one write transaction on the writer, then
// COMMITs. A storage error (not a command's own error reply) or a failed COMMIT rolls
// the whole group back and turns every reply of every job into that error: no client
// is ever told OK for a write that was not committed.
func (e *Engine) ExecGroup(jobs []*engine.Job) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Load() {
		for _, j := range jobs {
			j.Err = engine.ErrClosed
		}
		return
	}
	w := e.writer
	e.stats.transactions.Add(1)
	failed := ""
	err := e.applyWriterFsync()
	if err == nil {
		_, err = w.begin.ExecContext(e.ctx)
	}
	e.stats.statements.Add(w.count.take())
	if err != nil {
		failed = errStorage(err)
	}
	for _, j := range jobs {
		s := j.Session.(*session)
		s.out = s.out[:0]
		if failed != "" {
			continue
		}
		if err := s.run(w); err != nil {
			w.rollback.ExecContext(e.ctx)
			failed = errStorage(err)
		}
	}
	e.ready = e.ready[:0]
	if failed == "" {
		e.stats.statements.Add(w.count.take())
		var err error
		e.ready, err = e.takeReady(e.ready)
		w.count.take() // not a command's statement (the Rust engine does not count it either)
		if err != nil {
			w.rollback.ExecContext(e.ctx)
			failed = errStorage(err)
		}
	}
	if failed == "" {
		if _, err := w.commit.ExecContext(e.ctx); err != nil {
			w.rollback.ExecContext(e.ctx)
			failed = errStorage(err)
		}
	}
	e.stats.statements.Add(w.count.take())
	if failed != "" {
		e.ready = e.ready[:0]
	}
	for _, j := range jobs {
		j.Result = j.Session.(*session).finish(failed)
	}
}

// takeReady appends the keys the group made ready (sql/ready_keys_take.sql) to out,
// emptying the writer's temp table; inside the group's transaction.
func (e *Engine) takeReady(out []engine.ReadyKey) ([]engine.ReadyKey, error) {
	rows, err := e.takeReadyStmt.QueryContext(e.ctx)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var k engine.ReadyKey
		var key []byte
		if err := rows.Scan(&k.DB, &key); err != nil {
			return out, err
		}
		k.Key = string(key)
		out = append(out, k)
	}
	return out, rows.Err()
}

// TakeReadyKeys returns the keys the last group made ready, and forgets them.
func (e *Engine) TakeReadyKeys() []engine.ReadyKey {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.ready) == 0 {
		return nil
	}
	out := append([]engine.ReadyKey(nil), e.ready...)
	e.ready = e.ready[:0]
	return out
}

// errStorage is the reply of every command of a batch or group that could not commit
// (the same text as the Rust engine's).
func errStorage(err error) string {
	return "ERR commit failed, nothing in this batch was applied: " + err.Error()
}

// parse reads every complete command at the start of input (within the batch bounds)
// into s.pending, resolving each against the command table. Nothing runs.
func (s *session) parse(input []byte) {
	s.args = s.args[:0]
	s.pending = s.pending[:0]
	s.killed = s.killed[:0]
	s.writes, s.needsDB, s.perr = false, false, nil
	s.blocked, s.handoff, s.configChanged = nil, false, false
	s.countBlocked()
	s.calls = s.calls[:0]
	s.action = engine.ActionNone
	route := s.newRouting()
	maxBulkLen := s.e.config.protoMaxBulkLen.Load()
	pos := 0
	for {
		if len(s.pending) >= maxBatchCommands || pos >= maxBatchBytes {
			if pos < len(input) {
				s.action = engine.ActionMore
			}
			break
		}
		argStart := len(s.args)
		args, n, err := resp.Parse(input[pos:], s.args, maxBulkLen)
		s.args = args
		if err != nil {
			s.perr = err
			s.action = engine.ActionClose
			break
		}
		if n == 0 {
			break // an incomplete command: wait for more bytes
		}
		pos += n
		if len(args) == argStart {
			continue // an empty inline line or *0: skipped, but consumed
		}
		p := pending{start: pos - n, end: pos, argStart: argStart, argEnd: len(args)}
		p.c, p.errText = s.e.resolve(args[argStart:])
		// What the command needs when it runs (inside MULTI: nothing yet).
		writes, needsDB := route.command(&p)
		s.writes = s.writes || writes
		s.needsDB = s.needsDB || needsDB
		s.pending = append(s.pending, p)
		if equalFold(cString(args[argStart]), "quit") {
			s.action = engine.ActionClose // Redis reads nothing after QUIT
			break
		}
	}
	s.consumed = pos
}

// run runs the parsed batch on c (nil when no command touches SQLite), appending the
// replies. A command's own error is its reply and does not touch its neighbours
// (commands validate before they write); any other error is a storage failure, returned
// at once: the caller rolls back and fails the batch.
func (s *session) run(c *conn) error {
	e := s.e
	cm := &s.cmd
	var q kv
	if c != nil {
		q = c.q
	}
	for i := range s.pending {
		p := &s.pending[i]
		mark := len(s.out)
		start := time.Now()
		now := start.UnixMilli()
		argv := s.args[p.argStart:p.argEnd]
		if p.c == nil {
			known := knownCommand(argv)
			s.lastCmd, s.lastMS = "NULL", now
			if known != nil {
				// A wrong arity: INFO commandstats' rejected_calls.
				s.lastCmd = known.name
				e.stats.byCommand[known.index].rejected.Add(1)
			}
		} else {
			s.lastCmd, s.lastMS = p.c.name, now
		}
		// Redis's order: unknown command and arity (p.c nil), then NOAUTH, then subscribe
		// mode, then MULTI's queue. A refused command inside MULTI makes EXEC abort.
		if p.c != nil && !s.authenticated && !p.c.noAuth && e.config.authRequired.Load() {
			e.stats.byCommand[p.c.index].rejected.Add(1)
			s.reject(p.c.name, errNoAuth)
			s.replied(mark)
			continue
		}
		// RESP2 subscribe mode (RESP3 has none): only the pub/sub commands, PING, QUIT
		// and RESET run.
		if p.c != nil && s.subscribeMode() && !allowedWhenSubscribed[p.c.name] {
			e.stats.byCommand[p.c.index].rejected.Add(1)
			s.reject(p.c.name, errNotInSubscribeContext(p.c.name))
			s.replied(mark)
			continue
		}
		// Inside MULTI the command is queued (or refused), not run.
		if s.intercept(p, argv) {
			s.replied(mark)
			continue
		}
		if p.c == nil {
			s.out = resp.AppendError(s.out, string(p.errText))
			s.replied(mark)
			continue
		}
		*cm = cmd{s: s, e: e, q: q, ctx: e.ctx, argv: s.args[p.argStart:p.argEnd],
			name: p.c.name, now: now}
		callsBefore := len(s.calls)
		v, err := p.c.run(cm)
		if c != nil {
			// Counted as each command ends (BEGIN with the first), so INFO inside a batch
			// sees its neighbours.
			e.stats.statements.Add(c.count.take())
		}
		e.stats.fold(s)
		if err != nil {
			re, ok := err.(replyError)
			if !ok {
				return err
			}
			e.stats.called(p.c, start, true)
			s.out = resp.AppendError(s.out, string(re))
		} else if s.blocked != nil || s.handoff {
			// Nothing to pop: the command did not happen. Stop the batch before it; the
			// server runs it again when one of its keys becomes ready. A pub/sub command
			// the server runs once: it counts as called here (INFO commandstats).
			if s.blocked == nil {
				e.stats.called(p.c, start, false)
			}
			s.blockAt = i
			return nil
		} else if len(s.calls) > callsBefore {
			// EXEC ran pub/sub commands (or RESET left its subscriptions): note where
			// each one's output goes.
			s.marks = s.marks[:0]
			s.out, s.marks = resp.AppendProtoMarked(s.out, v, s.proto, s.marks)
			for k := range s.calls[callsBefore:] {
				off := mark
				if k < len(s.marks) {
					off = s.marks[k]
				}
				s.calls[callsBefore+k].Offset = off
			}
		} else {
			s.out = resp.AppendProto(s.out, v, s.proto)
		}
		if err == nil {
			e.stats.called(p.c, start, v.Kind == resp.KindError)
		}
		s.replied(mark)
		if len(s.calls) > callsBefore {
			if len(s.out) == mark { // CLIENT REPLY dropped the reply: the calls still run
				for k := callsBefore; k < len(s.calls); k++ {
					s.calls[k].Offset = mark
				}
			}
			if i+1 < len(s.pending) {
				// The server runs the calls (and learns the subscription counts) before
				// the rest.
				s.blockAt, s.more = i+1, true
				return nil
			}
		}
		if len(s.out) >= maxBatchReplyBytes && i+1 < len(s.pending) {
			// Enough replies for one write: the rest runs after the server sends them.
			s.blockAt, s.more = i+1, true
			return nil
		}
	}
	return nil
}

// replied applies CLIENT REPLY to the reply just appended after mark: OFF drops every
// reply (errors too), SKIP the next one. The command's own effect on the mode counts:
// REPLY ON replies, REPLY OFF and REPLY SKIP do not.
func (s *session) replied(mark int) {
	switch s.reply {
	case replyOff:
		s.out = s.out[:mark]
	case replySkip:
		s.out = s.out[:mark]
		s.reply = replyOn
	case replySkipNext:
		s.out = s.out[:mark]
		s.reply = replySkip
	}
}

// finish completes the batch: with failed set, every reply becomes that error. Then the
// protocol error (if any) is replied, and the commands counted.
func (s *session) finish(failed string) engine.Result {
	if failed != "" {
		// Nothing of the group happened, the block and the pub/sub calls included.
		s.blocked, s.handoff, s.more = nil, false, false
		s.calls = s.calls[:0]
	}
	s.countBlocked()
	var calls []engine.PubSubCall
	if len(s.calls) > 0 {
		calls = s.calls
	}
	if s.blocked != nil || s.handoff || s.more {
		// The blocking command and what follows run again later, from its first byte (a
		// protocol error further on is found again then); a pub/sub command is the
		// server's to run.
		n := s.blockAt
		s.e.stats.commands.Add(int64(n))
		r := engine.Result{Replies: s.out, Consumed: s.pending[n].start, Commands: n,
			Action: engine.ActionPubSub, Proto: s.proto, Killed: s.killed, PubSub: calls,
			ConfigChanged: s.configChanged}
		if s.blocked != nil {
			s.blocked.CommandLen = s.pending[n].end - s.pending[n].start
			r.Action, r.Block = engine.ActionBlock, s.blocked
		}
		if s.more {
			r.Action = engine.ActionMore
		}
		s.pending = s.pending[:0]
		// s.blocked stays: the client waits (flag b) until its next batch.
		s.handoff, s.more = false, false
		// CLIENT LIST shows it blocked (cmd=blpop, flag b), or what it ran so far.
		s.publish()
		return r
	}
	if failed != "" {
		s.out = s.out[:0]
		for range s.pending {
			s.out = resp.AppendError(s.out, failed)
		}
	}
	if s.perr != nil {
		s.out = resp.AppendError(s.out, "ERR "+s.perr.Error())
	}
	action := s.action
	if s.closing {
		action = engine.ActionClose
	}
	s.publish()
	n := len(s.pending)
	s.e.stats.commands.Add(int64(n))
	s.pending = s.pending[:0]
	return engine.Result{Replies: s.out, Consumed: s.consumed, Commands: n, Action: action,
		Killed: s.killed, Proto: s.proto, PubSub: calls, ConfigChanged: s.configChanged}
}
