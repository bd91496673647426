//! The one registry: command name -> handler. Arity, flags and key positions come from
//! the command table (spec/commands.json via table.rs); this file only adds the handler
//! and whether the command touches the database (so a batch of PINGs opens no
//! transaction). Handlers take the arguments and a context, and return a reply value or
//! an error value; the engine encodes both.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::engine::{ClientState, ServerInfo};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, Entry, KeyType, Store};
use crate::table::{table, CommandInfo};

pub mod conn;
pub mod key;
pub mod server;
pub mod string;

/// What a handler sees: the store (inside the batch's transaction), the client's state,
/// the server's facts, and the clock read once for this command.
pub struct Ctx<'a> {
    pub store: Store<'a>,
    pub client: &'a mut ClientState,
    pub server: &'a ServerInfo,
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

pub type Handler = fn(&mut Ctx, &[Vec<u8>]) -> Result<Reply>;

/// A registered command: its table entry and its handler (None for containers like
/// CLIENT, whose subcommands have the handlers).
pub struct Command {
    pub info: &'static CommandInfo,
    pub handler: Option<Handler>,
    /// Needs the database (and so a transaction).
    pub uses_db: bool,
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
    // server
    ("command", server::command::command, false),
    ("command|count", server::command::count, false),
    ("command|docs", server::command::docs, false),
    ("command|info", server::command::info, false),
    ("info", server::info::info, true),
    ("config|get", server::config::get, false),
    ("dbsize", server::dbsize::dbsize, true),
    ("flushdb", server::flush::flushdb, true),
    ("flushall", server::flush::flushall, true),
    ("time", server::time::time, false),
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
];

fn registry() -> &'static HashMap<&'static str, Command> {
    static REGISTRY: OnceLock<HashMap<&'static str, Command>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let by_name: HashMap<&str, (Handler, bool)> =
            HANDLERS.iter().map(|&(n, h, d)| (n, (h, d))).collect();
        let mut map = HashMap::new();
        let mut add = |info: &'static CommandInfo| {
            let found = by_name.get(info.name.as_str());
            map.insert(
                info.name.as_str(),
                Command {
                    info,
                    handler: found.map(|f| f.0),
                    uses_db: found.is_some_and(|f| f.1),
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

/// Finds the command for an argv the way processCommand does: unknown command, then
/// unknown subcommand of a container, then arity.
pub fn lookup(argv: &[Vec<u8>]) -> Result<&'static Command> {
    let reg = registry();
    let name = String::from_utf8_lossy(&argv[0]).to_ascii_lowercase();
    let unknown = || Error::UnknownCommand {
        name: argv[0].clone(),
        args: argv[1..].to_vec(),
    };
    // A name with bytes that are not UTF-8 cannot be in the table.
    let Some(base) = std::str::from_utf8(&argv[0])
        .ok()
        .and(reg.get(name.as_str()))
    else {
        return Err(unknown());
    };
    let cmd = if !base.info.subcommands.is_empty() && argv.len() >= 2 {
        let sub = format!(
            "{name}|{}",
            String::from_utf8_lossy(&argv[1]).to_ascii_lowercase()
        );
        match std::str::from_utf8(&argv[1])
            .ok()
            .and(reg.get(sub.as_str()))
        {
            Some(c) => c,
            None => {
                return Err(Error::UnknownSubcommand {
                    sub: argv[1].clone(),
                    container: name.to_ascii_uppercase(),
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

/// Case-insensitive compare of an argument with an ASCII token.
pub fn is(arg: &[u8], token: &str) -> bool {
    arg.eq_ignore_ascii_case(token.as_bytes())
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
