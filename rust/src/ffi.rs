//! The C surface Go calls through cgo (include/sqlettuce.h is generated from this file by
//! cbindgen). Thin on purpose: convert pointers to slices, call safe Rust, and catch every
//! panic so nothing unwinds into Go. Go memory is only read during a call; memory handed
//! out (the replies) belongs to the session and is freed only by Rust.
//!
//! Two ways to drive the same engine steps, one per `--crossing` mode:
//!
//! | step                         | `batch` (one crossing)   | `command` (one crossing each)          |
//! |------------------------------|--------------------------|----------------------------------------|
//! | a client's batch, read path  | `sqlettuce_exec`         | `sqlettuce_begin`, `sqlettuce_exec_next` per command, `sqlettuce_end` |
//! | a group of write batches     | `sqlettuce_exec_group`   | `sqlettuce_group_begin`, `sqlettuce_exec_next` per command, `sqlettuce_group_commit` |
//!
//! A batch that writes comes back from `sqlettuce_exec`/`sqlettuce_begin` with
//! SQLETTUCE_ACTION_NEEDS_WRITER having run nothing; Go's executor then runs it in a group.

use std::ffi::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use crate::clients::ConnInfo;
use crate::engine::{Engine, ExecOutcome, Fsync, Locking, Options, Session};

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
/// The batch writes: nothing ran. Put the session in the executor's next group.
pub const SQLETTUCE_ACTION_NEEDS_WRITER: u32 = 3;

/// A blocking command (BLPOP...) found nothing: the batch stopped just before it
/// (consumed is its first byte). sqlettuce_blocked says what it waits for; run the input
/// again from there once a key is ready (sqlettuce_take_ready) or reply the timeout.
pub const SQLETTUCE_ACTION_BLOCK: u32 = 4;

/// A pub/sub command: the batch stopped just before it (consumed is its first byte). Go
/// runs it (its registry sees every connection), tells the session its subscriptions
/// (sqlettuce_set_subscriptions) and calls again with the input after it. Pub/sub
/// commands inside EXEC come back as SqlettuceExecResult.calls instead.
pub const SQLETTUCE_ACTION_PUBSUB: u32 = 5;

/// SqlettuceOptions.locking: shared locks; the sqlite3 CLI can read the file (default).
pub const SQLETTUCE_LOCKING_NORMAL: u32 = 0;
/// SqlettuceOptions.locking: the writer holds the file exclusively (no readers, no CLI).
pub const SQLETTUCE_LOCKING_EXCLUSIVE: u32 = 1;
/// SqlettuceOptions.fsync: appendfsync everysec (default): checkpoints fsync, commits not.
pub const SQLETTUCE_FSYNC_EVERYSEC: u32 = 0;
/// SqlettuceOptions.fsync: appendfsync always: every commit fsyncs before its replies.
pub const SQLETTUCE_FSYNC_ALWAYS: u32 = 1;
/// SqlettuceOptions.fsync: appendfsync no: SQLite never fsyncs.
pub const SQLETTUCE_FSYNC_NO: u32 = 2;

/// An open database, shared by every session.
pub struct SqlettuceEngine {
    engine: Arc<Engine>,
    /// sqlettuce_take_ready's output, valid until its next call.
    ready: Mutex<Vec<u8>>,
}

/// One client connection. Holds an Arc of the engine, so free order does not matter.
pub struct SqlettuceSession {
    // A Mutex so that even a misuse (two threads on one session) stays memory-safe.
    session: Mutex<Session>,
    /// sqlettuce_blocked's keys, valid until its next call on this session.
    blocked_keys: Mutex<Vec<u8>>,
    /// SqlettuceExecResult.calls, valid until the next call on this session.
    calls: Mutex<Vec<u8>>,
}

/// What a blocked client waits for (after SQLETTUCE_ACTION_BLOCK).
#[repr(C)]
pub struct SqlettuceBlocked {
    /// The database of the keys.
    pub db: i64,
    /// Milliseconds to wait; 0 waits forever.
    pub timeout_ms: i64,
    /// The keys, each as a 4-byte little-endian length and the bytes.
    pub keys: *const u8,
    pub keys_len: usize,
    /// The reply to send when the timeout passes (in the session: valid until the next
    /// call on it).
    pub timeout_reply: *const u8,
    pub timeout_reply_len: usize,
    /// The blocking command's input bytes (from consumed): skip them after the timeout.
    pub command_len: usize,
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
    /// SQLETTUCE_LOCKING_*.
    pub locking: u32,
    /// Reader connections to open (none for ":memory:" or exclusive locking).
    pub readers: u32,
    /// SQLETTUCE_FSYNC_*: appendfsync at start.
    pub fsync: u32,
    /// The password clients must AUTH with (empty: none); CONFIG SET requirepass changes it.
    pub requirepass: *const u8,
    pub requirepass_len: usize,
}

/// What one batch produced.
#[repr(C)]
pub struct SqlettuceExecResult {
    /// The replies, in the session's buffer: valid until the next call on that session.
    pub replies: *const u8,
    pub replies_len: usize,
    /// Input bytes used by the commands (the rest is an incomplete command).
    pub consumed: usize,
    /// Commands in the batch.
    pub commands: u32,
    /// SQLETTUCE_ACTION_*.
    pub action: u32,
    /// Client ids CLIENT KILL chose in this batch (in the session's memory, valid until
    /// the next call on that session): Go closes their connections.
    pub killed: *const u64,
    pub killed_len: usize,
    /// The session's RESP version after the batch (2, or 3 after HELLO 3): Go formats
    /// pub/sub messages and timeout replies it sends itself with it.
    pub resp_version: u32,
    /// The pub/sub commands EXEC ran (and a subscribed client's RESET, which leaves every
    /// subscription), for Go to run in order against its registry, after the batch:
    /// each writes its output (confirmations, PUBLISH's count...) at its offset in
    /// replies, between replies[..offset] and the rest. Each is an 8-byte little-endian
    /// offset, a 1-byte RESP version (the client's when it ran), a 4-byte little-endian
    /// argument count, then every argument as a 4-byte little-endian length and its
    /// bytes. Empty (calls_len 0) nearly always. In the session's memory, valid until the
    /// next call on that session. The batch ends right after the command that made them.
    pub calls: *const u8,
    pub calls_len: usize,
    /// CONFIG SET ran in the batch: Go reads the limits it enforces itself (maxclients,
    /// timeout, buffer limits...) again before it writes the replies, so they apply at
    /// once, as in Redis. 1 or 0.
    pub config_changed: u8,
}

/// Where a client connected from, for CLIENT LIST and CLIENT KILL. Strings are pointer +
/// length (`ip:port`), not NUL-terminated.
#[repr(C)]
pub struct SqlettuceConnInfo {
    pub addr: *const u8,
    pub addr_len: usize,
    pub laddr: *const u8,
    pub laddr_len: usize,
    /// The socket's file descriptor, -1 when unknown.
    pub fd: i64,
}

/// One client's write batch in a group: the session (which holds the parsed batch since
/// its NEEDS_WRITER reply) in, the batch's result out.
#[repr(C)]
pub struct SqlettuceJob {
    pub session: *mut SqlettuceSession,
    pub result: SqlettuceExecResult,
}

/// Counters since the engine opened (INFO's `# Sqlettuce` section shows them too).
#[repr(C)]
pub struct SqlettuceStats {
    /// Calls into this library carrying an engine or session handle.
    pub crossings: u64,
    /// Commands run.
    pub commands: u64,
    /// SQLite transactions opened for commands (read batches and write groups).
    pub transactions: u64,
    /// SQL statements run for commands, BEGIN and COMMIT included.
    pub statements: u64,
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

/// The jobs array from C, tolerating (null, 0).
unsafe fn jobs<'a>(ptr: *mut SqlettuceJob, n: usize) -> &'a mut [SqlettuceJob] {
    if ptr.is_null() || n == 0 {
        &mut []
    } else {
        std::slice::from_raw_parts_mut(ptr, n)
    }
}

/// Locks a session, counting the crossing on its engine. A panic in an earlier call
/// poisons the mutex; the session's state is still consistent enough to go on (its batch
/// is reset by the next begin).
unsafe fn lock<'a>(session: *mut SqlettuceSession) -> MutexGuard<'a, Session> {
    let s = (*session).session.lock().unwrap_or_else(|p| p.into_inner());
    s.engine().stats.crossing();
    s
}

/// The session's pub/sub calls in SqlettuceExecResult.calls's layout, in `buf`.
fn encode_calls(s: &Session, buf: &Mutex<Vec<u8>>) -> (*const u8, usize) {
    let calls = &s.client.calls;
    if calls.is_empty() {
        return (std::ptr::null(), 0);
    }
    let mut buf = buf.lock().unwrap_or_else(|p| p.into_inner());
    buf.clear();
    for c in calls {
        buf.extend_from_slice(&(c.offset as u64).to_le_bytes());
        buf.push(c.protocol);
        buf.extend_from_slice(&(c.argv.len() as u32).to_le_bytes());
        for a in &c.argv {
            buf.extend_from_slice(&(a.len() as u32).to_le_bytes());
            buf.extend_from_slice(a);
        }
    }
    (buf.as_ptr(), buf.len())
}

/// The result of the session's last batch; `session` is the handle `s` was locked from.
unsafe fn result(
    session: *mut SqlettuceSession,
    s: &Session,
    o: ExecOutcome,
) -> SqlettuceExecResult {
    let replies = s.replies();
    let (calls, calls_len) = encode_calls(s, &(*session).calls);
    SqlettuceExecResult {
        replies: replies.as_ptr(),
        replies_len: replies.len(),
        consumed: o.consumed,
        commands: o.commands,
        action: o.action as u32,
        killed: s.client.killed.as_ptr(),
        killed_len: s.client.killed.len(),
        resp_version: u32::from(s.client.protocol),
        calls,
        calls_len,
        config_changed: u8::from(s.client.config_changed),
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
            locking: if o.locking == SQLETTUCE_LOCKING_EXCLUSIVE {
                Locking::Exclusive
            } else {
                Locking::Normal
            },
            readers: o.readers as usize,
            fsync: match o.fsync {
                SQLETTUCE_FSYNC_ALWAYS => Fsync::Always,
                SQLETTUCE_FSYNC_NO => Fsync::No,
                _ => Fsync::Everysec,
            },
            requirepass: slice(o.requirepass, o.requirepass_len).to_vec(),
        };
        match Engine::open(&options) {
            Ok(engine) => {
                *engine_out = Box::into_raw(Box::new(SqlettuceEngine {
                    engine,
                    ready: Mutex::new(Vec::new()),
                }));
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

/// How many read batches can run at once: the reader connections opened. 0 means every
/// batch needs the writer (":memory:", exclusive locking). Go sizes its reader semaphore
/// with it, so a batch never waits for a reader inside Rust.
///
/// # Safety
/// `engine` must be live and `readers` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_engine_readers(
    engine: *mut SqlettuceEngine,
    readers: *mut u32,
) -> c_int {
    guard(|| {
        if engine.is_null() || readers.is_null() {
            return SQLETTUCE_ERROR;
        }
        *readers = (*engine).engine.readers() as u32;
        SQLETTUCE_OK
    })
}

/// Starts a client session (client ids count 1, 2, 3... per engine) for a connection
/// described by `conn` (null when there is none); *id_out (if not null) is its client id.
///
/// # Safety
/// `engine` must be a live engine handle and `session_out` writable; `conn` null or
/// valid with readable strings; `id_out` null or writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_session_new(
    engine: *mut SqlettuceEngine,
    conn: *const SqlettuceConnInfo,
    session_out: *mut *mut SqlettuceSession,
    id_out: *mut u64,
) -> c_int {
    guard(|| {
        if engine.is_null() || session_out.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        let info = if conn.is_null() {
            ConnInfo {
                fd: -1,
                ..Default::default()
            }
        } else {
            let c = &*conn;
            ConnInfo {
                addr: String::from_utf8_lossy(slice(c.addr, c.addr_len)).into_owned(),
                laddr: String::from_utf8_lossy(slice(c.laddr, c.laddr_len)).into_owned(),
                fd: c.fd,
            }
        };
        let session = Session::with_conn(Arc::clone(engine), info);
        if !id_out.is_null() {
            *id_out = session.client.id;
        }
        *session_out = Box::into_raw(Box::new(SqlettuceSession {
            session: Mutex::new(session),
            blocked_keys: Mutex::new(Vec::new()),
            calls: Mutex::new(Vec::new()),
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
            drop(lock(session));
            drop(Box::from_raw(session));
        }
        SQLETTUCE_OK
    });
}

/// `--crossing batch`, a client's batch: parses every complete command at the start of
/// input (bounded). If none writes, runs them all on a reader in one read transaction and
/// returns their replies. If one writes, runs nothing and returns
/// SQLETTUCE_ACTION_NEEDS_WRITER (consumed and commands describe the parsed batch): pass
/// the session to sqlettuce_exec_group next.
///
/// # Safety
/// `session` must be live; `input` readable for input_len bytes (it is only read during
/// the call); `result` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_exec(
    session: *mut SqlettuceSession,
    input: *const u8,
    input_len: usize,
    result: *mut SqlettuceExecResult,
) -> c_int {
    guard(|| {
        if session.is_null() || result.is_null() {
            return SQLETTUCE_ERROR;
        }
        let mut s = lock(session);
        let o = s.exec_read(slice(input, input_len), 0);
        *result = self::result(session, &s, o);
        SQLETTUCE_OK
    })
}

/// `--crossing batch`, a group: runs the batch each job's session holds (since its
/// NEEDS_WRITER reply) in ONE write transaction, in job order, then COMMITs and fills each
/// job's result. If the transaction cannot commit, every reply of every job is an error:
/// no client is told OK for a write that is not in the file.
///
/// # Safety
/// `engine` must be live; `jobs` must point to n writable jobs whose sessions are live,
/// distinct, belong to this engine and are used by no other thread during the call.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_exec_group(
    engine: *mut SqlettuceEngine,
    jobs: *mut SqlettuceJob,
    n: usize,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        let jobs = self::jobs(jobs, n);
        let mut guards = Vec::with_capacity(jobs.len());
        for j in jobs.iter() {
            if j.session.is_null() {
                return SQLETTUCE_ERROR;
            }
            // try_lock: the same session twice in one group would deadlock.
            let g = match (*j.session).session.try_lock() {
                Ok(g) => g,
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
                Err(TryLockError::WouldBlock) => return SQLETTUCE_ERROR,
            };
            if !Arc::ptr_eq(g.engine(), engine) {
                return SQLETTUCE_ERROR;
            }
            guards.push(g);
        }
        let mut sessions: Vec<&mut Session> = guards.iter_mut().map(|g| &mut **g).collect();
        let outcomes = engine.exec_group(&mut sessions);
        for ((j, s), o) in jobs.iter_mut().zip(&sessions).zip(outcomes) {
            j.result = result(j.session, s, o);
        }
        SQLETTUCE_OK
    })
}

/// `--crossing command`: parses the batch like sqlettuce_exec and says how many commands
/// it holds (result->commands). NEEDS_WRITER: nothing ran, the batch waits for a group.
/// Otherwise a read transaction is open on a reader lent to the session: call
/// sqlettuce_exec_next once per command, then sqlettuce_end.
///
/// # Safety
/// As sqlettuce_exec.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_begin(
    session: *mut SqlettuceSession,
    input: *const u8,
    input_len: usize,
    result: *mut SqlettuceExecResult,
) -> c_int {
    guard(|| {
        if session.is_null() || result.is_null() {
            return SQLETTUCE_ERROR;
        }
        let mut s = lock(session);
        let o = s.begin(slice(input, input_len), 0);
        *result = SqlettuceExecResult {
            replies: std::ptr::null(),
            replies_len: 0,
            consumed: o.consumed,
            commands: o.commands,
            action: o.action as u32,
            killed: std::ptr::null(),
            killed_len: 0,
            resp_version: u32::from(s.client.protocol),
            calls: std::ptr::null(),
            calls_len: 0,
            config_changed: 0,
        };
        SQLETTUCE_OK
    })
}

/// `--crossing command`: runs the next command of the session's batch: on its reader
/// (after sqlettuce_begin), or on the writer inside the open group (after
/// sqlettuce_group_begin). Its reply is appended to the session's replies.
///
/// # Safety
/// `session` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_exec_next(session: *mut SqlettuceSession) -> c_int {
    guard(|| {
        if session.is_null() {
            return SQLETTUCE_ERROR;
        }
        lock(session).exec_next();
        SQLETTUCE_OK
    })
}

/// `--crossing command`: ends a read batch (COMMIT, the reader goes back to the pool) and
/// returns its replies.
///
/// # Safety
/// As sqlettuce_exec.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_end(
    session: *mut SqlettuceSession,
    result: *mut SqlettuceExecResult,
) -> c_int {
    guard(|| {
        if session.is_null() || result.is_null() {
            return SQLETTUCE_ERROR;
        }
        let mut s = lock(session);
        let o = s.end();
        *result = self::result(session, &s, o);
        SQLETTUCE_OK
    })
}

/// `--crossing command`: opens a group's write transaction (BEGIN IMMEDIATE). A failure
/// is reported by sqlettuce_group_commit, as every reply of the group.
///
/// # Safety
/// `engine` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_group_begin(engine: *mut SqlettuceEngine) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        engine.group_begin();
        SQLETTUCE_OK
    })
}

/// `--crossing command`: COMMITs the open group and fills each job's result, exactly as
/// sqlettuce_exec_group does at its end.
///
/// # Safety
/// As sqlettuce_exec_group.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_group_commit(
    engine: *mut SqlettuceEngine,
    jobs: *mut SqlettuceJob,
    n: usize,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        let failed = engine.group_end();
        for j in self::jobs(jobs, n) {
            if j.session.is_null() {
                continue;
            }
            let mut s = (*j.session)
                .session
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            let o = s.finish(failed.as_ref());
            j.result = result(j.session, &s, o);
        }
        SQLETTUCE_OK
    })
}

/// After SQLETTUCE_ACTION_BLOCK: what the session's blocking command waits for. Returns
/// SQLETTUCE_ERROR when the last batch did not block.
///
/// # Safety
/// `session` must be live and `out` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_blocked(
    session: *mut SqlettuceSession,
    out: *mut SqlettuceBlocked,
) -> c_int {
    guard(|| {
        if session.is_null() || out.is_null() {
            return SQLETTUCE_ERROR;
        }
        let s = lock(session);
        let Some(b) = s.client.blocked.as_ref() else {
            return SQLETTUCE_ERROR;
        };
        let mut keys = (*session)
            .blocked_keys
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        keys.clear();
        for k in &b.keys {
            keys.extend_from_slice(&(k.len() as u32).to_le_bytes());
            keys.extend_from_slice(k);
        }
        *out = SqlettuceBlocked {
            db: b.db,
            timeout_ms: b.timeout_ms,
            keys: keys.as_ptr(),
            keys_len: keys.len(),
            timeout_reply: b.timeout_reply.as_ptr(),
            timeout_reply_len: b.timeout_reply.len(),
            command_len: b.command_len,
        };
        SQLETTUCE_OK
    })
}

/// Tells the session how many channels and patterns it is subscribed to (Go's registry
/// counts them; Go calls it when they change): CLIENT LIST's sub= and psub=, flag P, and
/// above 0 in all a RESP2 client is in subscribe mode.
///
/// # Safety
/// `session` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_set_subscriptions(
    session: *mut SqlettuceSession,
    channels: u32,
    patterns: u32,
) -> c_int {
    guard(|| {
        if session.is_null() {
            return SQLETTUCE_ERROR;
        }
        let mut s = lock(session);
        s.client.sub_channels = channels as usize;
        s.client.sub_patterns = patterns as usize;
        s.client.publish(); // other clients' CLIENT LIST sees it at once
        SQLETTUCE_OK
    })
}

/// Tells the engine how many channels have a subscriber and how many distinct patterns
/// are subscribed, server-wide (INFO's pubsub_channels and pubsub_patterns). Go's
/// registry calls it when either changes.
///
/// # Safety
/// `engine` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_set_pubsub_counts(
    engine: *mut SqlettuceEngine,
    channels: u64,
    patterns: u64,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let e = &(*engine).engine;
        e.stats.crossing();
        e.info
            .pubsub_channels
            .store(channels as usize, Ordering::Relaxed);
        e.info
            .pubsub_patterns
            .store(patterns as usize, Ordering::Relaxed);
        SQLETTUCE_OK
    })
}

/// Counts a connection Go refused because maxclients was reached (INFO's
/// rejected_connections; CONFIG RESETSTAT resets it). Called once per refusal.
///
/// # Safety
/// `engine` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_rejected_connection(engine: *mut SqlettuceEngine) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let e = &(*engine).engine;
        e.stats.crossing();
        e.stats.rejected_connections.fetch_add(1, Ordering::Relaxed);
        SQLETTUCE_OK
    })
}

/// The keys the last group made ready for blocked clients (a list or sorted set appeared
/// under their name), emptied: each as an 8-byte little-endian db, a 4-byte
/// little-endian length and the key. Go's executor calls it after a group, before the
/// next, when some client is blocked. *out/*out_len stay valid until the next call.
///
/// # Safety
/// `engine` must be live; `out` and `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_take_ready(
    engine: *mut SqlettuceEngine,
    out: *mut *const u8,
    out_len: *mut usize,
) -> c_int {
    guard(|| {
        if engine.is_null() || out.is_null() || out_len.is_null() {
            return SQLETTUCE_ERROR;
        }
        let e = &*engine;
        e.engine.stats.crossing();
        let mut buf = e.ready.lock().unwrap_or_else(|p| p.into_inner());
        buf.clear();
        for (db, key) in e.engine.take_ready() {
            buf.extend_from_slice(&db.to_le_bytes());
            buf.extend_from_slice(&(key.len() as u32).to_le_bytes());
            buf.extend_from_slice(&key);
        }
        *out = buf.as_ptr();
        *out_len = buf.len();
        SQLETTUCE_OK
    })
}

/// CONFIG GET of one parameter, for the settings Go enforces itself (maxclients, timeout,
/// protected-mode, requirepass): writes up to out_cap bytes of the value to out and its
/// whole length to *out_len. SQLETTUCE_ERROR for an unknown parameter.
///
/// # Safety
/// `engine` must be live; `name` readable for name_len bytes; `out` writable for
/// out_cap bytes; `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_config_get(
    engine: *mut SqlettuceEngine,
    name: *const u8,
    name_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> c_int {
    guard(|| {
        if engine.is_null() || out_len.is_null() {
            return SQLETTUCE_ERROR;
        }
        let name = String::from_utf8_lossy(slice(name, name_len));
        let e = &*engine;
        let Some(value) = e.engine.info.config.get(&name) else {
            return SQLETTUCE_ERROR;
        };
        let n = value.len().min(out_cap);
        if n > 0 {
            std::ptr::copy_nonoverlapping(value.as_ptr(), out, n);
        }
        *out_len = value.len();
        SQLETTUCE_OK
    })
}

/// CONFIG SET of one parameter (the server's flags at start): Redis's validation; on a
/// refused value SQLETTUCE_ERROR and the error text in err_buf, as sqlettuce_engine_open.
///
/// # Safety
/// `engine` must be live; `name` and `value` readable for their lengths; `err_buf`
/// writable for err_cap bytes; `err_len` writable or null.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_config_set(
    engine: *mut SqlettuceEngine,
    name: *const u8,
    name_len: usize,
    value: *const u8,
    value_len: usize,
    err_buf: *mut u8,
    err_cap: usize,
    err_len: *mut usize,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let pair = [(slice(name, name_len), slice(value, value_len))];
        let e = &*engine;
        match e.engine.info.config.set(&pair) {
            Ok(()) => SQLETTUCE_OK,
            Err(e) => {
                let text = e.text();
                let n = text.len().min(err_cap);
                if n > 0 && !err_buf.is_null() {
                    std::ptr::copy_nonoverlapping(text.as_ptr(), err_buf, n);
                }
                if !err_len.is_null() {
                    *err_len = n;
                }
                SQLETTUCE_ERROR
            }
        }
    })
}

/// Deletes up to max_keys expired keys; *deleted says how many. Go runs it through the
/// executor, between groups.
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
        let engine = &(*engine).engine;
        engine.stats.crossing();
        match engine.sweep_expired(max_keys) {
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

/// Copies committed WAL frames into the database file: a PASSIVE checkpoint, which waits
/// for no one. With on_writer 0, on the checkpointer connection, in parallel with every
/// client (Go's background loop calls it a few times a second); *wal_frames is then -1
/// when only the writer can checkpoint (exclusive locking). With on_writer 1, on the
/// writer, between groups (Go's executor calls it): it copies what the background pass
/// left, so the next write transaction can start the WAL over. *wal_frames and
/// *checkpointed (either may be null) are SQLite's counts: frames in the WAL, frames now
/// in the file.
///
/// # Safety
/// `engine` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_checkpoint(
    engine: *mut SqlettuceEngine,
    on_writer: u32,
    wal_frames: *mut i64,
    checkpointed: *mut i64,
) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        let done = if on_writer != 0 {
            engine.checkpoint_on_writer()
        } else {
            engine.checkpoint()
        };
        match done {
            Ok((log, done)) => {
                if !wal_frames.is_null() {
                    *wal_frames = log;
                }
                if !checkpointed.is_null() {
                    *checkpointed = done;
                }
                SQLETTUCE_OK
            }
            Err(_) => SQLETTUCE_ERROR,
        }
    })
}

/// The engine's counters since it opened.
///
/// # Safety
/// `engine` must be live and `stats` writable.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_stats(
    engine: *mut SqlettuceEngine,
    stats: *mut SqlettuceStats,
) -> c_int {
    guard(|| {
        if engine.is_null() || stats.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        let s = &engine.stats;
        s.crossing();
        *stats = SqlettuceStats {
            crossings: s.crossings.load(Ordering::Relaxed),
            commands: s.commands.load(Ordering::Relaxed),
            transactions: s.transactions.load(Ordering::Relaxed),
            statements: s.statements.load(Ordering::Relaxed),
        };
        SQLETTUCE_OK
    })
}

/// Does nothing but count itself: the cost of one crossing, for the benchmark.
///
/// # Safety
/// `engine` must be live.
#[no_mangle]
pub unsafe extern "C" fn sqlettuce_noop(engine: *mut SqlettuceEngine) -> c_int {
    guard(|| {
        if engine.is_null() {
            return SQLETTUCE_ERROR;
        }
        let engine = &(*engine).engine;
        engine.stats.crossing();
        SQLETTUCE_OK
    })
}

/// Makes sqlettuce's VFS SQLite's default for this process (see rust/src/vfs.rs: it
/// gathers each transaction's WAL writes into one write() call). sqlettuce_engine_open does
/// it too; Go calls this at start so that connections it opens itself (the go engine's,
/// through go-sqlite3) use it as well. Safe to call more than once.
#[no_mangle]
pub extern "C" fn sqlettuce_install_vfs() -> c_int {
    guard(|| match crate::vfs::register() {
        Ok(()) => SQLETTUCE_OK,
        Err(_) => SQLETTUCE_ERROR,
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

    fn options(path: &[u8]) -> SqlettuceOptions {
        SqlettuceOptions {
            path: path.as_ptr(),
            path_len: path.len(),
            bind: std::ptr::null(),
            bind_len: 0,
            port: 7000,
            crossing: 0,
            locking: SQLETTUCE_LOCKING_NORMAL,
            readers: 2,
            fsync: SQLETTUCE_FSYNC_EVERYSEC,
            requirepass: std::ptr::null(),
            requirepass_len: 0,
        }
    }

    unsafe fn open(path: &[u8]) -> *mut SqlettuceEngine {
        let mut engine = std::ptr::null_mut();
        let mut err = [0u8; 256];
        let mut err_len = 0;
        let rc = sqlettuce_engine_open(
            &options(path),
            &mut engine,
            err.as_mut_ptr(),
            err.len(),
            &mut err_len,
        );
        assert_eq!(
            rc,
            SQLETTUCE_OK,
            "{}",
            String::from_utf8_lossy(&err[..err_len])
        );
        engine
    }

    fn empty_result() -> SqlettuceExecResult {
        SqlettuceExecResult {
            replies: std::ptr::null(),
            replies_len: 0,
            consumed: 0,
            commands: 0,
            action: 0,
            killed: std::ptr::null(),
            killed_len: 0,
            resp_version: 2,
            calls: std::ptr::null(),
            calls_len: 0,
            config_changed: 0,
        }
    }

    unsafe fn replies(r: &SqlettuceExecResult) -> &[u8] {
        slice(r.replies, r.replies_len)
    }

    unsafe fn stats(e: *mut SqlettuceEngine) -> SqlettuceStats {
        let mut s = SqlettuceStats {
            crossings: 0,
            commands: 0,
            transactions: 0,
            statements: 0,
        };
        assert_eq!(sqlettuce_stats(e, &mut s), SQLETTUCE_OK);
        s
    }

    #[test]
    fn batch_crossings_read_path_and_group() {
        unsafe {
            let engine = open(b":memory:");
            let mut session = std::ptr::null_mut();
            assert_eq!(
                sqlettuce_session_new(engine, std::ptr::null(), &mut session, std::ptr::null_mut()),
                SQLETTUCE_OK
            );
            // A batch without a database command runs right away, even on :memory:.
            let mut r = empty_result();
            let input = b"PING\r\nECHO hi\r\n";
            assert_eq!(
                sqlettuce_exec(session, input.as_ptr(), input.len(), &mut r),
                SQLETTUCE_OK
            );
            assert_eq!(replies(&r), b"+PONG\r\n$2\r\nhi\r\n");
            assert_eq!(r.action, SQLETTUCE_ACTION_NONE);

            // A write batch runs nothing and waits for a group.
            let input = b"SELECT 2\r\nSET k v\r\nGET k\r\nQUIT\r\n";
            assert_eq!(
                sqlettuce_exec(session, input.as_ptr(), input.len(), &mut r),
                SQLETTUCE_OK
            );
            assert_eq!(
                (r.action, r.commands, r.consumed),
                (SQLETTUCE_ACTION_NEEDS_WRITER, 4, input.len())
            );
            let mut job = SqlettuceJob {
                session,
                result: empty_result(),
            };
            // Free order does not matter: the session keeps the engine alive.
            assert_eq!(sqlettuce_exec_group(engine, &mut job, 1), SQLETTUCE_OK);
            assert_eq!(replies(&job.result), b"+OK\r\n+OK\r\n$1\r\nv\r\n+OK\r\n");
            assert_eq!(
                (job.result.consumed, job.result.commands, job.result.action),
                (input.len(), 4, SQLETTUCE_ACTION_CLOSE)
            );
            let s = stats(engine);
            assert_eq!((s.commands, s.transactions), (6, 1));
            sqlettuce_engine_free(engine);
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
    fn command_crossings_give_the_same_replies() {
        unsafe {
            let engine = open(b":memory:");
            let mut session = std::ptr::null_mut();
            assert_eq!(
                sqlettuce_session_new(engine, std::ptr::null(), &mut session, std::ptr::null_mut()),
                SQLETTUCE_OK
            );
            let before = stats(engine).crossings;
            let input = b"SET k 1\r\nINCR k\r\nGET k\r\n";
            let mut r = empty_result();
            assert_eq!(
                sqlettuce_begin(session, input.as_ptr(), input.len(), &mut r),
                SQLETTUCE_OK
            );
            assert_eq!((r.action, r.commands), (SQLETTUCE_ACTION_NEEDS_WRITER, 3));
            assert_eq!(sqlettuce_group_begin(engine), SQLETTUCE_OK);
            for _ in 0..r.commands {
                assert_eq!(sqlettuce_exec_next(session), SQLETTUCE_OK);
            }
            let mut job = SqlettuceJob {
                session,
                result: empty_result(),
            };
            assert_eq!(sqlettuce_group_commit(engine, &mut job, 1), SQLETTUCE_OK);
            assert_eq!(replies(&job.result), b"+OK\r\n:2\r\n$1\r\n2\r\n");
            // begin, 3 commands, group begin and commit, and the stats call itself.
            assert_eq!(stats(engine).crossings - before, 7);
            sqlettuce_session_free(session);
            sqlettuce_engine_free(engine);
        }
    }

    #[test]
    fn read_batches_run_on_readers() {
        let dir = std::env::temp_dir().join(format!(
            "sqlettuce-ffi-{}-{}",
            std::process::id(),
            crate::engine::now_ms()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db").to_string_lossy().into_owned();
        unsafe {
            let engine = open(path.as_bytes());
            let mut readers = 0;
            assert_eq!(sqlettuce_engine_readers(engine, &mut readers), SQLETTUCE_OK);
            assert_eq!(readers, 2);
            let (mut a, mut b) = (std::ptr::null_mut(), std::ptr::null_mut());
            sqlettuce_session_new(engine, std::ptr::null(), &mut a, std::ptr::null_mut());
            sqlettuce_session_new(engine, std::ptr::null(), &mut b, std::ptr::null_mut());
            let mut r = empty_result();
            let set = b"SET k v\r\n";
            sqlettuce_exec(a, set.as_ptr(), set.len(), &mut r);
            assert_eq!(r.action, SQLETTUCE_ACTION_NEEDS_WRITER);
            let mut job = SqlettuceJob {
                session: a,
                result: empty_result(),
            };
            sqlettuce_exec_group(engine, &mut job, 1);
            assert_eq!(replies(&job.result), b"+OK\r\n");

            // Session b reads on a reader in the per-command mode while a holds the other.
            let get = b"GET k\r\nSTRLEN k\r\n";
            let mut rb = empty_result();
            sqlettuce_begin(b, get.as_ptr(), get.len(), &mut rb);
            assert_eq!((rb.action, rb.commands), (SQLETTUCE_ACTION_NONE, 2));
            sqlettuce_exec(a, get.as_ptr(), get.len(), &mut r);
            assert_eq!(replies(&r), b"$1\r\nv\r\n:1\r\n");
            sqlettuce_exec_next(b);
            sqlettuce_exec_next(b);
            sqlettuce_end(b, &mut rb);
            assert_eq!(replies(&rb), b"$1\r\nv\r\n:1\r\n");

            let mut frames = -1;
            let mut done = -1;
            assert_eq!(
                sqlettuce_checkpoint(engine, 0, &mut frames, &mut done),
                SQLETTUCE_OK
            );
            assert!(frames > 0 && done == frames, "{frames} {done}");
            sqlettuce_session_free(a);
            sqlettuce_session_free(b);
            sqlettuce_engine_free(engine);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn open_failure_reports_message() {
        unsafe {
            let opts = options(b"/nonexistent-dir/x/y.db");
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
