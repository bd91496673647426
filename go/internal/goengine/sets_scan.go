package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// SSCAN iterates over the members of a set. The cursor names a point in member order
// (cursor.go): stateless, and a member present for the whole scan is returned at least
// once. As in Redis, the cursor is checked first, then the key (a missing key ends the
// scan whatever the options), then the options; MATCH filters the page after it is read.
// SSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/sscan
func cmdSScan(c *cmd) (resp.Value, error) {
	cursor, ok := parseCursor(c.argv[2])
	if !ok {
		return resp.Value{}, errInvalidCursor
	}
	k, err := c.lookupKind(c.argv[1], typeSet)
	if err != nil || !k.ok {
		return scanReply(0, nil), err
	}
	count, pattern, err := parseScanOptions(c.argv[3:])
	if err != nil {
		return resp.Value{}, err
	}
	next, members, err := scanPage(cursor, count,
		func(m *[]byte) []byte { return *m },
		func(lower []byte, limit int64) ([][]byte, error) {
			return c.q.SetScan(c.ctx, store.SetScanParams{KeyID: k.ID, FromMember: lower, Count: limit})
		},
		func(lower, upper []byte) ([][]byte, error) {
			return c.q.SetScanRange(c.ctx, store.SetScanRangeParams{KeyID: k.ID, FromMember: lower, ToMember: upper})
		})
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, len(members))
	for _, m := range members {
		if pattern == nil || globMatch(pattern, m, false) {
			items = append(items, resp.Bulk(m))
		}
	}
	return scanReply(next, items), nil
}
