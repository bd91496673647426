package rustengine

// This file is the only one in the Go tree that imports "C". Each C call sits in one small
// function that converts types and status codes; the rest of the package speaks Go.
// include/sqlettuce.h (generated from rust/src/ffi.rs) documents every call.

/*
#cgo CFLAGS: -I${SRCDIR}/../../../include
#cgo LDFLAGS: -L${SRCDIR}/../../../target/release -lsqlettuce_core -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#cgo noescape sqlettuce_engine_open
#cgo nocallback sqlettuce_engine_open
#cgo noescape sqlettuce_exec
#cgo nocallback sqlettuce_exec
#cgo noescape sqlettuce_exec_group
#cgo nocallback sqlettuce_exec_group
#cgo noescape sqlettuce_begin
#cgo nocallback sqlettuce_begin
#cgo nocallback sqlettuce_exec_next
#cgo noescape sqlettuce_end
#cgo nocallback sqlettuce_end
#cgo nocallback sqlettuce_group_begin
#cgo noescape sqlettuce_group_commit
#cgo nocallback sqlettuce_group_commit
#cgo nocallback sqlettuce_noop
#include <stdlib.h>
#include "sqlettuce.h"
*/
import "C"

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"time"
	"unsafe"

	"sqlettuce/go/internal/engine"

	// One SQLite in the binary: the Rust staticlib is built without a SQLite of its own, and
	// its sqlite3_* calls bind to the amalgamation go-sqlite3 compiles. This import keeps
	// every binary and test that links the Rust engine linked with that one copy.
	_ "github.com/mattn/go-sqlite3"
)

// errPanic is what a call returns when Rust caught a panic: the engine stays usable, the
// client whose batch panicked gets an error and is closed.
var errPanic = errors.New("internal error: the Rust engine panicked")

// status turns a Rust status code into a Go error.
func status(rc C.int, what string) error {
	switch rc {
	case C.SQLETTUCE_OK:
		return nil
	case C.SQLETTUCE_PANIC:
		return fmt.Errorf("%s: %w", what, errPanic)
	default:
		return fmt.Errorf("%s failed (status %d)", what, int(rc))
	}
}

// cEngine and cSession are the opaque handles Rust hands out.
type (
	cEngine  = *C.SqlettuceEngine
	cSession = *C.SqlettuceSession
)

// Values of the locking option.
const (
	lockingNormal    = uint32(C.SQLETTUCE_LOCKING_NORMAL)
	lockingExclusive = uint32(C.SQLETTUCE_LOCKING_EXCLUSIVE)
)

// Values of the fsync option (appendfsync).
var fsyncModes = map[string]uint32{
	"everysec": uint32(C.SQLETTUCE_FSYNC_EVERYSEC),
	"always":   uint32(C.SQLETTUCE_FSYNC_ALWAYS),
	"no":       uint32(C.SQLETTUCE_FSYNC_NO),
}

// openEngine opens the SQLite file and returns Rust's engine handle.
func openEngine(path, bind string, port int, crossing, locking, fsync uint32, readers int, requirepass string) (cEngine, error) {
	// The options struct carries pointers to Go memory, which cgo only allows when pinned.
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinPath, pinBind, pinPass := []byte(path), []byte(bind), []byte(requirepass)
	opts := C.SqlettuceOptions{
		path_len: C.size_t(len(pinPath)),
		bind_len: C.size_t(len(pinBind)),
		port:     C.uint32_t(port),
		crossing: C.uint32_t(crossing),
		locking:  C.uint32_t(locking),
		readers:  C.uint32_t(readers),
		fsync:    C.uint32_t(fsync),

		requirepass_len: C.size_t(len(pinPass)),
	}
	if len(pinPass) > 0 {
		pinner.Pin(&pinPass[0])
		opts.requirepass = (*C.uint8_t)(unsafe.Pointer(&pinPass[0]))
	}
	if len(pinPath) > 0 {
		pinner.Pin(&pinPath[0])
		opts.path = (*C.uint8_t)(unsafe.Pointer(&pinPath[0]))
	}
	if len(pinBind) > 0 {
		pinner.Pin(&pinBind[0])
		opts.bind = (*C.uint8_t)(unsafe.Pointer(&pinBind[0]))
	}
	var handle cEngine
	var errBuf [1024]byte
	var errLen C.size_t
	rc := C.sqlettuce_engine_open(&opts, &handle,
		(*C.uint8_t)(unsafe.Pointer(&errBuf[0])), C.size_t(len(errBuf)), &errLen)
	if rc != C.SQLETTUCE_OK {
		n := min(int(errLen), len(errBuf))
		if n > 0 {
			return nil, fmt.Errorf("%s", errBuf[:n]) // Rust's message names the file already
		}
		return nil, status(rc, "open "+path)
	}
	return handle, nil
}

func freeEngine(e cEngine) { C.sqlettuce_engine_free(e) }

// engineReaders is how many read batches the engine can run at once (0: none, every
// batch goes through the writer).
func engineReaders(e cEngine) (int, error) {
	var n C.uint32_t
	err := status(C.sqlettuce_engine_readers(e, &n), "engine readers")
	return int(n), err
}

// newSession starts a Rust session for a connection from addr to laddr (empty for none)
// and returns it with its client id.
func newSession(e cEngine, addr, laddr string, fd int) (cSession, int64, error) {
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinAddr, pinLAddr := []byte(addr), []byte(laddr)
	conn := C.SqlettuceConnInfo{addr_len: C.size_t(len(pinAddr)),
		laddr_len: C.size_t(len(pinLAddr)), fd: C.int64_t(fd)}
	if len(pinAddr) > 0 {
		pinner.Pin(&pinAddr[0])
		conn.addr = (*C.uint8_t)(unsafe.Pointer(&pinAddr[0]))
	}
	if len(pinLAddr) > 0 {
		pinner.Pin(&pinLAddr[0])
		conn.laddr = (*C.uint8_t)(unsafe.Pointer(&pinLAddr[0]))
	}
	var s cSession
	var id C.uint64_t
	if err := status(C.sqlettuce_session_new(e, &conn, &s, &id), "new session"); err != nil {
		return nil, 0, err
	}
	return s, int64(id), nil
}

func freeSession(s cSession) { C.sqlettuce_session_free(s) }

// execResult mirrors SqlettuceExecResult. replies points into Rust memory owned by the
// session and is valid until the next call on that session.
type execResult struct {
	replies  []byte
	consumed int
	commands int
	action   uint32
	killed   []int64             // client ids CLIENT KILL chose (copied out of Rust memory)
	proto    int                 // the session's RESP version after the batch
	pubsub   []engine.PubSubCall // pub/sub commands EXEC ran (copied out of Rust memory)
	config   bool                // CONFIG SET ran
}

const (
	actionNone        = uint32(C.SQLETTUCE_ACTION_NONE)
	actionClose       = uint32(C.SQLETTUCE_ACTION_CLOSE)
	actionMore        = uint32(C.SQLETTUCE_ACTION_MORE)
	actionNeedsWriter = uint32(C.SQLETTUCE_ACTION_NEEDS_WRITER)
	actionBlock       = uint32(C.SQLETTUCE_ACTION_BLOCK)
	actionPubSub      = uint32(C.SQLETTUCE_ACTION_PUBSUB)
)

func goResult(r *C.SqlettuceExecResult) execResult {
	out := execResult{
		consumed: int(r.consumed),
		commands: int(r.commands),
		action:   uint32(r.action),
		proto:    int(r.resp_version),
		config:   r.config_changed != 0,
	}
	if r.replies_len > 0 {
		out.replies = unsafe.Slice((*byte)(unsafe.Pointer(r.replies)), int(r.replies_len))
	}
	if r.killed_len > 0 {
		for _, id := range unsafe.Slice((*uint64)(unsafe.Pointer(r.killed)), int(r.killed_len)) {
			out.killed = append(out.killed, int64(id))
		}
	}
	if r.calls_len > 0 {
		out.pubsub = decodeCalls(C.GoBytes(unsafe.Pointer(r.calls), C.int(r.calls_len)))
	}
	return out
}

// decodeCalls reads SqlettuceExecResult.calls (copied into Go memory): per call an
// 8-byte offset, a 1-byte RESP version, a 4-byte argument count, then each argument as
// a 4-byte length and its bytes, little-endian.
func decodeCalls(b []byte) []engine.PubSubCall {
	var out []engine.PubSubCall
	for len(b) >= 13 {
		c := engine.PubSubCall{Offset: int(binary.LittleEndian.Uint64(b)), Proto: int(b[8])}
		argc := int(binary.LittleEndian.Uint32(b[9:]))
		b = b[13:]
		for i := 0; i < argc && len(b) >= 4; i++ {
			n := int(binary.LittleEndian.Uint32(b))
			c.Argv = append(c.Argv, b[4:4+n:4+n])
			b = b[4+n:]
		}
		out = append(out, c)
	}
	return out
}

// inputPtr is input's first byte for C (nil when empty). input is Go memory without
// Go pointers in it, read only during the call (cgo pointer rules).
func inputPtr(input []byte) *C.uint8_t {
	if len(input) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&input[0]))
}

// exec is the batch crossing for a client's batch: parse it, and run it on a reader
// unless it writes (then actionNeedsWriter: nothing ran).
func exec(s cSession, input []byte) (execResult, error) {
	var res C.SqlettuceExecResult
	rc := C.sqlettuce_exec(s, inputPtr(input), C.size_t(len(input)), &res)
	if err := status(rc, "exec"); err != nil {
		return execResult{}, err
	}
	return goResult(&res), nil
}

// jobs is the executor's reusable array of C job structs. It lives in C memory: passed
// to C as Go memory, cgo's pointer check would scan the whole array on every call.
type jobs struct {
	ptr *C.SqlettuceJob
	n   int // jobs in use
	cap int
}

// set makes the array hold one job per session, in order.
func (j *jobs) set(sessions []cSession) {
	if j.cap < len(sessions) {
		j.free()
		j.cap = max(len(sessions), 256)
		j.ptr = (*C.SqlettuceJob)(C.calloc(C.size_t(j.cap), C.size_t(unsafe.Sizeof(C.SqlettuceJob{}))))
		if j.ptr == nil {
			panic("out of memory for the group's job array")
		}
	}
	j.n = len(sessions)
	js := j.slice()
	for i, s := range sessions {
		js[i] = C.SqlettuceJob{session: s}
	}
}

func (j *jobs) slice() []C.SqlettuceJob {
	if j.ptr == nil {
		return nil
	}
	return unsafe.Slice(j.ptr, j.n)
}

// result is the i-th job's result.
func (j *jobs) result(i int) execResult { return goResult(&j.slice()[i].result) }

// free releases the array (the engine is closing).
func (j *jobs) free() {
	if j.ptr != nil {
		C.free(unsafe.Pointer(j.ptr))
		j.ptr, j.n, j.cap = nil, 0, 0
	}
}

// execGroup is the batch crossing for a group: every job's batch in one transaction.
func execGroup(e cEngine, j *jobs) error {
	return status(C.sqlettuce_exec_group(e, j.ptr, C.size_t(j.n)), "exec group")
}

// begin is the per-command mode's first crossing for a client's batch: parse it; unless
// it writes, open its read transaction. commands says how many execNext calls follow.
func begin(s cSession, input []byte) (execResult, error) {
	var res C.SqlettuceExecResult
	rc := C.sqlettuce_begin(s, inputPtr(input), C.size_t(len(input)), &res)
	if err := status(rc, "begin"); err != nil {
		return execResult{}, err
	}
	return goResult(&res), nil
}

// execNext runs the next command of the session's batch: one crossing per command.
func execNext(s cSession) error {
	return status(C.sqlettuce_exec_next(s), "exec next")
}

// end closes a read batch of the per-command mode and returns its replies.
func end(s cSession) (execResult, error) {
	var res C.SqlettuceExecResult
	if err := status(C.sqlettuce_end(s, &res), "end"); err != nil {
		return execResult{}, err
	}
	return goResult(&res), nil
}

// groupBegin opens a group's write transaction (per-command mode).
func groupBegin(e cEngine) error {
	return status(C.sqlettuce_group_begin(e), "group begin")
}

// groupCommit commits the group and fills every job's result (per-command mode).
func groupCommit(e cEngine, j *jobs) error {
	return status(C.sqlettuce_group_commit(e, j.ptr, C.size_t(j.n)), "group commit")
}

func sweepExpired(e cEngine, maxKeys int) (int, error) {
	var deleted C.uint32_t
	err := status(C.sqlettuce_sweep_expired(e, C.uint32_t(maxKeys), &deleted), "sweep expired keys")
	return int(deleted), err
}

// checkpoint runs a PASSIVE checkpoint on the engine's checkpointer connection or, with
// onWriter, on the writer (only between groups).
func checkpoint(e cEngine, onWriter bool) (walFrames, checkpointed int64, err error) {
	var log, done C.int64_t
	w := C.uint32_t(0)
	if onWriter {
		w = 1
	}
	err = status(C.sqlettuce_checkpoint(e, w, &log, &done), "checkpoint")
	return int64(log), int64(done), err
}

// Stats are the engine's counters since it opened (INFO's # Sqlettuce section).
type Stats struct {
	Crossings    uint64 // calls into the Rust library carrying an engine or session handle
	Commands     uint64 // commands run
	Transactions uint64 // SQLite transactions opened for commands
	Statements   uint64 // SQL statements run for commands, BEGIN and COMMIT included
}

func stats(e cEngine) (Stats, error) {
	var s C.SqlettuceStats
	if err := status(C.sqlettuce_stats(e, &s), "stats"); err != nil {
		return Stats{}, err
	}
	return Stats{Crossings: uint64(s.crossings), Commands: uint64(s.commands),
		Transactions: uint64(s.transactions), Statements: uint64(s.statements)}, nil
}

// blocked says what the session's blocking command waits for (after actionBlock),
// copied into Go memory.
func blocked(s cSession) (engine.Block, error) {
	var b C.SqlettuceBlocked
	if err := status(C.sqlettuce_blocked(s, &b), "blocked"); err != nil {
		return engine.Block{}, err
	}
	out := engine.Block{DB: int64(b.db), Timeout: time.Duration(b.timeout_ms) * time.Millisecond,
		CommandLen: int(b.command_len)}
	out.TimeoutReply = C.GoBytes(unsafe.Pointer(b.timeout_reply), C.int(b.timeout_reply_len))
	keys := C.GoBytes(unsafe.Pointer(b.keys), C.int(b.keys_len))
	for len(keys) >= 4 {
		n := int(binary.LittleEndian.Uint32(keys))
		out.Keys = append(out.Keys, keys[4:4+n:4+n])
		keys = keys[4+n:]
	}
	return out, nil
}

// setSubscriptions tells the session how many channels and patterns it is subscribed to.
func setSubscriptions(s cSession, channels, patterns int) error {
	return status(C.sqlettuce_set_subscriptions(s, C.uint32_t(channels), C.uint32_t(patterns)),
		"set subscriptions")
}

// setPubSubCounts tells the engine the server-wide channel and pattern counts (INFO).
func setPubSubCounts(e cEngine, channels, patterns int) error {
	return status(C.sqlettuce_set_pubsub_counts(e, C.uint64_t(channels), C.uint64_t(patterns)),
		"set pub/sub counts")
}

// rejectedConnection counts a connection refused at maxclients (INFO).
func rejectedConnection(e cEngine) error {
	return status(C.sqlettuce_rejected_connection(e), "count a rejected connection")
}

// configGet is CONFIG GET of one parameter; false for an unknown one.
func configGet(e cEngine, name string) (string, bool) {
	nameBytes := []byte(name)
	var buf [256]byte
	var n C.size_t
	rc := C.sqlettuce_config_get(e, inputPtr(nameBytes), C.size_t(len(nameBytes)),
		(*C.uint8_t)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &n)
	if rc != C.SQLETTUCE_OK {
		return "", false
	}
	if int(n) > len(buf) { // longer than any setting the server reads: fetch it whole
		big := make([]byte, int(n))
		rc = C.sqlettuce_config_get(e, inputPtr(nameBytes), C.size_t(len(nameBytes)),
			(*C.uint8_t)(unsafe.Pointer(&big[0])), C.size_t(len(big)), &n)
		if rc != C.SQLETTUCE_OK {
			return "", false
		}
		return string(big[:min(int(n), len(big))]), true
	}
	return string(buf[:n]), true
}

// configSet is CONFIG SET of one parameter; the error carries Redis's text.
func configSet(e cEngine, name, value string) error {
	nameBytes, valueBytes := []byte(name), []byte(value)
	var errBuf [512]byte
	var errLen C.size_t
	rc := C.sqlettuce_config_set(e, inputPtr(nameBytes), C.size_t(len(nameBytes)),
		inputPtr(valueBytes), C.size_t(len(valueBytes)),
		(*C.uint8_t)(unsafe.Pointer(&errBuf[0])), C.size_t(len(errBuf)), &errLen)
	if rc != C.SQLETTUCE_OK {
		if errLen > 0 {
			return fmt.Errorf("%s", errBuf[:min(int(errLen), len(errBuf))])
		}
		return status(rc, "config set")
	}
	return nil
}

// takeReady returns (and empties) the keys the last group made ready.
func takeReady(e cEngine) ([]engine.ReadyKey, error) {
	var ptr *C.uint8_t
	var n C.size_t
	if err := status(C.sqlettuce_take_ready(e, &ptr, &n), "take ready keys"); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	buf := unsafe.Slice((*byte)(unsafe.Pointer(ptr)), int(n))
	var out []engine.ReadyKey
	for len(buf) >= 12 {
		db := int64(binary.LittleEndian.Uint64(buf))
		l := int(binary.LittleEndian.Uint32(buf[8:]))
		out = append(out, engine.ReadyKey{DB: db, Key: string(buf[12 : 12+l])})
		buf = buf[12+l:]
	}
	return out, nil
}

// noop is the empty crossing: the fixed cost of one call into Rust.
func noop(e cEngine) error { return status(C.sqlettuce_noop(e), "noop") }

// installVFS makes sqlettuce's WAL-gathering VFS (rust/src/vfs.rs) SQLite's default for
// the process.
func installVFS() error { return status(C.sqlettuce_install_vfs(), "install the VFS") }

// sqliteVersion is sqlite3_libversion() as the Rust side sees it: the one-SQLite test
// compares it with go-sqlite3's.
func sqliteVersion() (string, error) {
	var buf [64]byte
	var n C.size_t
	if err := status(C.sqlettuce_sqlite_version((*C.uint8_t)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)), &n), "sqlite version"); err != nil {
		return "", err
	}
	return string(buf[:min(int(n), len(buf))]), nil
}
