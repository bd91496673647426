// ZCARD returns the number of members of a sorted set.
// ZCARD key
// https://redis.io/commands/zcard
//
// The count is keys.elements, read with the key's row: O(1), as in Redis.

use crate::commands::zset::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn zcard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => e.elements,
        None => 0,
    }))
}
