// LLEN returns the length of a list.
// LLEN key
// https://redis.io/commands/llen
//
// keys.elements, read with the key's row: no statement of its own.

use crate::commands::list::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn llen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => e.elements,
        None => 0,
    }))
}
