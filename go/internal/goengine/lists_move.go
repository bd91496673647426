package goengine

import (
	"bytes"

	"sqlettuce/go/internal/resp"
)

// LMOVE pops an element from one end of a list and pushes it onto an end of another (or
// the same) list. As lmoveGenericCommand: the directions first, then the source (nil
// when missing), then the destination's type. Moving within one list keeps its key (and
// TTL) even when it holds a single element.
// LMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT>
// https://redis.io/commands/lmove
func cmdLMove(c *cmd) (resp.Value, error) {
	fromLeft, err := parseSide(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	toLeft, err := parseSide(c.argv[4])
	if err != nil {
		return resp.Value{}, err
	}
	return c.listMove(fromLeft, toLeft)
}

// RPOPLPUSH moves the last element of a list to the head of another.
// RPOPLPUSH source destination
// https://redis.io/commands/rpoplpush
func cmdRPopLPush(c *cmd) (resp.Value, error) { return c.listMove(false, true) }

func (c *cmd) listMove(fromLeft, toLeft bool) (resp.Value, error) {
	src, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil || !src.ok {
		return resp.Null(), err
	}
	dst, err := c.lookupWriteKind(c.argv[2], typeList)
	if err != nil {
		return resp.Value{}, err
	}
	same := bytes.Equal(c.argv[1], c.argv[2])
	popped, err := c.listPop(src.ID, 1, fromLeft, same)
	if err != nil || len(popped) == 0 {
		return resp.Null(), err
	}
	if _, err := c.listPush(c.argv[2], dst, popped, toLeft); err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(popped[0]), nil
}
