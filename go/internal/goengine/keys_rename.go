package goengine

import (
	"bytes"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// RENAME gives a key a new name, replacing any key already there. The row keeps its
// id, so collection rows and the TTL follow it.
// RENAME key newkey
// https://redis.io/commands/rename
func cmdRename(c *cmd) (resp.Value, error) { return c.rename(false) }

// RENAMENX renames a key only when the new name is free.
// RENAMENX key newkey
// https://redis.io/commands/renamenx
func cmdRenameNX(c *cmd) (resp.Value, error) { return c.rename(true) }

func (c *cmd) rename(nx bool) (resp.Value, error) {
	src, dstName := c.argv[1], c.argv[2]
	k, err := c.lookupWrite(src)
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Value{}, errNoSuchKey
	}
	if bytes.Equal(src, dstName) {
		if nx {
			return resp.Int(0), nil
		}
		return resp.OK(), nil
	}
	dst, err := c.lookupWrite(dstName)
	if err != nil {
		return resp.Value{}, err
	}
	if dst.ok {
		if nx {
			return resp.Int(0), nil
		}
		if err := c.q.DeleteKeyByID(c.ctx, dst.ID); err != nil {
			return resp.Value{}, err
		}
	}
	if err := c.q.RenameKey(c.ctx, store.RenameKeyParams{Db: c.s.db, Key: dstName, ID: k.ID}); err != nil {
		return resp.Value{}, err
	}
	if nx {
		return resp.Int(1), nil
	}
	return resp.OK(), nil
}

// COPY copies a key's value (collection rows too) and TTL to another name, possibly in
// another database.
// COPY source destination [DB destination-db] [REPLACE]
// https://redis.io/commands/copy
func cmdCopy(c *cmd) (resp.Value, error) {
	dstDB := c.s.db
	replace := false
	for i := 3; i < len(c.argv); i++ {
		opt := cString(c.argv[i])
		switch {
		case equalFold(opt, "replace"):
			replace = true
		case equalFold(opt, "db") && i+1 < len(c.argv):
			n, err := parseDBIndex(c.argv[i+1])
			if err != nil {
				return resp.Value{}, err
			}
			dstDB = n
			i++
		default:
			return resp.Value{}, errSyntax
		}
	}
	src, dstName := c.argv[1], c.argv[2]
	if dstDB == c.s.db && bytes.Equal(src, dstName) {
		return resp.Value{}, errSameObject
	}
	k, err := c.lookup(src)
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Int(0), nil
	}
	dst, err := c.lookupWriteIn(dstDB, dstName)
	if err != nil {
		return resp.Value{}, err
	}
	if dst.ok {
		if !replace {
			return resp.Int(0), nil
		}
		if err := c.q.DeleteKeyByID(c.ctx, dst.ID); err != nil {
			return resp.Value{}, err
		}
	}
	id, err := c.q.CopyKey(c.ctx, store.CopyKeyParams{DstDb: dstDB, DstKey: dstName, SrcID: k.ID})
	if err != nil {
		return resp.Value{}, err
	}
	switch k.Type {
	case typeHash:
		err = c.q.CopyHashRows(c.ctx, store.CopyHashRowsParams{DstID: id, SrcID: k.ID})
	case typeList:
		err = c.q.CopyListRows(c.ctx, store.CopyListRowsParams{DstID: id, SrcID: k.ID})
	case typeSet:
		err = c.q.CopySetRows(c.ctx, store.CopySetRowsParams{DstID: id, SrcID: k.ID})
	case typeZset:
		err = c.q.CopyZsetRows(c.ctx, store.CopyZsetRowsParams{DstID: id, SrcID: k.ID})
		if err == nil { // and the -0 scores (schema.sql, zset_negzero)
			err = c.q.CopyZsetNegZero(c.ctx, store.CopyZsetNegZeroParams{DstID: id, SrcID: k.ID})
		}
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Int(1), nil
}

// parseDBIndex is getIntFromObjectOrReply then selectDb's range check.
func parseDBIndex(b []byte) (int64, error) {
	n, err := parseInt(b)
	if err != nil {
		return 0, errNotInteger
	}
	if n < -1<<31 || n > 1<<31-1 {
		return 0, errIntRange
	}
	if n < 0 || n >= numDatabases {
		return 0, errDBIndex
	}
	return n, nil
}
