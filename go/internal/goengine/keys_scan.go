package goengine

import (
	"database/sql"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"

	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// KEYS returns every key matching a Redis glob pattern.
// KEYS pattern
// https://redis.io/commands/keys
func cmdKeys(c *cmd) (resp.Value, error) {
	names, err := c.q.ListLiveKeys(c.ctx, store.ListLiveKeysParams{Db: c.s.db, Now: c.now})
	if err != nil {
		return resp.Value{}, err
	}
	pattern := c.argv[1]
	all := len(pattern) == 1 && pattern[0] == '*'
	items := make([]resp.Value, 0, len(names))
	for _, name := range names {
		if all || globMatch(pattern, name, false) {
			items = append(items, resp.Bulk(name))
		}
	}
	return resp.Array(items...), nil
}

// SCAN walks the keyspace in steps. The cursor is the id of the last key looked at, so
// a key present for the whole scan is returned exactly once; COUNT bounds the keys looked
// at, and MATCH and TYPE filter them afterwards, as in Redis.
// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
// https://redis.io/commands/scan
func cmdScan(c *cmd) (resp.Value, error) {
	cursor, ok := parseCursor(c.argv[1])
	if !ok {
		return resp.Value{}, errInvalidCursor
	}
	count := int64(10)
	var pattern, typeName []byte
	args := c.argv[2:]
	for i := 0; i < len(args); i += 2 {
		more := i+1 < len(args)
		switch {
		case equalFold(cString(args[i]), "count") && more:
			n, err := parseInt(args[i+1])
			if err != nil {
				return resp.Value{}, err
			}
			if n < 1 {
				return resp.Value{}, errSyntax
			}
			count = n
		case equalFold(cString(args[i]), "match") && more:
			pattern = args[i+1]
			if len(pattern) == 1 && pattern[0] == '*' {
				pattern = nil
			}
		case equalFold(cString(args[i]), "type") && more:
			typeName = cString(args[i+1])
		default:
			return resp.Value{}, errSyntax
		}
	}
	limit := count
	if limit < math.MaxInt64 {
		limit++ // one more row than asked tells whether the scan is over
	}
	rows, err := c.q.ScanKeys(c.ctx, store.ScanKeysParams{Db: c.s.db, Cursor: cursor, Now: c.now, Count: limit})
	if err != nil {
		return resp.Value{}, err
	}
	next := int64(0)
	if int64(len(rows)) > count {
		rows = rows[:count]
		next = rows[len(rows)-1].ID
	}
	items := make([]resp.Value, 0, len(rows))
	for _, r := range rows {
		if pattern != nil && !globMatch(pattern, r.Key, false) {
			continue
		}
		if typeName != nil {
			// Redis reads the type of each key MATCH let through with lookupKeyRead: a
			// keyspace hit (the rows are live keys).
			c.countLookup(true)
			if !equalFold(typeName, typeNames[r.Type]) {
				continue
			}
		}
		items = append(items, resp.Bulk(r.Key))
	}
	return resp.Array(resp.BulkString(strconv.FormatInt(next, 10)), resp.Array(items...)), nil
}

// parseCursor is Redis's parseScanCursorOrReply: strtoul on a C string, so an empty
// cursor is 0 and "-1" wraps around. Cursors past the last id all mean "nothing left".
func parseCursor(b []byte) (int64, bool) {
	b = cString(b)
	if len(b) == 0 {
		return 0, true
	}
	if isCSpace(b[0]) {
		return 0, false
	}
	neg := false
	if b[0] == '+' || b[0] == '-' {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	u, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		u = -u
	}
	if u > math.MaxInt64 {
		return math.MaxInt64, true
	}
	return int64(u), true
}

func isCSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// RANDOMKEY returns a random live key, or nil when the database is empty.
// RANDOMKEY
// https://redis.io/commands/randomkey
func cmdRandomKey(c *cmd) (resp.Value, error) {
	max, err := c.q.MaxKeyID(c.ctx)
	if err != nil || max == 0 {
		return resp.Null(), err
	}
	name, err := c.q.KeyAtOrAfterID(c.ctx, store.KeyAtOrAfterIDParams{Db: c.s.db, ID: 1 + rand.Int64N(max), Now: c.now})
	if errors.Is(err, sql.ErrNoRows) {
		name, err = c.q.FirstLiveKey(c.ctx, store.FirstLiveKeyParams{Db: c.s.db, Now: c.now})
	}
	if errors.Is(err, sql.ErrNoRows) {
		return resp.Null(), nil
	}
	if err != nil {
		return resp.Value{}, err
	}
	return resp.Bulk(name), nil
}
