// HELLO switches the connection's protocol (RESP2 or RESP3) and returns facts about the server.
// HELLO [protover [AUTH username password] [SETNAME clientname]]
// https://redis.io/commands/hello
//
// helloCommand: every option is parsed before anything happens; then AUTH, then SETNAME,
// then the switch, so the reply itself is already in the new protocol (a map in RESP3, a
// flat array in RESP2). Without a version the protocol stays as it is.

use crate::commands::conn::client::set_name;
use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn hello(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut next = 1;
    let mut protocol = None;
    if args.len() >= 2 {
        let ver = crate::numbers::parse_i64(&args[1]).ok_or(Error::ProtocolVersionNotInteger)?;
        if ver != 2 && ver != 3 {
            return Err(Error::NoProto);
        }
        protocol = Some(ver as u8);
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
    if let Some((user, pass)) = auth {
        hello_auth(ctx, user, pass)?;
    }
    if let Some(n) = name {
        set_name(ctx, n)?;
    }
    if let Some(p) = protocol {
        ctx.client.protocol = p;
    }
    Ok(Reply::Map(vec![
        Reply::bulk_str("server"),
        Reply::bulk_str("redis"),
        Reply::bulk_str("version"),
        Reply::bulk_str(crate::commands::server::info::REDIS_VERSION),
        Reply::bulk_str("proto"),
        Reply::Integer(i64::from(ctx.client.protocol)),
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

/// HELLO's AUTH option: the hook for AUTH/requirepass. With no password configured (all
/// there is so far) Redis's "default" user is `nopass` and takes any password; any other
/// user does not exist. Redis checks `!c->authenticated` (NOAUTH) right after this.
fn hello_auth(_ctx: &mut Ctx, user: &[u8], _pass: &[u8]) -> Result<()> {
    if user != b"default" {
        return Err(Error::WrongPass);
    }
    Ok(())
}
