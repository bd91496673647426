package goengine

import (
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// The client registry: every open session, for CLIENT LIST, CLIENT KILL and INFO's
// clients section. A session publishes what others may read of it into its entry when
// each batch ends (reusing the entry's buffers), so CLIENT LIST never reads another
// session's live state. The Rust engine does the same (rust/src/clients.rs).

// clientView is what CLIENT LIST shows of a client that may change while it runs.
type clientView struct {
	name            []byte
	db              int64
	lastMS          int64 // unix ms of the last command
	flags           []byte
	sub, psub, ssub int64
	multi           int64 // commands queued in MULTI, -1 outside
	cmd             string
	resp            int64
}

// clientEntry is one client in the registry.
type clientEntry struct {
	id        int64
	conn      engine.ConnInfo
	createdMS int64
	mu        sync.Mutex
	view      clientView
	killed    atomic.Bool // CLIENT KILL chose it: no longer listed or counted
}

// line is the CLIENT LIST / CLIENT INFO line without the newline, in Redis 7.0's field
// order. Buffer figures are fixed, plausible values: Go owns the sockets and reads into
// one reused 16 KiB buffer per client.
func (e *clientEntry) line(v *clientView, nowMS int64) string {
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	return "id=" + i(e.id) + " addr=" + e.conn.Addr + " laddr=" + e.conn.LAddr +
		" fd=" + i(int64(e.conn.FD)) + " name=" + string(v.name) +
		" age=" + i(max(nowMS-e.createdMS, 0)/1000) + " idle=" + i(max(nowMS-v.lastMS, 0)/1000) +
		" flags=" + string(v.flags) + " db=" + i(v.db) + " sub=" + i(v.sub) + " psub=" + i(v.psub) +
		" ssub=" + i(v.ssub) + " multi=" + i(v.multi) +
		" qbuf=0 qbuf-free=16384 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0" +
		" tot-mem=20480 events=r cmd=" + v.cmd + " user=default redir=-1 resp=" + i(v.resp)
}

// clients is every open session, by id.
type clients struct {
	mu   sync.Mutex
	byID map[int64]*clientEntry
	// blocked is INFO's blocked_clients: sessions whose last batch ended in a blocking
	// command (session.countBlocked keeps it).
	blocked atomic.Int64
}

func (c *clients) register(e *clientEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byID == nil {
		c.byID = map[int64]*clientEntry{}
	}
	c.byID[e.id] = e
}

func (c *clients) unregister(id int64) {
	c.mu.Lock()
	delete(c.byID, id)
	c.mu.Unlock()
}

// all is every client not killed, in id order.
func (c *clients) all() []*clientEntry {
	c.mu.Lock()
	out := make([]*clientEntry, 0, len(c.byID))
	for _, e := range c.byID {
		if !e.killed.Load() {
			out = append(out, e)
		}
	}
	c.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// count is INFO's connected_clients: open connections, killed ones left out.
func (c *clients) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, e := range c.byID {
		if !e.killed.Load() {
			n++
		}
	}
	return n
}

// Client state beyond the handshake's, kept by the session.

// replyMode is CLIENT REPLY's state.
type replyMode int

const (
	replyOn       replyMode = iota
	replyOff                // no reply until CLIENT REPLY ON
	replySkipNext           // CLIENT REPLY SKIP ran: the next command's reply is dropped
	replySkip               // the command running now is the one SKIP drops
)

// writeFlags is Redis's flag letters for CLIENT LIST, in its order (clientInfoString's:
// P x b ... e T).
func (s *session) writeFlags(dst []byte) []byte {
	dst = dst[:0]
	if s.subChannels+s.subPatterns > 0 {
		dst = append(dst, 'P')
	}
	if s.tx.multi {
		dst = append(dst, 'x')
	}
	if s.blocked != nil {
		dst = append(dst, 'b')
	}
	if s.noEvict {
		dst = append(dst, 'e')
	}
	if s.noTouch {
		dst = append(dst, 'T')
	}
	if len(dst) == 0 {
		dst = append(dst, 'N')
	}
	return dst
}

// fillView writes this client's CLIENT LIST fields into v.
func (s *session) fillView(v *clientView) {
	v.db = s.db
	v.sub, v.psub = int64(s.subChannels), int64(s.subPatterns)
	v.name = append(v.name[:0], s.name...)
	v.lastMS = s.lastMS
	v.flags = s.writeFlags(v.flags)
	v.multi = -1
	if s.tx.multi {
		v.multi = int64(len(s.tx.queue))
	}
	v.cmd = s.lastCmd
	if v.cmd == "" {
		v.cmd = "NULL"
	}
	v.resp = int64(s.proto)
}

// publish copies what other sessions may read into the registry entry.
func (s *session) publish() {
	s.entry.mu.Lock()
	s.fillView(&s.entry.view)
	s.entry.mu.Unlock()
}

// reset is RESET's connection state: no MULTI, nothing watched, db 0, no name, RESP2,
// CLIENT REPLY ON, no subscriptions (the server's registry drops them: cmdReset hands it
// the call), and not authenticated when a password is required.
func (s *session) reset() {
	s.subChannels, s.subPatterns = 0, 0
	s.db = 0
	s.name = nil
	s.proto = resp.RESP2
	s.resetTx()
	s.reply = replyOn
	s.noTouch = false
	s.authenticated = !s.e.config.authRequired.Load()
}
