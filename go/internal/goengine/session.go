package goengine

import (
	"context"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// Batch bounds: one Exec may hold the engine for at most this much work before it lets
// other sessions in (it then starts another batch for the rest of its input).
const (
	maxBatchCommands = 10000
	maxBatchBytes    = 4 << 20
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
	closing bool   // QUIT ran: stop after its reply
	closed  bool
	out     []byte
	args    [][]byte  // every argument of the batch, back to back
	pending []pending // the batch's commands, as ranges of args
	cmd     cmd
}

// pending is one parsed command of a batch.
type pending struct {
	argStart, argEnd int
	end              int      // input offset just past the command
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

func (s *session) Close() {
	if !s.closed {
		s.closed = true
		s.e.clients.Add(-1)
	}
}

// Exec runs every complete command at the start of input, in batches of at most
// maxBatchCommands commands / maxBatchBytes bytes: each batch is one SQLite transaction
// under the engine mutex, and its replies are released only after COMMIT.
func (s *session) Exec(input []byte) (engine.Result, error) {
	s.out = s.out[:0]
	res := engine.Result{}
	pos := 0
	for {
		s.args = s.args[:0]
		s.pending = s.pending[:0]
		batchStart := pos
		writes, needsDB := false, false
		var perr error
		incomplete := false
		for len(s.pending) < maxBatchCommands && pos-batchStart < maxBatchBytes {
			argStart := len(s.args)
			args, n, err := resp.Parse(input[pos:], s.args)
			s.args = args
			if err != nil {
				perr = err
				break
			}
			if n == 0 {
				incomplete = true
				break
			}
			pos += n
			if len(args) == argStart {
				continue // an empty inline line or *0: skipped, but consumed
			}
			p := pending{argStart: argStart, argEnd: len(args), end: pos}
			p.c, p.errText = s.e.resolve(args[argStart:])
			if p.c != nil {
				writes = writes || p.c.write
				needsDB = needsDB || !p.c.noDB
			}
			s.pending = append(s.pending, p)
		}
		if len(s.pending) > 0 {
			s.runBatch(writes, needsDB, &res)
		}
		if s.closing {
			res.Action = engine.ActionClose // QUIT: what follows it is never run
			break
		}
		res.Consumed = pos
		if perr != nil {
			s.out = resp.AppendError(s.out, "ERR "+perr.Error())
			res.Action = engine.ActionClose
			break
		}
		if incomplete || pos == len(input) {
			break
		}
	}
	res.Replies = s.out
	return res, nil
}

// runBatch runs s.pending in one transaction. A command's own error is its reply and
// does not touch its neighbours (commands validate before they write). A storage error
// or a failed COMMIT rolls the whole batch back and turns every reply of the batch into
// that error, so no client ever sees OK for a write that was not committed.
func (s *session) runBatch(writes, needsDB bool, res *engine.Result) {
	e := s.e
	replyStart := len(s.out)
	if needsDB {
		e.mu.Lock()
		defer e.mu.Unlock()
		if e.closed.Load() {
			s.failBatch(replyStart, len(s.pending), "ERR server is shutting down", res)
			return
		}
		begin := e.begin
		if writes {
			begin = e.beginW
		}
		if _, err := begin.ExecContext(e.ctx); err != nil {
			s.failBatch(replyStart, len(s.pending), "ERR "+err.Error(), res)
			return
		}
	}
	c := &s.cmd
	ran := 0
	for i := range s.pending {
		p := &s.pending[i]
		ran++
		res.Consumed = p.end
		if p.c == nil {
			s.out = resp.AppendError(s.out, string(p.errText))
			continue
		}
		*c = cmd{s: s, e: e, q: e.q, ctx: e.ctx, argv: s.args[p.argStart:p.argEnd],
			name: p.c.name, now: time.Now().UnixMilli()}
		v, err := p.c.run(c)
		if err != nil {
			if re, ok := err.(replyError); ok {
				s.out = resp.AppendError(s.out, string(re))
			} else {
				if needsDB {
					e.rollback.ExecContext(e.ctx)
				}
				s.failBatch(replyStart, len(s.pending), "ERR "+err.Error(), res)
				return
			}
		} else {
			s.out = resp.Append(s.out, v)
		}
		if s.closing {
			break
		}
	}
	if needsDB {
		if _, err := e.commit.ExecContext(e.ctx); err != nil {
			e.rollback.ExecContext(e.ctx)
			s.failBatch(replyStart, ran, "ERR "+err.Error(), res)
			return
		}
	}
	res.Commands += ran
}

// failBatch replaces the batch's replies with n copies of msg.
func (s *session) failBatch(replyStart, n int, msg string, res *engine.Result) {
	s.out = s.out[:replyStart]
	for i := 0; i < n; i++ {
		s.out = resp.AppendError(s.out, msg)
	}
	res.Consumed = s.pending[n-1].end
	res.Commands += n
}
