package goengine

import (
	"sqlettuce/go/internal/resp"
)

// SMEMBERS returns every member of a set, in member-byte order.
// SMEMBERS key
// https://redis.io/commands/smembers
func cmdSMembers(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return resp.Set(), err
	}
	members, err := c.q.SetMembers(c.ctx, k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	return membersReply(members), nil
}

// SISMEMBER tells whether a member is in a set (one primary-key lookup).
// SISMEMBER key member
// https://redis.io/commands/sismember
func cmdSIsMember(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	found, err := c.isMember(k.ID, c.argv[2])
	if found {
		return resp.Int(1), err
	}
	return resp.Int(0), err
}

// SMISMEMBER tells, for each member, whether it is in a set.
// SMISMEMBER key member [member ...]
// https://redis.io/commands/smismember
func cmdSMIsMember(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, len(c.argv)-2)
	for _, m := range c.argv[2:] {
		found := false
		if k.ok {
			if found, err = c.isMember(k.ID, m); err != nil {
				return resp.Value{}, err
			}
		}
		if found {
			items = append(items, resp.Int(1))
		} else {
			items = append(items, resp.Int(0))
		}
	}
	return resp.Array(items...), nil
}

// SCARD returns the number of members of a set: keys.elements, already in the key's row.
// SCARD key
// https://redis.io/commands/scard
func cmdSCard(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	return resp.Int(k.Elements), nil
}
