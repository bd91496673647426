package goengine

import (
	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
// CHANNELS/NUMSUB/NUMPAT. Subscriptions span connections, so they live in the server's
// registry (go/internal/server/pubsub.go), which runs these commands: the engine only
// resolves them (unknown command and arity errors come from the table, as for any
// command), then stops the batch just before them (engine.ActionPubSub).
//
// Inside EXEC the batch cannot stop half-way: the command is recorded instead (an
// engine.PubSubCall, with a deferred value marking its place in EXEC's array), the
// batch ends right after EXEC, and the server runs the recorded commands once the
// transaction has committed, writing each one's output at its place.

// cmdPubSub hands the command to the server: now (the batch stops before it), or after
// EXEC.
func cmdPubSub(c *cmd) (resp.Value, error) {
	if c.s.tx.inExec {
		c.s.addCall(c.argv)
		return resp.Deferred(), nil
	}
	c.s.handoff = true
	return resp.Null(), nil
}

// addCall records a pub/sub command (or RESET's unsubscribing) for the server, with a
// copy of its arguments; its offset is set when the command's reply is encoded.
func (s *session) addCall(argv [][]byte) {
	cp := make([][]byte, len(argv))
	for i, a := range argv {
		cp[i] = append([]byte(nil), a...)
	}
	s.calls = append(s.calls, engine.PubSubCall{Proto: s.proto, Argv: cp})
}

// subscribeMode is RESP2 subscribe mode (RESP3 has none): only the pub/sub commands,
// PING, QUIT and RESET run, and PING replies like a message.
func (s *session) subscribeMode() bool {
	return s.subChannels+s.subPatterns > 0 && s.proto == resp.RESP2
}

// allowedWhenSubscribed lists what a RESP2 client in subscribe mode may run
// (processCommand's list).
var allowedWhenSubscribed = map[string]bool{
	"subscribe": true, "psubscribe": true, "ssubscribe": true, "unsubscribe": true,
	"punsubscribe": true, "sunsubscribe": true, "ping": true, "quit": true, "reset": true,
}
