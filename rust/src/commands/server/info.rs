// INFO returns server facts as "field:value" lines grouped in sections.
// INFO [section [section ...]]
// https://redis.io/commands/info
//
// Sections and fields are fixed by docs/engine-contract.md so both engines agree.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

/// The Redis version sqlettuce claims (the Debian oracle's).
pub const REDIS_VERSION: &str = "7.0.15";

const SECTIONS: [&str; 4] = ["server", "clients", "sqlettuce", "keyspace"];

pub fn info(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let wanted: Vec<String> = args[1..]
        .iter()
        .map(|a| String::from_utf8_lossy(a).to_ascii_lowercase())
        .collect();
    let all = wanted.is_empty()
        || wanted
            .iter()
            .any(|w| matches!(w.as_str(), "default" | "all" | "everything"));
    let mut out = String::new();
    for section in SECTIONS {
        if !all && !wanted.iter().any(|w| w == section) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\r\n");
        }
        match section {
            "server" => server(ctx, &mut out),
            "clients" => clients(ctx, &mut out),
            "sqlettuce" => sqlettuce(ctx, &mut out),
            _ => keyspace(ctx, &mut out)?,
        }
    }
    // Text for people: a verbatim string in RESP3, as Redis 7.0 sends INFO.
    Ok(Reply::Verbatim(out.into_bytes()))
}

fn server(ctx: &Ctx, out: &mut String) {
    let s = ctx.server;
    let usec = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let up = s.started.elapsed().as_secs();
    out.push_str(&format!(
        "# Server\r\nredis_version:{REDIS_VERSION}\r\nredis_mode:standalone\r\nos:Linux\r\narch_bits:64\r\nprocess_id:{}\r\nrun_id:{}\r\ntcp_port:{}\r\nserver_time_usec:{usec}\r\nuptime_in_seconds:{up}\r\nuptime_in_days:{}\r\n",
        s.pid,
        s.run_id,
        s.port,
        up / 86400
    ));
}

fn clients(ctx: &Ctx, out: &mut String) {
    out.push_str(&format!(
        "# Clients\r\nconnected_clients:{}\r\nblocked_clients:0\r\nmaxclients:10000\r\n",
        ctx.server.connected_clients.load(Ordering::Relaxed)
    ));
}

fn sqlettuce(ctx: &Ctx, out: &mut String) {
    let s = ctx.server;
    let n = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let st = ctx.stats;
    let (crossings, commands, transactions) =
        (n(&st.crossings), n(&st.commands), n(&st.transactions));
    out.push_str(&format!(
        "# Sqlettuce\r\nengine:rust\r\ncrossing:{}\r\nsqlite_version:{}\r\ndb_path:{}\r\n\
         crossings:{crossings}\r\ncommands:{commands}\r\ntransactions:{transactions}\r\n\
         sqlite_statements:{}\r\ncommands_per_crossing:{}\r\ncommands_per_transaction:{}\r\n",
        s.crossing,
        s.sqlite_version,
        s.path,
        n(&st.statements),
        ratio(commands, crossings),
        ratio(commands, transactions),
    ));
}

/// a/b with two decimals, "0.00" when b is 0.
fn ratio(a: u64, b: u64) -> String {
    if b == 0 {
        "0.00".into()
    } else {
        format!("{:.2}", a as f64 / b as f64)
    }
}

fn keyspace(ctx: &Ctx, out: &mut String) -> Result<()> {
    out.push_str("# Keyspace\r\n");
    for (db, keys, expires) in ctx.store.keyspace(ctx.now)? {
        out.push_str(&format!(
            "db{db}:keys={keys},expires={expires},avg_ttl=0\r\n"
        ));
    }
    Ok(())
}
