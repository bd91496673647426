package goengine

import (
	"context"
	"database/sql"
	"errors"

	"sqlettuce/go/internal/store"
)

// kv is all the storage command code sees: the sqlc-generated queries. They run on the
// engine's one connection, inside whatever transaction the batch opened, so the same
// command code works alone, in a pipelined batch, and (later) inside MULTI/EXEC.
// *store.Queries implements it; command code never touches database/sql.
type kv interface {
	GetKey(ctx context.Context, arg store.GetKeyParams) (store.GetKeyRow, error)
	DeleteKeyByID(ctx context.Context, id int64) error
	SetExpireAt(ctx context.Context, arg store.SetExpireAtParams) error
	RenameKey(ctx context.Context, arg store.RenameKeyParams) error
	CopyKey(ctx context.Context, arg store.CopyKeyParams) (int64, error)
	CopyHashRows(ctx context.Context, arg store.CopyHashRowsParams) error
	CopyListRows(ctx context.Context, arg store.CopyListRowsParams) error
	CopySetRows(ctx context.Context, arg store.CopySetRowsParams) error
	CopyZsetRows(ctx context.Context, arg store.CopyZsetRowsParams) error
	CopyZsetNegZero(ctx context.Context, arg store.CopyZsetNegZeroParams) error
	CountLiveKeys(ctx context.Context, arg store.CountLiveKeysParams) (int64, error)
	KeyspaceStats(ctx context.Context, now int64) ([]store.KeyspaceStatsRow, error)
	ListLiveKeys(ctx context.Context, arg store.ListLiveKeysParams) ([][]byte, error)
	ScanKeys(ctx context.Context, arg store.ScanKeysParams) ([]store.ScanKeysRow, error)
	MaxKeyID(ctx context.Context) (int64, error)
	KeyAtOrAfterID(ctx context.Context, arg store.KeyAtOrAfterIDParams) ([]byte, error)
	FirstLiveKey(ctx context.Context, arg store.FirstLiveKeyParams) ([]byte, error)
	FlushDB(ctx context.Context, db int64) error
	FlushAll(ctx context.Context) error
	SetString(ctx context.Context, arg store.SetStringParams) error
	UpdateStringValue(ctx context.Context, arg store.UpdateStringValueParams) error
	SetStringIfString(ctx context.Context, arg store.SetStringIfStringParams) (int64, error)
	UpdateStringValueByName(ctx context.Context, arg store.UpdateStringValueByNameParams) error
	PadStringValueByName(ctx context.Context, arg store.PadStringValueByNameParams) error
	IncrStringInPlace(ctx context.Context, arg store.IncrStringInPlaceParams) (int64, error)
	TouchKey(ctx context.Context, arg store.TouchKeyParams) error
	WatchStamp(ctx context.Context, arg store.WatchStampParams) (store.WatchStampRow, error)
	MoveDB(ctx context.Context, arg store.MoveDBParams) error
	// OBJECT ENCODING and MEMORY USAGE (sql/queries/objects.sql).
	HashShape(ctx context.Context, keyID int64) (store.HashShapeRow, error)
	SetShape(ctx context.Context, keyID int64) (store.SetShapeRow, error)
	ZsetShape(ctx context.Context, keyID int64) (store.ZsetShapeRow, error)
	ListShape(ctx context.Context, keyID int64) (int64, error)
	hashKV // kv_collections.go
	setKV
	listKV // kv_lists_zsets.go
	zsetKV
}

var _ kv = (*store.Queries)(nil)

// Type codes of keys.type (sql/schema.sql).
const (
	typeString int64 = 1
	typeList   int64 = 2
	typeSet    int64 = 3
	typeZset   int64 = 4
	typeHash   int64 = 5
)

// typeNames is what TYPE and SCAN TYPE call each code.
var typeNames = map[int64]string{
	typeString: "string", typeList: "list", typeSet: "set", typeZset: "zset", typeHash: "hash",
}

// key is a live key's row; ok is false when the key is missing or expired.
type key struct {
	store.GetKeyRow
	ok bool
}

// ttl returns the expiry (unix ms) and whether there is one.
func (k *key) expireAt() (int64, bool) { return k.ExpireAt.Int64, k.ExpireAt.Valid }

// lookup finds a live key for reading, and counts a keyspace hit or miss. An expired row
// is absent but left in place: a read-only batch does not write, and the sweep or the
// next write removes it.
func (c *cmd) lookup(name []byte) (key, error) {
	k, err := c.peek(name)
	if err == nil {
		c.countLookup(k.ok)
	}
	return k, err
}

// peek is lookup without counting, for what Redis looks at without lookupKeyRead
// (MEMORY USAGE).
func (c *cmd) peek(name []byte) (key, error) {
	row, err := c.q.GetKey(c.ctx, store.GetKeyParams{Db: c.s.db, Key: name})
	if errors.Is(err, sql.ErrNoRows) {
		return key{}, nil
	}
	if err != nil {
		return key{}, err
	}
	if row.ExpireAt.Valid && row.ExpireAt.Int64 <= c.now {
		return key{}, nil
	}
	return key{GetKeyRow: row, ok: true}, nil
}

// countLookup counts a read lookup of a key as Redis's lookupKeyRead does (INFO's
// keyspace_hits or keyspace_misses); lookup counts its own, lookupWrite none.
func (c *cmd) countLookup(found bool) {
	if found {
		c.s.hits++
	} else {
		c.s.misses++
	}
}

// touch ends every write to a collection: it bumps the key's version (for WATCH) and
// adds delta, the fields, elements or members the command added (negative: removed), to
// keys.elements, which HLEN, LLEN, SCARD and ZCARD answer from. A command that creates a
// key passes the whole count: CREATE leaves elements at 0.
func (c *cmd) touch(id, delta int64) error {
	return c.q.TouchKey(c.ctx, store.TouchKeyParams{Delta: delta, ID: id})
}

// removed follows the removal of n fields or members from the hash, set or sorted set k
// (its row as the command looked it up): the key goes when that was all of them, as
// Redis deletes an emptied collection, else it is touched. keys.elements decides, so no
// statement asks whether rows are left.
func (c *cmd) removed(k key, n int64) error {
	if k.Elements-n <= 0 {
		return c.q.DeleteKeyByID(c.ctx, k.ID)
	}
	return c.touch(k.ID, -n)
}

// lookupWrite finds a live key for a command that writes it: an expired row is deleted
// first (with its collection rows), so the write starts from a missing key.
func (c *cmd) lookupWrite(name []byte) (key, error) {
	return c.lookupWriteIn(c.s.db, name)
}

func (c *cmd) lookupWriteIn(db int64, name []byte) (key, error) {
	row, err := c.q.GetKey(c.ctx, store.GetKeyParams{Db: db, Key: name})
	if errors.Is(err, sql.ErrNoRows) {
		return key{}, nil
	}
	if err != nil {
		return key{}, err
	}
	if row.ExpireAt.Valid && row.ExpireAt.Int64 <= c.now {
		if err := c.q.DeleteKeyByID(c.ctx, row.ID); err != nil {
			return key{}, err
		}
		c.s.expired++
		return key{}, nil
	}
	return key{GetKeyRow: row, ok: true}, nil
}

// lookupString is lookup for string commands: WRONGTYPE for another type.
func (c *cmd) lookupString(name []byte) (key, error) {
	k, err := c.lookup(name)
	if err == nil && k.ok && k.Type != typeString {
		return key{}, errWrongType
	}
	return k, err
}

// lookupWriteString is lookupWrite for string commands: WRONGTYPE for another type.
func (c *cmd) lookupWriteString(name []byte) (key, error) {
	k, err := c.lookupWrite(name)
	if err == nil && k.ok && k.Type != typeString {
		return key{}, errWrongType
	}
	return k, err
}

// lookupReadWriteString is lookupWriteString for a command that writes but reads the
// key as Redis's lookupKeyRead does (GETDEL, GETEX): it counts a keyspace hit or miss.
func (c *cmd) lookupReadWriteString(name []byte) (key, error) {
	k, err := c.lookupWrite(name)
	if err == nil {
		c.countLookup(k.ok)
	}
	if err == nil && k.ok && k.Type != typeString {
		return key{}, errWrongType
	}
	return k, err
}

// lookupKind is lookup for a collection command: WRONGTYPE when the key holds another
// type than kind.
func (c *cmd) lookupKind(name []byte, kind int64) (key, error) {
	k, err := c.lookup(name)
	if err == nil && k.ok && k.Type != kind {
		return key{}, errWrongType
	}
	return k, err
}

// lookupWriteKind is lookupWrite for a collection command: WRONGTYPE for another type.
func (c *cmd) lookupWriteKind(name []byte, kind int64) (key, error) {
	k, err := c.lookupWrite(name)
	if err == nil && k.ok && k.Type != kind {
		return key{}, errWrongType
	}
	return k, err
}

// setString stores a string value with an expiry (0: none), replacing whatever the key
// held. A key of another type is deleted first so its collection rows go with it.
func (c *cmd) setString(name []byte, old key, value []byte, expireAt int64) error {
	if old.ok && old.Type != typeString {
		if err := c.q.DeleteKeyByID(c.ctx, old.ID); err != nil {
			return err
		}
	}
	return c.q.SetString(c.ctx, store.SetStringParams{
		Db: c.s.db, Key: name, Value: nonNil(value), ExpireAt: nullTime(expireAt)})
}

// setIfString stores a string value with an expiry (0: none) in one statement, unless
// the key holds another type: then it writes nothing and says so.
func (c *cmd) setIfString(name, value []byte, expireAt int64) (bool, error) {
	n, err := c.q.SetStringIfString(c.ctx, store.SetStringIfStringParams{
		Db: c.s.db, Key: name, Value: nonNil(value), ExpireAt: nullTime(expireAt)})
	return n == 1, err
}

// updateString writes a new value into the existing string key name, keeping its TTL.
// By name, not by id: one primary-key descent.
func (c *cmd) updateString(name, value []byte) error {
	return c.q.UpdateStringValueByName(c.ctx, store.UpdateStringValueByNameParams{
		Value: nonNil(value), Db: c.s.db, Key: name})
}

// nullTime turns "0 means no expiry" into SQL NULL.
func nullTime(ms int64) sql.NullInt64 {
	if ms == 0 {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: ms, Valid: true}
}

// nonNil: go-sqlite3 binds a nil []byte as NULL, and an empty string must stay ”.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
