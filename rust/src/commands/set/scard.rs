// SCARD returns the number of members of a set.
// SCARD key
// https://redis.io/commands/scard
//
// SQLite counts the key's rows (O(n) in its B-tree, no row leaves SQLite); Redis keeps
// the count.

use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn scard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let n = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.set_card(e.id)?,
        None => 0,
    };
    Ok(Reply::Integer(n))
}
