package rustengine

// This file is the only one in the Go tree that imports "C". Each C call sits in one small
// function that converts types and status codes; the rest of the package speaks Go.

/*
#cgo CFLAGS: -I${SRCDIR}/../../../include
#cgo LDFLAGS: -L${SRCDIR}/../../../target/release -lsqlettuce_core -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#cgo noescape sqlettuce_exec
#cgo nocallback sqlettuce_exec
#cgo noescape sqlettuce_engine_open
#cgo nocallback sqlettuce_engine_open
#include "sqlettuce.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"unsafe"

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

// openEngine opens the SQLite file and returns Rust's engine handle.
func openEngine(path, bind string, port int, crossing uint32) (cEngine, error) {
	// The options struct carries pointers to Go memory, which cgo only allows when pinned.
	var pinner runtime.Pinner
	defer pinner.Unpin()
	pinPath, pinBind := []byte(path), []byte(bind)
	opts := C.SqlettuceOptions{
		path_len: C.size_t(len(pinPath)),
		bind_len: C.size_t(len(pinBind)),
		port:     C.uint32_t(port),
		crossing: C.uint32_t(crossing),
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
			return nil, fmt.Errorf("open %s: %s", path, errBuf[:n])
		}
		return nil, status(rc, "open "+path)
	}
	return handle, nil
}

func freeEngine(e cEngine) { C.sqlettuce_engine_free(e) }

func newSession(e cEngine) (cSession, error) {
	var s cSession
	if err := status(C.sqlettuce_session_new(e, &s), "new session"); err != nil {
		return nil, err
	}
	return s, nil
}

func freeSession(s cSession) { C.sqlettuce_session_free(s) }

// execResult mirrors SqlettuceExecResult. replies points into Rust memory owned by the
// session and is valid until the next call on that session.
type execResult struct {
	replies  []byte
	consumed int
	commands int
	action   uint32
}

const (
	actionNone  = uint32(C.SQLETTUCE_ACTION_NONE)
	actionClose = uint32(C.SQLETTUCE_ACTION_CLOSE)
	actionMore  = uint32(C.SQLETTUCE_ACTION_MORE)
)

// exec is the crossing: one cgo call that runs up to maxCommands complete commands from
// input. input is Go memory, read only during the call (cgo pointer rules).
func exec(s cSession, input []byte, maxCommands uint32) (execResult, error) {
	var res C.SqlettuceExecResult
	var in *C.uint8_t
	if len(input) > 0 {
		in = (*C.uint8_t)(unsafe.Pointer(&input[0]))
	}
	rc := C.sqlettuce_exec(s, in, C.size_t(len(input)), C.uint32_t(maxCommands), &res)
	if err := status(rc, "exec"); err != nil {
		return execResult{}, err
	}
	out := execResult{
		consumed: int(res.consumed),
		commands: int(res.commands),
		action:   uint32(res.action),
	}
	if res.replies_len > 0 {
		out.replies = unsafe.Slice((*byte)(unsafe.Pointer(res.replies)), int(res.replies_len))
	}
	return out, nil
}

func sweepExpired(e cEngine, maxKeys int) (int, error) {
	var deleted C.uint32_t
	err := status(C.sqlettuce_sweep_expired(e, C.uint32_t(maxKeys), &deleted), "sweep expired keys")
	return int(deleted), err
}

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
