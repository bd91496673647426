// Package engine is the seam between the network (package server) and the two ways of
// executing commands: the Rust engine behind cgo (package rustengine) and the pure-Go
// engine (package goengine). The server only moves bytes: it reads what a client sent,
// hands the bytes to the client's Session, and writes back the replies.
//
// A client's batch (every complete command the socket delivered) takes one of two roads:
//
//   - Session.Exec parses it. If no command writes, it runs at once on a reader
//     connection, in parallel with other clients' reads (SQLite's WAL mode).
//   - If a command writes, Exec runs nothing and answers ActionNeedsWriter. The server then
//     hands the session to the one executor (package executor), which gathers the write
//     batches of every waiting client into a group and runs the group with
//     Engine.ExecGroup: one write transaction, one COMMIT, then every client's replies.
//
// Both engines, and both crossing modes of the Rust one, take the same roads and open the
// same transactions; they differ only in who parses and how often Go calls into C.
package engine

import (
	"errors"
	"time"
)

// Action tells the server what to do after writing a batch's replies.
type Action int

const (
	// ActionNone: keep reading. Input not consumed is an incomplete command; keep it
	// and call Exec again with more bytes appended.
	ActionNone Action = iota
	// ActionClose: write the replies, then close the connection (QUIT, protocol error).
	ActionClose
	// ActionMore: the batch stopped at the engine's bound with complete commands left:
	// call Exec again with input[Consumed:].
	ActionMore
	// ActionNeedsWriter: the batch writes. Nothing ran (not even SELECT or CLIENT
	// SETNAME); the session holds the parsed batch. Pass it to Engine.ExecGroup (through
	// the executor), which fills in the real Result. Consumed and Commands already
	// describe the batch, so the executor can bound a group's size.
	ActionNeedsWriter
	// ActionBlock: a blocking command (BLPOP...) found every key empty. The batch stopped
	// just before it: Replies are the commands before it, Consumed ends at its first
	// byte, and Result.Block says what it waits for. The server waits (holding no SQLite
	// lock) until one of the keys is ready, then runs the input again from the command.
	ActionBlock
	// ActionPubSub: a pub/sub command (SUBSCRIBE, PUBLISH, PUBSUB...). The batch stopped
	// just before it (Consumed ends at its first byte): the server runs it against its
	// subscription registry, calls Session.SetSubscriptions, and goes on after it.
	// (Inside EXEC they come back as Result.PubSub instead.)
	ActionPubSub
)

// Block is what a blocked client waits for.
type Block struct {
	DB   int64
	Keys [][]byte
	// Timeout is how long to wait; 0 waits forever.
	Timeout time.Duration
	// TimeoutReply is the reply once the timeout passes (for the session's protocol).
	TimeoutReply []byte
	// CommandLen is the blocking command's input bytes (from Consumed): what to skip
	// after replying TimeoutReply.
	CommandLen int
}

// ReadyKey names a key that a group turned into a list or sorted set.
type ReadyKey struct {
	DB  int64
	Key string
}

// Result is what one batch produced.
type Result struct {
	// Replies holds the RESP replies of every command run, in order. It is owned by the
	// Session and valid until the next call on that Session.
	Replies []byte
	// Consumed is how many input bytes the commands took. The rest is an incomplete
	// command (or, with ActionClose, garbage to drop).
	Consumed int
	// Commands is how many commands the batch holds.
	Commands int
	Action   Action
	// Block is set with ActionBlock (owned by the caller).
	Block *Block
	// Proto is the session's RESP version after the batch (2, or 3 after HELLO 3), for
	// what the server sends itself: pub/sub messages and confirmations.
	Proto int
	// ConfigChanged: CONFIG SET ran in the batch. The server reads the limits it
	// enforces (maxclients, timeout, buffer limits...) again before writing the
	// replies, so they apply at once, as in Redis.
	ConfigChanged bool
	// Killed lists the client ids CLIENT KILL chose in this batch: the server closes their
	// connections (this one's too, after writing the replies, when it is among them).
	Killed []int64
	// PubSub lists, in order, the pub/sub commands EXEC ran and the RESET of a subscribed
	// client (which leaves every subscription). The engine cannot run them (the
	// registry is the server's), and EXEC's reply cannot stop half-way: the server runs
	// each one against its registry after the batch, as if it came alone, writing its
	// output at its Offset in Replies. The batch ends right after the command that made
	// them (ActionMore when input is left), so the server calls SetSubscriptions before
	// the rest runs. Nil nearly always; emptied with every call on the Session.
	PubSub []PubSubCall
}

// PubSubCall is one command of Result.PubSub.
type PubSubCall struct {
	// Offset is where its output goes in Result.Replies: EXEC's array holds nothing at
	// its place (the array header counts it, as Redis's does); RESET's is before +RESET.
	Offset int
	// Proto is the client's RESP version when it ran (HELLO inside EXEC may switch it).
	Proto int
	Argv  [][]byte // owned by the caller
}

// ConnInfo describes a client's connection, for CLIENT LIST and CLIENT KILL.
type ConnInfo struct {
	Addr  string // the peer, ip:port
	LAddr string // our end, ip:port
	FD    int    // the socket's file descriptor, -1 when unknown
}

// Job is one client's write batch in a group.
type Job struct {
	// Session answered ActionNeedsWriter and holds the batch.
	Session Session
	// Result is filled in by ExecGroup; Err too when the engine failed outright (a Rust
	// panic): the server then replies an error and closes the client.
	Result Result
	Err    error
}

// ErrClosed is returned for work submitted after the engine closed.
var ErrClosed = errors.New("server is shutting down")

// Engine owns the SQLite database. It is safe for concurrent use by many sessions.
type Engine interface {
	// NewSession starts the state of one client connection (selected database, name...).
	NewSession() (Session, error)
	// NewClientSession is NewSession for a network connection: CLIENT LIST shows conn's
	// addresses and CLIENT KILL matches them.
	NewClientSession(conn ConnInfo) (Session, error)
	// ExecGroup runs the batch each job's session holds, in job order, in ONE write
	// transaction, and fills in every job's Result. Replies leave only after COMMIT: if
	// the transaction cannot commit, every reply of every job is an error reply, so no
	// client is ever told OK for a write that is not in the file. Each command stays
	// atomic and a failing command does not undo its neighbours. Calls are serialized
	// (the executor makes them one at a time anyway).
	ExecGroup(jobs []*Job)
	// SweepExpired deletes up to maxKeys expired keys (the active half of expiry) on the
	// writer, and says how many it deleted. The server runs it through the executor,
	// between groups.
	SweepExpired(maxKeys int) (int, error)
	// TakeReadyKeys returns the keys the last group made ready for blocked clients (a
	// list or sorted set appeared under their name) and forgets them. The executor calls
	// it after a group, before the next one, when some client is blocked.
	TakeReadyKeys() []ReadyKey
	// Checkpoint copies committed WAL frames into the database file (SQLite's PASSIVE
	// checkpoint) from a connection of its own, in parallel with everything, so no client
	// waits for it; the writer never checkpoints on its own (SQLite's automatic checkpoint
	// is off). It returns the frames in the WAL, or -1 when only the writer can
	// checkpoint (exclusive locking). The server calls it a few times a second.
	Checkpoint() (walFrames int, err error)
	// CheckpointOnWriter is a PASSIVE checkpoint on the writer; the server runs it
	// through the executor, between groups, when the WAL has grown. It copies what the
	// background checkpoints left (all of it with exclusive locking). SQLite starts the
	// WAL over only when a write transaction finds it fully copied, which never happens
	// while groups keep committing during background checkpoints: without this the WAL
	// grows without bound.
	CheckpointOnWriter() error
	// SetPubSubCounts tells the engine how many channels have a subscriber and how many
	// distinct patterns are subscribed, server-wide (INFO's pubsub_channels and
	// pubsub_patterns): the server's registry calls it when either changes.
	SetPubSubCounts(channels, patterns int)
	// RejectedConnection counts a connection the server refused because maxclients was
	// reached (INFO's rejected_connections, which CONFIG RESETSTAT resets).
	RejectedConnection()
	// ConfigGet and ConfigSet are CONFIG GET/SET of one parameter, for the settings the
	// server enforces itself (maxclients, timeout, protected-mode, requirepass): the
	// engine's CONFIG table is their one home, so CONFIG SET from a client reaches the
	// server too. ConfigSet's error carries Redis's text.
	ConfigGet(name string) (string, bool)
	ConfigSet(name, value string) error
	// Close finishes in-flight work and closes the database.
	Close() error
}

// Session is one client connection's view of the engine. A Session is used by one
// goroutine at a time.
type Session interface {
	// Exec parses every complete command at the start of input (a pipelined batch, up to
	// the engine's bound) and, unless the batch writes, runs it and returns the replies.
	// With ActionNeedsWriter nothing ran, and input must stay unchanged until the group
	// ran the batch. Input is never kept after that.
	Exec(input []byte) (Result, error)
	// ID is the client id (CLIENT ID), which CLIENT KILL names in Result.Killed.
	ID() int64
	// SetSubscriptions tells the session how many channels and patterns it is
	// subscribed to (the server's registry counts them, and calls it when they change):
	// CLIENT LIST's sub= and psub= and flag P; above 0 in all a RESP2 client is in
	// subscribe mode, where only (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET run.
	SetSubscriptions(channels, patterns int)
	// Close releases the session.
	Close()
}

// Options configure an engine. Fields the engine does not use are ignored.
type Options struct {
	Path     string // SQLite file, or ":memory:"
	Bind     string // reported by INFO/CONFIG
	Port     int    // reported by INFO/CONFIG
	Crossing string // "batch" or "command" (Rust engine), reported by INFO
	// Locking is "normal" (default: shared locks, the sqlite3 CLI can read the file while
	// the server runs) or "exclusive" (the writer locks the file for itself: no reader
	// connections, no CLI, a little less work per transaction).
	Locking string
	// Readers is how many reader connections run read-only batches in parallel
	// (DefaultReaders when 0). ":memory:" and exclusive locking have none.
	Readers int
	// AppendFsync is Redis's appendfsync, mapped onto SQLite's synchronous pragma (on the
	// writer for commits, on the checkpointer for checkpoints): "always" (FULL: every
	// COMMIT fsyncs before its replies leave), "everysec" (NORMAL, the default: the
	// checkpoints, every 200 ms, fsync) or "no" (OFF: never). A killed process loses no
	// acknowledged write in any mode; they differ on power loss. "" means everysec.
	AppendFsync string
	// RequirePass is the password clients must AUTH with (empty: none), as redis-server's
	// --requirepass; CONFIG SET requirepass changes it at run time.
	RequirePass string
}

// AppendFsyncModes are the values of Options.AppendFsync, as CONFIG SET appendfsync takes
// them, with the synchronous pragma each one sets.
var AppendFsyncModes = map[string]string{
	"always":   "PRAGMA synchronous = FULL",
	"everysec": "PRAGMA synchronous = NORMAL",
	"no":       "PRAGMA synchronous = OFF",
}

// DefaultReaders is the reader pool's size: a little more than the cores a small server
// has, so a reader that waits on the disk does not idle a core.
const DefaultReaders = 4

// ReaderCount is opts.Readers as the engines apply it: none for ":memory:" (each
// connection would be a separate database) or exclusive locking (no other connection can
// open the file).
func ReaderCount(opts Options) int {
	if opts.Path == ":memory:" || opts.Locking == "exclusive" {
		return 0
	}
	if opts.Readers <= 0 {
		return DefaultReaders
	}
	return opts.Readers
}

// Run executes all of input's complete commands on s as the server would, without an
// executor: read batches directly, write batches as a group of one. It gathers the
// replies of every batch. For tests and tools; the server uses the executor.
func Run(e Engine, s Session, input []byte) (Result, error) {
	var total Result
	var replies []byte
	for {
		r, err := s.Exec(input[total.Consumed:])
		if err == nil && r.Action == ActionNeedsWriter {
			job := &Job{Session: s}
			e.ExecGroup([]*Job{job})
			r, err = job.Result, job.Err
		}
		if err != nil {
			return total, err
		}
		for _, c := range r.PubSub {
			c.Offset += len(replies)
			total.PubSub = append(total.PubSub, c)
		}
		replies = append(replies, r.Replies...)
		total.Consumed += r.Consumed
		total.Commands += r.Commands
		total.Action = r.Action
		total.Block = r.Block
		if r.Action != ActionMore || total.Consumed >= len(input) {
			if total.Action == ActionMore {
				total.Action = ActionNone
			}
			total.Replies = replies
			return total, nil
		}
	}
}
