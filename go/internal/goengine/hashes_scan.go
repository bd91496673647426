package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// HSCAN iterates over the fields and values of a hash. The cursor names a point in field
// order (cursor.go): stateless, and a field present for the whole scan is returned at
// least once. As in Redis, the cursor is checked first, then the key (a missing key ends
// the scan whatever the options), then the options; MATCH filters the page after it is
// read.
// HSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/hscan
func cmdHScan(c *cmd) (resp.Value, error) {
	cursor, ok := parseCursor(c.argv[2])
	if !ok {
		return resp.Value{}, errInvalidCursor
	}
	k, err := c.lookupKind(c.argv[1], typeHash)
	if err != nil || !k.ok {
		return scanReply(0, nil), err
	}
	count, pattern, err := parseScanOptions(c.argv[3:])
	if err != nil {
		return resp.Value{}, err
	}
	next, rows, err := scanPage(cursor, count,
		func(r *store.HashScanRow) []byte { return r.Field },
		func(lower []byte, limit int64) ([]store.HashScanRow, error) {
			return c.q.HashScan(c.ctx, store.HashScanParams{KeyID: k.ID, FromField: lower, Count: limit})
		},
		func(lower, upper []byte) ([]store.HashScanRow, error) {
			rows, err := c.q.HashScanRange(c.ctx, store.HashScanRangeParams{KeyID: k.ID, FromField: lower, ToField: upper})
			out := make([]store.HashScanRow, len(rows))
			for i, r := range rows {
				out[i] = store.HashScanRow(r)
			}
			return out, err
		})
	if err != nil {
		return resp.Value{}, err
	}
	items := make([]resp.Value, 0, 2*len(rows))
	for _, r := range rows {
		if pattern == nil || globMatch(pattern, r.Field, false) {
			items = append(items, resp.Bulk(r.Field), resp.Bulk(r.Value))
		}
	}
	return scanReply(next, items), nil
}
