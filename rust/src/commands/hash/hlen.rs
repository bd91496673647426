// HLEN returns the number of fields in a hash.
// HLEN key
// https://redis.io/commands/hlen
//
// The count is keys.elements, read with the key's row: O(1), as in Redis.

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hlen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let n = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => e.elements,
        None => 0,
    };
    Ok(Reply::Integer(n))
}
