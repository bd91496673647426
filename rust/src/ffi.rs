//! The C surface Go calls through cgo (include/sqlettuce.h is generated from this file by
//! cbindgen). Thin on purpose: convert pointers to slices, call safe Rust, and catch every
//! panic so nothing unwinds into Go. Go memory is only read during a call; memory handed
//! out (the replies) belongs to the session and is freed only by Rust.

use std::ffi::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use crate::engine::{Engine, Options, Session};

/// Success.
pub const SQLETTUCE_OK: c_int = 0;
/// Failure; for sqlettuce_engine_open the message is in err_buf.
pub const SQLETTUCE_ERROR: c_int = 1;
/// A Rust panic was caught. The engine stays usable; Go replies an error and closes the client.
pub const SQLETTUCE_PANIC: c_int = 2;

/// Keep reading: input not consumed is an incomplete command.
pub const SQLETTUCE_ACTION_NONE: u32 = 0;
/// Write the replies, then close the connection (QUIT, protocol error).
pub const SQLETTUCE_ACTION_CLOSE: u32 = 1;
/// Stopped at a bound with complete input left: call again with input[consumed..].
pub const SQLETTUCE_ACTION_MORE: u32 = 2;

/// An open database, shared by every session.
pub struct SqlettuceEngine {
    engine: Arc<Engine>,
}

/// One client connection. Holds an Arc of the engine, so free order does not matter.
pub struct SqlettuceSession {
    // A Mutex so that even a misuse (two threads on one session) stays memory-safe.
    session: Mutex<Session>,
}

/// How to open the engine. Strings are pointer + length, not NUL-terminated.
#[repr(C)]
pub struct SqlettuceOptions {
    /// SQLite file path, or ":memory:".
    pub path: *const u8,
    pub path_len: usize,
    /// Reported by CONFIG GET bind.
    pub bind: *const u8,
    pub bind_len: usize,
    /// Reported by INFO and CONFIG GET port.
    pub port: u32,
    /// 0 batch, 1 command; only reported by INFO.
    pub crossing: u32,
}

/// What one sqlettuce_exec call produced.
#[repr(C)]
pub struct SqlettuceExecResult {
    /// The replies, in the session's buffer: valid until the next call on that session.
    pub replies: *const u8,
    pub replies_len: usize,
    /// Input bytes used by the commands run (the rest is an incomplete command).
    pub consumed: usize,
    /// Commands run.
    pub commands: u32,
    /// SQLETTUCE_ACTION_*.
    pub action: u32,
}

fn guard<F: FnOnce() -> c_int>(f: F) -> c_int {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(SQLETTUCE_PANIC)
}

/// A slice from C, tolerating (null, 0).
unsafe fn slice<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(ptr, len)
    }
}

/// Opens (creating if needed) the database and applies the schema. On failure returns
/// SQLETTUCE_ERROR and writes up to err_cap bytes of message to err_buf (*err_len = bytes
/// written).
///
/// # Safety
/// `opts` must point to a valid SqlettuceOptions whose strings are readable for their
/// lengths; `engine_out` must be writable; err_buf must be writable for err_cap bytes (or
/// null with err_cap 0) and err_len writable or null.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_engine_open(
    opts: *const SqlettuceOptions,
    engine_out: *mut *mut SqlettuceEngine,
    err_buf: *mut u8,
    err_cap: usize,
    err_len: *mut usize,
) -> c_int {
    let report = |msg: &str| {
        let n = msg.len().min(err_cap);
        if !err_buf.is_null() && n > 0 {
            std::ptr::copy_nonoverlapping(msg.as_ptr(), err_buf, n);
        }
        if !err_len.is_null() {
            *err_len = n;
        }
    };
    let rc = guard(|| {
        if opts.is_null() || engine_out.is_null() {
            report("null argument");
            return SQLETTUCE_ERROR;
        }
        let o = &*opts;
        let options = Options {
            path: String::from_utf8_lossy(slice(o.path, o.path_len)).into_owned(),
            bind: String::from_utf8_lossy(slice(o.bind, o.bind_len)).into_owned(),
            port: o.port,
            crossing: if o.crossing == 1 { "command" } else { "batch" }.to_owned(),
        };
        match Engine::open(&options) {
            Ok(engine) => {
                *engine_out = Box::into_raw(Box::new(SqlettuceEngine { engine }));
                if !err_len.is_null() {
                    *err_len = 0;
                }
                SQLETTUCE_OK
            }
            Err(msg) => {
                report(&msg);
                SQLETTUCE_ERROR
            }
        }
    });
    if rc == SQLETTUCE_PANIC {
        report("panic while opening the engine");
    }
    rc
}

/// Releases the engine handle. Sessions still open keep the database alive until freed.
///
/// # Safety
/// `engine` must come from sqlettuce_engine_open and not be used after this call.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_engine_free(engine: *mut SqlettuceEngine) {
    let _ = guard(|| {
        if !engine.is_null() {
            drop(Box::from_raw(engine));
        }
        SQLETTUCE_OK
    });
}

/// Starts a client session (client ids count 1, 2, 3... per engine).
///
/// # Safety
/// `engine` must be a live engine handle and `session_out` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_session_new(
    engine: *mut SqlettuceEngine,
    session_out: *mut *mut SqlettuceSession,
) -> c_int {
    guard(|| {
        if engine.is_null() || session_out.is_null() {
            return SQLETTUCE_ERROR;
        }
        let session = Session::new(Arc::clone(&(*engine).engine));
        *session_out = Box::into_raw(Box::new(SqlettuceSession {
            session: Mutex::new(session),
        }));
        SQLETTUCE_OK
    })
}

/// Ends a session.
///
/// # Safety
/// `session` must come from sqlettuce_session_new and not be used after this call.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_session_free(session: *mut SqlettuceSession) {
    let _ = guard(|| {
        if !session.is_null() {
            drop(Box::from_raw(session));
        }
        SQLETTUCE_OK
    });
}

/// Runs every complete command at the start of input (at most max_commands; 0 means the
/// engine's bound) in one transaction and returns their replies.
///
/// # Safety
/// `session` must be live; `input` readable for input_len bytes (it is only read during
/// the call); `result` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_exec(
    session: *mut SqlettuceSession,
    input: *const u8,
    input_len: usize,
    max_commands: u32,
    result: *mut SqlettuceExecResult,
) -> c_int {
    guard(|| {
        if session.is_null() || result.is_null() {
            return SQLETTUCE_ERROR;
        }
        let mut s = (*session).session.lock().unwrap_or_else(|p| p.into_inner());
        let outcome = s.exec(slice(input, input_len), max_commands);
        let replies = s.replies();
        *result = SqlettuceExecResult {
            replies: replies.as_ptr(),
            replies_len: replies.len(),
            consumed: outcome.consumed,
            commands: outcome.commands,
            action: outcome.action as u32,
        };
        SQLETTUCE_OK
    })
}

/// Deletes up to max_keys expired keys; *deleted says how many.
///
/// # Safety
/// `engine` must be live and `deleted` writable or null.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_sweep_expired(
    engine: *mut SqlettuceEngine,
    max_keys: u32,
    deleted: *mut u32,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        match (*engine).engine.sweep_expired(max_keys) {
            Ok(n) => {
                if !deleted.is_null() {
                    *deleted = n as u32;
                }
                SQLETTUCE_OK
            }
            Err(_) => SQLETTUCE_ERROR,
        }
    })
}

/// sqlite3_libversion() as Rust's SQLite sees it, for the one-SQLite test (Go compares it
/// with go-sqlite3's). Writes up to cap bytes; *len is the full length.
///
/// # Safety
/// `buf` must be writable for cap bytes (or null with cap 0); `len` writable or null.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_sqlite_version(
    buf: *mut u8,
    cap: usize,
    len: *mut usize,
) -> c_int {
    guard(|| {
        let v = rusqlite::version();
        let n = v.len().min(cap);
        if !buf.is_null() && n > 0 {
            std::ptr::copy_nonoverlapping(v.as_ptr(), buf, n);
        }
        if !len.is_null() {
            *len = v.len();
        }
        SQLETTUCE_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_through_the_c_surface() {
        unsafe {
            let path = b":memory:";
            let opts = SqlettuceOptions {
                path: path.as_ptr(),
                path_len: path.len(),
                bind: std::ptr::null(),
                bind_len: 0,
                port: 7000,
                crossing: 0,
            };
            let mut engine = std::ptr::null_mut();
            let mut err = [0u8; 256];
            let mut err_len = 0;
            assert_eq!(
                sqlettuce_engine_open(
                    &opts,
                    &mut engine,
                    err.as_mut_ptr(),
                    err.len(),
                    &mut err_len
                ),
                SQLETTUCE_OK
            );
            let mut session = std::ptr::null_mut();
            assert_eq!(sqlettuce_session_new(engine, &mut session), SQLETTUCE_OK);
            // Free order does not matter: the session keeps the engine alive.
            sqlettuce_engine_free(engine);
            let input = b"SET k v\r\nGET k\r\nQUIT\r\n";
            let mut r = SqlettuceExecResult {
                replies: std::ptr::null(),
                replies_len: 0,
                consumed: 0,
                commands: 0,
                action: 0,
            };
            assert_eq!(
                sqlettuce_exec(session, input.as_ptr(), input.len(), 0, &mut r),
                SQLETTUCE_OK
            );
            assert_eq!(
                std::slice::from_raw_parts(r.replies, r.replies_len),
                b"+OK\r\n$1\r\nv\r\n+OK\r\n"
            );
            assert_eq!(
                (r.consumed, r.commands, r.action),
                (input.len(), 3, SQLETTUCE_ACTION_CLOSE)
            );
            sqlettuce_session_free(session);

            let mut buf = [0u8; 32];
            let mut n = 0;
            assert_eq!(
                sqlettuce_sqlite_version(buf.as_mut_ptr(), buf.len(), &mut n),
                SQLETTUCE_OK
            );
            assert!(n > 0 && buf[0].is_ascii_digit());
        }
    }

    #[test]
    fn open_failure_reports_message() {
        unsafe {
            let path = b"/nonexistent-dir/x/y.db";
            let opts = SqlettuceOptions {
                path: path.as_ptr(),
                path_len: path.len(),
                bind: std::ptr::null(),
                bind_len: 0,
                port: 0,
                crossing: 0,
            };
            let mut engine = std::ptr::null_mut();
            let mut err = [0u8; 256];
            let mut err_len = 0;
            assert_eq!(
                sqlettuce_engine_open(
                    &opts,
                    &mut engine,
                    err.as_mut_ptr(),
                    err.len(),
                    &mut err_len
                ),
                SQLETTUCE_ERROR
            );
            assert!(err_len > 0);
        }
    }
}
