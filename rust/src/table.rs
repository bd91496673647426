//! The command table: spec/commands.json (arity, flags, key positions, docs, generated
//! from a real Redis by spec/gen_commands.py), parsed once at first use. The registry
//! (commands/mod.rs) takes arity and flags from here, and COMMAND serves it, so nothing
//! about a command is written twice.

use std::sync::OnceLock;

use serde_json::Value;

const COMMANDS_JSON: &str = include_str!("../../spec/commands.json");

/// One command or subcommand (`client|setname`).
#[derive(Debug)]
pub struct CommandInfo {
    /// Lowercase; `container|sub` for subcommands.
    pub name: String,
    pub arity: i64,
    pub flags: Vec<String>,
    pub first_key: i64,
    pub last_key: i64,
    pub step: i64,
    pub acl_categories: Vec<String>,
    /// The batch opens a write transaction (BEGIN IMMEDIATE) if any command has this.
    pub write: bool,
    /// Runs before AUTH (table flag `no_auth`: AUTH, HELLO, QUIT, RESET...).
    pub no_auth: bool,
    /// The raw JSON entry, for COMMAND DOCS.
    pub doc: Value,
    pub subcommands: Vec<CommandInfo>,
}

impl CommandInfo {
    /// Redis's arity rule: positive is exact, negative is a minimum.
    pub fn arity_ok(&self, argc: usize) -> bool {
        let argc = argc as i64;
        if self.arity >= 0 {
            argc == self.arity
        } else {
            argc >= -self.arity
        }
    }

    /// The name after the container's `|`, or the whole name.
    pub fn short_name(&self) -> &str {
        self.name.rsplit('|').next().unwrap_or(&self.name)
    }
}

pub struct Table {
    pub commands: Vec<CommandInfo>,
    /// `NAME HELP`'s lines by command name: Redis's text, cut by spec/gen_commands.py to
    /// the subcommands sqlettuce implements.
    pub help: Vec<(String, Vec<String>)>,
}

impl Table {
    pub fn get(&self, name: &str) -> Option<&CommandInfo> {
        self.commands.iter().find(|c| c.name == name)
    }

    /// The HELP lines of a command with subcommands (`config`), empty if it has none.
    pub fn help(&self, command: &str) -> &[String] {
        self.help
            .iter()
            .find(|(name, _)| name == command)
            .map_or(&[], |(_, lines)| lines.as_slice())
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn parse_entry(v: &Value) -> CommandInfo {
    let flags = strings(&v["flags"]);
    CommandInfo {
        name: v["name"].as_str().unwrap_or_default().to_ascii_lowercase(),
        arity: v["arity"].as_i64().unwrap_or(0),
        write: flags.iter().any(|f| f == "write"),
        no_auth: flags.iter().any(|f| f == "no_auth"),
        flags,
        first_key: v["first_key"].as_i64().unwrap_or(0),
        last_key: v["last_key"].as_i64().unwrap_or(0),
        step: v["step"].as_i64().unwrap_or(0),
        acl_categories: strings(&v["acl_categories"]),
        subcommands: v["subcommands"]
            .as_array()
            .map(|a| a.iter().map(parse_entry).collect())
            .unwrap_or_default(),
        doc: v.clone(),
    }
}

/// The table's own copy of a full command name (`get`, `client|list`), "NULL" if absent.
pub fn static_name(name: &str) -> &'static str {
    table()
        .commands
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.subcommands))
        .find(|c| c.name == name)
        .map_or("NULL", |c| c.name.as_str())
}

/// The table, parsed on first use (a few hundred microseconds, once per process).
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let v: Value =
            serde_json::from_str(COMMANDS_JSON).expect("spec/commands.json is valid JSON");
        let commands = v["commands"]
            .as_array()
            .expect("commands array")
            .iter()
            .map(parse_entry)
            .collect();
        let help = v["help"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), strings(v))).collect())
            .unwrap_or_default();
        Table { commands, help }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_loads() {
        let t = super::table();
        assert!(t.commands.len() >= 54);
        let set = t.get("set").unwrap();
        assert_eq!(set.arity, -3);
        assert!(set.write);
        assert!(!t.get("get").unwrap().write);
        let client = t.get("client").unwrap();
        assert!(client
            .subcommands
            .iter()
            .any(|s| s.name == "client|setname"));
    }
}
