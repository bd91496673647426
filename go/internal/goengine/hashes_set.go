package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// Hash commands keep one row per field in hashes, found by (key id, field) through the
// primary key. Replies that list fields use primary-key order (field bytes), the same in
// both engines; Redis's own order is its hash table's.

// HSET sets fields of a hash, creating it when missing; replies how many were new.
// HSET key field value [field value ...]
// https://redis.io/commands/hset
func cmdHSet(c *cmd) (resp.Value, error) {
	added, err := c.setFields()
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(added), nil
}

// HMSET sets fields of a hash (deprecated form of HSET).
// HMSET key field value [field value ...]
// https://redis.io/commands/hmset
func cmdHMSet(c *cmd) (resp.Value, error) {
	if _, err := c.setFields(); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), nil
}

// setFields is hsetCommand: an odd number of field/value words is an arity error,
// checked before the key. Redis signals the key as modified even when no value changed.
func (c *cmd) setFields() (int64, error) {
	if len(c.argv)%2 == 1 {
		return 0, errArity(c.name)
	}
	k, err := c.lookupWriteKind(c.argv[1], typeHash)
	if err != nil {
		return 0, err
	}
	var added int64
	err = c.writeHash(c.argv[1], k, func(id int64) (int64, error) {
		for i := 2; i < len(c.argv); i += 2 {
			isNew, err := c.hashSet(id, c.argv[i], c.argv[i+1])
			if err != nil {
				return 0, err
			}
			if isNew {
				added++
			}
		}
		return added, nil
	})
	return added, err
}

// HSETNX sets a field only when it does not exist.
// HSETNX key field value
// https://redis.io/commands/hsetnx
func cmdHSetNX(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeHash)
	if err != nil {
		return resp.Value{}, err
	}
	if k.ok {
		n, err := c.q.HashStrlen(c.ctx, store.HashStrlenParams{KeyID: k.ID, Field: nonNil(c.argv[2])})
		if err = noRows(err); err != nil || n.Valid {
			return resp.Int(0), err
		}
	}
	err = c.writeHash(c.argv[1], k, func(id int64) (int64, error) {
		return c.q.HashInsertField(c.ctx, store.HashInsertFieldParams{
			KeyID: id, Field: nonNil(c.argv[2]), Value: nonNil(c.argv[3])})
	})
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}

// writeHash runs write on the hash at name (created when k is missing); write says how
// many fields it added. Every caller writes a field, so the key is always touched: the
// version, and the count (the whole count for a new hash).
func (c *cmd) writeHash(name []byte, k key, write func(id int64) (added int64, err error)) error {
	id := k.ID
	if !k.ok {
		var err error
		if id, err = c.q.CreateHashKey(c.ctx, store.CreateHashKeyParams{Db: c.s.db, Key: name}); err != nil {
			return err
		}
	}
	added, err := write(id)
	if err != nil {
		return err
	}
	return c.touch(id, added)
}

// hashSet sets a field, new or not; true when it was new.
func (c *cmd) hashSet(id int64, field, value []byte) (bool, error) {
	n, err := c.q.HashInsertField(c.ctx, store.HashInsertFieldParams{
		KeyID: id, Field: nonNil(field), Value: nonNil(value)})
	if err != nil || n == 1 {
		return n == 1, err
	}
	return false, c.q.HashUpdateField(c.ctx, store.HashUpdateFieldParams{
		Value: nonNil(value), KeyID: id, Field: nonNil(field)})
}

// hashGet is a field's value; ok is false when it is missing.
func (c *cmd) hashGet(id int64, field []byte) (value []byte, ok bool, err error) {
	v, err := c.q.HashGet(c.ctx, store.HashGetParams{KeyID: id, Field: nonNil(field)})
	if err != nil {
		return nil, false, noRows(err)
	}
	return v, true, nil
}
