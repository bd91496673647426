package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// LSET replaces the element at an index. As in Redis: the key first (ERR no such key),
// then the index.
// LSET key index element
// https://redis.io/commands/lset
func cmdLSet(c *cmd) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil {
		return resp.Value{}, err
	}
	if !k.ok {
		return resp.Value{}, errNoSuchKey
	}
	index, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	pos, ok := e.position(index)
	if !ok {
		return resp.Value{}, errIndexRange
	}
	if err := c.q.ListSet(c.ctx, store.ListSetParams{Elem: nonNil(c.argv[3]), KeyID: k.ID, Pos: pos}); err != nil {
		return resp.Value{}, err
	}
	return resp.OK(), c.touch(k.ID, 0)
}

// LTRIM keeps only the elements between two indexes; an emptied list is deleted. Two
// range deletes at the ends. Like Redis, a trim that removes nothing still counts as a
// write (the version is bumped).
// LTRIM key start stop
// https://redis.io/commands/ltrim
func cmdLTrim(c *cmd) (resp.Value, error) {
	start, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	stop, err := parseInt(c.argv[3])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.OK(), err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	start, stop, ok := rankSpan(e.len(), start, stop)
	if !ok {
		return resp.OK(), c.q.DeleteKeyByID(c.ctx, k.ID)
	}
	for _, r := range [][2]int64{{e.head, e.head + start - 1}, {e.head + stop + 1, e.tail}} {
		if r[0] <= r[1] {
			if err := c.q.ListDeleteRange(c.ctx, store.ListDeleteRangeParams{KeyID: k.ID, Lo: r[0], Hi: r[1]}); err != nil {
				return resp.Value{}, err
			}
		}
	}
	return resp.OK(), c.touch(k.ID, stop-start+1-e.len())
}

// LINSERT inserts an element before or after the first occurrence of a pivot; replies
// the new length, 0 for a missing key and -1 when the pivot is not found. The gap is
// opened by moving the shorter side of the list one position outwards.
// LINSERT key <BEFORE | AFTER> pivot element
// https://redis.io/commands/linsert
func cmdLInsert(c *cmd) (resp.Value, error) {
	var after bool
	switch w := cString(c.argv[2]); {
	case equalFold(w, "after"):
		after = true
	case equalFold(w, "before"):
	default:
		return resp.Value{}, errSyntax
	}
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	found, err := c.q.ListFind(c.ctx, store.ListFindParams{KeyID: k.ID, Pos: e.head, Pos_2: e.tail,
		Elem: nonNil(c.argv[3]), Limit: 1, Offset: 0})
	if err != nil {
		return resp.Value{}, err
	}
	if len(found) == 0 {
		return resp.Int(-1), nil
	}
	// The new element goes between positions a and a + 1.
	a := found[0]
	if !after {
		a--
	}
	pos := a
	if e.tail-a <= a-e.head+1 {
		err = c.listShiftOut(k.ID, a+1, e.tail, 1)
		pos = a + 1
	} else {
		err = c.listShiftOut(k.ID, e.head, a, -1)
	}
	if err == nil {
		err = c.q.ListInsert(c.ctx, store.ListInsertParams{KeyID: k.ID, Pos: pos, Elem: nonNil(c.argv[4])})
	}
	if err == nil {
		err = c.touch(k.ID, 1)
	}
	return resp.Int(e.len() + 1), err
}

// listShiftOut moves positions lo..hi one step outwards (dir +1 when hi is the tail, -1
// when lo is the head) without ever moving a row onto a taken position, whatever order
// SQLite updates rows in: each statement's targets are free and apart from its sources.
// One row moves directly; more go n + 1 past the end first, then n back.
func (c *cmd) listShiftOut(id, lo, hi, dir int64) error {
	n := hi - lo + 1
	if n <= 0 {
		return nil
	}
	if n == 1 {
		return c.listShift(id, lo, hi, dir)
	}
	park := dir * (n + 1)
	if err := c.listShift(id, lo, hi, park); err != nil {
		return err
	}
	return c.listShift(id, lo+park, hi+park, -dir*n)
}

func (c *cmd) listShift(id, lo, hi, delta int64) error {
	if lo > hi || delta == 0 {
		return nil
	}
	return c.q.ListShift(c.ctx, store.ListShiftParams{Delta: delta, KeyID: id, Lo: lo, Hi: hi})
}

// LREM removes occurrences of an element: count > 0 from the head, < 0 from the tail, 0
// all of them; an emptied list is deleted. The matches are found by a scan (O(N) like
// Redis) and deleted with one statement; the gap they leave is closed by renumbering the
// shorter side: copy it, in order, past the end of the list, delete the originals, then
// shift the copies into place.
// LREM key count element
// https://redis.io/commands/lrem
func cmdLRem(c *cmd) (resp.Value, error) {
	count, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, err
	}
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil || !k.ok {
		return resp.Int(0), err
	}
	e, err := c.listEnds(k.ID)
	if err != nil {
		return resp.Value{}, err
	}
	limit := int64(-1)
	switch {
	case count > 0:
		limit = count
	case count < 0:
		limit = -count
		if limit < 0 { // -MinInt64
			limit = -1
		}
	}
	found, err := c.listFind(k.ID, e.head, e.tail, c.argv[3], count < 0, limit, 0)
	if err != nil || len(found) == 0 {
		return resp.Int(0), err
	}
	lo, hi := found[0], found[0]
	for _, p := range found {
		lo, hi = min(lo, p), max(hi, p)
	}
	removed := int64(len(found))
	if removed == e.len() {
		return resp.Int(removed), c.q.DeleteKeyByID(c.ctx, k.ID)
	}
	// Every match lies in lo..hi, and every element there equal to elem matched.
	if _, err := c.q.ListDeleteMatches(c.ctx, store.ListDeleteMatchesParams{KeyID: k.ID, Lo: lo, Hi: hi, Elem: nonNil(c.argv[3])}); err != nil {
		return resp.Value{}, err
	}
	after := e.tail - lo + 1 - removed  // survivors from lo to the tail
	before := hi - e.head + 1 - removed // survivors from the head to hi
	switch {
	case after <= before && after > 0:
		err = c.listRenumber(k.ID, lo, e.tail, e.tail, lo-e.tail-1, after)
	case after > before && before > 0:
		base := e.head - 1 - before
		err = c.listRenumber(k.ID, e.head, hi, base, hi-e.head+1, before)
	}
	if err == nil {
		err = c.touch(k.ID, -removed)
	}
	return resp.Int(removed), err
}

// listRenumber copies the n rows left in lo..hi, in order, to base+1..base+n (free
// positions past an end), deletes lo..hi, and shifts the copies by delta into place.
func (c *cmd) listRenumber(id, lo, hi, base, delta, n int64) error {
	err := c.q.ListCopyRenumbered(c.ctx, store.ListCopyRenumberedParams{Base: base, KeyID: id, Lo: lo, Hi: hi})
	if err == nil {
		err = c.q.ListDeleteRange(c.ctx, store.ListDeleteRangeParams{KeyID: id, Lo: lo, Hi: hi})
	}
	if err == nil {
		err = c.listShift(id, base+1, base+n, delta)
	}
	return err
}

// listFind lists the positions of elem within lo..hi from the head (or the tail),
// skipping offset matches, at most limit (-1: all).
func (c *cmd) listFind(id, lo, hi int64, elem []byte, fromTail bool, limit, offset int64) ([]int64, error) {
	if fromTail {
		return c.q.ListFindFromTail(c.ctx, store.ListFindFromTailParams{KeyID: id, Pos: lo, Pos_2: hi,
			Elem: nonNil(elem), Limit: limit, Offset: offset})
	}
	return c.q.ListFind(c.ctx, store.ListFindParams{KeyID: id, Pos: lo, Pos_2: hi,
		Elem: nonNil(elem), Limit: limit, Offset: offset})
}
