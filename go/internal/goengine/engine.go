// Package goengine is the pure-Go engine (`--engine go`): Go parses RESP (package resp)
// and runs the sqlc-generated queries (package store) through database/sql and
// go-sqlite3. It is the comparison path for the Rust engine, so it gives the same reply
// bytes and opens the same transactions; each query here costs several cgo crossings
// into go-sqlite3 (bind, step, column, reset).
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
	"sqlettuce/go/internal/resp"
	"sqlettuce/go/internal/store"
	sqlfiles "sqlettuce/sql"
)

// Engine is the Go engine: a writer connection for the executor's groups, a pool of
// reader connections for read-only batches, and a checkpointer connection.
type Engine struct {
	opts engine.Options
	ctx  context.Context
	db   *sql.DB

	// writer runs the groups (and the expiry sweep). mu serializes its users: the
	// executor, an exclusive-locking checkpoint, and Close.
	writer *conn
	mu     sync.Mutex

	// readers lends a connection to each read-only batch; its capacity bounds how many
	// run at once. Nil for ":memory:" and exclusive locking: every batch needs the writer.
	readers chan *conn
	// checkpointer copies the WAL into the file in the background (nil without WAL
	// sharing: ":memory:", exclusive locking).
	checkpointer *sql.Conn
	cpMu         sync.Mutex

	// The appendfsync mode each connection's synchronous pragma is set to; CONFIG SET
	// appendfsync changes the wanted one (AppendFsync).
	writerFsync string // the writer's (under mu)
	cpFsync     string // the checkpointer's (under cpMu)
	// The keys the last group made ready for blocked clients (sql/ready_keys.sql), and
	// the statement that takes them from the writer's temp table.
	ready         []engine.ReadyKey
	takeReadyStmt *sql.Stmt

	stats         stats
	watches       watches // every session's WATCHed keys, marked by the writer's triggers
	sqliteVersion string
	runID         string
	started       time.Time
	nextClientID  atomic.Int64
	clients       atomic.Int64 // open sessions
	registry      clients      // every open session (CLIENT LIST, CLIENT KILL, INFO)
	config        *config      // CONFIG GET/SET's settings, requirepass among them
	// pubsubChannels and pubsubPatterns are INFO's pubsub_channels and pubsub_patterns,
	// as the server's registry counts them (SetPubSubCounts).
	pubsubChannels, pubsubPatterns atomic.Int64
	closed                         atomic.Bool
}

// stats are INFO's live counters (docs/engine-contract.md). This engine has no crossing
// of its own into an engine library: its cgo calls are go-sqlite3's, several per
// statement, so it reports statements and leaves crossings at 0.
type stats struct {
	commands     atomic.Int64
	transactions atomic.Int64
	statements   atomic.Int64
	// INFO stats' keyspace_hits and keyspace_misses (read lookups, as Redis's
	// lookupKeyRead, that found the key or not), expired_keys (keys deleted because their
	// TTL passed: by a write that found them, or by the sweep) and rejected_connections
	// (refused at maxclients: RejectedConnection).
	keyspaceHits, keyspaceMisses, expiredKeys, rejectedConnections atomic.Int64
	// connectionsAtReset is nextClientID when CONFIG RESETSTAT last ran: INFO's
	// total_connections_received counts from there.
	connectionsAtReset atomic.Int64
	// byCommand is INFO commandstats, one per registry entry (command.index); their
	// calls add up to INFO's total_commands_processed.
	byCommand []commandStats
}

// commandStats is one command's line of INFO commandstats.
type commandStats struct {
	calls    atomic.Int64 // times its handler ran to its end (a blocked BLPOP once served)
	usec     atomic.Int64 // microseconds in its handler, SQL included (monotonic clock)
	rejected atomic.Int64 // refused before running: wrong arity, NOAUTH, subscribe mode
	failed   atomic.Int64 // ran and replied an error
}

// called records one run of cmd, which started at start.
func (st *stats) called(cmd *command, start time.Time, failed bool) {
	cs := &st.byCommand[cmd.index]
	cs.calls.Add(1)
	cs.usec.Add(time.Since(start).Microseconds())
	if failed {
		cs.failed.Add(1)
	}
}

// fold adds what a command counted in its session: read lookups that hit or missed,
// and expired keys it deleted.
func (st *stats) fold(s *session) {
	if s.hits != 0 {
		st.keyspaceHits.Add(s.hits)
		s.hits = 0
	}
	if s.misses != 0 {
		st.keyspaceMisses.Add(s.misses)
		s.misses = 0
	}
	if s.expired != 0 {
		st.expiredKeys.Add(s.expired)
		s.expired = 0
	}
}

// commandsProcessed is INFO's total_commands_processed: every command's calls.
func (st *stats) commandsProcessed() int64 {
	var n int64
	for i := range st.byCommand {
		n += st.byCommand[i].calls.Load()
	}
	return n
}

// reset is CONFIG RESETSTAT: Redis's resetServerStats and resetCommandTableStats.
// opened is the sessions opened so far. sqlettuce's own counters stay.
func (st *stats) reset(opened int64) {
	for _, c := range []*atomic.Int64{&st.keyspaceHits, &st.keyspaceMisses, &st.expiredKeys, &st.rejectedConnections} {
		c.Store(0)
	}
	st.connectionsAtReset.Store(opened)
	for i := range st.byCommand {
		cs := &st.byCommand[i]
		for _, c := range []*atomic.Int64{&cs.calls, &cs.usec, &cs.rejected, &cs.failed} {
			c.Store(0)
		}
	}
}

// conn is one SQLite connection with the statements prepared on it. It is used by one
// goroutine at a time (the executor for the writer; a borrower for a reader).
type conn struct {
	c        *sql.Conn
	q        *store.Queries
	count    *countingConn // the driver connection: its statement counter
	begin    *sql.Stmt     // BEGIN IMMEDIATE on the writer, BEGIN on a reader
	commit   *sql.Stmt
	rollback *sql.Stmt
}

// role says what a connection is for: the pragmas differ a little.
type role int

const (
	roleWriter role = iota
	roleReader
	roleCheckpointer
)

// pragmas returns the settings for a connection, in one place with the reason for each
// (the Rust engine applies the same ones).
func pragmas(r role, locking, fsync string) []string {
	var p []string
	if r == roleWriter {
		// For a new file only (an existing one keeps its page size). Every write group
		// appends each page it dirtied to the WAL and a checkpoint copies it back, and
		// with random keys nearly every SET dirties a page of its own: 1 KiB pages write a
		// quarter of SQLite's 4 KiB default per SET (measured: 35% more SETs/s at depth
		// 16), for one more B-tree level and values over ~1 KB spilling to overflow pages.
		p = append(p, "PRAGMA page_size = 1024")
		if locking == "exclusive" {
			// Before WAL mode: the WAL index then lives in heap memory instead of a shared
			// -shm file, and no lock is taken or released per transaction.
			p = append(p, "PRAGMA locking_mode = EXCLUSIVE")
		}
		p = append(p,
			// WAL: readers (ours, the sqlite3 CLI) never block the writer, and a commit is
			// one append to the log instead of rewriting pages in place.
			"PRAGMA journal_mode = WAL",
			// Deleting a key must cascade to its hash/list/set/zset rows.
			"PRAGMA foreign_keys = ON")
	}
	p = append(p,
		// appendfsync (engine.Options.AppendFsync): when commits and checkpoints fsync.
		// The writer's setting decides commits, the checkpointer's how checkpoints sync.
		engine.AppendFsyncModes[fsync],
		// Never checkpoint in the committing goroutine: SQLite's automatic checkpoint
		// stalls every client for milliseconds. The server calls Checkpoint instead.
		"PRAGMA wal_autocheckpoint = 0",
		// After a checkpoint lets the WAL restart, shrink a WAL a burst made large.
		"PRAGMA journal_size_limit = 67108864",
		// Temporary B-trees (RETURNING, sorting, DISTINCT) in memory, not in a temp file.
		"PRAGMA temp_store = MEMORY",
		// Another process (the CLI) may hold a lock briefly: wait for it instead of
		// failing with SQLITE_BUSY.
		"PRAGMA busy_timeout = 5000")
	if r != roleCheckpointer {
		// Keep the working set in each connection's page cache (64 MiB).
		p = append(p, "PRAGMA cache_size = -65536")
	}
	if r == roleReader {
		p = append(p,
			// Readers take pages of the database file straight from a memory map: no page
			// cache lookup and no copy per page (pages still in the WAL are read as usual).
			"PRAGMA mmap_size = 1073741824",
			// A reader never writes, even if a bug asks it to.
			"PRAGMA query_only = ON")
	}
	return p
}

// New opens (or creates) the SQLite file, applies the pragmas and the schema, and
// prepares every statement.
//
// Why dedicated *sql.Conn values with explicit BEGIN/BEGIN IMMEDIATE instead of
// db.BeginTx: go-sqlite3 picks the lock mode per DSN (_txlock), not per transaction, and
// a group must take the write lock up front (a deferred transaction that upgrades later
// can fail with SQLITE_BUSY half-way) while a read batch must not take it at all.
// Holding the connections also keeps the prepared statements bound to them for the
// engine's life, and makes ":memory:" one database, not one per pooled connection.
func New(opts engine.Options) (engine.Engine, error) {
	return Open(opts)
}

// Open is New with the concrete type, for tests.
func Open(opts engine.Options) (*Engine, error) {
	if opts.Path == "" {
		return nil, fmt.Errorf("goengine: no database path")
	}
	db, err := sql.Open(driverName, opts.Path)
	if err != nil {
		return nil, fmt.Errorf("goengine: open %s: %w", opts.Path, err)
	}
	readers := engine.ReaderCount(opts)
	// Every connection is dedicated (db.Conn) for the engine's life; none is pooled.
	db.SetMaxIdleConns(readers + 2)
	db.SetConnMaxLifetime(0)
	if opts.AppendFsync == "" {
		opts.AppendFsync = "everysec"
	}
	if _, ok := engine.AppendFsyncModes[opts.AppendFsync]; !ok {
		return nil, fmt.Errorf("goengine: unknown appendfsync mode %q", opts.AppendFsync)
	}
	e := &Engine{opts: opts, ctx: context.Background(), db: db, started: time.Now(),
		writerFsync: opts.AppendFsync, cpFsync: opts.AppendFsync,
		config: newConfig(opts.Port, opts.Bind)}
	e.stats.byCommand = make([]commandStats, len(commandList))
	if err := e.config.set([][]byte{[]byte("requirepass"), []byte(opts.RequirePass),
		[]byte("appendfsync"), []byte(opts.AppendFsync)}); err != nil {
		return nil, err
	}
	if err := e.init(readers); err != nil {
		e.closeConns()
		db.Close()
		return nil, err
	}
	return e, nil
}

// migrate brings a file from an older sqlettuce up to date, after the schema ran.
func (e *Engine) migrate() error {
	var hasElements int64
	if err := e.writer.c.QueryRowContext(e.ctx, sqlfiles.HasKeysElements).Scan(&hasElements); err != nil {
		return err
	}
	if hasElements == 1 {
		return nil
	}
	_, err := e.writer.c.ExecContext(e.ctx, "BEGIN IMMEDIATE; "+sqlfiles.MigrateKeysElements+" COMMIT;")
	return err
}

// checkOwnership refuses a file that is not sqlettuce's (sql/ownership.sql) before
// anything changes it: no pragma has run on c yet.
func (e *Engine) checkOwnership(c *sql.Conn) error {
	var ours bool
	if err := c.QueryRowContext(e.ctx, sqlfiles.Ownership).Scan(&ours); err != nil {
		return fmt.Errorf("goengine: read %s: %w", e.opts.Path, err)
	}
	if !ours {
		return fmt.Errorf("%s is a SQLite database sqlettuce did not create: it is left as it is. "+
			"Point --db at a new file, or at one sqlettuce made", e.opts.Path)
	}
	return nil
}

func (e *Engine) init(readers int) error {
	var err error
	first, err := e.db.Conn(e.ctx)
	if err != nil {
		return fmt.Errorf("goengine: connect: %w", err)
	}
	err = e.checkOwnership(first)
	first.Close()
	if err != nil {
		return err
	}
	if e.writer, err = e.openConn(roleWriter); err != nil {
		return err
	}
	if _, err := e.writer.c.ExecContext(e.ctx, sqlfiles.Schema+sqlfiles.Stamp); err != nil {
		return fmt.Errorf("goengine: schema: %w", err)
	}
	if err := e.migrate(); err != nil {
		return fmt.Errorf("goengine: migrate: %w", err)
	}
	if err := e.watches.install(e.ctx, e.writer.c); err != nil {
		return err
	}
	if _, err := e.writer.c.ExecContext(e.ctx, sqlfiles.ReadyKeys); err != nil {
		return fmt.Errorf("goengine: ready keys: %w", err)
	}
	if e.takeReadyStmt, err = e.writer.c.PrepareContext(e.ctx, sqlfiles.ReadyKeysTake); err != nil {
		return fmt.Errorf("goengine: prepare ready keys: %w", err)
	}
	if err := e.writer.prepare(e.ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	if readers > 0 {
		e.readers = make(chan *conn, readers)
		for range readers {
			r, err := e.openConn(roleReader)
			if err != nil {
				return err
			}
			if err := r.prepare(e.ctx, "BEGIN"); err != nil {
				r.close()
				return err
			}
			e.readers <- r
		}
		c, err := e.db.Conn(e.ctx)
		if err != nil {
			return fmt.Errorf("goengine: connect: %w", err)
		}
		e.checkpointer = c
		for _, p := range pragmas(roleCheckpointer, e.opts.Locking, e.opts.AppendFsync) {
			if _, err := c.ExecContext(e.ctx, p); err != nil {
				return fmt.Errorf("goengine: %s: %w", p, err)
			}
		}
	}
	if e.sqliteVersion, err = e.writer.q.SqliteVersion(e.ctx); err != nil {
		return fmt.Errorf("goengine: %w", err)
	}
	var id [20]byte
	if _, err := rand.Read(id[:]); err != nil {
		return err
	}
	e.runID = hex.EncodeToString(id[:])
	return nil
}

// openConn opens a dedicated connection and applies its role's pragmas.
func (e *Engine) openConn(r role) (*conn, error) {
	c, err := e.db.Conn(e.ctx)
	if err != nil {
		return nil, fmt.Errorf("goengine: connect: %w", err)
	}
	for _, p := range pragmas(r, e.opts.Locking, e.opts.AppendFsync) {
		if _, err := c.ExecContext(e.ctx, p); err != nil {
			c.Close()
			return nil, fmt.Errorf("goengine: %s: %w", p, err)
		}
	}
	count, err := counter(e.ctx, c)
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("goengine: %w", err)
	}
	return &conn{c: c, count: count}, nil
}

// prepare prepares the named queries (after the schema exists) and the transaction
// statements on c; begin is BEGIN IMMEDIATE for the writer, BEGIN for a reader. The
// statements run so far (pragmas, schema) are not commands': the counter starts at 0.
func (c *conn) prepare(ctx context.Context, begin string) error {
	var err error
	if c.q, err = store.Prepare(ctx, c.c); err != nil {
		return fmt.Errorf("goengine: %w", err)
	}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{{&c.begin, begin}, {&c.commit, "COMMIT"}, {&c.rollback, "ROLLBACK"}} {
		if *s.dst, err = c.c.PrepareContext(ctx, s.sql); err != nil {
			return fmt.Errorf("goengine: prepare %s: %w", s.sql, err)
		}
	}
	c.count.take()
	return nil
}

func (c *conn) close() {
	if c == nil {
		return
	}
	if c.q != nil {
		c.q.Close()
	}
	for _, s := range []*sql.Stmt{c.begin, c.commit, c.rollback} {
		if s != nil {
			s.Close()
		}
	}
	c.c.Close()
}

// NewSession starts a client's state; ids count from 1 per engine start.
func (e *Engine) NewSession() (engine.Session, error) {
	return e.NewClientSession(engine.ConnInfo{FD: -1})
}

// NewClientSession starts the state of a network client (CLIENT LIST shows conn).
func (e *Engine) NewClientSession(conn engine.ConnInfo) (engine.Session, error) {
	if e.closed.Load() {
		return nil, fmt.Errorf("goengine: closed")
	}
	e.clients.Add(1)
	now := time.Now().UnixMilli()
	s := &session{e: e, id: e.nextClientID.Add(1), proto: resp.RESP2, lastMS: now,
		authenticated: !e.config.authRequired.Load()}
	s.entry = &clientEntry{id: s.id, conn: conn, createdMS: now}
	s.publish()
	e.registry.register(s.entry)
	return s, nil
}

// SweepExpired deletes up to maxKeys expired keys in one short write transaction on
// the writer (the server runs it through the executor, between groups).
func (e *Engine) SweepExpired(maxKeys int) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Load() {
		return 0, engine.ErrClosed
	}
	n, err := e.writer.q.DeleteExpiredKeys(e.ctx, store.DeleteExpiredKeysParams{
		Now: time.Now().UnixMilli(), MaxKeys: int64(maxKeys)})
	e.stats.expiredKeys.Add(n)
	return int(n), err
}

// Checkpoint copies committed WAL frames into the database file (PASSIVE: it waits for
// no reader and no writer) on the checkpointer connection. It returns the frames in the
// WAL: -1 with exclusive locking, where only the writer may touch the file.
func (e *Engine) Checkpoint() (int, error) {
	if e.closed.Load() || e.opts.Path == ":memory:" {
		return 0, nil
	}
	if e.checkpointer == nil {
		return -1, nil
	}
	e.cpMu.Lock()
	defer e.cpMu.Unlock()
	if want := e.AppendFsync(); e.cpFsync != want {
		if _, err := e.checkpointer.ExecContext(e.ctx, engine.AppendFsyncModes[want]); err != nil {
			return 0, err
		}
		e.cpFsync = want
	}
	return passiveCheckpoint(e.ctx, e.checkpointer)
}

// RejectedConnection counts a connection refused at maxclients, for INFO.
func (e *Engine) RejectedConnection() { e.stats.rejectedConnections.Add(1) }

// SetPubSubCounts records the server-wide pub/sub counts, for INFO.
func (e *Engine) SetPubSubCounts(channels, patterns int) {
	e.pubsubChannels.Store(int64(channels))
	e.pubsubPatterns.Store(int64(patterns))
}

// ConfigGet is CONFIG GET of one parameter (the settings the server enforces itself).
func (e *Engine) ConfigGet(name string) (string, bool) {
	if findParam([]byte(name)) < 0 {
		return "", false
	}
	return e.config.get(name), true
}

// ConfigSet is CONFIG SET of one parameter (the server's flags at start).
func (e *Engine) ConfigSet(name, value string) error {
	if err := e.config.set([][]byte{[]byte(name), []byte(value)}); err != nil {
		return fmt.Errorf("%s", err.Error())
	}
	return nil
}

// AppendFsync is the appendfsync mode: CONFIG's value (CONFIG SET appendfsync changes it;
// the writer applies a change before its next group, the checkpointer before its next
// checkpoint).
func (e *Engine) AppendFsync() string {
	if mode := e.config.get("appendfsync"); engine.AppendFsyncModes[mode] != "" {
		return mode
	}
	return "everysec"
}

// applyWriterFsync sets the writer's synchronous pragma to the wanted mode, outside any
// transaction (SQLite ignores it inside one). The caller holds mu.
func (e *Engine) applyWriterFsync() error {
	want := e.AppendFsync()
	if e.writerFsync == want {
		return nil
	}
	if _, err := e.writer.c.ExecContext(e.ctx, engine.AppendFsyncModes[want]); err != nil {
		return err
	}
	e.writerFsync = want
	return nil
}

// CheckpointOnWriter runs a PASSIVE checkpoint on the writer, between groups (the server
// calls it through the executor).
func (e *Engine) CheckpointOnWriter() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Load() || e.opts.Path == ":memory:" {
		return nil
	}
	_, err := passiveCheckpoint(e.ctx, e.writer.c)
	return err
}

// passiveCheckpoint runs PRAGMA wal_checkpoint(PASSIVE) and returns the frames in the WAL.
func passiveCheckpoint(ctx context.Context, c *sql.Conn) (int, error) {
	var busy, log, done int
	err := c.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &done)
	return log, err
}

// Close waits for the group in flight, then closes the statements and the database.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed.Swap(true) {
		return nil
	}
	e.closeConns()
	return e.db.Close()
}

// closeConns closes every connection opened so far (readers lent out are back: the
// server closes the engine after its clients).
func (e *Engine) closeConns() {
	for e.readers != nil && len(e.readers) > 0 {
		(<-e.readers).close()
	}
	if e.checkpointer != nil {
		e.cpMu.Lock()
		e.checkpointer.Close()
		e.cpMu.Unlock()
	}
	if e.takeReadyStmt != nil {
		e.takeReadyStmt.Close()
	}
	e.writer.close()
}
