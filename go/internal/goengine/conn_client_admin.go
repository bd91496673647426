package goengine

import (
	"sqlettuce/go/internal/resp"
)

// CLIENT LIST, INFO, KILL, NO-EVICT, NO-TOUCH and REPLY: what tools and test suites send
// to look at and manage connections. The registry (clients.go) holds every session; the
// server closes the connections KILL picks (session.killed, handed over with the batch).

// clientView is what CLIENT LIST shows of a client: this client's live state, another's
// as it published it.
func (c *cmd) clientView(e *clientEntry) clientView {
	var v clientView
	if e.id == c.s.id {
		c.s.fillView(&v)
	} else {
		e.mu.Lock()
		v = e.view
		v.name = append([]byte(nil), e.view.name...)
		v.flags = append([]byte(nil), e.view.flags...)
		e.mu.Unlock()
	}
	return v
}

// clientLine is a client's CLIENT LIST line.
func (c *cmd) clientLine(e *clientEntry) string {
	v := c.clientView(e)
	return e.line(&v, c.now)
}

// clientType is a CLIENT LIST/KILL TYPE class (Redis's getClientType): a client
// subscribed to anything is a pubsub client, any other a normal one; none is a master
// or a replica.
type clientType int

const (
	clientNormal clientType = iota
	clientPubSub
	clientReplication
)

func parseClientType(t []byte) (clientType, error) {
	switch {
	case equalFold(t, "normal"):
		return clientNormal, nil
	case equalFold(t, "pubsub"):
		return clientPubSub, nil
	case equalFold(t, "master"), equalFold(t, "replica"), equalFold(t, "slave"):
		return clientReplication, nil
	}
	return 0, errUnknownClientType(t)
}

func (v *clientView) clientType() clientType {
	if v.sub+v.psub+v.ssub > 0 {
		return clientPubSub
	}
	return clientNormal
}

// CLIENT LIST returns every connection, one line each.
// CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]
// https://redis.io/commands/client-list
func cmdClientList(c *cmd) (resp.Value, error) {
	var ids map[int64]bool
	only := clientType(-1)
	switch {
	case len(c.argv) == 4 && equalFold(c.argv[2], "type"):
		var err error
		if only, err = parseClientType(c.argv[3]); err != nil {
			return resp.Value{}, err
		}
	case len(c.argv) >= 4 && equalFold(c.argv[2], "id"):
		ids = map[int64]bool{}
		for _, a := range c.argv[3:] {
			n, err := parseInt(a) // any integer: ids are never 0 or negative
			if err != nil {
				return resp.Value{}, errInvalidClientID
			}
			ids[n] = true
		}
	case len(c.argv) != 2:
		return resp.Value{}, errSyntax
	}
	var out []byte
	for _, e := range c.e.registry.all() {
		if ids != nil && !ids[e.id] {
			continue
		}
		v := c.clientView(e)
		if only >= 0 && v.clientType() != only {
			continue
		}
		out = append(out, e.line(&v, c.now)...)
		out = append(out, '\n')
	}
	// Text for people: a verbatim string in RESP3, as Redis 7.0 sends it.
	return resp.Verbatim(nonNil(out)), nil
}

// CLIENT INFO returns this connection's CLIENT LIST line.
// CLIENT INFO
// https://redis.io/commands/client-info
func cmdClientInfo(c *cmd) (resp.Value, error) {
	return resp.Verbatim([]byte(c.clientLine(c.s.entry) + "\n")), nil
}

// killFilter is CLIENT KILL's filters (all must match).
type killFilter struct {
	id          int64
	addr, laddr []byte
	hasAddr     bool
	hasLAddr    bool
	typ         clientType // -1: any
	skipMe      bool
}

// CLIENT KILL closes connections: the old form by address (one client, OK or an error),
// the new form by filters (the number killed).
// CLIENT KILL <ip:port | <[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <YES | NO>]> [...]>
// https://redis.io/commands/client-kill
func cmdClientKill(c *cmd) (resp.Value, error) {
	if len(c.argv) == 3 {
		if c.killMatching(killFilter{addr: c.argv[2], hasAddr: true, typ: -1}) == 0 {
			return resp.Value{}, errNoSuchClient
		}
		return resp.OK(), nil
	}
	if len(c.argv)%2 != 0 {
		return resp.Value{}, errSyntax
	}
	f := killFilter{skipMe: true, typ: -1}
	for j := 2; j < len(c.argv); j += 2 {
		opt, val := c.argv[j], c.argv[j+1]
		switch {
		case equalFold(opt, "id"):
			n, err := parseInt(val)
			if err != nil || n <= 0 {
				return resp.Value{}, errClientIDPositive
			}
			f.id = n
		case equalFold(opt, "type"):
			typ, err := parseClientType(val)
			if err != nil {
				return resp.Value{}, err
			}
			f.typ = typ
		case equalFold(opt, "addr"):
			f.addr, f.hasAddr = val, true
		case equalFold(opt, "laddr"):
			f.laddr, f.hasLAddr = val, true
		case equalFold(opt, "user"):
			if string(val) != "default" {
				return resp.Value{}, errNoSuchUser(val)
			}
		case equalFold(opt, "skipme"):
			switch {
			case equalFold(val, "yes"):
				f.skipMe = true
			case equalFold(val, "no"):
				f.skipMe = false
			default:
				return resp.Value{}, errSyntax
			}
		default:
			return resp.Value{}, errSyntax
		}
	}
	return resp.Int(int64(c.killMatching(f))), nil
}

// killMatching marks every matching client killed and records it for the server to
// close; it returns how many.
func (c *cmd) killMatching(f killFilter) int {
	n := 0
	for _, e := range c.e.registry.all() {
		if f.typ >= 0 {
			if v := c.clientView(e); v.clientType() != f.typ {
				continue
			}
		}
		if (f.id != 0 && f.id != e.id) || (f.hasAddr && string(f.addr) != e.conn.Addr) ||
			(f.hasLAddr && string(f.laddr) != e.conn.LAddr) || (f.skipMe && e.id == c.s.id) {
			continue
		}
		if !e.killed.Swap(true) {
			c.s.killed = append(c.s.killed, e.id)
			n++
		}
	}
	return n
}

// onOff reads ON or OFF.
func onOff(b []byte) (bool, error) {
	switch {
	case equalFold(b, "on"):
		return true, nil
	case equalFold(b, "off"):
		return false, nil
	}
	return false, errSyntax
}

// CLIENT NO-EVICT keeps this client out of client eviction (nothing is evicted here).
// CLIENT NO-EVICT <ON | OFF>
// https://redis.io/commands/client-no-evict
func cmdClientNoEvict(c *cmd) (resp.Value, error) {
	on, err := onOff(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	c.s.noEvict = on
	return resp.OK(), nil
}

// CLIENT NO-TOUCH makes this client's reads leave keys' access times alone (sqlettuce
// keeps none). Redis 7.2.
// CLIENT NO-TOUCH <ON | OFF>
// https://redis.io/commands/client-no-touch
func cmdClientNoTouch(c *cmd) (resp.Value, error) {
	on, err := onOff(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	c.s.noTouch = on
	return resp.OK(), nil
}

// CLIENT REPLY turns this connection's replies on, off, or off for the next command.
// The session drops the replies (session.replied); OFF and SKIP reply nothing themselves.
// CLIENT REPLY <ON | OFF | SKIP>
// https://redis.io/commands/client-reply
func cmdClientReply(c *cmd) (resp.Value, error) {
	mode := c.argv[2]
	switch {
	case equalFold(mode, "on"):
		c.s.reply = replyOn
	case equalFold(mode, "off"):
		c.s.reply = replyOff
	case equalFold(mode, "skip"):
		if c.s.reply != replyOff {
			c.s.reply = replySkipNext
		}
	default:
		return resp.Value{}, errSyntax
	}
	return resp.OK(), nil
}
