//! Pub/sub: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB
//! CHANNELS/NUMSUB/NUMPAT. Subscriptions span connections, so they live in Go's registry
//! (go/internal/server/pubsub.go), which runs these commands: the engine only resolves
//! them (unknown command and arity errors come from the table, as for any command), then
//! stops the batch just before them (Action::PubSub).

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

/// Hands the command to Go. Inside EXEC (branch multi) the batch cannot stop half-way.
pub fn handoff(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    if ctx.client.tx.in_exec {
        return Err(Error::PubSubInExec);
    }
    ctx.client.handoff = true;
    Ok(Reply::Nil)
}
