// Package engine is the seam between the network (package server) and the two ways of
// executing commands: the Rust engine behind cgo (package rustengine) and the pure-Go
// engine (package goengine). The server only moves bytes: it reads what a client sent,
// hands the bytes to the client's Session, and writes back the replies.
package engine

// Action tells the server what to do after writing a batch's replies.
type Action int

const (
	// ActionNone: keep reading. Input not consumed is an incomplete command; keep it
	// and call Exec again with more bytes appended.
	ActionNone Action = iota
	// ActionClose: write the replies, then close the connection (QUIT, protocol error).
	ActionClose
)

// Result is what one Exec call produced.
type Result struct {
	// Replies holds the RESP replies of every command run, in order. It is owned by the
	// Session and valid until the next call on that Session.
	Replies []byte
	// Consumed is how many input bytes the commands took. The rest is an incomplete
	// command (or, with ActionClose, garbage to drop).
	Consumed int
	// Commands is how many commands ran.
	Commands int
	Action   Action
}

// Engine owns the SQLite database. It is safe for concurrent use by many sessions.
type Engine interface {
	// NewSession starts the state of one client connection (selected database, name...).
	NewSession() (Session, error)
	// SweepExpired deletes up to maxKeys expired keys (the active half of expiry) and
	// says how many it deleted.
	SweepExpired(maxKeys int) (int, error)
	// Close finishes in-flight work and closes the database.
	Close() error
}

// Session is one client connection's view of the engine. A Session is used by one
// goroutine at a time.
type Session interface {
	// Exec runs every complete command at the start of input (a pipelined batch) and
	// returns their replies. Input is only read during the call, never kept.
	Exec(input []byte) (Result, error)
	// Close releases the session.
	Close()
}

// Options configure an engine. Fields the engine does not use are ignored.
type Options struct {
	Path     string // SQLite file, or ":memory:"
	Bind     string // reported by INFO/CONFIG
	Port     int    // reported by INFO/CONFIG
	Crossing string // "batch" or "command" (Rust engine), reported by INFO
}
