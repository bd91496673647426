package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// Set commands keep one row per member in sets, found by (key id, member) through the
// primary key. Replies that list members use primary-key order (member bytes), the same
// in both engines; Redis's own order is its hash table's (or an intset's).

// SADD adds members to a set, creating it when missing; replies how many were new.
// SADD key member [member ...]
// https://redis.io/commands/sadd
func cmdSAdd(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeSet)
	if err != nil {
		return resp.Value{}, err
	}
	id := k.ID
	if !k.ok {
		if id, err = c.createSet(c.argv[1]); err != nil {
			return resp.Value{}, err
		}
	}
	var added int64
	for _, m := range c.argv[2:] {
		n, err := c.q.SetAdd(c.ctx, store.SetAddParams{KeyID: id, Member: nonNil(m)})
		if err != nil {
			return resp.Value{}, err
		}
		added += n
	}
	if !k.ok || added > 0 {
		if err := c.touch(id, added); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(added), nil
}

// SREM removes members from a set; replies how many were there. The last one gone
// deletes the key.
// SREM key member [member ...]
// https://redis.io/commands/srem
func cmdSRem(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	var removed int64
	for _, m := range c.argv[2:] {
		n, err := c.q.SetRemove(c.ctx, store.SetRemoveParams{KeyID: k.ID, Member: nonNil(m)})
		if err != nil {
			return resp.Value{}, err
		}
		removed += n
	}
	if removed > 0 {
		if err := c.removed(k, removed); err != nil {
			return resp.Value{}, err
		}
	}
	return resp.Int(removed), nil
}

// createSet adds a new, empty set key and returns its id.
func (c *cmd) createSet(name []byte) (int64, error) {
	return c.q.CreateSetKey(c.ctx, store.CreateSetKeyParams{Db: c.s.db, Key: name})
}

// isMember is one primary-key probe.
func (c *cmd) isMember(id int64, member []byte) (bool, error) {
	n, err := c.q.SetIsMember(c.ctx, store.SetIsMemberParams{KeyID: id, Member: nonNil(member)})
	return n > 0, err
}

// membersReply is members as a reply set (SMEMBERS, SINTER, SUNION, SDIFF, SPOP with a
// count): a RESP3 set, a RESP2 array.
func membersReply(members [][]byte) resp.Value {
	items := make([]resp.Value, len(members))
	for i, m := range members {
		items[i] = resp.Bulk(m)
	}
	return resp.Set(items...)
}
