package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// HLEN returns the number of fields in a hash: keys.elements, already in the key's row.
// HLEN key
// https://redis.io/commands/hlen
func cmdHLen(c *cmd) (resp.Value, error) {
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	return resp.Int(k.Elements), nil
}

// HSTRLEN returns the length of a field's value; 0 when the field or key is missing.
// HSTRLEN key field
// https://redis.io/commands/hstrlen
func cmdHStrlen(c *cmd) (resp.Value, error) {
	n, _, err := c.hashStrlen()
	return resp.Int(n), err
}

// HEXISTS tells whether a field exists in a hash (the length query reads no large value).
// HEXISTS key field
// https://redis.io/commands/hexists
func cmdHExists(c *cmd) (resp.Value, error) {
	_, ok, err := c.hashStrlen()
	if ok {
		return resp.Int(1), err
	}
	return resp.Int(0), err
}

func (c *cmd) hashStrlen() (n int64, ok bool, err error) {
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return 0, false, err
	}
	v, err := c.q.HashStrlen(c.ctx, store.HashStrlenParams{KeyID: k.ID, Field: nonNil(c.argv[2])})
	return v.Int64, v.Valid, noRows(err)
}
