package server

import (
	"net"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Limits are Redis's client limits. Their home is the engine's CONFIG table (CONFIG
// SET maxclients, timeout, protected-mode, requirepass, client-query-buffer-limit,
// client-output-buffer-limit from any client); the server copies them here (readConfig:
// at start, and after any batch where CONFIG SET ran, before its replies are written) so
// the accept loop and every read and write see them for free.
type Limits struct {
	// MaxClients (Redis's maxclients, default 10000): a connection beyond it gets
	// "-ERR max number of clients reached" and is closed, as Redis does.
	MaxClients atomic.Int64
	// IdleTimeout (Redis's timeout, in seconds; 0, the default, never): a client that
	// sends nothing for that long is closed.
	IdleTimeout atomic.Int64
	// ProtectedMode (Redis's protected-mode, on by default): while no password is set,
	// a client from anywhere but the loopback interface gets Redis's DENIED error and is
	// closed. It matters once --bind opens the server beyond 127.0.0.1.
	ProtectedMode atomic.Bool
	// passwordSet: clients must authenticate (requirepass is set).
	passwordSet atomic.Bool
	// QueryBufferLimit (Redis's client-query-buffer-limit, 1 GB): a client whose unread
	// input (an incomplete command, say) grows past it is closed without a reply.
	QueryBufferLimit atomic.Int64
	// Output buffer limits (client-output-buffer-limit) of the two client classes
	// sqlettuce has: normal clients, and clients that have subscribed (pubsub).
	Normal, PubSub OutputLimit
}

// OutputLimit is one class of Redis's client-output-buffer-limit: a client whose pending
// output passes Hard bytes, or stays above Soft bytes for more than SoftSeconds, is
// closed. Zero turns a limit off.
type OutputLimit struct {
	Hard, Soft, SoftSeconds atomic.Int64
}

// Redis's defaults.
const (
	DefaultMaxClients       = 10000
	defaultQueryBufferLimit = 1 << 30
	defaultOutputLimits     = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"
)

func (l *Limits) setDefaults() {
	l.MaxClients.Store(DefaultMaxClients)
	l.ProtectedMode.Store(true)
	l.QueryBufferLimit.Store(defaultQueryBufferLimit)
	l.setOutputLimits(defaultOutputLimits)
}

// setOutputLimits reads client-output-buffer-limit's canonical text (the engine checked
// it): `class hard soft seconds` for normal, slave and pubsub.
func (l *Limits) setOutputLimits(v string) {
	w := strings.Fields(v)
	for i := 0; i+3 < len(w); i += 4 {
		var class *OutputLimit
		switch w[i] {
		case "normal":
			class = &l.Normal
		case "pubsub":
			class = &l.PubSub
		default:
			continue // no replicas here
		}
		for j, field := range []*atomic.Int64{&class.Hard, &class.Soft, &class.SoftSeconds} {
			if n, err := strconv.ParseInt(w[i+1+j], 10, 64); err == nil && n >= 0 {
				field.Store(n)
			}
		}
	}
}

// overSoftLimit tracks Redis's soft limit for one client: pending bytes above Soft since
// *since (unix seconds, 0 while below) for more than SoftSeconds. The hard limit is
// checked apart.
func (o *OutputLimit) overSoftLimit(pending int64, since *int64, now time.Time) bool {
	soft := o.Soft.Load()
	if soft == 0 || pending <= soft {
		*since = 0
		return false
	}
	if *since == 0 {
		*since = now.Unix()
		return false
	}
	return now.Unix()-*since > o.SoftSeconds.Load()
}

// overHardLimit: pending bytes past Hard.
func (o *OutputLimit) overHardLimit(pending int64) bool {
	hard := o.Hard.Load()
	return hard > 0 && pending > hard
}

// deniedReply is Redis 7.0's reply to a non-loopback client in protected mode, word for
// word (typo included: clients and people search for this text).
const deniedReply = "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. " +
	"In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: " +
	"1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change permanent. " +
	"2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting the protected mode option to 'no', and then restarting the server. " +
	"3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. " +
	"4) Setup a an authentication password for the default user. NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"

// denied says whether protected mode refuses a client from addr.
func (l *Limits) denied(addr net.Addr) bool {
	if !l.ProtectedMode.Load() || l.passwordSet.Load() {
		return false
	}
	tcp, ok := addr.(*net.TCPAddr)
	return ok && !tcp.IP.IsLoopback()
}

// readConfig copies the limits from the engine's CONFIG table.
func (s *Server) readConfig() {
	positive := func(name string, min int64, into *atomic.Int64) {
		if v, ok := s.engine.ConfigGet(name); ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= min {
				into.Store(n)
			}
		}
	}
	positive("maxclients", 1, &s.limits.MaxClients)
	positive("timeout", 0, &s.limits.IdleTimeout)
	positive("client-query-buffer-limit", 1, &s.limits.QueryBufferLimit)
	if v, ok := s.engine.ConfigGet("protected-mode"); ok {
		s.limits.ProtectedMode.Store(v == "yes")
	}
	if v, ok := s.engine.ConfigGet("requirepass"); ok {
		s.limits.passwordSet.Store(v != "")
	}
	if v, ok := s.engine.ConfigGet("client-output-buffer-limit"); ok {
		s.limits.setOutputLimits(v)
	}
}
