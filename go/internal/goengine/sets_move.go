package goengine

import (
	"bytes"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// SMOVE moves a member from one set to another; 1 when it was in the source. As
// smoveCommand: both keys are looked up first; a missing source replies 0 before any
// type check; then the source's type, then the destination's. Moving within one key is
// a membership test.
// SMOVE source destination member
// https://redis.io/commands/smove
func cmdSMove(c *cmd) (resp.Value, error) {
	srcName, dstName, member := c.argv[1], c.argv[2], nonNil(c.argv[3])
	src, err := c.lookupWrite(srcName)
	if err != nil {
		return resp.Value{}, err
	}
	dst, err := c.lookupWrite(dstName)
	if err != nil || !src.ok {
		return resp.Int(0), err
	}
	if src.Type != typeSet || (dst.ok && dst.Type != typeSet) {
		return resp.Value{}, errWrongType
	}
	if bytes.Equal(srcName, dstName) {
		found, err := c.isMember(src.ID, member)
		if found {
			return resp.Int(1), err
		}
		return resp.Int(0), err
	}
	n, err := c.q.SetRemove(c.ctx, store.SetRemoveParams{KeyID: src.ID, Member: member})
	if err != nil || n == 0 {
		return resp.Int(0), err
	}
	if err := c.removed(src, 1); err != nil {
		return resp.Value{}, err
	}
	id := dst.ID
	if !dst.ok {
		if id, err = c.createSet(dstName); err != nil {
			return resp.Value{}, err
		}
	}
	added, err := c.q.SetAdd(c.ctx, store.SetAddParams{KeyID: id, Member: member})
	if err == nil && (!dst.ok || added > 0) {
		err = c.touch(id, added)
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}
