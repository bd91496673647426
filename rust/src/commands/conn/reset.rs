// RESET returns the connection to its state right after connecting.
// RESET
// https://redis.io/commands/reset
//
// clearClientConnectionState: db 0, no name, RESP2, CLIENT REPLY ON, not authenticated
// when a password is required. ClientState::reset is the one hook for per-connection
// state (MULTI, WATCH, subscriptions extend it).

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn reset(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let id = ctx.client.id;
    ctx.client.tx.reset(&ctx.server.watches, id);
    ctx.client.reset(ctx.server.config.auth_required());
    Ok(Reply::simple("RESET"))
}
