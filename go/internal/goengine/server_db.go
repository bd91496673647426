package goengine

import (
	"strconv"
	"time"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// DBSIZE counts the live keys of the selected database.
// DBSIZE
// https://redis.io/commands/dbsize
func cmdDBSize(c *cmd) (resp.Value, error) {
	n, err := c.q.CountLiveKeys(c.ctx, store.CountLiveKeysParams{Db: c.s.db, Now: c.now})
	return resp.Int(n), err
}

// flushMode is getFlushCommandFlags: nothing, ASYNC or SYNC (both mean the same here).
func flushMode(c *cmd) error {
	if len(c.argv) > 2 {
		return errSyntax
	}
	if len(c.argv) == 2 {
		opt := cString(c.argv[1])
		if !equalFold(opt, "sync") && !equalFold(opt, "async") {
			return errSyntax
		}
	}
	return nil
}

// FLUSHDB deletes every key of the selected database.
// FLUSHDB [ASYNC | SYNC]
// https://redis.io/commands/flushdb
func cmdFlushDB(c *cmd) (resp.Value, error) {
	if err := flushMode(c); err != nil {
		return resp.Value{}, err
	}
	if err := c.q.FlushDB(c.ctx, c.s.db); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), nil
}

// FLUSHALL deletes every key of every database.
// FLUSHALL [ASYNC | SYNC]
// https://redis.io/commands/flushall
func cmdFlushAll(c *cmd) (resp.Value, error) {
	if err := flushMode(c); err != nil {
		return resp.Value{}, err
	}
	if err := c.q.FlushAll(c.ctx); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), nil
}

// TIME returns the server's unix time as seconds and microseconds.
// TIME
// https://redis.io/commands/time
func cmdTime(c *cmd) (resp.Value, error) {
	us := time.Now().UnixMicro()
	return resp.Array(resp.BulkString(strconv.FormatInt(us/1e6, 10)),
		resp.BulkString(strconv.FormatInt(us%1e6, 10))), nil
}
