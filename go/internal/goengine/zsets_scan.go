package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// zset-max-listpack-entries and zset-max-listpack-value, Redis's defaults.
const (
	listpackEntries = 128
	listpackValue   = 64
)

// ZSCAN iterates over the members and scores of a sorted set. A sorted set Redis keeps
// as a listpack (up to 128 members of up to 64 bytes) is returned whole in score order
// with cursor 0, whatever the cursor and COUNT, with its scores as the listpack holds
// them, exactly as Redis does. A larger one is scanned in member order with the
// stateless cursor of cursor.go (a member present for the whole scan comes at least
// once). As in Redis: the cursor is checked first, then the key, then the options.
// ZSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/zscan
func cmdZScan(c *cmd) (resp.Value, error) {
	cursor, ok := parseCursor(c.argv[2])
	if !ok {
		return resp.Value{}, errInvalidCursor
	}
	k, err := c.lookupKind(c.argv[1], typeZset)
	if err != nil || !k.ok {
		return scanReply(0, nil), err
	}
	count, pattern, err := parseScanOptions(c.argv[3:])
	if err != nil {
		return resp.Value{}, err
	}
	rows, err := c.zsetByRank(k.ID, false, listpackEntries+1, 0)
	if err != nil {
		return resp.Value{}, err
	}
	next := int64(0)
	listpack := len(rows) <= listpackEntries
	for _, r := range rows {
		listpack = listpack && len(r.Member) <= listpackValue
	}
	score := formatListpackScore
	if !listpack {
		score = formatScore
		next, rows, err = scanPage(cursor, count,
			func(r *scored) []byte { return r.Member },
			func(lower []byte, limit int64) ([]scored, error) {
				rows, err := c.q.ZsetScan(c.ctx, store.ZsetScanParams{KeyID: k.ID, Member: nonNil(lower), Limit: limit})
				return convertRows(rows, err, func(r store.ZsetScanRow) scored { return scored(r) })
			},
			func(lower, upper []byte) ([]scored, error) {
				rows, err := c.q.ZsetScanRange(c.ctx, store.ZsetScanRangeParams{KeyID: k.ID, Member: nonNil(lower), Member_2: nonNil(upper)})
				return convertRows(rows, err, func(r store.ZsetScanRangeRow) scored { return scored(r) })
			})
		if err != nil {
			return resp.Value{}, err
		}
	}
	items := make([]resp.Value, 0, 2*len(rows))
	for _, r := range rows {
		if pattern == nil || globMatch(pattern, r.Member, false) {
			items = append(items, resp.Bulk(r.Member), resp.Bulk(score(r.Score)))
		}
	}
	return scanReply(next, items), nil
}
