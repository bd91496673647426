// HSTRLEN returns the length of a field's value; 0 when the field or key is missing.
// HSTRLEN key field
// https://redis.io/commands/hstrlen

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hstrlen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let n = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.hash_strlen(e.id, &args[2])?.unwrap_or(0),
        None => 0,
    };
    Ok(Reply::Integer(n))
}
