// HGET returns the value of a field, or nil.
// HGET key field
// https://redis.io/commands/hget

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hget(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Nil);
    };
    Ok(Reply::opt_bulk(ctx.store.hash_get(e.id, &args[2])?))
}

// HMGET returns the values of several fields; nil for each missing one.
// HMGET key field [field ...]
// https://redis.io/commands/hmget
pub fn hmget(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Read)?;
    let mut out = Vec::with_capacity(args.len() - 2);
    for field in &args[2..] {
        out.push(match &entry {
            Some(e) => Reply::opt_bulk(ctx.store.hash_get(e.id, field)?),
            None => Reply::Nil,
        });
    }
    Ok(Reply::Array(out))
}
