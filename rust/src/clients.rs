//! The client registry: every open session, for CLIENT LIST, CLIENT KILL and INFO's
//! clients section. A session owns its ClientState; what other sessions may read of it is
//! published into the session's registry entry when each batch ends (a reused buffer, no
//! allocation once warm), so CLIENT LIST never touches another session's live state.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Where a client connected from, as Go's listener saw it.
#[derive(Debug, Clone, Default)]
pub struct ConnInfo {
    /// The peer, `ip:port`.
    pub addr: String,
    /// Our end, `ip:port`.
    pub laddr: String,
    /// The socket's file descriptor (-1 when unknown).
    pub fd: i64,
}

/// What CLIENT LIST shows of a client that may change while it runs.
#[derive(Debug, Clone)]
pub struct ClientView {
    pub name: Option<Vec<u8>>,
    pub db: i64,
    /// Unix ms of the last command.
    pub last_ms: i64,
    /// Redis's flag letters (`N` when none).
    pub flags: String,
    pub sub: i64,
    pub psub: i64,
    pub ssub: i64,
    /// Commands queued in MULTI, -1 outside MULTI.
    pub multi: i64,
    /// The last command's full name (`client|list`), "NULL" before the first.
    pub cmd: &'static str,
    pub resp: i64,
}

impl Default for ClientView {
    fn default() -> Self {
        ClientView {
            name: None,
            db: 0,
            last_ms: 0,
            flags: String::from("N"),
            sub: 0,
            psub: 0,
            ssub: 0,
            multi: -1,
            cmd: "NULL",
            resp: 2,
        }
    }
}

/// One client in the registry.
#[derive(Debug, Default)]
pub struct ClientEntry {
    pub id: u64,
    pub conn: ConnInfo,
    /// Unix ms when the session opened.
    pub created_ms: i64,
    pub view: Mutex<ClientView>,
    /// CLIENT KILL chose it: Go closes the connection; it no longer lists or counts.
    pub killed: AtomicBool,
}

impl ClientEntry {
    /// The CLIENT LIST / CLIENT INFO line (without the trailing newline), in Redis 7.0's
    /// field order. Buffer figures are fixed, plausible values: the Go server owns the
    /// socket buffers and reads into one reused 16 KiB buffer per client.
    pub fn line(&self, v: &ClientView, now_ms: i64) -> String {
        let name = v
            .name
            .as_deref()
            .map(String::from_utf8_lossy)
            .unwrap_or_default();
        format!(
            "id={} addr={} laddr={} fd={} name={} age={} idle={} flags={} db={} sub={} psub={} ssub={} multi={} qbuf=0 qbuf-free=16384 argv-mem=0 multi-mem=0 rbs=16384 rbp=16384 obl=0 oll=0 omem=0 tot-mem=20480 events=r cmd={} user=default redir=-1 resp={}",
            self.id,
            self.conn.addr,
            self.conn.laddr,
            self.conn.fd,
            name,
            (now_ms - self.created_ms).max(0) / 1000,
            (now_ms - v.last_ms).max(0) / 1000,
            v.flags,
            v.db,
            v.sub,
            v.psub,
            v.ssub,
            v.multi,
            v.cmd,
            v.resp,
        )
    }
}

/// Every open session, by id.
#[derive(Default)]
pub struct Clients {
    map: Mutex<BTreeMap<u64, Arc<ClientEntry>>>,
    /// INFO's blocked_clients: sessions whose last batch ended in a blocking command
    /// (Session::count_blocked keeps it).
    pub blocked: AtomicUsize,
}

impl Clients {
    pub fn register(&self, entry: Arc<ClientEntry>) {
        self.lock().insert(entry.id, entry);
    }

    pub fn unregister(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Every client not killed, in id order.
    pub fn all(&self) -> Vec<Arc<ClientEntry>> {
        self.lock()
            .values()
            .filter(|e| !e.killed.load(Ordering::Relaxed))
            .cloned()
            .collect()
    }

    /// Open connections, killed ones left out (INFO's connected_clients).
    pub fn count(&self) -> usize {
        self.lock()
            .values()
            .filter(|e| !e.killed.load(Ordering::Relaxed))
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, Arc<ClientEntry>>> {
        self.map.lock().unwrap_or_else(|p| p.into_inner())
    }
}
