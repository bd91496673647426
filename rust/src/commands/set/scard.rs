// SCARD returns the number of members of a set.
// SCARD key
// https://redis.io/commands/scard
//
// The count is keys.elements, read with the key's row: O(1), as in Redis.

use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn scard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let n = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => e.elements,
        None => 0,
    };
    Ok(Reply::Integer(n))
}
