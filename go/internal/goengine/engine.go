// Package goengine is the pure-Go engine (`--engine go`): Go parses RESP (package resp)
// and runs the sqlc-generated queries (package store) through database/sql and
// go-sqlite3. It is the comparison path for the Rust engine, so it gives the same reply
// bytes; each query here costs several cgo crossings (prepare/bind/step/reset).
//
// Layers, never skipped: resp (bytes <-> arguments and replies), the command handlers
// (one file per command family, talking to the kv interface), and store (SQL).
package goengine

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver: the one SQLite in the binary

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/store"
	sqlfiles "sqlettuce/sql"
)

// Engine is the Go engine: one SQLite connection, one writer.
type Engine struct {
	opts     engine.Options
	ctx      context.Context
	db       *sql.DB
	conn     *sql.Conn      // the only connection; every statement runs on it
	q        *store.Queries // prepared once on conn
	begin    *sql.Stmt      // BEGIN (deferred), for batches that only read
	beginW   *sql.Stmt      // BEGIN IMMEDIATE, for batches that write
	commit   *sql.Stmt
	rollback *sql.Stmt

	// mu serializes batches: SQLite has one writer, and the transaction belongs to conn,
	// so one batch at a time holds it. Sessions call Exec from many goroutines.
	mu sync.Mutex

	sqliteVersion string
	runID         string
	started       time.Time
	nextClientID  atomic.Int64
	clients       atomic.Int64 // open sessions, for INFO's connected_clients
	closed        atomic.Bool
}

// pragmas are applied to the engine's connection, the only one it ever opens (see New).
var pragmas = []string{
	// WAL: readers (the sqlite3 CLI, a backup) never block the writer, and a commit is
	// one append to the log instead of rewriting pages in place.
	"PRAGMA journal_mode = WAL",
	// NORMAL in WAL mode: every committed batch survives a killed process; only a power
	// loss can lose the last commits. (FULL would fsync on every batch.)
	"PRAGMA synchronous = NORMAL",
	// Deleting a key must cascade to its hash/list/set/zset rows.
	"PRAGMA foreign_keys = ON",
	// Another process (the CLI, a second server) may hold the lock briefly: wait for it
	// instead of failing the batch with SQLITE_BUSY.
	"PRAGMA busy_timeout = 5000",
}

// New opens (or creates) the SQLite file, applies the pragmas and the schema, and
// prepares every statement.
//
// Why one dedicated *sql.Conn with explicit BEGIN/BEGIN IMMEDIATE instead of db.BeginTx:
// go-sqlite3 picks the lock mode per DSN (_txlock), not per transaction, and a batch
// that only reads should not take the write lock while one that writes must take it up
// front (a deferred transaction that upgrades later can fail with SQLITE_BUSY half-way).
// Holding the connection also keeps the prepared statements bound to it for the engine's
// life (no per-batch WithTx re-wrapping), and makes ":memory:" one database, not one per
// pooled connection.
func New(opts engine.Options) (engine.Engine, error) {
	return Open(opts)
}

// Open is New with the concrete type, for tests.
func Open(opts engine.Options) (*Engine, error) {
	if opts.Path == "" {
		return nil, fmt.Errorf("goengine: no database path")
	}
	db, err := sql.Open("sqlite3", opts.Path)
	if err != nil {
		return nil, fmt.Errorf("goengine: open %s: %w", opts.Path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	e := &Engine{opts: opts, ctx: context.Background(), db: db, started: time.Now()}
	if err := e.init(); err != nil {
		db.Close()
		return nil, err
	}
	return e, nil
}

func (e *Engine) init() error {
	ctx := e.ctx
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("goengine: connect: %w", err)
	}
	e.conn = conn
	for _, p := range pragmas {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("goengine: %s: %w", p, err)
		}
	}
	if _, err := conn.ExecContext(ctx, sqlfiles.Schema); err != nil {
		return fmt.Errorf("goengine: schema: %w", err)
	}
	if e.q, err = store.Prepare(ctx, conn); err != nil {
		return fmt.Errorf("goengine: %w", err)
	}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{{&e.begin, "BEGIN"}, {&e.beginW, "BEGIN IMMEDIATE"}, {&e.commit, "COMMIT"}, {&e.rollback, "ROLLBACK"}} {
		if *s.dst, err = conn.PrepareContext(ctx, s.sql); err != nil {
			return fmt.Errorf("goengine: prepare %s: %w", s.sql, err)
		}
	}
	if e.sqliteVersion, err = e.q.SqliteVersion(ctx); err != nil {
		return fmt.Errorf("goengine: %w", err)
	}
	var id [20]byte
	if _, err := rand.Read(id[:]); err != nil {
		return err
	}
	e.runID = hex.EncodeToString(id[:])
	return nil
}

// NewSession starts a client's state; ids count from 1 per engine start.
func (e *Engine) NewSession() (engine.Session, error) {
	if e.closed.Load() {
		return nil, fmt.Errorf("goengine: closed")
	}
	e.clients.Add(1)
	return &session{e: e, id: e.nextClientID.Add(1)}, nil
}

// SweepExpired deletes up to maxKeys expired keys in one short write transaction,
// through the same mutex as command batches.
func (e *Engine) SweepExpired(maxKeys int) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Load() {
		return 0, fmt.Errorf("goengine: closed")
	}
	if _, err := e.beginW.ExecContext(e.ctx); err != nil {
		return 0, err
	}
	n, err := e.q.DeleteExpiredKeys(e.ctx, store.DeleteExpiredKeysParams{
		Now: time.Now().UnixMilli(), MaxKeys: int64(maxKeys)})
	if err != nil {
		e.rollback.ExecContext(e.ctx)
		return 0, err
	}
	if _, err := e.commit.ExecContext(e.ctx); err != nil {
		e.rollback.ExecContext(e.ctx)
		return 0, err
	}
	return int(n), nil
}

// Close waits for the batch in flight, then closes the statements and the database.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Swap(true) {
		return nil
	}
	e.q.Close()
	for _, s := range []*sql.Stmt{e.begin, e.beginW, e.commit, e.rollback} {
		s.Close()
	}
	e.conn.Close()
	return e.db.Close()
}
