// COMMAND describes every command the server implements, from the command table.
// COMMAND
// https://redis.io/commands/command
//
// COMMAND, COMMAND INFO, COMMAND COUNT and COMMAND DOCS are all generated from
// spec/commands.json (table.rs); nothing here lists commands by hand.

use serde_json::Value;

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::table::{table, CommandInfo};

/// Flags and categories: a RESP3 set of simple strings, as Redis 7.0 sends them.
fn simple_list(items: &[String]) -> Reply {
    Reply::Set(
        items
            .iter()
            .map(|s| Reply::Simple(s.clone().into()))
            .collect(),
    )
}

/// The 10-element COMMAND INFO entry.
fn entry(c: &CommandInfo) -> Reply {
    Reply::Array(vec![
        Reply::bulk_str(&c.name),
        Reply::Integer(c.arity),
        simple_list(&c.flags),
        Reply::Integer(c.first_key),
        Reply::Integer(c.last_key),
        Reply::Integer(c.step),
        simple_list(&c.acl_categories),
        Reply::Set(vec![]), // tips
        Reply::Set(vec![]), // key specs
        Reply::Array(c.subcommands.iter().map(entry).collect()),
    ])
}

/// A command by name, case-insensitively; `container|sub` names find subcommands, as in Redis.
fn find(name: &[u8]) -> Option<&'static CommandInfo> {
    let name = std::str::from_utf8(name).ok()?.to_ascii_lowercase();
    match name.split_once('|') {
        None => table().get(&name),
        Some((container, _)) => table()
            .get(container)?
            .subcommands
            .iter()
            .find(|s| s.name == name),
    }
}

pub fn command(_ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Array(table().commands.iter().map(entry).collect()))
}

// COMMAND COUNT returns the number of commands.
// COMMAND COUNT
// https://redis.io/commands/command-count
pub fn count(_ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(table().commands.len() as i64))
}

// COMMAND INFO describes the named commands (all with no names); unknown names are nil.
// COMMAND INFO [command-name [command-name ...]]
// https://redis.io/commands/command-info
pub fn info(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len() == 2 {
        return command(ctx, args);
    }
    Ok(Reply::Array(
        args[2..]
            .iter()
            .map(|n| find(n).map_or(Reply::Nil, entry)) // Redis 7.0 sends $-1 here
            .collect(),
    ))
}

/// A doc map field present in the JSON, as a reply (ints stay ints, flags are simple).
fn doc_value(key: &str, v: &Value) -> Reply {
    match v {
        Value::Number(n) => Reply::Integer(n.as_i64().unwrap_or(0)),
        Value::Array(items) if key == "arguments" => {
            Reply::Array(items.iter().map(argument).collect())
        }
        // doc_flags and argument flags: sets in RESP3.
        Value::Array(items) => Reply::Set(
            items
                .iter()
                .map(|s| Reply::Simple(s.as_str().unwrap_or_default().to_owned().into()))
                .collect(),
        ),
        Value::String(s) => Reply::bulk_str(s),
        Value::Bool(b) => Reply::Integer(*b as i64),
        _ => Reply::Nil,
    }
}

/// One argument: its fields in the contract's order, only those present.
fn argument(a: &Value) -> Reply {
    const FIELDS: [&str; 11] = [
        "name",
        "type",
        "display_text",
        "key_spec_index",
        "token",
        "summary",
        "since",
        "flags",
        "deprecated_since",
        "arguments",
        "value",
    ];
    let mut out = Vec::new();
    for f in FIELDS {
        if let Some(v) = a.get(f) {
            out.push(Reply::bulk_str(f));
            out.push(doc_value(f, v));
        }
    }
    Reply::Map(out)
}

/// A command's doc map: summary, since, group, complexity, then doc_flags, arguments and
/// subcommands only when non-empty.
fn docs_of(c: &CommandInfo) -> Reply {
    let d = &c.doc;
    let mut out = Vec::new();
    for f in ["summary", "since", "group", "complexity"] {
        out.push(Reply::bulk_str(f));
        out.push(Reply::bulk_str(
            d.get(f).and_then(Value::as_str).unwrap_or_default(),
        ));
    }
    for f in ["doc_flags", "arguments"] {
        if let Some(items) = d.get(f).and_then(Value::as_array).filter(|a| !a.is_empty()) {
            out.push(Reply::bulk_str(f));
            out.push(doc_value(f, &Value::Array(items.clone())));
        }
    }
    if !c.subcommands.is_empty() {
        out.push(Reply::bulk_str("subcommands"));
        let mut subs = Vec::new();
        for s in &c.subcommands {
            subs.push(Reply::bulk_str(&s.name));
            subs.push(docs_of(s));
        }
        out.push(Reply::Map(subs));
    }
    Reply::Map(out)
}

// COMMAND DOCS returns the documentation of the named commands (all with no names).
// COMMAND DOCS [command-name [command-name ...]]
// https://redis.io/commands/command-docs
pub fn docs(_ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut out = Vec::new();
    let list: Vec<&CommandInfo> = if args.len() == 2 {
        table().commands.iter().collect()
    } else {
        args[2..].iter().filter_map(|n| find(n)).collect()
    };
    for c in list {
        out.push(Reply::bulk_str(&c.name));
        out.push(docs_of(c));
    }
    Ok(Reply::Map(out))
}
