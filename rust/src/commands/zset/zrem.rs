// ZREM removes members from a sorted set; an emptied sorted set is deleted.
// ZREM key member [member ...]
// https://redis.io/commands/zrem

use crate::commands::zset::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn zrem(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let removed = store.atomic(|| {
        let mut removed = 0;
        for member in &args[2..] {
            if store.zset_remove(e.id, member)? {
                removed += 1;
            }
        }
        if removed > 0 {
            store.shrink(&e, removed)?;
        }
        Ok(removed)
    })?;
    Ok(Reply::Integer(removed))
}
