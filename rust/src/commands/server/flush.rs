// FLUSHDB deletes every key of the selected database.
// FLUSHDB [ASYNC | SYNC]
// https://redis.io/commands/flushdb
//
// ASYNC and SYNC are accepted and mean the same: the delete is one SQL statement in the
// batch's transaction.

use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

/// getFlushCommandFlags: one optional ASYNC|SYNC, anything else a syntax error.
fn check_flags(args: &[Vec<u8>]) -> Result<()> {
    match args.len() {
        1 => Ok(()),
        2 if is(&args[1], "async") || is(&args[1], "sync") => Ok(()),
        _ => Err(Error::Syntax),
    }
}

pub fn flushdb(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    check_flags(args)?;
    ctx.store.flush_db(ctx.db())?;
    Ok(Reply::OK)
}

// FLUSHALL deletes every key of every database.
// FLUSHALL [ASYNC | SYNC]
// https://redis.io/commands/flushall
pub fn flushall(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    check_flags(args)?;
    ctx.store.flush_all()?;
    Ok(Reply::OK)
}
