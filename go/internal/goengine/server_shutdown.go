package goengine

import (
	"bytes"

	"sqlettuce/go/internal/resp"
)

// SHUTDOWN stops the server: batches in flight finish and reply, the WAL is checkpointed
// into the file, the database closes, and the process exits. The client gets no reply.
// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]
// https://redis.io/commands/shutdown
//
// Every write is already in the file when it is acknowledged, so SAVE and NOSAVE change
// nothing, and there is no slow save for NOW, FORCE or ABORT to cut short: they are only
// checked as Redis checks them. The engine validates the arguments; the server, which owns
// the listener and the connections, does the shutting down (ActionPubSub hand-off).
func cmdShutdown(c *cmd) (resp.Value, error) {
	var save, nosave, abort, other bool
	for _, a := range c.argv[1:] {
		switch string(bytes.ToLower(a)) {
		case "save":
			save = true
		case "nosave":
			nosave = true
		case "now", "force":
			other = true
		case "abort":
			abort = true
		default:
			return resp.Value{}, errSyntax
		}
	}
	if (save && nosave) || (abort && (save || nosave || other)) {
		return resp.Value{}, errSyntax
	}
	if abort {
		return resp.Value{}, errNoShutdownInProgress
	}
	c.s.handoff = true
	return resp.Null(), nil
}
