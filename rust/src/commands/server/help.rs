// CLIENT HELP, COMMAND HELP, CONFIG HELP, MEMORY HELP, OBJECT HELP, PUBSUB HELP (and
// DEBUG HELP, from debug.rs) list the subcommands this server implements, in Redis's
// words.
// <COMMAND> HELP
// https://redis.io/commands/config-help (and client-help, command-help, ...)
//
// The text is Redis's own, cut to what sqlettuce implements by spec/gen_commands.py
// (the "help" of spec/commands.json): a subcommand HELP lists always answers.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::table::table;

pub fn help(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let command = ctx.cmd.name.split('|').next().unwrap_or_default();
    Ok(Reply::Array(
        table()
            .help(command)
            .iter()
            .map(|line| Reply::simple(line.as_str()))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::table::table;

    #[test]
    fn every_help_subcommand_has_its_text() {
        for info in &table().commands {
            let has_help =
                info.name == "debug" || info.subcommands.iter().any(|s| s.short_name() == "help");
            let lines = table().help(&info.name);
            assert_eq!(has_help, !lines.is_empty(), "{}", info.name);
            if has_help {
                let header = format!("{} <subcommand>", info.name.to_uppercase());
                assert!(lines[0].starts_with(&header), "{}", lines[0]);
            }
        }
    }
}
