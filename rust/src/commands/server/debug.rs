// DEBUG SLEEP pauses the server, DEBUG HELP says so; the other DEBUG subcommands are not
// served.
// DEBUG subcommand [argument ...]
// https://redis.io/commands/debug
//
// Only this connection waits: other clients keep being served (Redis would block them
// all; test suites use DEBUG SLEEP 0 to check the server answers).

use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn debug(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if is(&args[1], "help") && args.len() == 2 {
        return crate::commands::server::help::help(ctx, args);
    }
    if is(&args[1], "sleep") && args.len() == 3 {
        // strtod: what does not parse sleeps 0, like Redis's atof.
        let secs: f64 = std::str::from_utf8(&args[2])
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0.0);
        if secs.is_finite() && secs > 0.0 {
            std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(3600.0)));
        }
        return Ok(Reply::OK);
    }
    Err(Error::DebugSubcommand(args[1].clone()))
}
