package server

import (
	"context"
	"errors"
	"math"
	"net"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/goengine"
	"sqlettuce/go/internal/resp"
)

// Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
// CHANNELS/NUMSUB/NUMPAT. Subscriptions span connections, so they live here: the engine
// resolves these commands like any other (unknown command and arity errors come from the
// table), then stops the batch just before them (engine.ActionPubSub) and the server
// runs them, then tells the session its channel and pattern counts
// (Session.SetSubscriptions), which is what puts a RESP2 client in subscribe mode inside
// the engine (and what its CLIENT LIST line shows). The registry's own totals go to the
// engine too (Engine.SetPubSubCounts: INFO's pubsub_channels and pubsub_patterns).
//
// Inside EXEC a batch cannot stop half-way: the engine runs the queue and hands back the
// pub/sub commands in it as engine.Result.PubSub, each with the place in EXEC's reply
// where its output goes, and ends the batch right after EXEC. The server writes the
// replies up to each place, runs the command exactly as it runs one that came alone (a
// client's own subscription gets a message it publishes before PUBLISH's count), and
// goes on. They run after the batch's transaction has committed, so nothing is published
// for an EXEC that did not happen. RESET of a subscribed client comes back the same way:
// the server drops its subscriptions before the +RESET.
//
// Ordering: once a client subscribes, everything it is sent (its replies and the
// messages published to it) goes through its outbox, drained in order by one writer
// goroutine. A SUBSCRIBE queues its confirmation under the registry lock, and PUBLISH
// queues messages under the same lock, so a subscriber gets its confirmation before any
// message, and messages in publish order. A publisher only appends to outboxes: it never
// waits for a slow subscriber.

// subscriber is one connection that has subscribed at least once.
type subscriber struct {
	conn     net.Conn
	proto    atomic.Int32 // the client's RESP version (HELLO may switch it while subscribed)
	channels []string     // in subscription order (UNSUBSCRIBE with no argument follows it)
	patterns []string

	// limit is the pubsub class of client-output-buffer-limit: a client whose outbox
	// passes it (it does not read what is published) is disconnected, as Redis does.
	limit *OutputLimit

	mu        sync.Mutex
	queue     []byte // bytes waiting for the writer
	softSince int64  // when the outbox went above the soft limit (unix s; 0: below)
	closed    bool
	signal    chan struct{}
	done      chan struct{} // closed when the writer goroutine has ended
}

func newSubscriber(c net.Conn, proto int, limit *OutputLimit) *subscriber {
	sub := &subscriber{conn: c, limit: limit, signal: make(chan struct{}, 1), done: make(chan struct{})}
	sub.proto.Store(int32(proto))
	go sub.writer()
	return sub
}

// push queues b (copied) for the client. Never blocks.
func (sub *subscriber) push(b []byte) {
	sub.mu.Lock()
	if sub.closed {
		sub.mu.Unlock()
		return
	}
	if pending := int64(len(sub.queue) + len(b)); sub.limit.overHardLimit(pending) ||
		sub.limit.overSoftLimit(pending, &sub.softSince, time.Now()) {
		// The client does not read: drop it, like Redis's output-buffer limit.
		sub.closed = true
		sub.queue = nil
		sub.mu.Unlock()
		sub.conn.Close()
		return
	}
	sub.queue = append(sub.queue, b...)
	sub.mu.Unlock()
	select {
	case sub.signal <- struct{}{}:
	default:
	}
}

// writer writes what is queued, in order, until close (after which it drains the rest).
func (sub *subscriber) writer() {
	defer close(sub.done)
	var out []byte
	for {
		sub.mu.Lock()
		out, sub.queue = sub.queue, out[:0]
		closed := sub.closed
		sub.mu.Unlock()
		if len(out) > 0 {
			if _, err := sub.conn.Write(out); err != nil {
				sub.mu.Lock()
				sub.closed = true
				sub.mu.Unlock()
				sub.conn.Close()
				return
			}
			continue
		}
		if closed {
			return
		}
		<-sub.signal
	}
}

// close stops the outbox after what is queued has been written (bounded by a write
// deadline, for a client that no longer reads).
func (sub *subscriber) close() {
	sub.mu.Lock()
	sub.closed = true
	sub.mu.Unlock()
	select {
	case sub.signal <- struct{}{}:
	default:
	}
	sub.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	<-sub.done
}

func (sub *subscriber) count() int { return len(sub.channels) + len(sub.patterns) }

// pubsubRegistry is channel -> subscribers and pattern -> subscribers.
type pubsubRegistry struct {
	eng engine.Engine // told the totals, for INFO

	mu       sync.Mutex
	channels map[string]map[*subscriber]struct{}
	patterns map[string]map[*subscriber]struct{}
	// told is what the engine was last told: channels with a subscriber, distinct
	// patterns.
	told [2]int
}

func newPubSubRegistry(eng engine.Engine) *pubsubRegistry {
	return &pubsubRegistry{eng: eng, channels: map[string]map[*subscriber]struct{}{},
		patterns: map[string]map[*subscriber]struct{}{}}
}

// tellCounts gives the engine the registry's totals when they changed (one cheap call,
// only when a channel or pattern gains its first subscriber or loses its last). Under
// r.mu, so the engine's figures change in the registry's order.
func (r *pubsubRegistry) tellCounts() {
	if now := [2]int{len(r.channels), len(r.patterns)}; now != r.told {
		r.told = now
		r.eng.SetPubSubCounts(now[0], now[1])
	}
}

// pubsubClient is the per-connection pub/sub state the server keeps.
type pubsubClient struct {
	session engine.Session
	told    [2]int      // the channel and pattern counts the session was last told
	sub     *subscriber // nil until the first SUBSCRIBE/PSUBSCRIBE
	// proto is the client's RESP version, as the engine's last result said (HELLO
	// switches it); in RESP3 confirmations and messages are push (>) frames.
	proto int
}

// send writes b to the client: directly, or through its outbox once it has subscribed.
// A direct write is held to the normal class of client-output-buffer-limit (none by
// default): replies past the hard limit close the connection unsent, and a write still
// above the soft limit after its seconds fails (the client does not read).
func (s *Server) send(c net.Conn, pc *pubsubClient, b []byte) error {
	if pc.sub != nil {
		pc.sub.push(b)
		return nil
	}
	limit := &s.limits.Normal
	if limit.overHardLimit(int64(len(b))) {
		return errOutputLimit
	}
	if soft := limit.Soft.Load(); soft > 0 && int64(len(b)) > soft {
		c.SetWriteDeadline(time.Now().Add(time.Duration(max(limit.SoftSeconds.Load(), 1)) * time.Second))
		defer c.SetWriteDeadline(time.Time{})
	}
	_, err := c.Write(b)
	return err
}

// errOutputLimit: a reply passed the client's output buffer limit.
var errOutputLimit = errors.New("client output buffer limit reached")

// pubsubFrame encodes a confirmation or message: an array in RESP2, a push in RESP3.
func pubsubFrame(proto int, items ...resp.Value) []byte {
	b := resp.Append(nil, resp.Array(items...))
	if proto == 3 {
		b[0] = '>'
	}
	return b
}

// runPubSub runs the pub/sub command at the start of input (the engine resolved it and
// stopped before it) and returns the bytes it took.
func (s *Server) runPubSub(c net.Conn, pc *pubsubClient, input []byte) int {
	// The engine parsed and checked this command already (its bulk limit included).
	argv, n, err := resp.Parse(input, nil, math.MaxInt64)
	if err != nil || n == 0 || len(argv) == 0 {
		return len(input) // cannot happen: the engine parsed this command already
	}
	if strings.EqualFold(string(argv[0]), "shutdown") {
		// The engine checked the arguments. No reply, as Redis: the connection closes
		// with the others, after the batches in flight finish.
		go s.Shutdown(context.Background())
		return len(input)
	}
	s.pubsubCommand(c, pc, argv)
	return n
}

// sendResult writes a batch's replies and runs its pub/sub calls (the pub/sub commands
// EXEC ran, RESET's unsubscribing) in order, each where its output goes in the replies.
func (s *Server) sendResult(c net.Conn, pc *pubsubClient, r *engine.Result) error {
	prev := 0
	for _, call := range r.PubSub {
		if off := min(call.Offset, len(r.Replies)); off > prev {
			if err := s.send(c, pc, r.Replies[prev:off]); err != nil {
				return err
			}
			prev = off
		}
		// Its confirmations in the protocol the client spoke when it ran.
		pc.proto = call.Proto
		if pc.sub != nil {
			pc.sub.proto.Store(int32(call.Proto))
		}
		s.pubsubCommand(c, pc, call.Argv)
	}
	if prev < len(r.Replies) {
		if err := s.send(c, pc, r.Replies[prev:]); err != nil {
			return err
		}
	}
	return nil
}

// pubsubCommand runs one pub/sub command (argv as the client sent it; the engine
// checked it) against the registry and sends its output, as Redis would. The session
// and the engine learn the new counts before the client sees a confirmation, so a
// CLIENT LIST or INFO sent after it shows them.
func (s *Server) pubsubCommand(c net.Conn, pc *pubsubClient, argv [][]byte) {
	name := strings.ToLower(string(argv[0]))
	r := s.pubsub
	switch name {
	case "reset":
		// RESET leaves every subscription without a word (the engine replies +RESET).
		if pc.sub != nil {
			r.leave(pc.sub)
			s.setSubscriptions(pc)
		}
	case "subscribe", "psubscribe":
		if pc.sub == nil {
			pc.sub = newSubscriber(c, pc.proto, &s.limits.PubSub)
		}
		r.mu.Lock()
		var out []byte
		for _, ch := range argv[1:] {
			r.subscribe(pc.sub, string(ch), name == "psubscribe")
			out = append(out, pubsubFrame(pc.proto, resp.BulkString(name), resp.Bulk(ch),
				resp.Int(int64(pc.sub.count())))...)
		}
		r.tellCounts()
		s.setSubscriptions(pc)
		// Under the lock: no message published after the subscription comes before it.
		pc.sub.push(out)
		r.mu.Unlock()
	case "unsubscribe", "punsubscribe":
		pattern := name == "punsubscribe"
		r.mu.Lock()
		names := argv[1:]
		if len(names) == 0 && pc.sub != nil {
			// Every subscription, in the order they were made.
			list := pc.sub.channels
			if pattern {
				list = pc.sub.patterns
			}
			for _, x := range list {
				names = append(names, []byte(x))
			}
		}
		var out []byte
		for _, x := range names {
			count := 0
			if pc.sub != nil {
				r.unsubscribe(pc.sub, string(x), pattern)
				count = pc.sub.count()
			}
			out = append(out, pubsubFrame(pc.proto, resp.BulkString(name), resp.Bulk(x), resp.Int(int64(count)))...)
		}
		if len(names) == 0 {
			count := 0
			if pc.sub != nil {
				count = pc.sub.count()
			}
			out = pubsubFrame(pc.proto, resp.BulkString(name), resp.Null(), resp.Int(int64(count)))
		}
		r.tellCounts()
		r.mu.Unlock()
		if pc.sub != nil {
			s.setSubscriptions(pc)
		}
		s.send(c, pc, out) // after the lock: a client that never subscribed is written directly
	case "publish":
		s.send(c, pc, resp.Append(nil, resp.Int(int64(r.publish(argv[1], argv[2])))))
	case "pubsub":
		s.send(c, pc, resp.Append(nil, r.introspect(argv)))
	}
}

// setSubscriptions tells the session its channel and pattern counts when they changed.
// Only the client's own goroutine changes its subscriptions, so it reads them unlocked.
func (s *Server) setSubscriptions(pc *pubsubClient) {
	if now := [2]int{len(pc.sub.channels), len(pc.sub.patterns)}; now != pc.told {
		pc.told = now
		pc.session.SetSubscriptions(now[0], now[1])
	}
}

// subscribe adds sub to a channel (or pattern) it is not on yet. Under r.mu.
func (r *pubsubRegistry) subscribe(sub *subscriber, name string, pattern bool) {
	m, list := r.channels, &sub.channels
	if pattern {
		m, list = r.patterns, &sub.patterns
	}
	subs := m[name]
	if subs == nil {
		subs = map[*subscriber]struct{}{}
		m[name] = subs
	}
	if _, ok := subs[sub]; !ok {
		subs[sub] = struct{}{}
		*list = append(*list, name)
	}
}

// unsubscribe removes sub from a channel (or pattern). Under r.mu.
func (r *pubsubRegistry) unsubscribe(sub *subscriber, name string, pattern bool) {
	m, list := r.channels, &sub.channels
	if pattern {
		m, list = r.patterns, &sub.patterns
	}
	subs := m[name]
	if _, ok := subs[sub]; !ok {
		return
	}
	delete(subs, sub)
	if len(subs) == 0 {
		delete(m, name)
	}
	for i, x := range *list {
		if x == name {
			*list = append((*list)[:i:i], (*list)[i+1:]...)
			break
		}
	}
}

// leave drops every subscription of a connection (closing, or RESET).
func (r *pubsubRegistry) leave(sub *subscriber) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, ch := range append([]string(nil), sub.channels...) {
		r.unsubscribe(sub, ch, false)
	}
	for _, p := range append([]string(nil), sub.patterns...) {
		r.unsubscribe(sub, p, true)
	}
	r.tellCounts()
}

// publish queues msg for every subscriber of channel and of every matching pattern, and
// returns how many deliveries that made (a client on both counts twice, as in Redis).
func (r *pubsubRegistry) publish(channel, msg []byte) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	if subs := r.channels[string(channel)]; len(subs) > 0 {
		for sub := range subs {
			sub.push(pubsubFrame(int(sub.proto.Load()), resp.BulkString("message"), resp.Bulk(channel), resp.Bulk(msg)))
			n++
		}
	}
	for pattern, subs := range r.patterns {
		if !goengine.GlobMatch([]byte(pattern), channel) {
			continue
		}
		for sub := range subs {
			sub.push(pubsubFrame(int(sub.proto.Load()), resp.BulkString("pmessage"), resp.BulkString(pattern),
				resp.Bulk(channel), resp.Bulk(msg)))
			n++
		}
	}
	return n
}

// introspect is PUBSUB CHANNELS [pattern], NUMSUB [channel ...] and NUMPAT.
func (r *pubsubRegistry) introspect(argv [][]byte) resp.Value {
	r.mu.Lock()
	defer r.mu.Unlock()
	sub := strings.ToLower(string(argv[1]))
	syntax := resp.Error("ERR unknown subcommand or wrong number of arguments for '" +
		string(argv[1]) + "'. Try PUBSUB HELP.")
	switch sub {
	case "channels":
		if len(argv) > 3 {
			return syntax
		}
		var names []string
		for ch := range r.channels {
			if len(argv) == 2 || goengine.GlobMatch(argv[2], []byte(ch)) {
				names = append(names, ch)
			}
		}
		sort.Strings(names) // Redis's order is its dict's: any order is Redis's
		items := make([]resp.Value, len(names))
		for i, ch := range names {
			items[i] = resp.BulkString(ch)
		}
		return resp.Array(items...)
	case "numsub":
		var items []resp.Value
		for _, ch := range argv[2:] {
			items = append(items, resp.Bulk(ch), resp.Int(int64(len(r.channels[string(ch)]))))
		}
		return resp.Array(items...)
	case "numpat":
		if len(argv) != 2 {
			return syntax
		}
		return resp.Int(int64(len(r.patterns)))
	}
	return syntax // the engine resolved the subcommand: not reached
}
