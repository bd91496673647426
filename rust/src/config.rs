//! The settings CONFIG GET and CONFIG SET serve: the ones clients and test suites read or
//! change. Most are stored and reported only (sqlettuce has no eviction, no RDB, no
//! listpacks); `requirepass` turns authentication on, and the encoding thresholds decide
//! what OBJECT ENCODING reports. docs/engine-contract.md lists them; the Go engine keeps
//! the same table (go/internal/goengine/server_config.go).

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::RwLock;

use crate::errors::Error;

/// How a parameter's new value is checked, with Redis's reasons for refusing it.
#[derive(Clone, Copy)]
enum Kind {
    /// yes / no.
    Bool,
    /// An integer in [min, max].
    Int(i64, i64),
    /// A memory size: bytes, or a number with k/kb/m/mb/g/gb; stored as bytes.
    Memory,
    /// A memory size of at least this many bytes (the protocol limits).
    MemoryAtLeast(i64),
    /// client-output-buffer-limit: `class hard soft seconds` groups; a SET changes only
    /// the classes it names.
    OutputBufferLimits,
    /// One of these words (case-insensitive; stored lowercase).
    Enum(&'static [&'static str]),
    /// Any text.
    Text,
    /// Pairs of "seconds changes" (save).
    Save,
    /// Keyspace event classes, stored in Redis's canonical order.
    Events,
    /// Fixed at start.
    Immutable,
    /// Redis refuses it unless enable-protected-configs is set.
    Protected,
}

struct Param {
    name: &'static str,
    /// The old name Redis still accepts (ziplist -> listpack renames).
    alias: Option<&'static str>,
    kind: Kind,
    default: &'static str,
}

const fn p(name: &'static str, kind: Kind, default: &'static str) -> Param {
    Param {
        name,
        alias: None,
        kind,
        default,
    }
}

const fn aka(name: &'static str, alias: &'static str, kind: Kind, default: &'static str) -> Param {
    Param {
        name,
        alias: Some(alias),
        kind,
        default,
    }
}

const POLICIES: &[&str] = &[
    "volatile-lru",
    "volatile-lfu",
    "volatile-random",
    "volatile-ttl",
    "allkeys-lru",
    "allkeys-lfu",
    "allkeys-random",
    "noeviction",
];
const MAX: i64 = i64::MAX;
const UINT: i64 = 4294967295;
const INT: i64 = 2147483647;
const INT_MIN: i64 = -2147483648;

/// proto-max-bulk-len's default, 512 MB.
pub const DEFAULT_PROTO_MAX_BULK_LEN: i64 = 512 * 1024 * 1024;

/// SQLite's SQLITE_MAX_LENGTH as compiled (the default; the binary's one SQLite is
/// go-sqlite3's amalgamation, `cargo test` links Debian's, both built with it): no string
/// or blob, and no row, may be longer.
pub(crate) const SQLITE_MAX_LENGTH: i64 = 1_000_000_000;

/// Every parameter, in the order CONFIG GET replies them. `port` and `bind` take the
/// server's flags (Engine::open fills them in).
const PARAMS: &[Param] = &[
    p("save", Kind::Save, ""),
    p("appendonly", Kind::Bool, "no"),
    p(
        "appendfsync",
        Kind::Enum(&["everysec", "always", "no"]),
        "everysec",
    ),
    p("databases", Kind::Immutable, "16"),
    p("port", Kind::Immutable, "6379"),
    p("bind", Kind::Immutable, "127.0.0.1"),
    p("maxclients", Kind::Int(1, UINT), "10000"),
    p("timeout", Kind::Int(0, INT), "0"),
    p("requirepass", Kind::Text, ""),
    p("maxmemory", Kind::Memory, "0"),
    p("maxmemory-policy", Kind::Enum(POLICIES), "noeviction"),
    p("maxmemory-samples", Kind::Int(1, INT), "5"),
    p("notify-keyspace-events", Kind::Events, ""),
    aka(
        "hash-max-listpack-entries",
        "hash-max-ziplist-entries",
        Kind::Int(0, MAX),
        // Debian's redis-server 7.0.15 (the oracle) reports 512, not upstream's 128.
        "512",
    ),
    aka(
        "hash-max-listpack-value",
        "hash-max-ziplist-value",
        Kind::Int(0, MAX),
        "64",
    ),
    aka(
        "list-max-listpack-size",
        "list-max-ziplist-size",
        Kind::Int(INT_MIN, INT),
        "-2",
    ),
    p("list-compress-depth", Kind::Int(0, INT), "0"),
    p("set-max-intset-entries", Kind::Int(0, MAX), "512"),
    aka(
        "zset-max-listpack-entries",
        "zset-max-ziplist-entries",
        Kind::Int(0, MAX),
        "128",
    ),
    aka(
        "zset-max-listpack-value",
        "zset-max-ziplist-value",
        Kind::Int(0, MAX),
        "64",
    ),
    aka(
        "busy-reply-threshold",
        "lua-time-limit",
        Kind::Int(0, MAX),
        "5000",
    ),
    p("slowlog-log-slower-than", Kind::Int(-1, MAX), "10000"),
    p("slowlog-max-len", Kind::Int(0, MAX), "128"),
    p("latency-monitor-threshold", Kind::Int(0, MAX), "0"),
    p("latency-tracking", Kind::Bool, "yes"),
    p(
        "latency-tracking-info-percentiles",
        Kind::Text,
        "50 99 99.9",
    ),
    p(
        "loglevel",
        Kind::Enum(&["debug", "verbose", "notice", "warning", "nothing"]),
        "notice",
    ),
    p("hz", Kind::Int(0, INT), "10"),
    p("tcp-keepalive", Kind::Int(0, INT), "300"),
    p("lfu-log-factor", Kind::Int(0, INT), "10"),
    p("lfu-decay-time", Kind::Int(0, INT), "1"),
    p("lazyfree-lazy-eviction", Kind::Bool, "no"),
    p("lazyfree-lazy-expire", Kind::Bool, "no"),
    p("lazyfree-lazy-server-del", Kind::Bool, "no"),
    p("lazyfree-lazy-user-del", Kind::Bool, "no"),
    p("lazyfree-lazy-user-flush", Kind::Bool, "no"),
    p("activerehashing", Kind::Bool, "yes"),
    p("activedefrag", Kind::Bool, "no"),
    p("stop-writes-on-bgsave-error", Kind::Bool, "yes"),
    p("rdbcompression", Kind::Bool, "yes"),
    p("appendfilename", Kind::Immutable, "appendonly.aof"),
    p(
        "proto-max-bulk-len",
        Kind::MemoryAtLeast(1 << 20),
        "536870912",
    ),
    p(
        "client-query-buffer-limit",
        Kind::MemoryAtLeast(1 << 20),
        "1073741824",
    ),
    p(
        "client-output-buffer-limit",
        Kind::OutputBufferLimits,
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
    ),
    p("maxmemory-clients", Kind::Memory, "0"),
    p("replica-read-only", Kind::Bool, "yes"),
    p("io-threads", Kind::Immutable, "1"),
    p("cluster-enabled", Kind::Immutable, "no"),
    p("protected-mode", Kind::Bool, "yes"),
    p("dir", Kind::Protected, ""),
    p("dbfilename", Kind::Protected, "dump.rdb"),
];

/// The live settings, shared by every session.
pub struct Config {
    values: RwLock<Vec<String>>,
    /// requirepass is not empty: a new connection must AUTH first. Read for every
    /// command, so kept apart from the lock.
    auth_required: AtomicBool,
    /// proto-max-bulk-len, read by the parser for every argument: kept apart too.
    proto_max_bulk_len: AtomicI64,
}

fn find(name: &[u8]) -> Option<usize> {
    PARAMS.iter().position(|p| {
        name.eq_ignore_ascii_case(p.name.as_bytes())
            || p.alias
                .is_some_and(|a| name.eq_ignore_ascii_case(a.as_bytes()))
    })
}

/// A pattern without `[*?` names one parameter (Redis then echoes the name as the client
/// spelled it).
fn is_plain(pattern: &[u8]) -> bool {
    !pattern.iter().any(|c| matches!(c, b'*' | b'?' | b'['))
}

/// memtoull: digits then an optional unit (k 1000, kb 1024, m, mb, g, gb).
fn parse_memory(v: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(v).ok()?.to_ascii_lowercase();
    let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let mul: i64 = match &s[digits.len()..] {
        "" | "b" => 1,
        "k" => 1000,
        "kb" => 1024,
        "m" => 1000 * 1000,
        "mb" => 1024 * 1024,
        "g" => 1000 * 1000 * 1000,
        "gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse::<i64>().ok()?.checked_mul(mul)
}

/// keyspaceEventsStringToFlags then keyspaceEventsFlagsToString: the canonical text.
fn parse_events(v: &[u8]) -> Option<String> {
    const CLASSES: &[u8] = b"g$lshzxetdn";
    const ALL: &[u8] = b"g$lshzxetd";
    let mut on = [false; 11];
    let (mut k, mut e, mut m) = (false, false, false);
    for &c in v {
        match c {
            b'A' => ALL
                .iter()
                .for_each(|a| on[CLASSES.iter().position(|x| x == a).unwrap_or(0)] = true),
            b'K' => k = true,
            b'E' => e = true,
            b'm' => m = true,
            _ => on[CLASSES.iter().position(|&x| x == c)?] = true,
        }
    }
    let mut out = String::new();
    if on[..ALL.len()].iter().all(|&b| b) {
        out.push('A');
        if on[10] {
            out.push('n');
        }
    } else {
        for (i, &c) in CLASSES.iter().enumerate() {
            if on[i] {
                out.push(c as char);
            }
        }
    }
    for (flag, c) in [(k, 'K'), (e, 'E'), (m, 'm')] {
        if flag {
            out.push(c);
        }
    }
    Some(out)
}

/// Redis's save syntax: pairs of integers.
fn valid_save(v: &[u8]) -> bool {
    let s = String::from_utf8_lossy(v);
    let words: Vec<&str> = s.split_ascii_whitespace().collect();
    words.len().is_multiple_of(2)
        && words
            .iter()
            .all(|w| crate::numbers::parse_i64(w.as_bytes()).is_some_and(|n| n >= 0))
}

/// The client classes of client-output-buffer-limit, in the order CONFIG GET shows them
/// (`replica` is accepted for `slave`, as Redis does).
const BUFFER_CLASSES: [&str; 3] = ["normal", "slave", "pubsub"];

/// client-output-buffer-limit: checks `class hard soft seconds` groups and applies them
/// to `current` (classes not named keep their limits); Redis's error texts.
fn merge_output_limits(current: &str, v: &[u8]) -> Result<String, String> {
    let text = String::from_utf8_lossy(v);
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    if !words.len().is_multiple_of(4) {
        return Err("Wrong number of arguments in buffer limit configuration.".into());
    }
    let mut limits: Vec<String> = current
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|c| c[1..].join(" "))
        .collect();
    for group in words.chunks(4) {
        let class = match group[0].to_ascii_lowercase().as_str() {
            "replica" => "slave".to_string(),
            c => c.to_string(),
        };
        let Some(i) = BUFFER_CLASSES.iter().position(|&c| c == class) else {
            return Err("Invalid client class specified in buffer limit configuration.".into());
        };
        let hard = parse_memory(group[1].as_bytes());
        let soft = parse_memory(group[2].as_bytes());
        let seconds = crate::numbers::parse_i64(group[3].as_bytes()).filter(|&s| s >= 0);
        let (Some(hard), Some(soft), Some(seconds)) = (hard, soft, seconds) else {
            return Err(
                "Error in hard, soft or soft_seconds setting in buffer limit configuration.".into(),
            );
        };
        limits[i] = format!("{hard} {soft} {seconds}");
    }
    Ok(BUFFER_CLASSES
        .iter()
        .zip(&limits)
        .map(|(class, l)| format!("{class} {l}"))
        .collect::<Vec<_>>()
        .join(" "))
}

/// Checks one value against the current one; Ok is the text to store.
fn check(p: &Param, current: &str, v: &[u8]) -> Result<String, String> {
    let text = || String::from_utf8_lossy(v).into_owned();
    match p.kind {
        Kind::Bool => match v.to_ascii_lowercase().as_slice() {
            b"yes" | b"no" => Ok(String::from_utf8_lossy(&v.to_ascii_lowercase()).into()),
            _ => Err("argument must be 'yes' or 'no'".into()),
        },
        Kind::Int(min, max) => {
            let n = crate::numbers::parse_i64(v)
                .ok_or("argument couldn't be parsed into an integer")?;
            if n < min || n > max {
                return Err(format!(
                    "argument must be between {min} and {max} inclusive"
                ));
            }
            Ok(n.to_string())
        }
        Kind::Memory => parse_memory(v)
            .map(|n| n.to_string())
            .ok_or_else(|| "argument must be a memory value".into()),
        Kind::MemoryAtLeast(min) => match parse_memory(v) {
            Some(n) if n >= min => Ok(n.to_string()),
            _ => Err(format!(
                "argument must be between {min} and {} inclusive",
                i64::MAX
            )),
        },
        Kind::OutputBufferLimits => merge_output_limits(current, v),
        Kind::Enum(words) => {
            let lower = String::from_utf8_lossy(v).to_ascii_lowercase();
            if words.contains(&lower.as_str()) {
                Ok(lower)
            } else {
                Err(format!(
                    "argument(s) must be one of the following: {}",
                    words.join(", ")
                ))
            }
        }
        Kind::Text => Ok(text()),
        Kind::Save => {
            if valid_save(v) {
                Ok(String::from_utf8_lossy(v)
                    .split_ascii_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "))
            } else {
                Err("Invalid save parameters".into())
            }
        }
        Kind::Events => parse_events(v)
            .ok_or_else(|| "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".into()),
        Kind::Immutable => Err("can't set immutable config".into()),
        Kind::Protected => Err("can't set protected config".into()),
    }
}

impl Config {
    /// The defaults, with the server's own port, bind and working directory.
    pub fn new(port: u32, bind: &str) -> Config {
        let values = PARAMS
            .iter()
            .map(|p| match p.name {
                "port" => port.to_string(),
                "bind" => bind.to_string(),
                "dir" => std::env::current_dir()
                    .map(|d| d.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                _ => p.default.to_string(),
            })
            .collect();
        Config {
            values: RwLock::new(values),
            auth_required: AtomicBool::new(false),
            proto_max_bulk_len: AtomicI64::new(DEFAULT_PROTO_MAX_BULK_LEN),
        }
    }

    /// A parameter's value by its name or alias.
    pub fn get(&self, name: &str) -> Option<String> {
        let i = find(name.as_bytes())?;
        Some(self.read()[i].clone())
    }

    /// An integer parameter (the encoding thresholds); 0 if it is not one.
    pub fn int(&self, name: &str) -> i64 {
        self.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    /// proto-max-bulk-len: the longest bulk argument a client may send.
    pub fn proto_max_bulk_len(&self) -> i64 {
        self.proto_max_bulk_len.load(Ordering::Relaxed)
    }

    /// The longest string APPEND, SETRANGE, SETBIT and BITFIELD may make:
    /// proto-max-bulk-len, but never past what SQLite can store in one value
    /// ([SQLITE_MAX_LENGTH]). Raising proto-max-bulk-len past that would otherwise let
    /// SETBIT allocate gigabytes only to fail at the write (or abort the process when the
    /// allocation fails), where Redis's own limit error is the useful answer.
    pub fn max_string_len(&self) -> i64 {
        self.proto_max_bulk_len().min(SQLITE_MAX_LENGTH)
    }

    /// Whether connections must authenticate (requirepass is set).
    pub fn auth_required(&self) -> bool {
        self.auth_required.load(Ordering::Relaxed)
    }

    /// CONFIG GET: (name, value) for every parameter one of `patterns` matches, in the
    /// table's order; a name and its alias are separate entries.
    pub fn matching(&self, patterns: &[Vec<u8>]) -> Vec<(String, String)> {
        let values = self.read();
        let mut out = Vec::new();
        for (i, p) in PARAMS.iter().enumerate() {
            for name in std::iter::once(p.name).chain(p.alias) {
                let hit = patterns.iter().find(|pat| {
                    if is_plain(pat) {
                        pat.eq_ignore_ascii_case(name.as_bytes())
                    } else {
                        crate::glob::matches(pat, name.as_bytes(), true)
                    }
                });
                if let Some(pat) = hit {
                    let shown = if is_plain(pat) {
                        String::from_utf8_lossy(pat).into_owned()
                    } else {
                        name.to_string()
                    };
                    out.push((shown, values[i].clone()));
                }
            }
        }
        out
    }

    /// CONFIG SET with (name, value) pairs: all or nothing, like Redis.
    pub fn set(&self, pairs: &[(&[u8], &[u8])]) -> Result<(), Error> {
        let mut checked = Vec::new();
        for (j, (name, value)) in pairs.iter().enumerate() {
            let i = find(name).ok_or_else(|| Error::ConfigSetUnknown(name.to_vec()))?;
            if pairs[..j].iter().any(|(n, _)| find(n) == Some(i)) {
                return Err(Error::ConfigSetFailed(
                    name.to_vec(),
                    "duplicate parameter".into(),
                ));
            }
            let current = self.read()[i].clone();
            let v = check(&PARAMS[i], &current, value)
                .map_err(|why| Error::ConfigSetFailed(name.to_vec(), why))?;
            checked.push((i, v));
        }
        let mut values = self.values.write().unwrap_or_else(|p| p.into_inner());
        for (i, v) in checked {
            match PARAMS[i].name {
                "requirepass" => self.auth_required.store(!v.is_empty(), Ordering::Relaxed),
                "proto-max-bulk-len" => self.proto_max_bulk_len.store(
                    v.parse().unwrap_or(DEFAULT_PROTO_MAX_BULK_LEN),
                    Ordering::Relaxed,
                ),
                _ => {}
            }
            values[i] = v;
        }
        Ok(())
    }

    /// The password connections must give, when one is set.
    pub fn requirepass(&self) -> Option<String> {
        self.get("requirepass").filter(|p| !p.is_empty())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Vec<String>> {
        self.values.read().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_memory_normalize_like_redis() {
        assert_eq!(parse_events(b"KEA").unwrap(), "AKE");
        assert_eq!(parse_events(b"Ex").unwrap(), "xE");
        assert_eq!(parse_events(b"").unwrap(), "");
        assert!(parse_events(b"Q").is_none());
        assert_eq!(parse_memory(b"1gb"), Some(1 << 30));
        assert_eq!(parse_memory(b"10mb"), Some(10 << 20));
        assert_eq!(parse_memory(b"100"), Some(100));
        assert_eq!(parse_memory(b"abc"), None);
    }

    #[test]
    fn set_is_all_or_nothing() {
        let c = Config::new(6379, "127.0.0.1");
        assert!(c
            .set(&[(b"maxmemory", b"5"), (b"appendonly", b"maybe")])
            .is_err());
        assert_eq!(c.get("maxmemory").unwrap(), "0");
        c.set(&[(b"requirepass", b"x")]).unwrap();
        assert!(c.auth_required());
        assert_eq!(c.get("hash-max-ziplist-entries").unwrap(), "512");
    }

    #[test]
    fn protocol_limits_have_redis_floors() {
        let c = Config::new(6379, "127.0.0.1");
        assert!(c.set(&[(b"proto-max-bulk-len", b"1k")]).is_err());
        c.set(&[(b"proto-max-bulk-len", b"2mb")]).unwrap();
        assert_eq!(c.proto_max_bulk_len(), 2 << 20);
        assert!(c.set(&[(b"client-query-buffer-limit", b"100")]).is_err());
    }

    #[test]
    fn strings_never_outgrow_sqlite() {
        let c = Config::new(6379, "127.0.0.1");
        assert_eq!(c.max_string_len(), DEFAULT_PROTO_MAX_BULK_LEN);
        c.set(&[(b"proto-max-bulk-len", b"4gb")]).unwrap();
        assert_eq!(c.proto_max_bulk_len(), 4 << 30);
        assert_eq!(c.max_string_len(), SQLITE_MAX_LENGTH);
    }

    #[test]
    fn output_buffer_limits_merge_by_class() {
        let c = Config::new(6379, "127.0.0.1");
        c.set(&[(
            b"client-output-buffer-limit",
            b"PUBSUB 1mb 2k 3 replica 1 2 3",
        )])
        .unwrap();
        assert_eq!(
            c.get("client-output-buffer-limit").unwrap(),
            "normal 0 0 0 slave 1 2 3 pubsub 1048576 2000 3"
        );
        for bad in [
            &b"pubsub 1 2"[..],
            b"master 1 2 3",
            b"pubsub -1 2 3",
            b"pubsub 1 2 3x",
        ] {
            assert!(c.set(&[(b"client-output-buffer-limit", bad)]).is_err());
        }
        c.set(&[(b"client-output-buffer-limit", b"")]).unwrap();
    }
}
