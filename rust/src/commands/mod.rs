//! The one registry: command name -> handler. Arity, flags and key positions come from
//! the command table (spec/commands.json via table.rs); this file only adds the handler
//! and whether the command touches the database (so a batch of PINGs opens no
//! transaction). Handlers take the arguments and a context, and return a reply value or
//! an error value; the engine encodes both.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::engine::{ClientState, ServerInfo, Stats};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, Entry, KeyType, Store};
use crate::table::{table, CommandInfo};

pub mod bitmap;
pub mod blocking;
pub mod conn;
pub mod cursor;
pub mod hash;
pub mod key;
pub mod list;
pub mod pubsub;
pub mod sample;
pub mod server;
pub mod set;
pub mod string;
#[cfg(test)]
pub mod testing;
pub mod transaction;
pub mod zset;

/// What a handler sees: the store (inside the batch's transaction), the client's state,
/// the server's facts, and the clock read once for this command.
pub struct Ctx<'a> {
    pub store: Store<'a>,
    pub client: &'a mut ClientState,
    pub server: &'a ServerInfo,
    /// The engine's live counters (INFO).
    pub stats: &'a Stats,
    /// Unix milliseconds, read once at the command's start.
    pub now: i64,
    pub cmd: &'static CommandInfo,
}

impl Ctx<'_> {
    pub fn db(&self) -> i64 {
        self.client.db
    }

    /// The live key, without its value.
    pub fn lookup(&self, key: &[u8], access: Access) -> Result<Option<Entry>> {
        self.store
            .lookup(self.client.db, key, self.now, access, false)
    }

    /// The live key with its value; WRONGTYPE if it is not a string.
    pub fn lookup_string(&self, key: &[u8], access: Access) -> Result<Option<Entry>> {
        match self
            .store
            .lookup(self.client.db, key, self.now, access, true)?
        {
            Some(e) if e.kind != KeyType::String => Err(Error::WrongType),
            other => Ok(other),
        }
    }
}

impl Ctx<'_> {
    /// The live key when it holds `kind` (a collection type); WRONGTYPE for another type.
    pub fn lookup_kind(&self, key: &[u8], kind: KeyType, access: Access) -> Result<Option<Entry>> {
        match self
            .store
            .lookup(self.client.db, key, self.now, access, false)?
        {
            Some(e) if e.kind != kind => Err(Error::WrongType),
            other => Ok(other),
        }
    }
}

pub type Handler = fn(&mut Ctx, &[Vec<u8>]) -> Result<Reply>;

/// A registered command: its table entry and its handler (None for containers like
/// CLIENT, whose subcommands have the handlers).
pub struct Command {
    pub info: &'static CommandInfo,
    pub handler: Option<Handler>,
    /// Needs the database (and so a transaction).
    pub uses_db: bool,
    /// Its place in the registry: its INFO commandstats entry (`Stats::commands_by_name`).
    pub index: usize,
}

/// Every implemented command: full name, handler, uses the database.
const HANDLERS: &[(&str, Handler, bool)] = &[
    // connection
    ("ping", conn::ping::ping, false),
    ("echo", conn::echo::echo, false),
    ("quit", conn::quit::quit, false),
    ("select", conn::select::select, false),
    ("hello", conn::hello::hello, false),
    ("client|id", conn::client::id, false),
    ("client|setname", conn::client::setname, false),
    ("client|getname", conn::client::getname, false),
    ("client|setinfo", conn::client::setinfo, false),
    ("client|list", conn::client_admin::list, false),
    ("client|info", conn::client_admin::info, false),
    ("client|kill", conn::client_admin::kill, false),
    ("client|no-evict", conn::client_admin::no_evict, false),
    ("client|no-touch", conn::client_admin::no_touch, false),
    ("client|reply", conn::client_admin::reply, false),
    ("client|help", server::help::help, false),
    ("auth", conn::auth::auth, false),
    ("reset", conn::reset::reset, false),
    ("shutdown", server::shutdown::shutdown, false),
    // pub/sub: run by Go's registry (the engine stops the batch before them)
    ("subscribe", pubsub::handoff, false),
    ("unsubscribe", pubsub::handoff, false),
    ("psubscribe", pubsub::handoff, false),
    ("punsubscribe", pubsub::handoff, false),
    ("publish", pubsub::handoff, false),
    ("pubsub|channels", pubsub::handoff, false),
    ("pubsub|numsub", pubsub::handoff, false),
    ("pubsub|numpat", pubsub::handoff, false),
    ("pubsub|help", server::help::help, false),
    // server
    ("command", server::command::command, false),
    ("command|count", server::command::count, false),
    ("command|docs", server::command::docs, false),
    ("command|info", server::command::info, false),
    ("command|help", server::help::help, false),
    ("info", server::info::info, true),
    ("config|get", server::config::get, false),
    ("config|set", server::config::set, false),
    ("config|resetstat", server::config::resetstat, false),
    ("config|rewrite", server::config::rewrite, false),
    ("config|help", server::help::help, false),
    ("debug", server::debug::debug, false),
    ("wait", server::wait::wait, false),
    ("object|encoding", server::object::object_encoding, true),
    ("object|freq", server::object::object_freq, true),
    ("object|idletime", server::object::object_idletime, true),
    ("object|refcount", server::object::object_refcount, true),
    ("object|help", server::help::help, false),
    ("memory|usage", server::object::memory_usage, true),
    ("memory|help", server::help::help, false),
    ("dbsize", server::dbsize::dbsize, true),
    ("flushdb", server::flush::flushdb, true),
    ("flushall", server::flush::flushall, true),
    ("time", server::time::time, false),
    ("swapdb", server::swapdb::swapdb, true),
    // transactions (EXEC needs the database when its queue or WATCH does: see
    // transaction::Routing)
    ("multi", transaction::multi::multi, false),
    ("exec", transaction::exec::exec, false),
    ("discard", transaction::multi::discard, false),
    ("watch", transaction::watch::watch, true),
    ("unwatch", transaction::watch::unwatch, false),
    // strings
    ("get", string::get::get, true),
    ("set", string::set::set, true),
    ("setnx", string::set::setnx, true),
    ("setex", string::set::setex, true),
    ("psetex", string::set::psetex, true),
    ("getset", string::getset::getset, true),
    ("getdel", string::getdel::getdel, true),
    ("getex", string::getex::getex, true),
    ("mget", string::mget::mget, true),
    ("mset", string::mset::mset, true),
    ("msetnx", string::mset::msetnx, true),
    ("incr", string::incr::incr, true),
    ("decr", string::incr::decr, true),
    ("incrby", string::incr::incrby, true),
    ("decrby", string::incr::decrby, true),
    ("incrbyfloat", string::incrbyfloat::incrbyfloat, true),
    ("append", string::append::append, true),
    ("strlen", string::strlen::strlen, true),
    ("getrange", string::getrange::getrange, true),
    ("substr", string::getrange::getrange, true),
    ("setrange", string::setrange::setrange, true),
    // bitmaps
    ("setbit", bitmap::setbit::setbit, true),
    ("getbit", bitmap::getbit::getbit, true),
    ("bitcount", bitmap::bitcount::bitcount, true),
    ("bitpos", bitmap::bitpos::bitpos, true),
    ("bitop", bitmap::bitop::bitop, true),
    ("bitfield", bitmap::bitfield::bitfield, true),
    ("bitfield_ro", bitmap::bitfield::bitfield_ro, true),
    // keys
    ("del", key::del::del, true),
    ("unlink", key::del::del, true),
    ("exists", key::exists::exists, true),
    ("touch", key::exists::exists, true),
    ("type", key::type_::type_, true),
    ("keys", key::keys::keys, true),
    ("scan", key::scan::scan, true),
    ("randomkey", key::randomkey::randomkey, true),
    ("rename", key::rename::rename, true),
    ("renamenx", key::rename::renamenx, true),
    ("copy", key::copy::copy, true),
    ("expire", key::expire::expire, true),
    ("pexpire", key::expire::pexpire, true),
    ("expireat", key::expire::expireat, true),
    ("pexpireat", key::expire::pexpireat, true),
    ("ttl", key::ttl::ttl, true),
    ("pttl", key::ttl::pttl, true),
    ("expiretime", key::ttl::expiretime, true),
    ("pexpiretime", key::ttl::pexpiretime, true),
    ("persist", key::persist::persist, true),
    ("move", key::move_::move_, true),
    // hashes
    ("hset", hash::hset::hset, true),
    ("hmset", hash::hset::hmset, true),
    ("hsetnx", hash::hset::hsetnx, true),
    ("hget", hash::hget::hget, true),
    ("hmget", hash::hget::hmget, true),
    ("hgetall", hash::hgetall::hgetall, true),
    ("hkeys", hash::hgetall::hkeys, true),
    ("hvals", hash::hgetall::hvals, true),
    ("hdel", hash::hdel::hdel, true),
    ("hexists", hash::hexists::hexists, true),
    ("hlen", hash::hlen::hlen, true),
    ("hstrlen", hash::hstrlen::hstrlen, true),
    ("hincrby", hash::hincrby::hincrby, true),
    ("hincrbyfloat", hash::hincrby::hincrbyfloat, true),
    ("hrandfield", hash::hrandfield::hrandfield, true),
    ("hscan", hash::hscan::hscan, true),
    // sets
    ("sadd", set::sadd::sadd, true),
    ("srem", set::srem::srem, true),
    ("smembers", set::smembers::smembers, true),
    ("sismember", set::sismember::sismember, true),
    ("smismember", set::sismember::smismember, true),
    ("scard", set::scard::scard, true),
    ("spop", set::spop::spop, true),
    ("srandmember", set::srandmember::srandmember, true),
    ("smove", set::smove::smove, true),
    ("sinter", set::sinter::sinter, true),
    ("sintercard", set::sinter::sintercard, true),
    ("sinterstore", set::sinter::sinterstore, true),
    ("sunion", set::sunion::sunion, true),
    ("sunionstore", set::sunion::sunionstore, true),
    ("sdiff", set::sdiff::sdiff, true),
    ("sdiffstore", set::sdiff::sdiffstore, true),
    ("sscan", set::sscan::sscan, true),
    // lists
    ("lpush", list::push::lpush, true),
    ("rpush", list::push::rpush, true),
    ("lpushx", list::push::lpushx, true),
    ("rpushx", list::push::rpushx, true),
    ("lpop", list::pop::lpop, true),
    ("rpop", list::pop::rpop, true),
    ("lmpop", list::pop::lmpop, true),
    ("llen", list::llen::llen, true),
    ("lrange", list::lrange::lrange, true),
    ("lindex", list::lindex::lindex, true),
    ("lset", list::lset::lset, true),
    ("linsert", list::linsert::linsert, true),
    ("lrem", list::lrem::lrem, true),
    ("ltrim", list::ltrim::ltrim, true),
    ("lpos", list::lpos::lpos, true),
    ("lmove", list::lmove::lmove, true),
    ("rpoplpush", list::lmove::rpoplpush, true),
    ("blpop", list::blocking::blpop, true),
    ("brpop", list::blocking::brpop, true),
    ("blmove", list::blocking::blmove, true),
    ("brpoplpush", list::blocking::brpoplpush, true),
    ("blmpop", list::blocking::blmpop, true),
    // sorted sets
    ("zadd", zset::zadd::zadd, true),
    ("zincrby", zset::zadd::zincrby, true),
    ("zrem", zset::zrem::zrem, true),
    ("zscore", zset::zscore::zscore, true),
    ("zmscore", zset::zscore::zmscore, true),
    ("zcard", zset::zcard::zcard, true),
    ("zcount", zset::zcount::zcount, true),
    ("zlexcount", zset::zcount::zlexcount, true),
    ("zrank", zset::zrank::zrank, true),
    ("zrevrank", zset::zrank::zrevrank, true),
    ("zrange", zset::zrange::zrange, true),
    ("zrangestore", zset::zrange::zrangestore, true),
    ("zrevrange", zset::zrange::zrevrange, true),
    ("zrangebyscore", zset::zrange::zrangebyscore, true),
    ("zrevrangebyscore", zset::zrange::zrevrangebyscore, true),
    ("zrangebylex", zset::zrange::zrangebylex, true),
    ("zrevrangebylex", zset::zrange::zrevrangebylex, true),
    ("zremrangebyrank", zset::zremrange::zremrangebyrank, true),
    ("zremrangebyscore", zset::zremrange::zremrangebyscore, true),
    ("zremrangebylex", zset::zremrange::zremrangebylex, true),
    ("zpopmin", zset::zpop::zpopmin, true),
    ("zpopmax", zset::zpop::zpopmax, true),
    ("zmpop", zset::zpop::zmpop, true),
    ("bzpopmin", zset::bzpop::bzpopmin, true),
    ("bzpopmax", zset::bzpop::bzpopmax, true),
    ("bzmpop", zset::bzpop::bzmpop, true),
    ("zrandmember", zset::zrandmember::zrandmember, true),
    ("zunion", zset::zsetops::zunion, true),
    ("zinter", zset::zsetops::zinter, true),
    ("zdiff", zset::zsetops::zdiff, true),
    ("zunionstore", zset::zsetops::zunionstore, true),
    ("zinterstore", zset::zsetops::zinterstore, true),
    ("zdiffstore", zset::zsetops::zdiffstore, true),
    ("zintercard", zset::zsetops::zintercard, true),
    ("zscan", zset::zscan::zscan, true),
];

fn registry() -> &'static HashMap<&'static str, Command> {
    static REGISTRY: OnceLock<HashMap<&'static str, Command>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let by_name: HashMap<&str, (Handler, bool)> =
            HANDLERS.iter().map(|&(n, h, d)| (n, (h, d))).collect();
        let mut map = HashMap::new();
        let mut add = |info: &'static CommandInfo| {
            let found = by_name.get(info.name.as_str());
            let index = map.len();
            map.insert(
                info.name.as_str(),
                Command {
                    info,
                    handler: found.map(|f| f.0),
                    uses_db: found.is_some_and(|f| f.1),
                    index,
                },
            );
        };
        for info in &table().commands {
            add(info);
            for sub in &info.subcommands {
                add(sub);
            }
        }
        map
    })
}

/// How many commands and subcommands the registry holds (`Command::index` is below it).
pub fn registry_len() -> usize {
    registry().len()
}

/// The registered command of a full name as the table spells it (`client|setname`).
pub fn by_name(name: &str) -> Option<&'static Command> {
    registry().get(name)
}

/// Every registered command and subcommand, for INFO commandstats.
pub fn registered() -> impl Iterator<Item = &'static Command> {
    registry().values()
}

/// Finds the command for an argv the way processCommand does: unknown command, then
/// unknown subcommand of a container, then arity.
pub fn lookup(argv: &[Vec<u8>]) -> Result<&'static Command> {
    let reg = registry();
    // Lowercased on the stack: this runs for every command of every batch.
    let mut buf = [0u8; 64];
    let unknown = || Error::UnknownCommand {
        name: argv[0].clone(),
        args: argv[1..].to_vec(),
    };
    // A name with bytes that are not UTF-8 (or longer than any) cannot be in the table.
    let Some(base) = lower(&argv[0], &mut buf).and_then(|name| reg.get(name)) else {
        return Err(unknown());
    };
    let cmd = if !base.info.subcommands.is_empty() && argv.len() >= 2 {
        let mut full = [0u8; 64];
        let n = argv[0].len();
        let sub = if n + 1 + argv[1].len() <= full.len() {
            full[..n].copy_from_slice(&argv[0]);
            full[n] = b'|';
            full[n + 1..n + 1 + argv[1].len()].copy_from_slice(&argv[1]);
            let len = n + 1 + argv[1].len();
            lower(&full[..len], &mut buf).and_then(|name| reg.get(name))
        } else {
            None
        };
        match sub {
            Some(c) => c,
            None => {
                return Err(Error::UnknownSubcommand {
                    sub: argv[1].clone(),
                    container: String::from_utf8_lossy(&argv[0]).to_ascii_uppercase(),
                });
            }
        }
    } else {
        base
    };
    if !cmd.info.arity_ok(argv.len()) {
        return Err(Error::WrongArity(cmd.info.name.clone()));
    }
    Ok(cmd)
}

/// `name` lowercased into `buf`, as a str: None when it does not fit or is not UTF-8.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let out = buf.get_mut(..name.len())?;
    for (d, s) in out.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

/// The commands a RESP2 client in subscribe mode may run (processCommand's list).
pub fn allowed_when_subscribed(info: &CommandInfo) -> bool {
    matches!(
        info.name.as_str(),
        "subscribe"
            | "psubscribe"
            | "ssubscribe"
            | "unsubscribe"
            | "punsubscribe"
            | "sunsubscribe"
            | "ping"
            | "quit"
            | "reset"
    )
}

/// Case-insensitive compare of an argument with an ASCII token.
pub fn is(arg: &[u8], token: &str) -> bool {
    arg.eq_ignore_ascii_case(token.as_bytes())
}

/// What strcasecmp sees of an option token: Redis compares C strings, so bytes after a
/// NUL are ignored.
pub fn c_str(arg: &[u8]) -> &[u8] {
    arg.iter().position(|&c| c == 0).map_or(arg, |i| &arg[..i])
}

/// An integer argument (string2ll), or `ERR value is not an integer or out of range`.
pub fn int_arg(arg: &[u8]) -> Result<i64> {
    crate::numbers::parse_i64(arg).ok_or(Error::NotInteger)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_entry_has_a_handler() {
        for info in &table().commands {
            if info.subcommands.is_empty() {
                assert!(
                    registry()[info.name.as_str()].handler.is_some(),
                    "{} has no handler",
                    info.name
                );
            }
            for sub in &info.subcommands {
                assert!(
                    registry()[sub.name.as_str()].handler.is_some(),
                    "{} has no handler",
                    sub.name
                );
            }
        }
        for (name, _, _) in HANDLERS {
            assert!(
                registry().contains_key(name),
                "{name} is not in spec/commands.json"
            );
        }
    }

    fn argv(a: &[&str]) -> Vec<Vec<u8>> {
        a.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn lookup_errors() {
        assert!(lookup(&argv(&["GeT", "k"])).is_ok());
        assert_eq!(
            lookup(&argv(&["get"])).err().unwrap(),
            Error::WrongArity("get".into())
        );
        assert_eq!(
            lookup(&argv(&["client"])).err().unwrap(),
            Error::WrongArity("client".into())
        );
        assert_eq!(
            lookup(&argv(&["client", "foo"])).err().unwrap(),
            Error::UnknownSubcommand {
                sub: b"foo".to_vec(),
                container: "CLIENT".into()
            }
        );
        assert_eq!(
            lookup(&argv(&["client", "setname"])).err().unwrap(),
            Error::WrongArity("client|setname".into())
        );
        assert!(matches!(
            lookup(&argv(&["nosuch", "a"])).err().unwrap(),
            Error::UnknownCommand { .. }
        ));
    }
}
