// LPUSH prepends elements to a list (creating it) and returns its length.
// LPUSH key element [element ...]
// https://redis.io/commands/lpush
//
// Each element takes the position before the head, so LPUSH l a b c leaves c b a.

use crate::commands::list::{lookup, push};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn lpush(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    push_generic(ctx, args, true, false)
}

// RPUSH appends elements to a list (creating it) and returns its length.
// RPUSH key element [element ...]
// https://redis.io/commands/rpush
pub fn rpush(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    push_generic(ctx, args, false, false)
}

// LPUSHX prepends elements only to an existing list.
// LPUSHX key element [element ...]
// https://redis.io/commands/lpushx
pub fn lpushx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    push_generic(ctx, args, true, true)
}

// RPUSHX appends elements only to an existing list.
// RPUSHX key element [element ...]
// https://redis.io/commands/rpushx
pub fn rpushx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    push_generic(ctx, args, false, true)
}

fn push_generic(ctx: &Ctx, args: &[Vec<u8>], left: bool, only_existing: bool) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Write)?;
    if entry.is_none() && only_existing {
        return Ok(Reply::Integer(0));
    }
    let len = ctx
        .store
        .atomic(|| push(ctx, &args[1], entry.as_ref(), &args[2..], left))?;
    Ok(Reply::Integer(len))
}
