//! Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
//! CHANNELS/NUMSUB/NUMPAT. Subscriptions span connections, so they live in Go's registry
//! (go/internal/server/pubsub.go), which runs these commands: the engine only resolves
//! them (unknown command and arity errors come from the table, as for any command), then
//! stops the batch just before them (Action::PubSub).
//!
//! Inside EXEC the batch cannot stop half-way: the command is recorded instead (a
//! PubSubCall, with Reply::Deferred marking its place in EXEC's array), the batch ends
//! right after EXEC, and Go runs the recorded commands once the transaction has
//! committed, writing each one's output at its place.

use crate::commands::Ctx;
use crate::engine::PubSubCall;
use crate::errors::Result;
use crate::resp::Reply;

/// Hands the command to Go: now (the batch stops before it), or after EXEC.
pub fn handoff(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if ctx.client.tx.in_exec {
        ctx.client.calls.push(PubSubCall {
            offset: 0, // set when EXEC's reply is encoded
            protocol: ctx.client.protocol,
            argv: args.to_vec(),
        });
        return Ok(Reply::Deferred);
    }
    ctx.client.handoff = true;
    Ok(Reply::Nil)
}
