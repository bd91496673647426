// RESET returns the connection to its state right after connecting.
// RESET
// https://redis.io/commands/reset
//
// clearClientConnectionState: no MULTI, nothing watched, db 0, no name, RESP2, CLIENT
// REPLY ON, no subscriptions, not authenticated when a password is required.
// ClientState::reset is the one hook for per-connection state. The subscriptions live in
// Go's registry: a subscribed client hands Go a call that drops them all (without a
// word, as Redis's pubsubUnsubscribeAllChannels(c, 0)), placed before the +RESET so no
// message published after RESET follows it.

use crate::commands::Ctx;
use crate::engine::PubSubCall;
use crate::errors::Result;
use crate::resp::Reply;

pub fn reset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let id = ctx.client.id;
    ctx.client.tx.reset(&ctx.server.watches, id);
    if ctx.client.subscriptions() > 0 {
        ctx.client.calls.push(PubSubCall {
            offset: 0, // before the reply: set when it is encoded
            protocol: ctx.client.protocol,
            argv: args.to_vec(),
        });
    }
    ctx.client.reset(ctx.server.config.auth_required());
    Ok(Reply::simple("RESET"))
}
