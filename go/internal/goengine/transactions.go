package goengine

import (
	"strings"
	"time"

	"sqlettuce/go/internal/resp"
)

// Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH, as the Rust engine runs them
// (rust/src/commands/transaction). Between MULTI and EXEC a command is queued, not run
// (Redis 7.0's processCommand); the queue lives in the session, so MULTI and EXEC may
// arrive in different network batches. EXEC runs the queue inside its batch's
// transaction: one SQLite transaction for all of it. Where the batch runs is decided
// when it is parsed (routing): an EXEC whose queue writes takes the batch to the writer
// like any write; a read-only EXEC runs on a reader.

// txState is one session's transaction state.
type txState struct {
	multi bool // between MULTI and EXEC/DISCARD
	queue [][][]byte
	// A command was refused while queueing: EXEC replies EXECABORT.
	failed bool
	// Some queued command writes / touches SQLite (where EXEC must run).
	writes, needsDB bool
	watch           watchState
	// inExec is true while EXEC runs its queue: blocking commands must not block then
	// (Redis runs them as if their timeout had passed).
	inExec bool
}

// resetTx returns the session to a new connection's transaction state: no MULTI,
// nothing watched. For DISCARD, RESET and a closing session.
func (s *session) resetTx() {
	s.endMulti()
	s.tx.inExec = false
	s.tx.watch.clear(&s.e.watches, s.id)
}

// flagTransaction is Redis's: a command refused before it could be queued (unknown,
// wrong arity, or refused by a check such as NOAUTH) makes the next EXEC abort.
func (s *session) flagTransaction() {
	if s.tx.multi {
		s.tx.failed = true
	}
}

func (s *session) endMulti() {
	s.tx.multi, s.tx.failed, s.tx.writes, s.tx.needsDB = false, false, false, false
	s.tx.queue = s.tx.queue[:0]
}

// runsInsideMulti lists the commands that run at once even inside MULTI.
func runsInsideMulti(name string) bool {
	switch name {
	case "exec", "discard", "multi", "watch", "quit", "reset":
		return true
	}
	return false
}

// reject is Redis's rejectCommand, for a command refused before it could run or be
// queued (wrong arity, NOAUTH, RESP2 subscribe mode): inside MULTI it makes EXEC abort;
// a refused EXEC itself, in or out of MULTI, replies EXECABORT with the reason and
// discards the transaction and its watches.
func (s *session) reject(name string, err replyError) {
	s.flagTransaction()
	if name == "exec" {
		s.resetTx()
		s.out = resp.AppendError(s.out, "EXECABORT Transaction discarded because of: "+
			strings.TrimPrefix(string(err), "ERR "))
		return
	}
	s.out = resp.AppendError(s.out, string(err))
}

// intercept queues the command inside MULTI (+QUEUED) or refuses it (its error, and
// EXEC will abort). False when the command must run now. EXEC with the wrong arity is
// rejected (EXECABORT) in or out of MULTI.
func (s *session) intercept(p *pending, argv [][]byte) bool {
	if p.c == nil && p.errText == errArity("exec") {
		s.reject("exec", p.errText)
		return true
	}
	if !s.tx.multi {
		return false
	}
	if p.c != nil && runsInsideMulti(p.c.name) {
		return false
	}
	if p.c != nil && p.c.spec.HasFlag("no_multi") {
		// SHUTDOWN and the like: the table's no_multi flag, as Redis's processCommand.
		s.flagTransaction()
		s.out = resp.AppendError(s.out, string(errNotAllowedInMulti))
		return true
	}
	if p.c == nil {
		s.flagTransaction()
		s.out = resp.AppendError(s.out, string(p.errText))
		return true
	}
	// The arguments point into the client's input buffer: keep a copy.
	cp := make([][]byte, len(argv))
	for i, a := range argv {
		cp[i] = append([]byte(nil), a...)
	}
	s.tx.queue = append(s.tx.queue, cp)
	s.tx.writes = s.tx.writes || p.c.write
	s.tx.needsDB = s.tx.needsDB || !p.c.noDB
	s.out = resp.Append(s.out, resp.Simple("QUEUED"))
	return true
}

// routing follows MULTI/EXEC through a batch while it is parsed, to say what each
// command needs when it runs: a queued command nothing yet, EXEC what its queue needs
// (and SQLite when keys are watched).
type routing struct {
	inMulti, writes, needsDB, watching bool
}

func (s *session) newRouting() routing {
	return routing{inMulti: s.tx.multi, writes: s.tx.writes, needsDB: s.tx.needsDB,
		watching: len(s.tx.watch.keys) > 0}
}

// command returns (writes, needs SQLite) for the next command of the batch.
func (r *routing) command(p *pending) (bool, bool) {
	c := p.c
	if c == nil {
		if p.errText == errArity("exec") {
			r.end()
		}
		return false, false
	}
	if r.inMulti && !runsInsideMulti(c.name) {
		r.writes = r.writes || c.write
		r.needsDB = r.needsDB || !c.noDB
		return false, false
	}
	switch {
	case c.name == "multi" && !r.inMulti:
		r.inMulti = true
		return false, false
	case c.name == "exec" && r.inMulti:
		w, d := r.writes, r.needsDB || r.watching
		r.end()
		return w, d
	case c.name == "discard" || c.name == "reset":
		r.end()
	case c.name == "watch" && !r.inMulti:
		r.watching = true
	}
	return c.write, !c.noDB
}

// end leaves MULTI. watching stays: only a real UNWATCH clears it, and a stale true
// costs no more than a read transaction.
func (r *routing) end() { r.inMulti, r.writes, r.needsDB = false, false, false }

// MULTI starts a transaction: the commands that follow are queued until EXEC.
// MULTI
// https://redis.io/commands/multi
func cmdMulti(c *cmd) (resp.Value, error) {
	if c.s.tx.multi {
		// Redis 7.0 replies an error and keeps the transaction as it is.
		return resp.Value{}, errMultiNested
	}
	c.s.tx.multi = true
	return resp.OK(), nil
}

// DISCARD drops the queued commands and every WATCH.
// DISCARD
// https://redis.io/commands/discard
func cmdDiscard(c *cmd) (resp.Value, error) {
	if !c.s.tx.multi {
		return resp.Value{}, errDiscardWithoutMulti
	}
	c.s.resetTx()
	return resp.OK(), nil
}

// WATCH makes the next EXEC conditional: it fails (a null reply) if any of these keys
// changed in between.
// WATCH key [key ...]
// https://redis.io/commands/watch
func cmdWatch(c *cmd) (resp.Value, error) {
	if c.s.tx.multi {
		return resp.Value{}, errWatchInMulti
	}
	for _, k := range c.argv[1:] {
		seen, err := readSeen(c.ctx, c.q, c.s.db, k, c.now)
		if err != nil {
			return resp.Value{}, err
		}
		c.s.tx.watch.watch(&c.e.watches, c.s.id, watchName{c.s.db, string(k)}, seen)
	}
	return resp.OK(), nil
}

// UNWATCH forgets every watched key.
// UNWATCH
// https://redis.io/commands/unwatch
func cmdUnwatch(c *cmd) (resp.Value, error) {
	c.s.tx.watch.clear(&c.e.watches, c.s.id)
	return resp.OK(), nil
}

// EXEC runs the queued commands, all in the batch's one SQLite transaction, and replies
// their replies as one array; a null reply if a watched key changed. A command refused
// while queueing aborts the whole EXEC; a command failing while EXEC runs is just its
// error in the array, and the others still run (no rollback, as in Redis). The WATCH
// check reads the keys in the same transaction as the queued commands.
// EXEC
// https://redis.io/commands/exec
func cmdExec(c *cmd) (resp.Value, error) {
	s := c.s
	if !s.tx.multi {
		return resp.Value{}, errExecWithoutMulti
	}
	queue, failed := s.tx.queue, s.tx.failed
	s.tx.queue = nil // the handlers below must not see (or reuse) it
	s.endMulti()
	// Redis unwatches before running the queue, whatever happens.
	ok, err := true, error(nil)
	if !failed && len(s.tx.watch.keys) > 0 {
		ok, err = s.tx.watch.unchanged(c.ctx, c.q, c.now)
	}
	s.tx.watch.clear(&c.e.watches, s.id)
	if failed {
		return resp.Value{}, errExecAbort
	}
	if err != nil {
		return resp.Value{}, err
	}
	if !ok {
		return resp.NullArray(), nil
	}
	s.tx.inExec = true
	defer func() { s.tx.inExec = false }()
	replies := make([]resp.Value, 0, len(queue))
	for _, argv := range queue {
		p, errText := c.e.resolve(argv)
		if p == nil {
			replies = append(replies, resp.Error(string(errText)))
			continue
		}
		// The clock stays EXEC's: Redis fixes the time for a transaction's commands.
		start := time.Now()
		inner := cmd{s: s, e: c.e, q: c.q, ctx: c.ctx, argv: argv, name: p.name, now: c.now}
		v, err := p.run(&inner)
		if err != nil {
			re, isReply := err.(replyError)
			if !isReply {
				return resp.Value{}, err // a storage failure fails the batch
			}
			v = resp.Error(string(re))
		}
		// Each queued command counts as called, as Redis's EXEC calls it.
		c.e.stats.fold(s)
		c.e.stats.called(p, start, v.Kind == resp.KindError)
		replies = append(replies, v)
	}
	return resp.Array(replies...), nil
}
