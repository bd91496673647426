// HEXISTS tells whether a field exists in a hash.
// HEXISTS key field
// https://redis.io/commands/hexists

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hexists(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let found = match lookup(ctx, &args[1], Access::Read)? {
        // The length query reads no large value.
        Some(e) => ctx.store.hash_strlen(e.id, &args[2])?.is_some(),
        None => false,
    };
    Ok(Reply::Integer(found as i64))
}
