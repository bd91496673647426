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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::engine::tests::{memory_engine, pipeline};
    use crate::engine::Session;

    #[test]
    fn requirepass_gates_commands_until_auth() {
        let e = memory_engine();
        let mut admin = Session::new(Arc::clone(&e));
        admin.exec(&pipeline(&[&["CONFIG", "SET", "requirepass", "pw"]]), 0);
        assert_eq!(admin.replies(), b"+OK\r\n");
        // The connection that set it stays authenticated; a new one must AUTH.
        admin.exec(&pipeline(&[&["PING"]]), 0);
        assert_eq!(admin.replies(), b"+PONG\r\n");
        let mut s = Session::new(Arc::clone(&e));
        s.exec(
            &pipeline(&[
                &["GET", "k"],
                &["AUTH", "nope"],
                &["AUTH", "pw"],
                &["GET", "k"],
                &["RESET"],
                &["GET", "k"],
            ]),
            0,
        );
        assert_eq!(
            String::from_utf8_lossy(s.replies()),
            "-NOAUTH Authentication required.\r\n\
             -WRONGPASS invalid username-password pair or user is disabled.\r\n\
             +OK\r\n$-1\r\n+RESET\r\n-NOAUTH Authentication required.\r\n"
        );
    }
}
