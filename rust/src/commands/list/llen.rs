// LLEN returns the length of a list.
// LLEN key
// https://redis.io/commands/llen
//
// tail - head + 1: two primary-key probes, whatever the length.

use crate::commands::list::{ends, lookup};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn llen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ends(ctx, e.id)?.len(),
        None => 0,
    }))
}
