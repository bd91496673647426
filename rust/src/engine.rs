//! The engine (the SQLite file and its connections, shared by every session) and the
//! session (one client: selected db, name, the parsed batch, the reusable reply buffer).
//!
//! Connections, each with one job:
//! - the **writer**: only Go's executor uses it. It runs a *group* (the write batches of
//!   several clients) in one transaction: `group_begin`, every batch's commands, then
//!   `group_commit`; replies are released only after COMMIT.
//! - the **readers** (a pool; none for `:memory:` or exclusive locking): a batch without
//!   a write command runs on one of them, in parallel with the writer (WAL).
//! - the **checkpointer**: copies the WAL into the database file (PASSIVE) when Go's
//!   background loop asks, so no client waits for a checkpoint.
//!
//! A batch's life: `begin` parses every complete command (bounded). If one of them
//! writes, nothing runs and the batch waits in the session for the executor's group;
//! otherwise it runs on a reader: `exec_next` per command, then `end`. The FFI offers
//! these steps one crossing each (`--crossing command`) or composed into one crossing per
//! batch and one per group (`--crossing batch`): the same code and the same transactions.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags};

use crate::clients::{ClientEntry, Clients, ConnInfo};
use crate::commands::{self, Command, Ctx};
use crate::config::Config;
use crate::errors::{Error, ProtocolError};
use crate::resp::reply::encode_error;
use crate::resp::{parse_command, Parsed, Reply};
use crate::store::{self, Store};
use crate::watch::Watches;

/// Most commands one batch runs, so one client cannot hold a group for long.
pub(crate) const MAX_BATCH_COMMANDS: usize = 10_000;
/// Input bytes after which no new command is started in this batch.
pub(crate) const MAX_BATCH_BYTES: usize = 4 << 20;
/// Reply bytes after which the batch stops (Action::More) and Go writes them before the
/// rest runs: a client that pipelines thousands of large GETs without reading its replies
/// holds one such buffer, not all of them (Go stops reading while its write blocks).
pub(crate) const MAX_BATCH_REPLY_BYTES: usize = 1 << 20;
/// Prepared statements kept per connection: every named query plus room for growth.
const STATEMENT_CACHE: usize = 256;
/// Page cache per connection (KiB). A benchmark's 100k keys fit: pages come from memory,
/// not from read() on the file.
const CACHE_KIB: i64 = 64 << 10;

/// What Go must do after the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Action {
    /// Keep reading; unconsumed input is an incomplete command.
    #[default]
    None = 0,
    /// Close after writing (QUIT, protocol error).
    Close = 1,
    /// Stopped at a bound with input left: call again with input[consumed..].
    More = 2,
    /// The batch writes: nothing ran; hand the session to the executor's next group.
    NeedsWriter = 3,
    /// A blocking command (BLPOP...) found every key empty: the batch stopped just before
    /// it (`consumed` is the command's start). `Session::blocked` says on what; Go waits
    /// for a key to become ready, then runs the input again from that command.
    Block = 4,
    /// A pub/sub command (SUBSCRIBE, PUBLISH, PUBSUB...): the batch stopped just before
    /// it (`consumed` is its first byte). Go runs it against its subscription registry
    /// (it alone sees every connection), then calls again with the input after it.
    PubSub = 5,
}

/// How the writer locks the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locking {
    /// Shared locks: the sqlite3 CLI and our reader connections can read the file.
    #[default]
    Normal,
    /// The writer holds the file exclusively: no shared-memory WAL index and no lock
    /// calls per transaction, but no reader connection (and no CLI) can open it.
    Exclusive,
}

/// appendfsync, as Redis users know it: when a committed group reaches the disk. A reply
/// always leaves after its group's COMMIT, so in every mode a killed process loses no
/// acknowledged write (the WAL is in the OS's page cache); the modes differ in what a
/// power cut or an OS crash can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fsync {
    /// `synchronous = FULL`: every COMMIT fsyncs the WAL before the replies leave.
    Always,
    /// `synchronous = NORMAL`: COMMIT does not fsync; checkpoints (Go runs one every
    /// 200 ms) fsync the WAL, then the file. A power cut loses at most the commits since the
    /// last checkpoint.
    #[default]
    Everysec,
    /// `synchronous = OFF`: SQLite never fsyncs; the OS writes back when it likes. A power
    /// cut can lose recent commits and, during a checkpoint, damage the file.
    No,
}

impl Fsync {
    /// The name CONFIG GET appendfsync and INFO report.
    pub fn name(self) -> &'static str {
        match self {
            Fsync::Always => "always",
            Fsync::Everysec => "everysec",
            Fsync::No => "no",
        }
    }

    /// A CONFIG SET / flag value (case-insensitive, as Redis).
    pub fn parse(value: &[u8]) -> Option<Fsync> {
        [Fsync::Always, Fsync::Everysec, Fsync::No]
            .into_iter()
            .find(|f| value.eq_ignore_ascii_case(f.name().as_bytes()))
    }

    fn pragma(self) -> &'static str {
        match self {
            Fsync::Always => "PRAGMA synchronous = FULL",
            Fsync::Everysec => "PRAGMA synchronous = NORMAL",
            Fsync::No => "PRAGMA synchronous = OFF",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub path: String,
    pub bind: String,
    pub port: u32,
    /// "batch" or "command": only reported by INFO.
    pub crossing: String,
    pub locking: Locking,
    /// Reader connections to open (0 for `:memory:` and exclusive locking, whatever this says).
    pub readers: usize,
    /// appendfsync at start; CONFIG SET appendfsync changes it (Engine::set_fsync).
    pub fsync: Fsync,
    /// The password clients must AUTH with (empty: none).
    pub requirepass: Vec<u8>,
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
    /// Every session's watched keys (WATCH), marked by the writer's triggers.
    pub watches: Arc<Watches>,
    /// Every open session (CLIENT LIST, CLIENT KILL, INFO clients).
    pub clients: Clients,
    /// Sessions opened since start.
    pub sessions_opened: AtomicU64,
    /// CONFIG GET/SET's settings, requirepass among them.
    pub config: Config,
    /// INFO's pubsub_channels and pubsub_patterns: channels with a subscriber and
    /// distinct patterns, as Go's registry counts them (sqlettuce_set_pubsub_counts).
    pub pubsub_channels: AtomicUsize,
    pub pubsub_patterns: AtomicUsize,
    rng: AtomicU64,
}

impl ServerInfo {
    /// Connections accepted since start (INFO's total_connections_received).
    pub fn connections_received(&self) -> u64 {
        self.sessions_opened.load(Ordering::Relaxed)
    }

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

/// Live counters for INFO's `# Sqlettuce`, `# Stats` and `# Commandstats` sections
/// (docs/engine-contract.md).
pub struct Stats {
    /// Calls from Go into this library that carry an engine or session handle.
    pub crossings: AtomicU64,
    /// Commands run (every reply counts one, errors included).
    pub commands: AtomicU64,
    /// SQLite transactions opened to run commands: one per read batch that touches the
    /// database, one per write group.
    pub transactions: AtomicU64,
    /// SQL statements run for commands (BEGIN and COMMIT included).
    pub statements: AtomicU64,
    /// INFO stats' keyspace_hits and keyspace_misses: read lookups (Redis's
    /// lookupKeyRead) that found the key, or not.
    pub keyspace_hits: AtomicU64,
    pub keyspace_misses: AtomicU64,
    /// INFO stats' expired_keys: keys deleted because their TTL passed (by a write that
    /// found them, or by the sweep).
    pub expired_keys: AtomicU64,
    /// INFO stats' rejected_connections: connections Go refused at maxclients.
    pub rejected_connections: AtomicU64,
    /// `ServerInfo::sessions_opened` when CONFIG RESETSTAT last ran: INFO's
    /// total_connections_received counts from there.
    pub connections_at_reset: AtomicU64,
    /// INFO commandstats, one per registry entry (`Command::index`); their calls add up to
    /// INFO's total_commands_processed.
    pub commands_by_name: Box<[CommandStats]>,
}

/// One command's line of INFO commandstats.
#[derive(Default)]
pub struct CommandStats {
    /// Times its handler ran to its end (a blocked BLPOP counts when it is served).
    pub calls: AtomicU64,
    /// Microseconds spent in its handler, SQL included (the monotonic clock around it).
    pub usec: AtomicU64,
    /// Refused before running: wrong arity, NOAUTH, subscribe mode.
    pub rejected: AtomicU64,
    /// Ran and replied an error.
    pub failed: AtomicU64,
}

impl Default for Stats {
    fn default() -> Stats {
        Stats {
            crossings: AtomicU64::new(0),
            commands: AtomicU64::new(0),
            transactions: AtomicU64::new(0),
            statements: AtomicU64::new(0),
            keyspace_hits: AtomicU64::new(0),
            keyspace_misses: AtomicU64::new(0),
            expired_keys: AtomicU64::new(0),
            rejected_connections: AtomicU64::new(0),
            connections_at_reset: AtomicU64::new(0),
            commands_by_name: (0..crate::commands::registry_len())
                .map(|_| CommandStats::default())
                .collect(),
        }
    }
}

impl Stats {
    pub fn crossing(&self) {
        self.crossings.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds what a command's store counted: read lookups that hit or missed, and
    /// expired keys it deleted.
    pub fn fold(&self, store: &crate::store::Store) {
        let (hits, misses, expired) = store.keyspace_counts();
        for (counter, n) in [
            (&self.keyspace_hits, hits),
            (&self.keyspace_misses, misses),
            (&self.expired_keys, expired),
        ] {
            if n > 0 {
                counter.fetch_add(n, Ordering::Relaxed);
            }
        }
    }

    /// Records one run of the command with registry index `index`.
    pub fn called(&self, index: usize, started: Instant, failed: bool) {
        let c = &self.commands_by_name[index];
        c.calls.fetch_add(1, Ordering::Relaxed);
        let usec = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        c.usec.fetch_add(usec, Ordering::Relaxed);
        if failed {
            c.failed.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Records a refusal of the command with registry index `index`.
    pub fn rejected(&self, index: usize) {
        self.commands_by_name[index]
            .rejected
            .fetch_add(1, Ordering::Relaxed);
    }

    /// INFO's total_commands_processed: every command's calls.
    pub fn commands_processed(&self) -> u64 {
        self.commands_by_name
            .iter()
            .map(|c| c.calls.load(Ordering::Relaxed))
            .sum()
    }

    /// CONFIG RESETSTAT: Redis's resetServerStats and resetCommandTableStats. `opened` is
    /// the sessions opened so far. sqlettuce's own counters (crossings, commands...)
    /// describe the engine since start and stay.
    pub fn reset(&self, opened: u64) {
        for c in [
            &self.keyspace_hits,
            &self.keyspace_misses,
            &self.expired_keys,
            &self.rejected_connections,
        ] {
            c.store(0, Ordering::Relaxed);
        }
        self.connections_at_reset.store(opened, Ordering::Relaxed);
        for c in self.commands_by_name.iter() {
            for n in [&c.calls, &c.usec, &c.rejected, &c.failed] {
                n.store(0, Ordering::Relaxed);
            }
        }
    }
}

/// The writer connection and the state of the group it is running.
struct Writer {
    conn: Connection,
    /// Why the open group cannot commit (BEGIN failed, or a failing statement rolled the
    /// transaction back): every batch of the group then replies this error.
    failed: Option<Error>,
    /// A group transaction is open (between group_begin and group_commit).
    in_group: bool,
    /// The appendfsync mode this connection's `synchronous` is set to.
    fsync: Fsync,
}

/// Reader connections not lent to a session. A session borrows one for a whole read
/// batch (its transaction spans several crossings in the per-command mode). Go bounds
/// the batches in flight to the pool size, so a borrower rarely waits.
struct ReaderPool {
    free: Mutex<Vec<Connection>>,
    returned: Condvar,
    size: usize,
}

impl ReaderPool {
    fn take(&self) -> Connection {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(c) = free.pop() {
                return c;
            }
            free = self.returned.wait(free).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn give_back(&self, conn: Connection) {
        // A panic may have left a transaction open on it.
        if !conn.is_autocommit() {
            let _ = conn.execute_batch("ROLLBACK");
        }
        self.free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(conn);
        self.returned.notify_one();
    }
}

pub struct Engine {
    writer: Mutex<Writer>,
    readers: ReaderPool,
    /// None for `:memory:` (no WAL) and exclusive locking (the writer checkpoints). With
    /// the appendfsync mode its `synchronous` is set to: it decides how checkpoints sync.
    checkpointer: Option<Mutex<(Connection, Fsync)>>,
    memory: bool,

    pub info: ServerInfo,
    pub stats: Stats,
    next_client_id: AtomicU64,
    /// The keys the last group made ready for blocked clients (sql/ready_keys.sql): Go's
    /// executor takes them after the group, before the next one.
    ready: Mutex<Vec<(i64, Vec<u8>)>>,
}

/// `PRAGMA wal_checkpoint(PASSIVE)` on conn: (frames in the WAL, frames now in the file).
fn passive_checkpoint(conn: &Connection) -> Result<(i64, i64), Error> {
    Ok(conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok((r.get(1)?, r.get(2)?))
    })?)
}

/// Reads and empties the writer's temp.ready_keys into `out` (sql/ready_keys_take.sql).
fn take_ready_keys(conn: &Connection, out: &mut Vec<(i64, Vec<u8>)>) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(crate::sql::READY_KEYS_TAKE)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, r.get(1)?));
    }
    Ok(())
}

/// Unix time in milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// What a connection is for: the pragmas differ a little.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Writer,
    Reader,
    Checkpointer,
}

/// Connection settings, in one place, applied to every connection at open.
fn apply_pragmas(
    conn: &Connection,
    role: Role,
    locking: Locking,
    fsync: Fsync,
) -> rusqlite::Result<()> {
    if role == Role::Writer {
        // For a new file only (an existing one keeps its page size). Every write group
        // appends each page it dirtied to the WAL and a checkpoint copies it back, and with
        // random keys nearly every SET dirties a page of its own: 1 KiB pages write a
        // quarter of SQLite's 4 KiB default per SET (measured: 35% more SETs/s at depth
        // 16), for one more B-tree level and values over ~1 KB spilling to overflow pages.
        conn.execute_batch("PRAGMA page_size = 1024")?;
        if locking == Locking::Exclusive {
            // Before WAL mode: the WAL index then lives in heap memory, not in a shared
            // -shm file, and no lock is taken or released per transaction.
            conn.query_row("PRAGMA locking_mode = EXCLUSIVE", [], |_| Ok(()))?;
        }
        // WAL: readers (ours, the sqlite3 CLI) never block the writer and the writer
        // never blocks them; a commit appends to the log instead of rewriting pages.
        // (An in-memory database answers "memory" and keeps its own journal.)
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // The collection tables reference keys(id) ON DELETE CASCADE: deleting a key must
        // delete its fields, elements and members.
        conn.execute_batch("PRAGMA foreign_keys = ON")?;
    }
    // appendfsync (Fsync): when commits and checkpoints fsync. The writer's setting
    // decides commits, the checkpointer's how checkpoints sync.
    conn.execute_batch(fsync.pragma())?;
    // Never checkpoint in the committing thread: SQLite's automatic checkpoint stalls
    // every client for milliseconds. Go's background loop calls Engine::checkpoint.
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?;
    // Temporary B-trees (RETURNING, sorting, DISTINCT) in memory, not in a temp file.
    conn.execute_batch("PRAGMA temp_store = MEMORY")?;
    // After a checkpoint lets the WAL restart, shrink a WAL a burst made large.
    conn.execute_batch("PRAGMA journal_size_limit = 67108864")?;
    if role != Role::Checkpointer {
        // Keep the working set in each connection's page cache.
        conn.execute_batch(&format!("PRAGMA cache_size = -{CACHE_KIB}"))?;
    }
    if role == Role::Reader {
        // Readers take pages of the database file straight from a memory map: no page
        // cache lookup and no copy per page (pages still in the WAL are read as usual).
        conn.execute_batch("PRAGMA mmap_size = 1073741824")?;
        // A reader never writes, even if a bug asks it to.
        conn.execute_batch("PRAGMA query_only = ON")?;
    }
    // Another process (a CLI user) may hold a lock for a moment: wait for it instead of
    // failing with SQLITE_BUSY.
    conn.busy_timeout(std::time::Duration::from_millis(5000))?;
    Ok(())
}

fn open_connection(path: &str) -> rusqlite::Result<Connection> {
    if path == ":memory:" {
        Connection::open_in_memory()
    } else {
        // NO_MUTEX: each connection is used by one thread at a time (our own locks).
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }
}

/// Refuses a file that is not sqlettuce's (sql/ownership.sql) before anything changes it.
fn check_ownership(conn: &Connection, path: &str) -> Result<(), String> {
    let ours: bool = conn
        .query_row(crate::sql::OWNERSHIP, [], |r| r.get(0))
        .map_err(|e| format!("read {path}: {e}"))?;
    if ours {
        return Ok(());
    }
    // The same text as the Go engine's.
    Err(format!(
        "{path} is a SQLite database sqlettuce did not create: it is left as it is. \
         Point --db at a new file, or at one sqlettuce made"
    ))
}

/// Brings a file from an older sqlettuce up to date, after the schema ran.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let has_elements: i64 = conn.query_row(crate::sql::HAS_KEYS_ELEMENTS, [], |r| r.get(0))?;
    if has_elements == 0 {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {} COMMIT;",
            crate::sql::MIGRATE_KEYS_ELEMENTS
        ))?;
    }
    Ok(())
}

impl Engine {
    /// Opens (and creates) the database, applies the schema and opens the readers and the
    /// checkpointer. ":memory:" is a private in-memory database on the writer alone.
    pub fn open(opts: &Options) -> Result<Arc<Engine>, String> {
        crate::vfs::register()
            .map_err(|rc| format!("register the WAL-gathering VFS: SQLite error {rc}"))?;
        let memory = opts.path == ":memory:";
        let conn = open_connection(&opts.path).map_err(|e| format!("open {}: {e}", opts.path))?;
        check_ownership(&conn, &opts.path)?;
        apply_pragmas(&conn, Role::Writer, opts.locking, opts.fsync)
            .map_err(|e| format!("pragmas: {e}"))?;
        crate::sql_functions::register(&conn).map_err(|e| format!("functions: {e}"))?;
        conn.execute_batch(crate::sql::SCHEMA)
            .map_err(|e| format!("schema: {e}"))?;
        conn.execute_batch(crate::sql::STAMP)
            .map_err(|e| format!("stamp: {e}"))?;
        migrate(&conn).map_err(|e| format!("migrate: {e}"))?;
        let watches = Arc::new(Watches::default());
        watches
            .install(&conn)
            .map_err(|e| format!("watch triggers: {e}"))?;
        conn.execute_batch(crate::sql::READY_KEYS)
            .map_err(|e| format!("ready keys: {e}"))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);

        let shared = !memory && opts.locking == Locking::Normal;
        let open_other = |role| -> Result<Connection, String> {
            let c = open_connection(&opts.path).map_err(|e| format!("open {}: {e}", opts.path))?;
            apply_pragmas(&c, role, opts.locking, opts.fsync)
                .map_err(|e| format!("pragmas: {e}"))?;
            crate::sql_functions::register(&c).map_err(|e| format!("functions: {e}"))?;
            c.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
            Ok(c)
        };
        let mut readers = Vec::new();
        if shared {
            for _ in 0..opts.readers {
                readers.push(open_other(Role::Reader)?);
            }
        }
        let checkpointer = if shared {
            Some(Mutex::new((open_other(Role::Checkpointer)?, opts.fsync)))
        } else {
            None
        };

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
            watches,
            clients: Clients::default(),
            sessions_opened: AtomicU64::new(0),
            config: Config::new(opts.port, &opts.bind),
            pubsub_channels: AtomicUsize::new(0),
            pubsub_patterns: AtomicUsize::new(0),
            rng: AtomicU64::new(seed),
        };
        info.config
            .set(&[
                (b"requirepass", &opts.requirepass),
                (b"appendfsync", opts.fsync.name().as_bytes()),
            ])
            .map_err(|e| String::from_utf8_lossy(&e.text()).into_owned())?;
        let run_id = (0..5)
            .map(|_| format!("{:08x}", info.random() as u32))
            .collect();
        Ok(Arc::new(Engine {
            writer: Mutex::new(Writer {
                conn,
                failed: None,
                in_group: false,
                fsync: opts.fsync,
            }),
            readers: ReaderPool {
                size: readers.len(),
                free: Mutex::new(readers),
                returned: Condvar::new(),
            },
            checkpointer,
            memory,
            info: ServerInfo { run_id, ..info },
            stats: Stats::default(),
            next_client_id: AtomicU64::new(1),
            ready: Mutex::new(Vec::new()),
        }))
    }

    /// How many read batches can run at once (0: every batch goes through the writer).
    pub fn readers(&self) -> usize {
        self.readers.size
    }

    /// The writer, recovering from a panic in an earlier call: the mutex is then poisoned
    /// and the transaction that call opened may still be open, so roll it back and fail
    /// the group it belonged to.
    fn writer(&self) -> MutexGuard<'_, Writer> {
        match self.writer.lock() {
            Ok(w) => w,
            Err(poisoned) => {
                self.writer.clear_poison();
                let mut w = poisoned.into_inner();
                if !w.conn.is_autocommit() {
                    let _ = w.conn.execute_batch("ROLLBACK");
                }
                if w.in_group {
                    w.failed = Some(Error::Internal("the engine panicked".into()));
                }
                w
            }
        }
    }

    /// Opens a group's write transaction. A failure is kept and becomes every reply of
    /// the group at group_commit.
    pub fn group_begin(&self) {
        let mut w = self.writer();
        if !w.conn.is_autocommit() {
            // A group left open (Go lost track after a panic): its replies never left.
            let _ = w.conn.execute_batch("ROLLBACK");
        }
        w.in_group = true;
        w.failed = None;
        let want = self.fsync();
        if w.fsync != want {
            // Outside any transaction, as SQLite requires for this pragma.
            match w.conn.execute_batch(want.pragma()) {
                Ok(()) => w.fsync = want,
                Err(e) => w.failed = Some(Error::Storage(e.to_string())),
            }
        }
        self.stats.transactions.fetch_add(1, Ordering::Relaxed);
        self.stats.statements.fetch_add(1, Ordering::Relaxed);
        if let Err(e) = w
            .conn
            .prepare_cached("BEGIN IMMEDIATE")
            .and_then(|mut s| s.execute([]))
        {
            w.failed = Some(Error::Storage(e.to_string()));
        }
    }

    /// Runs the next command of a session's batch inside the open group. False when the
    /// batch has no command left (or the group already failed: nothing more runs).
    fn group_exec_next(&self, w: &mut Writer, s: &mut Session) -> bool {
        if w.failed.is_some() || !w.in_group {
            return false;
        }
        let Some(lost) = s.run_next(Some(&w.conn)) else {
            return false;
        };
        if lost {
            w.failed = Some(Error::Storage(
                "the transaction was rolled back by a failing statement".into(),
            ));
        }
        true
    }

    /// Ends the group: COMMIT (or ROLLBACK if it failed). Returns the error every batch
    /// of the group must reply, if any.
    pub(crate) fn group_end(&self) -> Option<Error> {
        let mut w = self.writer();
        let was_open = std::mem::replace(&mut w.in_group, false);
        let mut failed = w.failed.take();
        if !was_open && failed.is_none() {
            failed = Some(Error::Internal("no group transaction is open".into()));
        }
        self.stats.statements.fetch_add(1, Ordering::Relaxed);
        let mut ready = self.ready.lock().unwrap_or_else(|p| p.into_inner());
        ready.clear();
        if failed.is_none() {
            // Inside the transaction: a group that fails to commit readied nothing.
            if let Err(e) = take_ready_keys(&w.conn, &mut ready) {
                failed = Some(Error::Storage(e.to_string()));
            }
        }
        if failed.is_none() {
            if let Err(e) = w
                .conn
                .prepare_cached("COMMIT")
                .and_then(|mut s| s.execute([]))
            {
                failed = Some(Error::CommitFailed(e.to_string()));
            }
        }
        if !w.conn.is_autocommit() {
            let _ = w.conn.execute_batch("ROLLBACK");
        }
        if let Some(Error::Storage(m)) = failed {
            // Nothing of the group is in the file: say so, like a failed COMMIT.
            failed = Some(Error::CommitFailed(m));
        }
        if failed.is_some() {
            ready.clear();
        }
        failed
    }

    /// The keys the last group made ready for blocked clients, as (db, key); emptied.
    pub fn take_ready(&self) -> Vec<(i64, Vec<u8>)> {
        std::mem::take(&mut *self.ready.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// One whole group in one call: begin, every session's batch, commit. Each session
    /// then holds its replies and outcome (see Session::outcome).
    pub fn exec_group(&self, sessions: &mut [&mut Session]) -> Vec<ExecOutcome> {
        self.group_begin();
        {
            let mut w = self.writer();
            for s in sessions.iter_mut() {
                while self.group_exec_next(&mut w, s) {}
            }
        }
        let failed = self.group_end();
        sessions
            .iter_mut()
            .map(|s| s.finish(failed.as_ref()))
            .collect()
    }

    /// Copies committed WAL frames into the database file without waiting for anyone
    /// (PASSIVE), on the checkpointer connection, in parallel with readers and the writer.
    /// Returns (frames in the WAL, frames now in the file); (-1, -1) when only the writer
    /// can checkpoint (exclusive locking), (0, 0) for `:memory:`.
    /// The appendfsync mode: CONFIG's value (CONFIG SET appendfsync changes it; the
    /// writer applies a change before its next group, the checkpointer before its next
    /// checkpoint).
    pub fn fsync(&self) -> Fsync {
        self.info
            .config
            .get("appendfsync")
            .and_then(|v| Fsync::parse(v.as_bytes()))
            .unwrap_or_default()
    }

    pub fn checkpoint(&self) -> Result<(i64, i64), Error> {
        match &self.checkpointer {
            Some(c) => {
                let mut c = c.lock().unwrap_or_else(|p| p.into_inner());
                let want = self.fsync();
                if c.1 != want {
                    c.0.execute_batch(want.pragma())?;
                    c.1 = want;
                }
                passive_checkpoint(&c.0)
            }
            None if self.memory => Ok((0, 0)),
            None => Ok((-1, -1)),
        }
    }

    /// A PASSIVE checkpoint on the writer, between groups (Go's executor calls it). It
    /// copies what the background checkpoint left (or, with exclusive locking, all of it).
    /// SQLite starts the WAL over only when a write transaction finds it fully copied,
    /// which a background checkpoint alone never sees while groups keep committing: this
    /// keeps the WAL from growing without bound.
    pub fn checkpoint_on_writer(&self) -> Result<(i64, i64), Error> {
        if self.memory {
            return Ok((0, 0));
        }
        let w = self.writer();
        if w.in_group {
            return Ok((-1, -1));
        }
        passive_checkpoint(&w.conn)
    }
    /// Deletes up to `max_keys` expired keys (the active half of expiry). Go calls it
    /// through the executor, between groups.
    pub fn sweep_expired(&self, max_keys: u32) -> Result<usize, Error> {
        let w = self.writer();
        if w.in_group {
            return Ok(0);
        }
        let n = Store::new(&w.conn).delete_expired(now_ms(), i64::from(max_keys))?;
        self.stats
            .expired_keys
            .fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
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
    /// RESP version of the replies: 2 (the default) or 3, switched by HELLO.
    pub protocol: u8,
    /// MULTI queue and WATCHed keys; `tx.reset` returns it to a new connection's state.
    pub tx: crate::commands::transaction::TxState,
    /// AUTH succeeded, or no password was required when the client connected.
    pub authenticated: bool,
    /// CLIENT REPLY's state.
    pub reply: ReplyMode,
    /// CLIENT NO-EVICT on (flag `e`); sqlettuce never evicts anyway.
    pub no_evict: bool,
    /// CLIENT NO-TOUCH on (flag `T`); sqlettuce keeps no access times anyway.
    pub no_touch: bool,
    /// The last command's full name, for CLIENT LIST's cmd= of this client.
    pub last_cmd: &'static str,
    /// Unix ms of the last command (CLIENT LIST's idle=).
    pub last_ms: i64,
    /// Ids CLIENT KILL chose in this batch: Go closes their connections after it.
    pub killed: Vec<u64>,
    /// This client in the engine's registry, where other sessions read it.
    pub entry: Arc<ClientEntry>,
    /// Set by a blocking command that found nothing to pop: the batch stops before it.
    /// Still set once the batch ended: the client waits in Go (flag `b`, counted in
    /// INFO's blocked_clients) until its next batch starts.
    pub blocked: Option<Blocked>,
    /// This session counts in `Clients::blocked` (see `Session::count_blocked`).
    counted_blocked: bool,
    /// Channels and patterns subscribed, as Go's registry counts them (Go sets them
    /// after each pub/sub command): CLIENT LIST's sub= and psub=. Above 0 in all the
    /// client has flag `P` and, in RESP2, is in subscribe mode.
    pub sub_channels: usize,
    pub sub_patterns: usize,
    /// Set by a pub/sub command: the batch stops before it and Go runs it.
    pub handoff: bool,
    /// CONFIG SET ran in this batch: Go re-reads the limits it enforces.
    pub config_changed: bool,
    /// The pub/sub commands EXEC ran, and RESET's unsubscribing, in order: Go runs them
    /// against its registry after the batch and writes what each replies at its offset
    /// in the batch's replies. The batch ends right after the command that made them.
    pub calls: Vec<PubSubCall>,
}

/// A pub/sub command the engine could not run itself in the middle of a reply (inside
/// EXEC), or RESET's leaving every subscription: Go runs it after the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PubSubCall {
    /// Where its output goes in the batch's replies (Reply::Deferred marks the place
    /// inside EXEC's array; RESET's goes before RESET's own reply).
    pub offset: usize,
    /// The client's RESP version when it ran (HELLO inside EXEC may switch it).
    pub protocol: u8,
    pub argv: Vec<Vec<u8>>,
}

/// CLIENT REPLY ON | OFF | SKIP.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum ReplyMode {
    #[default]
    On,
    /// No reply until CLIENT REPLY ON.
    Off,
    /// CLIENT REPLY SKIP ran: the next command's reply is dropped.
    SkipNext,
    /// The command running now is the one SKIP dropped.
    Skip,
}

impl ClientState {
    /// Channels and patterns subscribed in all.
    pub fn subscriptions(&self) -> usize {
        self.sub_channels + self.sub_patterns
    }

    /// RESP2 subscribe mode: only (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET
    /// run, and PING replies like a message (RESP3 has no such mode).
    pub fn subscribe_mode(&self) -> bool {
        self.subscriptions() > 0 && self.protocol == crate::resp::reply::RESP2
    }

    /// Redis's flag letters for CLIENT LIST, in its order (clientInfoString's:
    /// P x b ... e T).
    pub fn write_flags(&self, out: &mut String) {
        out.clear();
        if self.subscriptions() > 0 {
            out.push('P');
        }
        if self.tx.multi.is_some() {
            out.push('x');
        }
        if self.blocked.is_some() {
            out.push('b');
        }
        if self.no_evict {
            out.push('e');
        }
        if self.no_touch {
            out.push('T');
        }
        if out.is_empty() {
            out.push('N');
        }
    }

    /// Copies what other sessions may read into the registry entry (reusing its buffers).
    pub fn publish(&self) {
        let mut v = self.entry.view.lock().unwrap_or_else(|p| p.into_inner());
        self.fill_view(&mut v);
    }

    /// This client's CLIENT LIST fields.
    pub fn fill_view(&self, v: &mut crate::clients::ClientView) {
        v.db = self.db;
        v.sub = self.sub_channels as i64;
        v.psub = self.sub_patterns as i64;
        v.name.clone_from(&self.name);
        v.last_ms = self.last_ms;
        self.write_flags(&mut v.flags);
        v.cmd = if self.last_cmd.is_empty() {
            "NULL"
        } else {
            self.last_cmd
        };
        v.resp = i64::from(self.protocol);
        v.multi = self
            .tx
            .multi
            .as_ref()
            .map_or(-1, |q| q.commands.len() as i64);
    }

    /// RESET's connection state: db 0, no name, RESP2, CLIENT REPLY ON, no
    /// subscriptions (Go's registry drops them: commands::conn::reset hands it the
    /// call), and not authenticated when a password is required. MULTI and WATCH are
    /// reset by their own helper (TxState::reset).
    pub fn reset(&mut self, auth_required: bool) {
        self.sub_channels = 0;
        self.sub_patterns = 0;
        self.db = 0;
        self.name = None;
        self.protocol = crate::resp::reply::RESP2;
        self.reply = ReplyMode::On;
        self.no_touch = false;
        self.authenticated = !auth_required;
    }
}

/// What a blocked client waits for (see commands::blocking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    pub db: i64,
    pub keys: Vec<Vec<u8>>,
    /// Milliseconds from now; 0 waits forever.
    pub timeout_ms: i64,
    /// The reply when the timeout passes, encoded for this client's protocol.
    pub timeout_reply: Vec<u8>,
    /// The blocking command's input bytes: skipped when the timeout passes.
    pub command_len: usize,
}

/// The parsed batch waiting to run (or running) in a session.
#[derive(Default)]
struct Batch {
    /// Every complete command, in order.
    commands: Vec<Vec<Vec<u8>>>,
    /// Where each command starts and ends in the input (a blocked batch stops at one).
    spans: Vec<(usize, usize)>,
    /// The index of the command that blocked (or was handed to Go) and why: the batch
    /// ended just before it.
    stop_at: Option<(usize, Action)>,
    /// Each command's table entry (or the error that refuses it), resolved once at parse.
    resolved: Vec<crate::errors::Result<&'static Command>>,
    /// The next command to run.
    next: usize,
    /// Input bytes the commands (and a protocol error) took.
    consumed: usize,
    /// None, Close (QUIT, protocol error) or More (stopped at a bound).
    action: Action,
    /// Replied after the commands, then the connection closes.
    protocol_error: Option<ProtocolError>,
    /// Some command has the table's `write` flag.
    writes: bool,
    /// Some command reads or writes the database.
    uses_db: bool,
}

pub struct Session {
    engine: Arc<Engine>,
    pub client: ClientState,
    out: Vec<u8>,
    batch: Batch,
    /// The reader lent for the read batch in progress.
    reader: Option<Connection>,
}

/// What one batch did; the replies are in `Session::replies`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecOutcome {
    pub consumed: usize,
    pub commands: u32,
    pub action: Action,
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(r) = self.reader.take() {
            self.engine.readers.give_back(r);
        }
        let id = self.client.id;
        self.client.tx.reset(&self.engine.info.watches, id);
        self.client.blocked = None;
        self.count_blocked();
        self.engine.info.clients.unregister(id);
        self.engine
            .info
            .connected_clients
            .fetch_sub(1, Ordering::Relaxed);
    }
}

impl Session {
    pub fn new(engine: Arc<Engine>) -> Session {
        Session::with_conn(engine, ConnInfo::default())
    }

    /// A session for a connection from `conn` (CLIENT LIST shows its addresses).
    pub fn with_conn(engine: Arc<Engine>, conn: ConnInfo) -> Session {
        engine
            .info
            .connected_clients
            .fetch_add(1, Ordering::Relaxed);
        let id = engine.next_client_id.fetch_add(1, Ordering::Relaxed);
        engine.info.sessions_opened.fetch_add(1, Ordering::Relaxed);
        let now = now_ms();
        let entry = Arc::new(ClientEntry {
            id,
            conn,
            created_ms: now,
            ..Default::default()
        });
        engine.info.clients.register(Arc::clone(&entry));
        let client = ClientState {
            id,
            authenticated: !engine.info.config.auth_required(),
            protocol: crate::resp::reply::RESP2,
            last_ms: now,
            entry,
            ..Default::default()
        };
        client.publish();
        Session {
            engine,
            client,
            out: Vec::with_capacity(4096),
            batch: Batch::default(),
            reader: None,
        }
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// The replies of the last batch.
    pub fn replies(&self) -> &[u8] {
        &self.out
    }

    /// Parses every complete command at the start of `input` (at most `limit`) into the
    /// session's batch, and says where it must run. Nothing runs yet.
    fn parse(&mut self, input: &[u8], limit: usize) {
        self.out.clear();
        self.client.killed.clear();
        self.client.blocked = None;
        self.count_blocked();
        self.client.handoff = false;
        self.client.config_changed = false;
        self.client.calls.clear();
        let b = &mut self.batch;
        b.commands.clear();
        b.spans.clear();
        b.stop_at = None;
        b.resolved.clear();
        b.next = 0;
        b.action = Action::None;
        b.protocol_error = None;
        b.writes = false;
        b.uses_db = false;
        let mut routing = crate::commands::transaction::Routing::new(&self.client.tx);
        let max_bulk_len = self.engine.info.config.proto_max_bulk_len();
        let mut pos = 0;
        loop {
            if b.commands.len() >= limit || pos >= MAX_BATCH_BYTES {
                if pos < input.len() {
                    b.action = Action::More;
                }
                break;
            }
            match parse_command(&input[pos..], max_bulk_len) {
                Parsed::Command(argv, used) => {
                    pos += used;
                    if argv.is_empty() {
                        continue;
                    }
                    // QUIT: Redis stops reading this client's input after it.
                    let quit = argv[0].eq_ignore_ascii_case(b"quit");
                    let resolved = commands::lookup(&argv);
                    // What the command needs when it runs (inside MULTI: nothing yet).
                    let (writes, uses_db) = routing.command(&resolved);
                    b.writes |= writes;
                    b.uses_db |= uses_db;
                    b.resolved.push(resolved);
                    b.commands.push(argv);
                    b.spans.push((pos - used, pos));
                    if quit {
                        b.action = Action::Close;
                        pos = input.len();
                        break;
                    }
                }
                Parsed::Incomplete => break,
                Parsed::Error(e) => {
                    b.protocol_error = Some(e);
                    b.action = Action::Close;
                    pos = input.len();
                    break;
                }
            }
        }
        b.consumed = pos;
    }

    /// Starts a batch (at most `max_commands`, 0 meaning the engine's bound). If it
    /// writes, or needs the database and there is no reader, nothing runs and the outcome
    /// says NeedsWriter: the batch waits here for the executor's group. Otherwise a read
    /// batch starts: a reader is borrowed and its transaction opened if a command needs
    /// the database. `commands` says how many commands the batch holds.
    pub fn begin(&mut self, input: &[u8], max_commands: u32) -> ExecOutcome {
        let limit = match max_commands as usize {
            0 => MAX_BATCH_COMMANDS,
            n => n.min(MAX_BATCH_COMMANDS),
        };
        self.parse(input, limit);
        let b = &self.batch;
        let outcome = |action| ExecOutcome {
            consumed: b.consumed,
            commands: b.commands.len() as u32,
            action,
        };
        if b.writes || (b.uses_db && self.engine.readers() == 0) {
            return outcome(Action::NeedsWriter);
        }
        let result = outcome(b.action);
        if b.uses_db {
            let reader = self.engine.readers.take();
            let e = &self.engine;
            e.stats.transactions.fetch_add(1, Ordering::Relaxed);
            e.stats.statements.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = reader
                .prepare_cached("BEGIN")
                .and_then(|mut s| s.execute([]))
            {
                self.reader = Some(reader);
                self.fail_all(&Error::Storage(e.to_string()));
                return result;
            }
            self.reader = Some(reader);
        }
        result
    }

    /// Runs the next command of a read batch (on its reader), or of a write batch inside
    /// the writer's open group. False when no command is left.
    pub fn exec_next(&mut self) -> bool {
        if self.batch.next >= self.batch.commands.len() {
            return false;
        }
        if self.batch.writes || (self.batch.uses_db && self.reader.is_none()) {
            let engine = Arc::clone(&self.engine);
            let mut w = engine.writer();
            return engine.group_exec_next(&mut w, self);
        }
        let reader = self.reader.take();
        self.run_next(reader.as_ref());
        self.reader = reader;
        true
    }

    /// Ends a read batch: COMMIT its transaction, give the reader back, and return the
    /// outcome (the replies are in `replies()`).
    pub fn end(&mut self) -> ExecOutcome {
        if let Some(reader) = self.reader.take() {
            self.engine.stats.statements.fetch_add(1, Ordering::Relaxed);
            let _ = reader
                .prepare_cached("COMMIT")
                .and_then(|mut s| s.execute([]));
            self.engine.readers.give_back(reader);
        }
        self.finish(None)
    }

    /// A read batch in one call: begin, every command, end (the `--crossing batch` read
    /// path). NeedsWriter means nothing ran.
    pub fn exec_read(&mut self, input: &[u8], max_commands: u32) -> ExecOutcome {
        let started = self.begin(input, max_commands);
        if started.action == Action::NeedsWriter {
            return started;
        }
        while self.exec_next() {}
        self.end()
    }

    /// Runs a whole batch whatever it holds: on a reader, or as a group of its own on the
    /// writer. For tests and tools without Go's executor.
    pub fn exec(&mut self, input: &[u8], max_commands: u32) -> ExecOutcome {
        let r = self.exec_read(input, max_commands);
        if r.action != Action::NeedsWriter {
            return r;
        }
        let engine = Arc::clone(&self.engine);
        engine.exec_group(&mut [self])[0]
    }

    /// Runs the next parsed command on `conn` (None when the batch needs no database).
    /// Returns None when no command is left, else whether the command lost the
    /// transaction (a statement failure that made SQLite roll it back).
    fn run_next(&mut self, conn: Option<&Connection>) -> Option<bool> {
        let b = &mut self.batch;
        let argv = b.commands.get(b.next)?;
        let resolved = &b.resolved[b.next];
        b.next += 1;
        let engine = &self.engine;
        let mut lost = false;
        let now = now_ms();
        // CLIENT LIST's cmd=: the command when it exists (a wrong arity too), else NULL.
        self.client.last_cmd = match resolved {
            Err(Error::WrongArity(name)) => crate::table::static_name(name),
            Err(_) => "NULL",
            Ok(Command { info, .. }) => info.name.as_str(),
        };
        self.client.last_ms = now;
        // Redis's order: unknown command and arity (resolved is Err), then NOAUTH, then
        // RESP2 subscribe mode, then MULTI's queue. A command refused inside MULTI makes
        // EXEC abort.
        let refused = match resolved {
            Ok(Command { info, .. })
                if !self.client.authenticated
                    && !info.no_auth
                    && engine.info.config.auth_required() =>
            {
                Some(Error::NoAuth)
            }
            Ok(Command { info, .. })
                if self.client.subscribe_mode() && !commands::allowed_when_subscribed(info) =>
            {
                Some(Error::NotInSubscribeContext(info.name.clone()))
            }
            _ => None,
        };
        let calls_before = self.client.calls.len();
        // INFO commandstats' rejected_calls: a known command refused before it ran.
        match (resolved, &refused) {
            (Err(Error::WrongArity(name)), _) => {
                if let Some(c) = commands::by_name(name) {
                    engine.stats.rejected(c.index);
                }
            }
            (Ok(c), Some(_)) => engine.stats.rejected(c.index),
            _ => {}
        }
        let queued = if let (Some(e), Ok(c)) = (refused, resolved) {
            let id = self.client.id;
            Some(
                self.client
                    .tx
                    .reject(&engine.info.watches, id, &c.info.name, e),
            )
        } else {
            // Inside MULTI the command is queued (or refused), not run.
            crate::commands::transaction::intercept(
                &mut self.client,
                &engine.info.watches,
                argv,
                resolved,
            )
        };
        let reply = match (queued, resolved) {
            (Some(reply), _) => reply,
            (None, Err(e)) => Reply::Error(e.clone()),
            (
                None,
                Ok(Command {
                    handler: Some(handler),
                    info,
                    index,
                    ..
                }),
            ) => {
                let started = Instant::now();
                let mut ctx = Ctx {
                    store: Store::maybe(conn),
                    client: &mut self.client,
                    server: &engine.info,
                    stats: &engine.stats,
                    now,
                    cmd: info,
                };
                let r = handler(&mut ctx, argv).unwrap_or_else(Reply::Error);
                engine
                    .stats
                    .statements
                    .fetch_add(ctx.store.statements(), Ordering::Relaxed);
                engine.stats.fold(&ctx.store);
                let stop = if self.client.blocked.is_some() {
                    // Nothing to pop: the command did not happen. Stop the batch before
                    // it; Go runs it again when one of its keys becomes ready.
                    Some(Action::Block)
                } else if self.client.handoff {
                    // Go runs it, once: it counts as called here (INFO commandstats).
                    engine.stats.called(*index, started, false);
                    Some(Action::PubSub)
                } else {
                    None
                };
                if let Some(action) = stop {
                    let b = &mut self.batch;
                    b.stop_at = Some((b.next - 1, action));
                    b.next = b.commands.len();
                    return Some(false);
                }
                // A failing statement can make SQLite roll back the whole transaction
                // (I/O error, disk full): the batch, and its group, must not commit.
                if matches!(r, Reply::Error(Error::Storage(_)))
                    && conn.is_some_and(|c| c.is_autocommit())
                {
                    lost = true;
                }
                engine
                    .stats
                    .called(*index, started, matches!(r, Reply::Error(_)));
                r
            }
            (None, Ok(_)) => Reply::Error(Error::Internal("container without handler".into())),
        };
        // CLIENT REPLY: OFF drops every reply (error or not), SKIP the next one; the
        // command's own effect on the mode counts (REPLY ON replies, REPLY OFF does not).
        let start = self.out.len();
        let made_calls = self.client.calls.len() > calls_before;
        // Calls go where the command's reply starts (RESET's, or any whose reply is
        // dropped), unless its reply marks their place (EXEC's).
        for call in &mut self.client.calls[calls_before..] {
            call.offset = start;
        }
        match self.client.reply {
            ReplyMode::On if made_calls => {
                // EXEC ran pub/sub commands: note where each one's output goes.
                let mut marks = Vec::new();
                reply.encode_marked(&mut self.out, self.client.protocol, &mut marks);
                let calls = &mut self.client.calls[calls_before..];
                for (call, mark) in calls.iter_mut().zip(marks) {
                    call.offset = mark;
                }
            }
            ReplyMode::On => reply.encode_proto(&mut self.out, self.client.protocol),
            ReplyMode::Off => {}
            ReplyMode::Skip => self.client.reply = ReplyMode::On,
            ReplyMode::SkipNext => {
                // Set by the command that just ran (CLIENT REPLY SKIP): it replies
                // nothing itself, and the next command is skipped.
                self.client.reply = ReplyMode::Skip;
            }
        }
        let b = &mut self.batch;
        if made_calls && b.next < b.commands.len() && b.stop_at.is_none() {
            // Go runs the calls (and learns the subscription counts) before the rest.
            b.stop_at = Some((b.next, Action::More));
            b.next = b.commands.len();
        }
        if self.out.len() >= MAX_BATCH_REPLY_BYTES
            && b.next < b.commands.len()
            && b.stop_at.is_none()
        {
            // Enough replies for one write: the rest of the batch runs after Go sends them.
            b.stop_at = Some((b.next, Action::More));
            b.next = b.commands.len();
        }
        Some(lost)
    }

    /// Keeps `Clients::blocked` (INFO's blocked_clients) in step with `client.blocked`:
    /// a client counts from the end of the batch that blocked to the start of its next.
    fn count_blocked(&mut self) {
        let blocked = self.client.blocked.is_some();
        if blocked != self.client.counted_blocked {
            let n = &self.engine.info.clients.blocked;
            if blocked {
                n.fetch_add(1, Ordering::Relaxed);
            } else {
                n.fetch_sub(1, Ordering::Relaxed);
            }
            self.client.counted_blocked = blocked;
        }
    }

    /// Replaces the batch's replies with `err`, one per command, and skips what had not
    /// run: nothing of the batch happened.
    fn fail_all(&mut self, err: &Error) {
        self.out.clear();
        for _ in 0..self.batch.commands.len() {
            encode_error(err, &mut self.out);
        }
        self.batch.next = self.batch.commands.len();
    }

    /// Completes the batch: with `failed`, every reply becomes that error. Appends the
    /// protocol error (if any), counts the commands, and returns the outcome.
    pub(crate) fn finish(&mut self, failed: Option<&Error>) -> ExecOutcome {
        if let Some(err) = failed {
            // Nothing of the group happened, the block and the pub/sub calls included:
            // every command errs.
            self.batch.stop_at = None;
            self.client.blocked = None;
            self.client.calls.clear();
            self.fail_all(err);
        }
        self.count_blocked();
        let b = &mut self.batch;
        if let Some((at, action)) = b.stop_at.take() {
            // The blocking command and everything after it run again later, from its
            // first byte (a protocol error further on is found again then).
            let n = at;
            self.engine
                .stats
                .commands
                .fetch_add(n as u64, Ordering::Relaxed);
            let (consumed, end) = b.spans[at];
            if let Some(blocked) = self.client.blocked.as_mut() {
                blocked.command_len = end - consumed;
            }
            b.commands.clear();
            b.resolved.clear();
            b.protocol_error = None;
            b.next = 0;
            b.writes = false;
            b.uses_db = false;
            // CLIENT LIST shows it blocked (cmd=blpop, flag b), or what it ran so far.
            self.client.publish();
            return ExecOutcome {
                consumed,
                commands: n as u32,
                action,
            };
        }
        if let Some(e) = b.protocol_error.take() {
            encode_error(&Error::Protocol(e), &mut self.out);
        }
        self.client.publish();
        let n = b.commands.len();
        self.engine
            .stats
            .commands
            .fetch_add(n as u64, Ordering::Relaxed);
        b.commands.clear();
        b.resolved.clear();
        b.next = 0;
        b.writes = false;
        b.uses_db = false;
        ExecOutcome {
            consumed: b.consumed,
            commands: n as u32,
            action: if b.action == Action::NeedsWriter {
                Action::None
            } else {
                b.action
            },
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
            locking: Locking::Normal,
            readers: 2,
            fsync: Fsync::default(),
            requirepass: Vec::new(),
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
    fn keyspace_expiry_and_command_counters_follow_redis_and_resetstat_clears_them() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
        s.exec(
            &pipeline(&[
                &["SET", "a", "1"],
                &["SET", "gone", "1", "PX", "1"],
                &["SET", "swept", "1", "PX", "1"],
            ]),
            0,
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        // Reads count (MGET per key), writes do not; the write finds "gone" expired.
        s.exec(
            &pipeline(&[
                &["GET", "a"],
                &["MGET", "a", "nokey", "a"],
                &["EXISTS", "gone"],
                &["INCR", "a"],
                &["LPUSH", "gone", "x"],
                &["GET"],
                &["MULTI"],
                &["GET", "a"],
                &["HGET", "a", "f"],
                &["EXEC"],
            ]),
            0,
        );
        assert_eq!(n(&e.stats.keyspace_hits), 5);
        assert_eq!(n(&e.stats.keyspace_misses), 2);
        assert_eq!(n(&e.stats.expired_keys), 1);
        assert_eq!(e.sweep_expired(100).unwrap(), 1);
        assert_eq!(n(&e.stats.expired_keys), 2);
        let stat = |name: &str| {
            let c = &e.stats.commands_by_name[commands::by_name(name).unwrap().index];
            [&c.calls, &c.rejected, &c.failed].map(n)
        };
        // GET: once alone, once inside EXEC; the one without a key was refused.
        assert_eq!(stat("get"), [2, 1, 0]);
        assert_eq!(stat("hget"), [1, 0, 1]); // WRONGTYPE inside EXEC
        assert_eq!(stat("multi"), [1, 0, 0]);
        // SET x3, GET x2, MGET, EXISTS, INCR, LPUSH, MULTI, HGET, EXEC: not the refused
        // GET, nor the queueing of GET and HGET.
        assert_eq!(e.stats.commands_processed(), 12);
        s.exec(&pipeline(&[&["CONFIG", "RESETSTAT"]]), 0);
        assert_eq!(n(&e.stats.keyspace_hits), 0);
        assert_eq!(n(&e.stats.expired_keys), 0);
        assert_eq!(stat("get"), [0, 0, 0]);
        assert_eq!(e.stats.commands_processed(), 1); // RESETSTAT itself, as in Redis
        assert_eq!(n(&e.stats.commands), 14); // sqlettuce's own counter (replies) stays
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
            locking: Locking::Normal,
            readers: 2,
            fsync: Fsync::default(),
            requirepass: Vec::new(),
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

    /// A file from before keys.elements and zset_buckets (emulated by dropping both)
    /// gets exact counts and buckets when it is opened, and ranks and lengths work.
    #[test]
    fn an_old_file_is_migrated_on_open() {
        let dir = std::env::temp_dir().join(format!(
            "sqlettuce-migrate-{}-{}",
            std::process::id(),
            now_ms()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let opts = Options {
            path: dir.join("t.db").to_string_lossy().into_owned(),
            bind: "".into(),
            port: 0,
            crossing: "batch".into(),
            locking: Locking::Normal,
            readers: 2,
            fsync: Fsync::default(),
            requirepass: Vec::new(),
        };
        let members: Vec<String> = (0..3000).map(|i| format!("{i:05}")).collect();
        let mut zadd = vec!["ZADD".to_string(), "z".into()];
        for m in &members {
            zadd.extend([m.clone(), m.clone()]);
        }
        {
            let mut s = Session::new(Engine::open(&opts).unwrap());
            let zadd: Vec<&str> = zadd.iter().map(String::as_str).collect();
            s.exec(
                &pipeline(&[&zadd, &["RPUSH", "l", "a", "b"], &["HSET", "h", "f", "v"]]),
                0,
            );
            assert_eq!(s.replies(), b":3000\r\n:2\r\n:1\r\n");
        }
        let old = Connection::open(&opts.path).unwrap();
        old.execute_batch(
            "DROP TRIGGER zset_first_bucket; DROP TRIGGER zsets_bucket_add;
             DROP TRIGGER zsets_bucket_remove; DROP TRIGGER zsets_bucket_move;
             DROP TABLE zset_buckets; ALTER TABLE keys DROP COLUMN elements;",
        )
        .unwrap();
        drop(old);
        let e = Engine::open(&opts).unwrap();
        let mut s = Session::new(Arc::clone(&e));
        s.exec(
            &pipeline(&[
                &["ZCARD", "z"],
                &["ZRANK", "z", "02500"],
                &["ZREVRANK", "z", "00100"],
                &["ZRANGE", "z", "2999", "2999"],
                &["LLEN", "l"],
                &["HLEN", "h"],
            ]),
            0,
        );
        assert_eq!(
            s.replies(),
            b":3000\r\n:2500\r\n:2899\r\n*1\r\n$5\r\n02999\r\n:2\r\n:1\r\n"
        );
        assert_eq!(crate::commands::testing::miscounted_keys(&e), 0);
        drop((s, e));
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
            c.execute_batch("INSERT INTO keys (id, db, key, type, elements) VALUES (7, 0, x'6c', 2, 1); INSERT INTO lists VALUES (7, 1, x'78');").unwrap();
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
            c.execute_batch("INSERT INTO keys (id, db, key, type, elements) VALUES (9, 0, x'68', 5, 1); INSERT INTO hashes VALUES (9, x'66', x'76');").unwrap();
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

    #[test]
    fn a_write_batch_runs_nothing_until_its_group() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        // SELECT and CLIENT SETNAME must not take effect before the group runs the batch.
        let input = pipeline(&[
            &["SELECT", "3"],
            &["CLIENT", "SETNAME", "x"],
            &["SET", "a", "1"],
        ]);
        let r = s.begin(&input, 0);
        assert_eq!(r.action, Action::NeedsWriter);
        assert_eq!((r.commands, r.consumed), (3, input.len()));
        assert_eq!((s.client.db, s.client.name.clone()), (0, None));
        assert!(s.replies().is_empty());
        let r = e.exec_group(&mut [&mut s]);
        assert_eq!(r[0].action, Action::None);
        assert_eq!(s.replies(), b"+OK\r\n+OK\r\n+OK\r\n");
        assert_eq!(s.client.db, 3);
    }

    #[test]
    fn a_group_commits_once_for_every_session() {
        let e = memory_engine();
        let mut a = Session::new(Arc::clone(&e));
        let mut b = Session::new(Arc::clone(&e));
        a.begin(&pipeline(&[&["SET", "x", "1"], &["INCR", "x"]]), 0);
        b.begin(&pipeline(&[&["INCR", "x"], &["GET", "x"]]), 0);
        let out = e.exec_group(&mut [&mut a, &mut b]);
        assert_eq!(a.replies(), b"+OK\r\n:2\r\n");
        assert_eq!(b.replies(), b":3\r\n$1\r\n3\r\n");
        assert_eq!((out[0].commands, out[1].commands), (2, 2));
        assert_eq!(e.stats.transactions.load(Ordering::Relaxed), 1);
        assert_eq!(e.stats.commands.load(Ordering::Relaxed), 4);
    }

    #[test]
    fn a_failed_commit_fails_every_reply_of_the_group() {
        let e = memory_engine();
        let mut a = Session::new(Arc::clone(&e));
        let mut b = Session::new(Arc::clone(&e));
        a.begin(&pipeline(&[&["SET", "x", "1"]]), 0);
        b.begin(&pipeline(&[&["SET", "y", "1"], &["GET", "y"]]), 0);
        e.group_begin();
        // A deferred foreign-key violation makes COMMIT itself fail.
        e.with_conn(|c| {
            c.execute_batch(
                "PRAGMA defer_foreign_keys = ON; INSERT INTO hashes VALUES (999, x'66', x'76');",
            )
            .unwrap()
        });
        while a.exec_next() {}
        while b.exec_next() {}
        let failed = e.group_end();
        assert!(matches!(failed, Some(Error::CommitFailed(_))), "{failed:?}");
        a.finish(failed.as_ref());
        b.finish(failed.as_ref());
        let err = b"-ERR commit failed, nothing in this batch was applied: FOREIGN KEY constraint failed\r\n";
        assert_eq!(a.replies(), err);
        assert_eq!(b.replies(), [&err[..], &err[..]].concat());
        a.exec(&pipeline(&[&["EXISTS", "x", "y"]]), 0);
        assert_eq!(a.replies(), b":0\r\n");
    }

    #[test]
    fn set_and_incr_take_the_long_way_when_they_must() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        e.with_conn(|c| {
            c.execute_batch("INSERT INTO keys (id, db, key, type, elements) VALUES (7, 0, x'6c', 2, 1); INSERT INTO lists VALUES (7, 1, x'78');").unwrap();
        });
        let not_int = "-ERR value is not an integer or out of range\r\n";
        let steps: &[(&[&str], &str)] = &[
            (
                &["INCR", "l"],
                "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
            ),
            (&["SET", "l", "5"], "+OK\r\n"),
            (&["INCR", "l"], ":6\r\n"),
            (&["SET", "x", "+1"], "+OK\r\n"),
            (&["INCR", "x"], not_int),
            (&["SET", "x", "007"], "+OK\r\n"),
            (&["INCR", "x"], not_int),
            (&["SET", "x", "9223372036854775807"], "+OK\r\n"),
            (
                &["INCR", "x"],
                "-ERR increment or decrement would overflow\r\n",
            ),
            (&["SET", "t", "1", "PX", "1"], "+OK\r\n"),
            (&["SET", "u", "1", "EX", "100"], "+OK\r\n"),
            (&["INCRBY", "u", "4"], ":5\r\n"),
            (&["TTL", "u"], ":100\r\n"),
        ];
        for (argv, want) in steps {
            s.exec(&pipeline(&[argv]), 0);
            assert_eq!(String::from_utf8_lossy(s.replies()), *want, "{argv:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        // An expired key counts as missing, TTL gone.
        s.exec(&pipeline(&[&["INCR", "t"], &["TTL", "t"]]), 0);
        assert_eq!(s.replies(), b":1\r\n:-1\r\n");
        let rows: i64 = e.with_conn(|c| {
            c.query_row("SELECT count(*) FROM lists", [], |r| r.get(0))
                .unwrap()
        });
        assert_eq!(rows, 0);
    }

    #[test]
    fn a_blocking_command_with_nothing_to_pop_stops_the_batch_before_it() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        let first = pipeline(&[&["SET", "a", "1"]]);
        let blpop = pipeline(&[&["BLPOP", "q", "z", "1.5"]]);
        let input = [first.clone(), blpop.clone(), pipeline(&[&["GET", "a"]])].concat();
        let r = s.exec(&input, 0);
        assert_eq!(
            (r.action, r.consumed, r.commands),
            (Action::Block, first.len(), 1)
        );
        assert_eq!(s.replies(), b"+OK\r\n");
        let b = s.client.blocked.clone().unwrap();
        assert_eq!(b.keys, vec![b"q".to_vec(), b"z".to_vec()]);
        assert_eq!((b.db, b.timeout_ms, b.command_len), (0, 1500, blpop.len()));
        assert_eq!(b.timeout_reply, b"*-1\r\n");
        // A list created under a waited-for name is reported after the group, once.
        s.exec(&pipeline(&[&["RPUSH", "q", "x"], &["RPUSH", "q", "y"]]), 0);
        assert_eq!(e.take_ready(), vec![(0, b"q".to_vec())]);
        assert!(e.take_ready().is_empty());
        // Run again from the blocking command: it is served and the rest runs.
        let r = s.exec(&input[first.len()..], 0);
        assert_eq!(r.action, Action::None);
        assert_eq!(s.replies(), b"*2\r\n$1\r\nq\r\n$1\r\nx\r\n$1\r\n1\r\n");
        // Inside EXEC a blocking command never blocks.
        s.client.tx.in_exec = true;
        s.exec(
            &pipeline(&[
                &["BLPOP", "none", "0"],
                &["BLMOVE", "none", "d", "LEFT", "LEFT", "0"],
            ]),
            0,
        );
        assert_eq!(s.replies(), b"*-1\r\n$-1\r\n");
    }

    #[test]
    fn pubsub_commands_are_handed_to_go_and_subscribe_mode_refuses_others() {
        let mut s = Session::new(memory_engine());
        let ping = pipeline(&[&["PING"]]);
        let input = [ping.clone(), pipeline(&[&["SUBSCRIBE", "ch"], &["PING"]])].concat();
        let r = s.exec(&input, 0);
        assert_eq!(
            (r.action, r.consumed, r.commands),
            (Action::PubSub, ping.len(), 1)
        );
        s.client.sub_channels = 1;
        s.exec(&pipeline(&[&["GET", "k"], &["PING"], &["GET"]]), 0);
        assert_eq!(
            String::from_utf8_lossy(s.replies()),
            "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n*2\r\n$4\r\npong\r\n$0\r\n\r\n-ERR wrong number of arguments for 'get' command\r\n"
        );
    }

    /// Inside EXEC a pub/sub command is recorded for Go with its place in EXEC's array
    /// (nothing there yet), the batch ends right after EXEC, and a group that fails to
    /// commit records nothing.
    #[test]
    fn pubsub_inside_exec_becomes_calls_at_their_offsets() {
        let e = memory_engine();
        let mut s = Session::new(Arc::clone(&e));
        s.exec(
            &pipeline(&[
                &["MULTI"],
                &["SUBSCRIBE", "a", "b"],
                &["PUBLISH", "a", "x"],
                &["SET", "k", "v"],
            ]),
            0,
        );
        let exec = pipeline(&[&["EXEC"]]);
        let input = [exec.clone(), pipeline(&[&["GET", "k"]])].concat();
        let r = s.exec(&input, 0);
        assert_eq!(
            (r.action, r.consumed, r.commands),
            (Action::More, exec.len(), 1)
        );
        assert_eq!(s.replies(), b"*3\r\n+OK\r\n");
        let argv = |a: &[&str]| a.iter().map(|x| x.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(
            s.client.calls,
            vec![
                PubSubCall {
                    offset: 4,
                    protocol: 2,
                    argv: argv(&["SUBSCRIBE", "a", "b"])
                },
                PubSubCall {
                    offset: 4,
                    protocol: 2,
                    argv: argv(&["PUBLISH", "a", "x"])
                },
            ]
        );
        // The next batch starts clean.
        s.exec(&input[exec.len()..], 0);
        assert!(s.client.calls.is_empty());
        assert_eq!(s.replies(), b"$1\r\nv\r\n");

        // A watched key that changed: nothing runs, nothing is recorded.
        let mut other = Session::new(Arc::clone(&e));
        s.exec(
            &pipeline(&[&["WATCH", "k"], &["MULTI"], &["PUBLISH", "a", "x"]]),
            0,
        );
        other.exec(&pipeline(&[&["SET", "k", "w"]]), 0);
        s.exec(&exec, 0);
        assert_eq!(s.replies(), b"*-1\r\n");
        assert!(s.client.calls.is_empty());

        // A group that cannot commit: EXEC's reply is the error, and nothing is published.
        s.exec(
            &pipeline(&[&["MULTI"], &["SET", "k", "1"], &["PUBLISH", "a", "x"]]),
            0,
        );
        assert_eq!(s.begin(&exec, 0).action, Action::NeedsWriter);
        e.group_begin();
        e.with_conn(|c| {
            c.execute_batch(
                "PRAGMA defer_foreign_keys = ON; INSERT INTO hashes VALUES (999, x'66', x'76');",
            )
            .unwrap()
        });
        while s.exec_next() {}
        let failed = e.group_end();
        s.finish(failed.as_ref());
        assert!(s.client.calls.is_empty());
        assert!(s.replies().starts_with(b"-ERR commit failed"));
    }

    /// RESET of a subscribed client hands Go a call (before +RESET) that leaves every
    /// subscription; an unsubscribed client's RESET makes none.
    #[test]
    fn reset_of_a_subscribed_client_drops_its_subscriptions() {
        let mut s = Session::new(memory_engine());
        s.exec(&pipeline(&[&["RESET"]]), 0);
        assert!(s.client.calls.is_empty());
        s.client.sub_channels = 1;
        s.client.sub_patterns = 2;
        let r = s.exec(&pipeline(&[&["PING"], &["RESET"], &["PING"]]), 0);
        assert_eq!(s.replies(), b"*2\r\n$4\r\npong\r\n$0\r\n\r\n+RESET\r\n");
        assert_eq!(r.action, Action::More);
        assert_eq!(
            s.client.calls,
            vec![PubSubCall {
                offset: 20,
                protocol: 2,
                argv: vec![b"RESET".to_vec()]
            }]
        );
        assert_eq!(s.client.subscriptions(), 0);
    }

    /// CLIENT LIST shows a subscribed client's counts and flag P, a blocked client's flag
    /// b and cmd=blpop; INFO counts blocked clients until their next batch.
    #[test]
    fn client_list_and_info_show_subscribers_and_blocked_clients() {
        let e = memory_engine();
        let mut a = Session::new(Arc::clone(&e));
        let mut b = Session::new(Arc::clone(&e));
        let mut c = Session::new(Arc::clone(&e));
        a.client.sub_channels = 1;
        a.client.sub_patterns = 2;
        a.client.publish();
        assert_eq!(
            b.exec(&pipeline(&[&["BLPOP", "q", "0"]]), 0).action,
            Action::Block
        );
        let field = |s: &mut Session, args: &[&str], name: &str| -> Vec<String> {
            s.exec(&pipeline(&[args]), 0);
            String::from_utf8_lossy(s.replies())
                .split(['\n', '\r'])
                .flat_map(|l| l.split(' ').map(str::to_owned).collect::<Vec<_>>())
                .filter_map(|f| f.strip_prefix(&format!("{name}=")).map(str::to_owned))
                .collect()
        };
        assert_eq!(field(&mut c, &["CLIENT", "LIST"], "flags"), ["P", "b", "N"]);
        assert_eq!(field(&mut c, &["CLIENT", "LIST"], "sub"), ["1", "0", "0"]);
        assert_eq!(field(&mut c, &["CLIENT", "LIST"], "psub"), ["2", "0", "0"]);
        assert_eq!(field(&mut c, &["CLIENT", "LIST"], "cmd")[1], "blpop");
        assert_eq!(
            field(&mut c, &["CLIENT", "LIST", "TYPE", "pubsub"], "id"),
            [a.client.id.to_string()]
        );
        assert_eq!(
            field(&mut c, &["CLIENT", "LIST", "TYPE", "normal"], "id").len(),
            2
        );
        let info = |c: &mut Session| {
            c.exec(&pipeline(&[&["INFO"]]), 0);
            let text = String::from_utf8_lossy(c.replies()).into_owned();
            ["blocked_clients:", "pubsub_channels:", "pubsub_patterns:"].map(|f| {
                text.split(f)
                    .nth(1)
                    .unwrap()
                    .split('\r')
                    .next()
                    .unwrap()
                    .to_owned()
            })
        };
        e.info.pubsub_channels.store(3, Ordering::Relaxed);
        e.info.pubsub_patterns.store(1, Ordering::Relaxed);
        assert_eq!(info(&mut c), ["1", "3", "1"]);
        // The retry of a woken client starts a batch: no longer blocked.
        b.exec(&pipeline(&[&["PING"]]), 0);
        assert_eq!(info(&mut c), ["0", "3", "1"]);
        assert_eq!(field(&mut c, &["CLIENT", "LIST"], "flags")[1], "N");
        b.exec(&pipeline(&[&["BLPOP", "q", "0"]]), 0);
        assert_eq!(info(&mut c), ["1", "3", "1"]);
        drop(b);
        assert_eq!(info(&mut c), ["0", "3", "1"]);
    }

    impl Engine {
        /// Direct access for tests that seed rows or read the tables behind the commands.
        pub fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
            f(&self.writer().conn)
        }
    }
}
