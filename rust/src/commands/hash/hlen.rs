// HLEN returns the number of fields in a hash.
// HLEN key
// https://redis.io/commands/hlen
//
// SQLite counts the key's rows (O(n) in its B-tree, no row leaves SQLite); Redis keeps
// the count.

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hlen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let n = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.hash_len(e.id)?,
        None => 0,
    };
    Ok(Reply::Integer(n))
}
