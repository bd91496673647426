package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
)

// List commands keep one row per element in lists at contiguous positions head..tail,
// so index i is the row at head + i. Pushes and pops touch one end through the primary
// key; LINSERT and LREM move the shorter side of the list to open or close a gap.

// listEnds is a list's first and last positions.
type listEnds struct{ head, tail int64 }

func (e listEnds) len() int64 { return e.tail - e.head + 1 }

// position is the position of index i (negative from the tail); ok is false out of
// range.
func (e listEnds) position(i int64) (int64, bool) {
	n := e.len()
	if i < 0 {
		i += n
	}
	if i < 0 || i >= n {
		return 0, false
	}
	return e.head + i, true
}

func (c *cmd) listEnds(id int64) (listEnds, error) {
	r, err := c.q.ListEnds(c.ctx, id)
	return listEnds{r.Head, r.Tail}, err
}

// LPUSH prepends elements to a list (creating it) and returns its length. Each element
// takes the position before the head, so LPUSH l a b c leaves c b a.
// LPUSH key element [element ...]
// https://redis.io/commands/lpush
func cmdLPush(c *cmd) (resp.Value, error) { return c.pushCommand(true, false) }

// RPUSH appends elements to a list (creating it) and returns its length.
// RPUSH key element [element ...]
// https://redis.io/commands/rpush
func cmdRPush(c *cmd) (resp.Value, error) { return c.pushCommand(false, false) }

// LPUSHX prepends elements only to an existing list.
// LPUSHX key element [element ...]
// https://redis.io/commands/lpushx
func cmdLPushX(c *cmd) (resp.Value, error) { return c.pushCommand(true, true) }

// RPUSHX appends elements only to an existing list.
// RPUSHX key element [element ...]
// https://redis.io/commands/rpushx
func cmdRPushX(c *cmd) (resp.Value, error) { return c.pushCommand(false, true) }

func (c *cmd) pushCommand(left, onlyExisting bool) (resp.Value, error) {
	k, err := c.lookupWriteKind(c.argv[1], typeList)
	if err != nil || (!k.ok && onlyExisting) {
		return resp.Int(0), err
	}
	n, err := c.listPush(c.argv[1], k, c.argv[2:], left)
	return resp.Int(n), err
}

// listPush pushes elems one by one at the head (or tail) of the list at name, creating
// it when k is missing; it returns the new length.
func (c *cmd) listPush(name []byte, k key, elems [][]byte, left bool) (int64, error) {
	id := k.ID
	e := listEnds{0, -1}
	var err error
	if k.ok {
		e, err = c.listEnds(id)
	} else {
		id, err = c.q.CreateListKey(c.ctx, store.CreateListKeyParams{Db: c.s.db, Key: nonNil(name)})
	}
	if err != nil {
		return 0, err
	}
	for _, elem := range elems {
		pos := e.tail + 1
		if left {
			e.head--
			pos = e.head
		} else {
			e.tail++
		}
		if err := c.q.ListInsert(c.ctx, store.ListInsertParams{KeyID: id, Pos: pos, Elem: nonNil(elem)}); err != nil {
			return 0, err
		}
	}
	if err := c.touch(id, int64(len(elems))); err != nil {
		return 0, err
	}
	return e.len(), nil
}

// listPop removes up to count elements from the head (or tail) of list id and returns
// them in pop order. An emptied list's key is deleted unless keep (LMOVE onto itself);
// a key that stays is touched, even when emptied for LMOVE, whose push then adds back.
func (c *cmd) listPop(id, count int64, left, keep bool) ([][]byte, error) {
	e, err := c.listEnds(id)
	if err != nil {
		return nil, err
	}
	n := min(count, e.len())
	if n <= 0 {
		return nil, nil
	}
	lo, hi := e.head, e.head+n-1
	if !left {
		lo, hi = e.tail-n+1, e.tail
	}
	elems, err := c.q.ListRange(c.ctx, store.ListRangeParams{KeyID: id, Lo: lo, Hi: hi})
	if err != nil {
		return nil, err
	}
	if !left {
		for i, j := 0, len(elems)-1; i < j; i, j = i+1, j-1 {
			elems[i], elems[j] = elems[j], elems[i]
		}
	}
	switch {
	case n == e.len() && !keep:
		err = c.q.DeleteKeyByID(c.ctx, id)
	default:
		err = c.q.ListDeleteRange(c.ctx, store.ListDeleteRangeParams{KeyID: id, Lo: lo, Hi: hi})
		if err == nil {
			err = c.touch(id, -n)
		}
	}
	return elems, err
}

// parseSide reads LEFT or RIGHT (listTypePop's where); anything else is a syntax error.
func parseSide(arg []byte) (left bool, err error) {
	switch w := cString(arg); {
	case equalFold(w, "left"):
		return true, nil
	case equalFold(w, "right"):
		return false, nil
	}
	return false, errSyntax
}

func bulks(elems [][]byte) resp.Value {
	items := make([]resp.Value, len(elems))
	for i, e := range elems {
		items[i] = resp.Bulk(e)
	}
	return resp.Array(items...)
}
