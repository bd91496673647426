// INFO returns server facts as "field:value" lines grouped in sections.
// INFO [section [section ...]]
// https://redis.io/commands/info
//
// Sections and fields are fixed by docs/engine-contract.md so both engines agree: Redis's
// section names and the fields clients and tools read, plus sqlettuce's own section.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

/// The Redis version sqlettuce claims (the Debian oracle's).
pub const REDIS_VERSION: &str = "7.0.15";

/// Every section, in reply order; INFO with no argument (or default) gives them all but
/// commandstats, which all and everything add (as Redis 7.0).
const SECTIONS: [&str; 13] = [
    "server",
    "clients",
    "memory",
    "persistence",
    "stats",
    "replication",
    "cpu",
    "modules",
    "commandstats",
    "errorstats",
    "cluster",
    "sqlettuce",
    "keyspace",
];

pub fn info(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let wanted: Vec<String> = args[1..]
        .iter()
        .map(|a| String::from_utf8_lossy(a).to_ascii_lowercase())
        .collect();
    let all = wanted
        .iter()
        .any(|w| matches!(w.as_str(), "all" | "everything"));
    let default = all || wanted.is_empty() || wanted.iter().any(|w| w == "default");
    let mut out = String::new();
    for section in SECTIONS {
        let by_default = default && (all || section != "commandstats");
        if !by_default && !wanted.iter().any(|w| w == section) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\r\n");
        }
        let mut lines = Lines(&mut out);
        match section {
            "server" => server(ctx, &mut lines),
            "clients" => clients(ctx, &mut lines),
            "memory" => memory(ctx, &mut lines),
            "persistence" => persistence(ctx, &mut lines),
            "stats" => stats(ctx, &mut lines),
            "replication" => replication(ctx, &mut lines),
            "cpu" => cpu(&mut lines),
            "modules" => lines.header("Modules"),
            "commandstats" => commandstats(ctx, &mut lines),
            "errorstats" => lines.header("Errorstats"),
            "cluster" => {
                lines.header("Cluster");
                lines.kv("cluster_enabled", 0);
            }
            "sqlettuce" => sqlettuce(ctx, &mut lines),
            _ => keyspace(ctx, &mut lines)?,
        }
    }
    // Text for people: a verbatim string in RESP3, as Redis 7.0 sends INFO.
    Ok(Reply::Verbatim(out.into_bytes()))
}

/// Appends `# Name` and `field:value` lines, each ending \r\n.
struct Lines<'a>(&'a mut String);

impl Lines<'_> {
    fn header(&mut self, name: &str) {
        let _ = write!(self.0, "# {name}\r\n");
    }
    fn kv(&mut self, k: &str, v: impl std::fmt::Display) {
        let _ = write!(self.0, "{k}:{v}\r\n");
    }
}

fn server(ctx: &Ctx, l: &mut Lines) {
    let s = ctx.server;
    let usec = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let up = s.started.elapsed().as_secs();
    let hz = ctx.server.config.int("hz");
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    l.header("Server");
    l.kv("redis_version", REDIS_VERSION);
    l.kv("redis_git_sha1", "00000000");
    l.kv("redis_git_dirty", 0);
    l.kv("redis_build_id", 0);
    l.kv("redis_mode", "standalone");
    l.kv("os", "Linux");
    l.kv("arch_bits", 64);
    l.kv("monotonic_clock", "POSIX clock_gettime");
    l.kv("multiplexing_api", "epoll");
    l.kv("process_id", s.pid);
    l.kv("process_supervised", "no");
    l.kv("run_id", &s.run_id);
    l.kv("tcp_port", s.port);
    l.kv("server_time_usec", usec);
    l.kv("uptime_in_seconds", up);
    l.kv("uptime_in_days", up / 86400);
    l.kv("hz", hz);
    l.kv("configured_hz", hz);
    l.kv("executable", exe);
    l.kv("config_file", "");
    l.kv("io_threads_active", 0);
}

fn clients(ctx: &Ctx, l: &mut Lines) {
    let c = &ctx.server.clients;
    l.header("Clients");
    l.kv("connected_clients", c.count());
    l.kv("cluster_connections", 0);
    l.kv("maxclients", ctx.server.config.int("maxclients"));
    l.kv("client_recent_max_input_buffer", 0);
    l.kv("client_recent_max_output_buffer", 0);
    l.kv("blocked_clients", c.blocked.load(Ordering::Relaxed));
    l.kv("tracking_clients", 0);
    l.kv("clients_in_timeout_table", 0);
}

/// A field of /proc/self/status in bytes (`VmRSS:  1234 kB`), 0 if unreadable.
fn proc_status_bytes(file: &str, field: &str) -> u64 {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                let rest = l.strip_prefix(field)?.strip_prefix(':')?;
                let kb: u64 = rest.trim().trim_end_matches("kB").trim().parse().ok()?;
                Some(kb * 1024)
            })
        })
        .unwrap_or(0)
}

/// bytesToHuman: B, then K, M, G, T, P with two decimals.
pub fn human(n: u64) -> String {
    let units = [
        ('K', 1u64 << 10),
        ('M', 1 << 20),
        ('G', 1 << 30),
        ('T', 1 << 40),
        ('P', 1 << 50),
    ];
    if n < 1024 {
        return format!("{n}B");
    }
    let mut shown = format!("{:.2}K", n as f64 / 1024.0);
    for (u, size) in units {
        if n >= size {
            shown = format!("{:.2}{u}", n as f64 / size as f64);
        }
    }
    shown
}

fn memory(ctx: &Ctx, l: &mut Lines) {
    // The process's resident memory: SQLite's page caches are most of it, and they are
    // what a sqlettuce server's memory is for.
    let rss = proc_status_bytes("/proc/self/status", "VmRSS");
    let peak = proc_status_bytes("/proc/self/status", "VmHWM").max(rss);
    let total = proc_status_bytes("/proc/meminfo", "MemTotal");
    let maxmemory = ctx.server.config.int("maxmemory").max(0) as u64;
    l.header("Memory");
    l.kv("used_memory", rss);
    l.kv("used_memory_human", human(rss));
    l.kv("used_memory_rss", rss);
    l.kv("used_memory_rss_human", human(rss));
    l.kv("used_memory_peak", peak);
    l.kv("used_memory_peak_human", human(peak));
    l.kv("total_system_memory", total);
    l.kv("total_system_memory_human", human(total));
    l.kv("maxmemory", maxmemory);
    l.kv("maxmemory_human", human(maxmemory));
    l.kv(
        "maxmemory_policy",
        ctx.server
            .config
            .get("maxmemory-policy")
            .unwrap_or_default(),
    );
    l.kv("mem_fragmentation_ratio", "1.00");
    l.kv("mem_allocator", "libc");
    l.kv("lazyfree_pending_objects", 0);
}

fn persistence(ctx: &Ctx, l: &mut Lines) {
    // Every write is committed to the SQLite file before its reply: nothing is ever
    // pending a save, and there is no fork.
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .saturating_sub(ctx.server.started.elapsed().as_secs());
    let aof = u8::from(ctx.server.config.get("appendonly").as_deref() == Some("yes"));
    l.header("Persistence");
    l.kv("loading", 0);
    l.kv("async_loading", 0);
    l.kv("rdb_changes_since_last_save", 0);
    l.kv("rdb_bgsave_in_progress", 0);
    l.kv("rdb_last_save_time", started);
    l.kv("rdb_last_bgsave_status", "ok");
    l.kv("rdb_last_bgsave_time_sec", -1);
    l.kv("rdb_current_bgsave_time_sec", -1);
    l.kv("rdb_saves", 0);
    l.kv("aof_enabled", aof);
    l.kv("aof_rewrite_in_progress", 0);
    l.kv("aof_rewrite_scheduled", 0);
    l.kv("aof_last_rewrite_time_sec", -1);
    l.kv("aof_current_rewrite_time_sec", -1);
    l.kv("aof_last_bgrewrite_status", "ok");
    l.kv("aof_rewrites", 0);
    l.kv("aof_last_write_status", "ok");
    l.kv("module_fork_in_progress", 0);
}

fn stats(ctx: &Ctx, l: &mut Lines) {
    let st = ctx.stats;
    let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
    l.header("Stats");
    l.kv(
        "total_connections_received",
        ctx.server
            .connections_received()
            .saturating_sub(n(&st.connections_at_reset)),
    );
    l.kv("total_commands_processed", st.commands_processed());
    for field in [
        "instantaneous_ops_per_sec",
        "total_net_input_bytes",
        "total_net_output_bytes",
    ] {
        l.kv(field, 0);
    }
    l.kv("rejected_connections", n(&st.rejected_connections));
    l.kv("expired_keys", n(&st.expired_keys));
    l.kv("evicted_keys", 0);
    l.kv("evicted_clients", 0);
    l.kv("keyspace_hits", n(&st.keyspace_hits));
    l.kv("keyspace_misses", n(&st.keyspace_misses));
    let server = ctx.server;
    l.kv(
        "pubsub_channels",
        server.pubsub_channels.load(Ordering::Relaxed),
    );
    l.kv(
        "pubsub_patterns",
        server.pubsub_patterns.load(Ordering::Relaxed),
    );
    for field in ["latest_fork_usec", "total_forks", "total_error_replies"] {
        l.kv(field, 0);
    }
}

/// One line per command called (or refused) since start or CONFIG RESETSTAT, by name.
fn commandstats(ctx: &Ctx, l: &mut Lines) {
    l.header("Commandstats");
    let mut lines: Vec<(&str, [u64; 4])> = crate::commands::registered()
        .filter_map(|c| {
            let s = &ctx.stats.commands_by_name[c.index];
            let v = [&s.calls, &s.usec, &s.rejected, &s.failed].map(|n| n.load(Ordering::Relaxed));
            (v[0] + v[2] + v[3] > 0).then_some((c.info.name.as_str(), v))
        })
        .collect();
    lines.sort_unstable_by_key(|(name, _)| *name);
    for (name, [calls, usec, rejected, failed]) in lines {
        let per_call = if calls == 0 {
            0.0
        } else {
            usec as f64 / calls as f64
        };
        l.kv(
            &format!("cmdstat_{name}"),
            format!(
                "calls={calls},usec={usec},usec_per_call={per_call:.2},rejected_calls={rejected},failed_calls={failed}"
            ),
        );
    }
}

fn replication(ctx: &Ctx, l: &mut Lines) {
    l.header("Replication");
    l.kv("role", "master");
    l.kv("connected_slaves", 0);
    l.kv("master_failover_state", "no-failover");
    l.kv("master_replid", &ctx.server.run_id);
    l.kv("master_replid2", "0".repeat(40));
    l.kv("master_repl_offset", 0);
    l.kv("second_repl_offset", -1);
    l.kv("repl_backlog_active", 0);
    l.kv("repl_backlog_size", 1048576);
    l.kv("repl_backlog_first_byte_offset", 0);
    l.kv("repl_backlog_histlen", 0);
}

/// utime and stime of /proc/self/stat, in seconds (clock ticks of 1/100 s).
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at state (field 3).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    (tick(11), tick(12))
}

fn cpu(l: &mut Lines) {
    let (user, sys) = cpu_seconds();
    l.header("CPU");
    l.kv("used_cpu_sys", format!("{sys:.6}"));
    l.kv("used_cpu_user", format!("{user:.6}"));
    l.kv("used_cpu_sys_children", "0.000000");
    l.kv("used_cpu_user_children", "0.000000");
}

fn sqlettuce(ctx: &Ctx, l: &mut Lines) {
    let s = ctx.server;
    let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let st = ctx.stats;
    let (crossings, commands, transactions) =
        (n(&st.crossings), n(&st.commands), n(&st.transactions));
    l.header("Sqlettuce");
    l.kv("engine", "rust");
    l.kv("crossing", &s.crossing);
    l.kv("sqlite_version", &s.sqlite_version);
    l.kv("db_path", &s.path);
    l.kv("crossings", crossings);
    l.kv("commands", commands);
    l.kv("transactions", transactions);
    l.kv("sqlite_statements", n(&st.statements));
    l.kv("commands_per_crossing", ratio(commands, crossings));
    l.kv("commands_per_transaction", ratio(commands, transactions));
}

/// a/b with two decimals, "0.00" when b is 0.
fn ratio(a: u64, b: u64) -> String {
    if b == 0 {
        "0.00".into()
    } else {
        format!("{:.2}", a as f64 / b as f64)
    }
}

fn keyspace(ctx: &Ctx, l: &mut Lines) -> Result<()> {
    l.header("Keyspace");
    for (db, keys, expires) in ctx.store.keyspace(ctx.now)? {
        l.kv(
            &format!("db{db}"),
            format!("keys={keys},expires={expires},avg_ttl=0"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn human_sizes_like_redis() {
        assert_eq!(super::human(1000), "1000B");
        assert_eq!(super::human(1024), "1.00K");
        assert_eq!(super::human(1386712), "1.32M");
        assert_eq!(super::human(25276203008), "23.54G");
    }
}
