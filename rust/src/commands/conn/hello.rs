// HELLO switches protocol (only RESP2 here) and returns facts about the server.
// HELLO [protover [AUTH username password] [SETNAME clientname]]
// https://redis.io/commands/hello
//
// docs/engine-contract.md fixes the reply: RESP3 is refused with NOPROTO until it lands.

use crate::commands::conn::client::set_name;
use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn hello(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut next = 1;
    if args.len() >= 2 {
        let ver = crate::numbers::parse_i64(&args[1]).ok_or(Error::ProtocolVersionNotInteger)?;
        if ver != 2 {
            return Err(Error::NoProto);
        }
        next = 2;
    }
    let mut auth: Option<(&[u8], &[u8])> = None;
    let mut name: Option<&[u8]> = None;
    let mut j = next;
    while j < args.len() {
        let more = args.len() - 1 - j;
        if is(&args[j], "auth") && more >= 2 {
            auth = Some((&args[j + 1], &args[j + 2]));
            j += 2;
        } else if is(&args[j], "setname") && more >= 1 {
            name = Some(&args[j + 1]);
            j += 1;
        } else {
            return Err(Error::HelloSyntax(args[j].clone()));
        }
        j += 1;
    }
    match auth {
        Some((user, pass)) => {
            crate::commands::conn::auth::authenticate(ctx.client, &ctx.server.config, user, pass)?
        }
        None if !ctx.client.authenticated && ctx.server.config.auth_required() => {
            return Err(Error::HelloNoAuth)
        }
        None => {}
    }
    if let Some(n) = name {
        set_name(ctx, n)?;
    }
    Ok(Reply::Array(vec![
        Reply::bulk_str("server"),
        Reply::bulk_str("redis"),
        Reply::bulk_str("version"),
        Reply::bulk_str(crate::commands::server::info::REDIS_VERSION),
        Reply::bulk_str("proto"),
        Reply::Integer(2),
        Reply::bulk_str("id"),
        Reply::Integer(ctx.client.id as i64),
        Reply::bulk_str("mode"),
        Reply::bulk_str("standalone"),
        Reply::bulk_str("role"),
        Reply::bulk_str("master"),
        Reply::bulk_str("modules"),
        Reply::Array(vec![]),
    ]))
}
