package goengine

import (
	"bytes"
	"slices"
	"sort"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// SINTER, SUNION, SDIFF and their STORE forms, and SINTERCARD. Every key is
// type-checked before anything is read (sinterGenericCommand, sunionDiffGenericCommand);
// missing keys are empty sets. Results come in member-byte order.

// SINTER returns the members present in every given set.
// SINTER key [key ...]
// https://redis.io/commands/sinter
func cmdSInter(c *cmd) (resp.Value, error) {
	members, err := c.intersect(c.argv[1:], 0)
	if err != nil {
		return resp.Value{}, err
	}
	return membersReply(members), nil
}

// SINTERSTORE stores the intersection of sets at a key; replies its size.
// SINTERSTORE destination key [key ...]
// https://redis.io/commands/sinterstore
func cmdSInterStore(c *cmd) (resp.Value, error) {
	members, err := c.intersect(c.argv[2:], 0)
	if err != nil {
		return resp.Value{}, err
	}
	return c.storeSet(c.argv[1], members)
}

// SINTERCARD returns the size of the intersection of sets, counting at most LIMIT.
// SINTERCARD numkeys key [key ...] [LIMIT limit]
// https://redis.io/commands/sintercard
func cmdSInterCard(c *cmd) (resp.Value, error) {
	numkeys, err := parseInt(c.argv[1])
	if err != nil || numkeys < 1 {
		return resp.Value{}, errNumkeysPositive
	}
	if numkeys > int64(len(c.argv)-2) {
		return resp.Value{}, errNumkeysTooMany
	}
	keysEnd := 2 + int(numkeys)
	var limit int64
	for i := keysEnd; i < len(c.argv); i += 2 {
		if !equalFold(cString(c.argv[i]), "limit") || i+1 >= len(c.argv) {
			return resp.Value{}, errSyntax
		}
		if limit, err = parseInt(c.argv[i+1]); err != nil || limit < 0 {
			return resp.Value{}, errLimitNegative
		}
	}
	members, err := c.intersect(c.argv[2:keysEnd], limit)
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(int64(len(members))), nil
}

// intersect reads the smallest set and probes each member in the others through the
// primary key (O(smallest * keys), as Redis), stopping after limit members (0: none).
func (c *cmd) intersect(names [][]byte, limit int64) ([][]byte, error) {
	keys, err := c.lookupSets(names)
	if err != nil {
		return nil, err
	}
	type set struct{ card, id int64 }
	sets := make([]set, 0, len(keys))
	for _, k := range keys {
		if !k.ok {
			return nil, nil
		}
		sets = append(sets, set{k.Elements, k.ID})
	}
	sort.Slice(sets, func(i, j int) bool {
		return sets[i].card < sets[j].card || (sets[i].card == sets[j].card && sets[i].id < sets[j].id)
	})
	smallest := sets[0].id
	members, err := c.q.SetMembers(c.ctx, smallest)
	if err != nil {
		return nil, err
	}
	out := members[:0]
next:
	for _, m := range members {
		for _, s := range sets[1:] {
			if s.id == smallest {
				continue
			}
			found, err := c.isMember(s.id, m)
			if err != nil {
				return nil, err
			}
			if !found {
				continue next
			}
		}
		out = append(out, m)
		if int64(len(out)) == limit {
			break
		}
	}
	return out, nil
}

// SUNION returns the members present in any of the given sets.
// SUNION key [key ...]
// https://redis.io/commands/sunion
func cmdSUnion(c *cmd) (resp.Value, error) {
	members, err := c.union(c.argv[1:])
	if err != nil {
		return resp.Value{}, err
	}
	return membersReply(members), nil
}

// SUNIONSTORE stores the union of sets at a key; replies its size.
// SUNIONSTORE destination key [key ...]
// https://redis.io/commands/sunionstore
func cmdSUnionStore(c *cmd) (resp.Value, error) {
	members, err := c.union(c.argv[2:])
	if err != nil {
		return resp.Value{}, err
	}
	return c.storeSet(c.argv[1], members)
}

func (c *cmd) union(names [][]byte) ([][]byte, error) {
	keys, err := c.lookupSets(names)
	if err != nil {
		return nil, err
	}
	var all [][]byte
	for _, k := range keys {
		if !k.ok {
			continue
		}
		members, err := c.q.SetMembers(c.ctx, k.ID)
		if err != nil {
			return nil, err
		}
		all = append(all, members...)
	}
	slices.SortFunc(all, bytes.Compare)
	return slices.CompactFunc(all, bytes.Equal), nil
}

// SDIFF returns the members of the first set that are in none of the others. The first
// set is read in member order; each other set is either read whole (when smaller than
// what is left) or probed member by member, whichever touches fewer rows.
// SDIFF key [key ...]
// https://redis.io/commands/sdiff
func cmdSDiff(c *cmd) (resp.Value, error) {
	members, err := c.diff(c.argv[1:])
	if err != nil {
		return resp.Value{}, err
	}
	return membersReply(members), nil
}

// SDIFFSTORE stores the difference of sets at a key; replies its size.
// SDIFFSTORE destination key [key ...]
// https://redis.io/commands/sdiffstore
func cmdSDiffStore(c *cmd) (resp.Value, error) {
	members, err := c.diff(c.argv[2:])
	if err != nil {
		return resp.Value{}, err
	}
	return c.storeSet(c.argv[1], members)
}

func (c *cmd) diff(names [][]byte) ([][]byte, error) {
	keys, err := c.lookupSets(names)
	if err != nil || !keys[0].ok {
		return nil, err
	}
	first := keys[0].ID
	out, err := c.q.SetMembers(c.ctx, first)
	if err != nil {
		return nil, err
	}
	for _, k := range keys[1:] {
		if len(out) == 0 {
			break
		}
		if !k.ok {
			continue
		}
		if k.ID == first {
			return nil, nil
		}
		kept := out[:0]
		if k.Elements < int64(len(out)) {
			other, err := c.q.SetMembers(c.ctx, k.ID)
			if err != nil {
				return nil, err
			}
			drop := make(map[string]struct{}, len(other))
			for _, m := range other {
				drop[string(m)] = struct{}{}
			}
			for _, m := range out {
				if _, found := drop[string(m)]; !found {
					kept = append(kept, m)
				}
			}
		} else {
			for _, m := range out {
				found, err := c.isMember(k.ID, m)
				if err != nil {
					return nil, err
				}
				if !found {
					kept = append(kept, m)
				}
			}
		}
		out = kept
	}
	return out, nil
}

// lookupSets looks up every key, WRONGTYPE for any that is not a set.
func (c *cmd) lookupSets(names [][]byte) ([]key, error) {
	keys := make([]key, len(names))
	for i, name := range names {
		var err error
		if keys[i], err = c.lookupKind(name, typeSet); err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// storeSet makes dst (of any type, or missing) a set of members without a TTL, or
// deletes it when there are none; replies the size.
func (c *cmd) storeSet(dst []byte, members [][]byte) (resp.Value, error) {
	old, err := c.lookupWrite(dst)
	if err != nil {
		return resp.Value{}, err
	}
	if old.ok {
		if err := c.q.DeleteKeyByID(c.ctx, old.ID); err != nil {
			return resp.Value{}, err
		}
	}
	if len(members) == 0 {
		return resp.Int(0), nil
	}
	id, err := c.createSet(dst)
	if err != nil {
		return resp.Value{}, err
	}
	var added int64
	for _, m := range members {
		n, err := c.q.SetAdd(c.ctx, store.SetAddParams{KeyID: id, Member: nonNil(m)})
		if err != nil {
			return resp.Value{}, err
		}
		added += n
	}
	return resp.Int(added), c.touch(id, added)
}
