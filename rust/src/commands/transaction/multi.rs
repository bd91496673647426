// MULTI starts a transaction: the commands that follow are queued until EXEC.
// MULTI
// https://redis.io/commands/multi

use crate::commands::transaction::Queue;
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn multi(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let tx = &mut ctx.client.tx;
    if tx.multi.is_some() {
        // Redis 7.0 replies an error and keeps the transaction as it is.
        return Err(Error::MultiNested);
    }
    tx.multi = Some(Queue::default());
    Ok(Reply::OK)
}

// DISCARD drops the queued commands and every WATCH.
// DISCARD
// https://redis.io/commands/discard
pub fn discard(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    if ctx.client.tx.multi.is_none() {
        return Err(Error::DiscardWithoutMulti);
    }
    let id = ctx.client.id;
    ctx.client.tx.reset(&ctx.server.watches, id);
    Ok(Reply::OK)
}
