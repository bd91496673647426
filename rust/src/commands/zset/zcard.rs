// ZCARD returns the number of members of a sorted set.
// ZCARD key
// https://redis.io/commands/zcard
//
// keys carries no length, so this counts the key's rows (O(N), where Redis is O(1)).

use crate::commands::zset::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn zcard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.zset_card(e.id)?,
        None => 0,
    }))
}
