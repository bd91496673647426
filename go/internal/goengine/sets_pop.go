package goengine

import (
	"math"
	"math/rand/v2"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// SPOP removes and returns random members of a set; the last one gone deletes the key.
// Without a count: one member drawn uniformly by offset (SQLite walks to it). With a
// count the set is read once and sampled (sample.go); a count of at least the size pops
// everything, in member order.
// SPOP key [count]
// https://redis.io/commands/spop
func cmdSPop(c *cmd) (resp.Value, error) {
	switch len(c.argv) {
	case 2:
		return c.popOne()
	case 3:
		return c.popCount()
	}
	return resp.Value{}, errSyntax
}

func (c *cmd) popOne() (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	member, ok, err := c.randomMember(k)
	if err != nil || !ok {
		return resp.Null(), err
	}
	n, err := c.q.SetRemove(c.ctx, store.SetRemoveParams{KeyID: k.ID, Member: member})
	if err != nil {
		return resp.Value{}, err
	}
	if err := c.removed(k, n); err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(member), nil
}

// popCount is spopWithCountCommand: the count (getPositiveLongFromObjectOrReply) before
// the key.
func (c *cmd) popCount() (resp.Value, error) {
	count, err := parseInt(c.argv[2])
	if err != nil || count < 0 {
		return resp.Value{}, errMustBePositive
	}
	k, err := c.lookupWriteKind(c.argv[1], typeSet)
	if err != nil || !k.ok || count == 0 {
		return resp.Set(), err
	}
	members, err := c.q.SetMembers(c.ctx, k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	if count >= int64(len(members)) {
		if err := c.q.DeleteKeyByID(c.ctx, k.ID); err != nil {
			return resp.Value{}, err
		}
		return membersReply(members), nil
	}
	picks := sample(len(members), count)
	popped := make([][]byte, len(picks))
	var removed int64
	for i, p := range picks {
		popped[i] = members[p]
		n, err := c.q.SetRemove(c.ctx, store.SetRemoveParams{KeyID: k.ID, Member: nonNil(members[p])})
		if err != nil {
			return resp.Value{}, err
		}
		removed += n
	}
	if err := c.removed(k, removed); err != nil {
		return resp.Value{}, err
	}
	return membersReply(popped), nil
}

// randomMember draws one member of set k uniformly by offset; ok is false for an empty
// set.
func (c *cmd) randomMember(k key) (member []byte, ok bool, err error) {
	if k.Elements <= 0 {
		return nil, false, nil
	}
	m, err := c.q.SetMemberAt(c.ctx, store.SetMemberAtParams{KeyID: k.ID, Offset: rand.Int64N(k.Elements)})
	if err != nil {
		return nil, false, noRows(err)
	}
	return nonNil(m), true, nil
}

// SRANDMEMBER returns random members of a set without removing them. Without a count:
// one member drawn uniformly by offset. With a count the set is read once and sampled: a
// negative count may repeat members, a count of at least the size returns the whole set
// in member order.
// SRANDMEMBER key [count]
// https://redis.io/commands/srandmember
func cmdSRandMember(c *cmd) (resp.Value, error) {
	switch len(c.argv) {
	case 2:
		k, err := c.lookupKind(c.argv[1], typeSet)
		if err != nil || !k.ok {
			return resp.Null(), err
		}
		member, ok, err := c.randomMember(k)
		if err != nil || !ok {
			return resp.Null(), err
		}
		return resp.Bulk(member), nil
	case 3:
	default:
		return resp.Value{}, errSyntax
	}
	// getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX) before the key.
	count, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	if count == math.MinInt64 {
		return resp.Value{}, errLongRange
	}
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil || !k.ok || count == 0 {
		return resp.Array(), err
	}
	if err := checkRepeats(count); err != nil {
		return resp.Value{}, err
	}
	members, err := c.q.SetMembers(c.ctx, k.ID)
	if err != nil || len(members) == 0 {
		return resp.Array(), err
	}
	picks := sample(len(members), count)
	out := make([][]byte, len(picks))
	for i, p := range picks {
		out[i] = members[p]
	}
	return bulks(out), nil // an array: repeats are allowed
}
