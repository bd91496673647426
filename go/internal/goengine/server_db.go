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

// parkingDB is where SWAPDB parks one database's rows while the other's take their place.
const parkingDB = -1

// SWAPDB swaps two databases: every connection using one now sees the other's keys.
// Every key row of both changes its db number (three statements through a parking
// number, as (db, key) must stay unique): O(keys), where Redis swaps two pointers.
// WATCHed keys of both databases are touched through sql/watch.sql's triggers.
// SWAPDB index1 index2
// https://redis.io/commands/swapdb
func cmdSwapDB(c *cmd) (resp.Value, error) {
	// getIntFromObjectOrReply with its own message: not an integer, or outside C int.
	index := func(b []byte, bad replyError) (int64, error) {
		n, err := parseInt(b)
		if err != nil || n < -1<<31 || n > 1<<31-1 {
			return 0, bad
		}
		return n, nil
	}
	a, err := index(c.argv[1], errInvalidFirstDB)
	if err != nil {
		return resp.Value{}, err
	}
	b, err := index(c.argv[2], errInvalidSecondDB)
	if err != nil {
		return resp.Value{}, err
	}
	if a < 0 || a >= numDatabases || b < 0 || b >= numDatabases {
		return resp.Value{}, errDBIndex
	}
	if a != b {
		for _, step := range [][2]int64{{a, parkingDB}, {b, a}, {parkingDB, b}} {
			if err := c.q.MoveDB(c.ctx, store.MoveDBParams{FromDb: step[0], ToDb: step[1]}); err != nil {
				return resp.Value{}, err
			}
		}
	}
	return resp.OK(), nil
}
