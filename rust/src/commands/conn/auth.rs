// AUTH authenticates the connection as the default user (requirepass).
// AUTH [username] password
// https://redis.io/commands/auth
//
// sqlettuce has one user, `default`, like Redis without ACL rules: with no requirepass it
// takes any password; with one, only that password.

use crate::commands::Ctx;
use crate::engine::ClientState;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn auth(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (user, pass): (&[u8], &[u8]) = match args.len() {
        2 => {
            if !ctx.server.config.auth_required() {
                return Err(Error::AuthNoPassword);
            }
            (b"default", &args[1])
        }
        3 => (&args[1], &args[2]),
        _ => return Err(Error::Syntax),
    };
    authenticate(ctx.client, &ctx.server.config, user, pass)?;
    Ok(Reply::OK)
}

/// Checks user and password and marks the client authenticated (ACLAuthenticateUser). The
/// one entry point for AUTH and HELLO ... AUTH: WRONGPASS for an unknown user or a
/// wrong password, and the client's state is left as it was.
pub fn authenticate(
    client: &mut ClientState,
    config: &crate::config::Config,
    user: &[u8],
    pass: &[u8],
) -> Result<()> {
    if user != b"default" {
        return Err(Error::WrongPass);
    }
    if let Some(want) = config.requirepass() {
        if want.as_bytes() != pass {
            return Err(Error::WrongPass);
        }
    }
    client.authenticated = true;
    Ok(())
}
