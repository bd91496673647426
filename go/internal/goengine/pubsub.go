package goengine

import "sqlettuce/go/internal/resp"

// Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
// CHANNELS/NUMSUB/NUMPAT. Subscriptions span connections, so they live in the server's
// registry (go/internal/server/pubsub.go), which runs these commands: the engine only
// resolves them (unknown command and arity errors come from the table, as for any
// command), then stops the batch just before them (engine.ActionPubSub).

// cmdPubSub hands the command to the server. Inside EXEC (branch multi) the batch cannot
// stop half-way.
func cmdPubSub(c *cmd) (resp.Value, error) {
	if c.s.tx.inExec {
		return resp.Value{}, errPubSubInExec
	}
	c.s.handoff = true
	return resp.Null(), nil
}

// allowedWhenSubscribed lists what a RESP2 client in subscribe mode may run
// (processCommand's list).
var allowedWhenSubscribed = map[string]bool{
	"subscribe": true, "psubscribe": true, "ssubscribe": true, "unsubscribe": true,
	"punsubscribe": true, "sunsubscribe": true, "ping": true, "quit": true, "reset": true,
}
