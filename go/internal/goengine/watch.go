package goengine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"sqlettuce/go/internal/store"
	sqlfiles "sqlettuce/sql"
)

// WATCH, as the Rust engine does it (rust/src/watch.rs; docs/engine-contract.md): WATCH
// records what it saw of each key (no row, a live row's id and version, or an expired
// row's), and EXEC reads the rows again inside its own transaction. Every in-place write
// bumps keys.version; a row that left its name (delete, rename, move, swap) is told to
// the registry by the writer's TEMP triggers (sql/watch.sql), which marks the sessions
// watching that name: rereading alone cannot see a row that went and came back (ids are
// max(id) + 1, so a recreated key can get its old id and version back) or came and went.

// seenKind is what WATCH saw of a key.
type seenKind int

const (
	seenMissing seenKind = iota
	seenLive
	seenExpired // present but expired: logically missing, and its deletion is no change
)

type seen struct {
	kind        seenKind
	id, version int64
}

// readSeen reads a key's row now, inside the current transaction.
func readSeen(ctx context.Context, q kv, db int64, name []byte, now int64) (seen, error) {
	row, err := q.WatchStamp(ctx, store.WatchStampParams{Db: db, Key: name})
	if errors.Is(err, sql.ErrNoRows) {
		return seen{}, nil
	}
	if err != nil {
		return seen{}, err
	}
	k := seenLive
	if row.ExpireAt.Valid && row.ExpireAt.Int64 <= now {
		k = seenExpired
	}
	return seen{kind: k, id: row.ID, version: row.Version}, nil
}

// unchanged says whether a key seen as w at WATCH is unchanged when it reads now.
func (w seen) unchanged(now seen) bool {
	switch w.kind {
	case seenMissing:
		return now.kind == seenMissing
	case seenLive:
		return now == w
	default: // the same expired row, or it went (a deletion that is no change)
		return now.kind == seenMissing || now == w
	}
}

// watchName is a watched key: its database and name.
type watchName struct {
	db  int64
	key string
}

type watcher struct {
	client int64
	dirty  *atomic.Bool
	seen   seen
}

// watches is every watched key of the engine, with its watchers.
type watches struct {
	mu   sync.Mutex
	keys map[watchName][]watcher
}

func (ws *watches) add(n watchName, client int64, dirty *atomic.Bool, s seen) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.keys == nil {
		ws.keys = make(map[watchName][]watcher)
	}
	ws.keys[n] = append(ws.keys[n], watcher{client: client, dirty: dirty, seen: s})
}

// remove forgets client's watchers of names.
func (ws *watches) remove(client int64, names []watchName) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for _, n := range names {
		list := ws.keys[n][:0]
		for _, w := range ws.keys[n] {
			if w.client != client {
				list = append(list, w)
			}
		}
		if len(list) == 0 {
			delete(ws.keys, n)
		} else {
			ws.keys[n] = list
		}
	}
}

// keyGone is sqlettuce_key_gone(db, key, id, version), called by sql/watch.sql's
// triggers when the row (id, version) leaves the name (db, key): it marks the watchers,
// except those that saw this very row already expired (no logical change, as in Redis).
func (ws *watches) keyGone(db int64, key []byte, id, version int64) int64 {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if len(ws.keys) == 0 {
		return 0
	}
	gone := seen{kind: seenExpired, id: id, version: version}
	for _, w := range ws.keys[watchName{db, string(key)}] {
		if w.seen != gone {
			w.dirty.Store(true)
		}
	}
	return 0
}

// install registers sqlettuce_key_gone on the writer and creates the triggers.
func (ws *watches) install(ctx context.Context, c *sql.Conn) error {
	err := c.Raw(func(dc any) error {
		return dc.(*countingConn).RegisterFunc("sqlettuce_key_gone", ws.keyGone, false)
	})
	if err != nil {
		return fmt.Errorf("goengine: sqlettuce_key_gone: %w", err)
	}
	if _, err := c.ExecContext(ctx, sqlfiles.Watch); err != nil {
		return fmt.Errorf("goengine: watch triggers: %w", err)
	}
	return nil
}

// watchState is one session's watched keys and its dirty mark (CLIENT_DIRTY_CAS).
type watchState struct {
	keys  []watchedKey
	dirty atomic.Bool
}

type watchedKey struct {
	name watchName
	seen seen
}

// watch adds one key (the first WATCH of a name counts, as in Redis).
func (w *watchState) watch(ws *watches, client int64, n watchName, s seen) {
	for _, k := range w.keys {
		if k.name == n {
			return
		}
	}
	ws.add(n, client, &w.dirty, s)
	w.keys = append(w.keys, watchedKey{name: n, seen: s})
}

// unchanged says whether EXEC may run: nothing marked and every key unchanged, read in
// the EXEC's transaction.
func (w *watchState) unchanged(ctx context.Context, q kv, now int64) (bool, error) {
	if w.dirty.Load() {
		return false, nil
	}
	for _, k := range w.keys {
		s, err := readSeen(ctx, q, k.name.db, []byte(k.name.key), now)
		if err != nil {
			return false, err
		}
		if !k.seen.unchanged(s) {
			return false, nil
		}
	}
	return true, nil
}

// clear is UNWATCH: forget every key and the mark.
func (w *watchState) clear(ws *watches, client int64) {
	if len(w.keys) == 0 {
		return
	}
	names := make([]watchName, len(w.keys))
	for i, k := range w.keys {
		names[i] = k.name
	}
	ws.remove(client, names)
	w.keys = w.keys[:0]
	w.dirty.Store(false)
}
