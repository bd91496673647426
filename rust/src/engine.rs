//! The engine (one SQLite connection, shared by every session) and the session (one
//! client: selected db, name, the reusable reply buffer). `Session::exec` is the hot loop:
//! parse every complete command of a pipelined batch, run them all in one transaction,
//! COMMIT, then hand back every reply at once.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rusqlite::Connection;

use crate::commands::{self, Ctx};
use crate::errors::Error;
use crate::resp::reply::encode_error;
use crate::resp::{parse_command, Parsed, Reply};
use crate::store::{self, Store};

/// Most commands one exec call runs, so one client cannot starve the others.
pub(crate) const MAX_BATCH_COMMANDS: usize = 10_000;
/// Input bytes after which no new command is started in this call.
pub(crate) const MAX_BATCH_BYTES: usize = 4 << 20;
/// Prepared statements kept per connection: every named query plus room for growth.
const STATEMENT_CACHE: usize = 256;

/// What Go must do after writing the replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Keep reading; unconsumed input is an incomplete command.
    None = 0,
    /// Close after writing (QUIT, protocol error).
    Close = 1,
    /// Stopped at a bound with input left: call again with input[consumed..].
    More = 2,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub path: String,
    pub bind: String,
    pub port: u32,
    /// "batch" or "command": only reported by INFO.
    pub crossing: String,
}

/// Facts about this server that INFO, CONFIG GET and HELLO report.
pub struct ServerInfo {
    pub path: String,
    pub bind: String,
    pub port: u32,
    pub crossing: String,
    pub run_id: String,
    pub pid: u32,
    pub started: Instant,
    pub sqlite_version: String,
    pub connected_clients: AtomicUsize,
    rng: AtomicU64,
}

impl ServerInfo {
    /// A pseudo-random u64 (splitmix64): RANDOMKEY needs no more.
    pub fn random(&self) -> u64 {
        let mut z = self
            .rng
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

pub struct Engine {
    conn: Mutex<Connection>,
    pub info: ServerInfo,
    next_client_id: AtomicU64,
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// Connection settings, applied once at open, in one place.
fn apply_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    // WAL: readers (the sqlite3 CLI, the Go engine) never block the writer and the writer
    // never blocks them; a commit appends to the log instead of rewriting pages.
    // (An in-memory database answers "memory" and keeps its own journal.)
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // NORMAL in WAL mode: every committed batch survives a killed process; only power
    // loss can lose the last commits. fsync happens at checkpoints, not per batch.
    conn.execute_batch("PRAGMA synchronous = NORMAL")?;
    // The collection tables reference keys(id) ON DELETE CASCADE: deleting a key must
    // delete its fields, elements and members.
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    // Another process (a CLI user, the Go engine on the same file) may hold the write
    // lock for a moment: wait for it instead of failing the batch with SQLITE_BUSY.
    conn.busy_timeout(std::time::Duration::from_millis(5000))?;
    Ok(())
}

impl Engine {
    /// Opens (and creates) the database and applies the schema. ":memory:" is a private
    /// in-memory database on this one connection.
    pub fn open(opts: &Options) -> Result<Arc<Engine>, String> {
        let conn = if opts.path == ":memory:" {
            Connection::open_in_memory()
        } else {
            Connection::open(&opts.path)
        }
        .map_err(|e| format!("open {}: {e}", opts.path))?;
        apply_pragmas(&conn).map_err(|e| format!("pragmas: {e}"))?;
        conn.execute_batch(crate::sql::SCHEMA)
            .map_err(|e| format!("schema: {e}"))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let sqlite_version = store::sqlite_version(&conn)
            .map_err(|e| String::from_utf8_lossy(&e.text()).into_owned())?;
        let seed =
            now_ms() as u64 ^ (u64::from(std::process::id()) << 32) ^ (&conn as *const _ as u64);
        let info = ServerInfo {
            path: opts.path.clone(),
            bind: opts.bind.clone(),
            port: opts.port,
            crossing: opts.crossing.clone(),
            run_id: String::new(),
            pid: std::process::id(),
            started: Instant::now(),
            sqlite_version,
            connected_clients: AtomicUsize::new(0),
            rng: AtomicU64::new(seed),
        };
        let run_id = (0..5)
            .map(|_| format!("{:08x}", info.random() as u32))
            .collect();
        Ok(Arc::new(Engine {
            conn: Mutex::new(conn),
            info: ServerInfo { run_id, ..info },
            next_client_id: AtomicU64::new(1),
        }))
    }

    /// The connection, recovering from a panic in an earlier call: the mutex is then
    /// poisoned and the transaction that call opened may still be open, so roll it back.
    fn connection(&self) -> MutexGuard<'_, Connection> {
        let guard = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !guard.is_autocommit() {
            let _ = guard.execute_batch("ROLLBACK");
        }
        guard
    }

    /// Deletes up to `max_keys` expired keys (the active half of expiry).
    pub fn sweep_expired(&self, max_keys: u32) -> Result<usize, Error> {
        let conn = self.connection();
        Store::new(&conn).delete_expired(now_ms(), i64::from(max_keys))
    }
}

/// One client's state.
#[derive(Debug, Default)]
pub struct ClientState {
    pub id: u64,
    pub db: i64,
    pub name: Option<Vec<u8>>,
    pub lib_name: Option<Vec<u8>>,
    pub lib_ver: Option<Vec<u8>>,
}

pub struct Session {
    engine: Arc<Engine>,
    pub client: ClientState,
    out: Vec<u8>,
}

/// What one exec call did; the replies are in `Session::replies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecOutcome {
    pub consumed: usize,
    pub commands: u32,
    pub action: Action,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.engine
            .info
            .connected_clients
            .fetch_sub(1, Ordering::Relaxed);
    }
}

impl Session {
    pub fn new(engine: Arc<Engine>) -> Session {
        engine
            .info
            .connected_clients
            .fetch_add(1, Ordering::Relaxed);
        let id = engine.next_client_id.fetch_add(1, Ordering::Relaxed);
        Session {
            engine,
            client: ClientState {
                id,
                ..Default::default()
            },
            out: Vec::with_capacity(4096),
        }
    }

    /// The replies of the last exec call.
    pub fn replies(&self) -> &[u8] {
        &self.out
    }

    /// Runs every complete command at the start of `input` (at most `max_commands`, 0
    /// meaning the engine's bound) in one transaction, and leaves their replies in the
    /// session's buffer.
    pub fn exec(&mut self, input: &[u8], max_commands: u32) -> ExecOutcome {
        self.out.clear();
        let limit = match max_commands as usize {
            0 => MAX_BATCH_COMMANDS,
            n => n.min(MAX_BATCH_COMMANDS),
        };

        // 1. Parse the batch.
        let mut batch: Vec<Vec<Vec<u8>>> = Vec::new();
        let mut pos = 0;
        let mut action = Action::None;
        let mut protocol_error = None;
        loop {
            if batch.len() >= limit || pos >= MAX_BATCH_BYTES {
                if pos < input.len() {
                    action = Action::More;
                }
                break;
            }
            match parse_command(&input[pos..]) {
                Parsed::Command(argv, used) => {
                    pos += used;
                    if argv.is_empty() {
                        continue;
                    }
                    // QUIT: Redis stops reading this client's input after it.
                    let quit = argv[0].eq_ignore_ascii_case(b"quit");
                    batch.push(argv);
                    if quit {
                        action = Action::Close;
                        pos = input.len();
                        break;
                    }
                }
                Parsed::Incomplete => break,
                Parsed::Error(e) => {
                    protocol_error = Some(e);
                    action = Action::Close;
                    pos = input.len();
                    break;
                }
            }
        }

        // 2. Resolve commands; the batch writes if any command is flagged "write".
        let resolved: Vec<_> = batch.iter().map(|argv| commands::lookup(argv)).collect();
        let writes = resolved
            .iter()
            .any(|c| c.as_ref().is_ok_and(|c| c.info.write));
        let uses_db = resolved.iter().any(|c| c.as_ref().is_ok_and(|c| c.uses_db));

        // 3. Run them in one transaction.
        let engine = Arc::clone(&self.engine);
        let conn = engine.connection();
        let begin = if !uses_db {
            Ok(())
        } else if writes {
            conn.execute_batch("BEGIN IMMEDIATE")
        } else {
            conn.execute_batch("BEGIN DEFERRED")
        };
        if let Err(e) = begin {
            let err = Error::Storage(e.to_string());
            for _ in &batch {
                encode_error(&err, &mut self.out);
            }
        } else {
            for (argv, cmd) in batch.iter().zip(&resolved) {
                let reply = match cmd {
                    Err(e) => Reply::Error(e.clone()),
                    Ok(cmd) => {
                        let handler = cmd.handler.expect("leaf commands have handlers");
                        let mut ctx = Ctx {
                            store: Store::new(&conn),
                            client: &mut self.client,
                            server: &engine.info,
                            now: now_ms(),
                            cmd: cmd.info,
                        };
                        handler(&mut ctx, argv).unwrap_or_else(Reply::Error)
                    }
                };
                reply.encode(&mut self.out);
            }
            // 4. COMMIT before any reply leaves: an acknowledged write is a committed write.
            if uses_db {
                if let Err(e) = conn.execute_batch("COMMIT") {
                    let _ = conn.execute_batch("ROLLBACK");
                    self.out.clear();
                    let err = Error::CommitFailed(e.to_string());
                    for _ in &batch {
                        encode_error(&err, &mut self.out);
                    }
                }
            }
        }
        drop(conn);
        if let Some(e) = protocol_error {
            encode_error(&Error::Protocol(e), &mut self.out);
        }
        ExecOutcome {
            consumed: pos,
            commands: batch.len() as u32,
            action,
        }
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    pub fn memory_engine() -> Arc<Engine> {
        Engine::open(&Options {
            path: ":memory:".into(),
            bind: "127.0.0.1".into(),
            port: 6379,
            crossing: "batch".into(),
        })
        .unwrap()
    }

    /// Encodes argv lists as one multibulk pipeline.
    pub fn pipeline(cmds: &[&[&str]]) -> Vec<u8> {
        let mut v = Vec::new();
        for c in cmds {
            v.extend_from_slice(format!("*{}\r\n", c.len()).as_bytes());
            for a in *c {
                v.extend_from_slice(format!("${}\r\n{}\r\n", a.len(), a).as_bytes());
            }
        }
        v
    }

    #[test]
    fn batch_runs_in_order_and_reports_consumed() {
        let mut s = Session::new(memory_engine());
        let mut input = pipeline(&[&["SET", "a", "1"], &["GET", "a"], &["PING"]]);
        input.extend_from_slice(b"*2\r\n$3\r\nGET");
        let r = s.exec(&input, 0);
        assert_eq!(s.replies(), b"+OK\r\n$1\r\n1\r\n+PONG\r\n");
        assert_eq!(r.commands, 3);
        assert_eq!(r.action, Action::None);
        assert_eq!(r.consumed, input.len() - b"*2\r\n$3\r\nGET".len());
    }

    #[test]
    fn protocol_error_keeps_earlier_replies_and_closes() {
        let mut s = Session::new(memory_engine());
        let r = s.exec(b"PING\r\n*x\r\nPING\r\n", 0);
        assert_eq!(
            s.replies(),
            b"+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n"
        );
        assert_eq!(r.action, Action::Close);
        assert_eq!(r.commands, 1);
    }

    #[test]
    fn quit_closes_and_stops() {
        let mut s = Session::new(memory_engine());
        let r = s.exec(b"PING\r\nQUIT\r\nPING\r\n", 0);
        assert_eq!(s.replies(), b"+PONG\r\n+OK\r\n");
        assert_eq!(r.action, Action::Close);
    }

    #[test]
    fn bound_gives_more() {
        let mut s = Session::new(memory_engine());
        let input = b"PING\r\nPING\r\nPING\r\n";
        let r = s.exec(input, 2);
        assert_eq!(r.commands, 2);
        assert_eq!(r.action, Action::More);
        assert_eq!(r.consumed, 12);
        let r = s.exec(&input[12..], 2);
        assert_eq!(r.action, Action::None);
        assert_eq!(r.commands, 1);
    }

    #[test]
    fn empty_commands_are_skipped() {
        let mut s = Session::new(memory_engine());
        let r = s.exec(b"*0\r\n\r\n*-1\r\nPING\r\n", 0);
        assert_eq!(s.replies(), b"+PONG\r\n");
        assert_eq!(r.commands, 1);
        assert_eq!(r.consumed, 17);
    }

    #[test]
    fn failing_command_does_not_undo_neighbours() {
        let mut s = Session::new(memory_engine());
        s.exec(
            &pipeline(&[&["SET", "a", "x"], &["INCR", "a"], &["SET", "b", "2"]]),
            0,
        );
        assert_eq!(
            s.replies(),
            b"+OK\r\n-ERR value is not an integer or out of range\r\n+OK\r\n"
        );
        s.exec(&pipeline(&[&["MGET", "a", "b"]]), 0);
        assert_eq!(s.replies(), b"*2\r\n$1\r\nx\r\n$1\r\n2\r\n");
    }

    #[test]
    fn sessions_share_data_and_free_in_any_order() {
        let e = memory_engine();
        let mut a = Session::new(Arc::clone(&e));
        let mut b = Session::new(Arc::clone(&e));
        drop(e);
        a.exec(&pipeline(&[&["SET", "k", "v"]]), 0);
        b.exec(&pipeline(&[&["GET", "k"]]), 0);
        assert_eq!(b.replies(), b"$1\r\nv\r\n");
        assert_eq!(b.client.id, 2);
    }

    #[test]
    fn sweep_deletes_expired() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        s.exec(
            &pipeline(&[&["SET", "a", "1", "PX", "1"], &["SET", "b", "1"]]),
            0,
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert_eq!(e.sweep_expired(100).unwrap(), 1);
        assert_eq!(e.sweep_expired(100).unwrap(), 0);
    }

    #[test]
    fn temp_file_database_persists() {
        let dir = std::env::temp_dir().join(format!(
            "sqlettuce-test-{}-{}",
            std::process::id(),
            now_ms()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db").to_string_lossy().into_owned();
        let opts = Options {
            path: path.clone(),
            bind: "".into(),
            port: 0,
            crossing: "batch".into(),
        };
        {
            let mut s = Session::new(Engine::open(&opts).unwrap());
            s.exec(&pipeline(&[&["SET", "k", "v"]]), 0);
        }
        let mut s = Session::new(Engine::open(&opts).unwrap());
        s.exec(&pipeline(&[&["GET", "k"]]), 0);
        assert_eq!(s.replies(), b"$1\r\nv\r\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn engine_survives_a_panic_with_an_open_transaction() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        s.exec(&pipeline(&[&["SET", "kept", "1"]]), 0);
        // A panic while the connection is locked and a transaction is open poisons the
        // mutex; the next call must roll that transaction back and carry on.
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            e.with_conn(|c| {
                c.execute_batch("BEGIN IMMEDIATE; DELETE FROM keys;")
                    .unwrap();
                panic!("boom");
            })
        }));
        assert!(r.is_err());
        s.exec(
            &pipeline(&[&["GET", "kept"], &["SET", "b", "2"], &["DBSIZE"]]),
            0,
        );
        assert_eq!(s.replies(), b"$1\r\n1\r\n+OK\r\n:2\r\n");
    }

    #[test]
    fn read_only_batches_do_not_write_expired_rows() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        s.exec(&pipeline(&[&["SET", "a", "1", "PX", "1"]]), 0);
        std::thread::sleep(std::time::Duration::from_millis(5));
        s.exec(
            &pipeline(&[&["GET", "a"], &["EXISTS", "a"], &["TTL", "a"]]),
            0,
        );
        assert_eq!(s.replies(), b"$-1\r\n:0\r\n:-2\r\n");
        // The row is still there (reads never delete); the next write removes it.
        let rows: i64 = e.with_conn(|c| {
            c.query_row("SELECT count(*) FROM keys", [], |r| r.get(0))
                .unwrap()
        });
        assert_eq!(rows, 1);
        s.exec(&pipeline(&[&["SETNX", "a", "2"]]), 0);
        assert_eq!(s.replies(), b":1\r\n");
    }

    #[test]
    fn set_over_a_collection_drops_its_rows() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        e.with_conn(|c| {
            c.execute_batch("INSERT INTO keys (id, db, key, type) VALUES (7, 0, x'6c', 2); INSERT INTO lists VALUES (7, 1, x'78');").unwrap();
        });
        s.exec(
            &pipeline(&[
                &["GET", "l"],
                &["SET", "l", "v", "KEEPTTL"],
                &["TYPE", "l"],
                &["GET", "l"],
            ]),
            0,
        );
        assert_eq!(s.replies(), b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n+OK\r\n+string\r\n$1\r\nv\r\n");
        let rows: i64 = e.with_conn(|c| {
            c.query_row("SELECT count(*) FROM lists", [], |r| r.get(0))
                .unwrap()
        });
        assert_eq!(rows, 0);
    }

    #[test]
    fn copy_and_rename_carry_collections_and_ttl() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        e.with_conn(|c| {
            c.execute_batch("INSERT INTO keys (id, db, key, type) VALUES (9, 0, x'68', 5); INSERT INTO hashes VALUES (9, x'66', x'76');").unwrap();
        });
        s.exec(
            &pipeline(&[
                &["EXPIRE", "h", "100"],
                &["COPY", "h", "h2", "DB", "3"],
                &["RENAME", "h", "h3"],
                &["SELECT", "3"],
                &["TTL", "h2"],
                &["TYPE", "h2"],
            ]),
            0,
        );
        assert_eq!(s.replies(), b":1\r\n:1\r\n+OK\r\n+OK\r\n:100\r\n+hash\r\n");
        let rows: i64 = e.with_conn(|c| {
            c.query_row("SELECT count(*) FROM hashes", [], |r| r.get(0))
                .unwrap()
        });
        assert_eq!(rows, 2);
    }

    impl Engine {
        /// Direct access for tests that seed rows no command creates yet (collections).
        pub fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
            f(&self.connection())
        }
    }

    impl Session {
        pub fn engine(&self) -> &Arc<Engine> {
            &self.engine
        }
    }
}
