// SREM removes members from a set; replies how many were there. The last one gone
// deletes the key.
// SREM key member [member ...]
// https://redis.io/commands/srem

use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn srem(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let n = store.atomic(|| {
        let mut n = 0;
        for m in &args[2..] {
            if store.set_remove(e.id, m)? {
                n += 1;
            }
        }
        if n > 0 {
            store.shrink(&e, n)?;
        }
        Ok(n)
    })?;
    Ok(Reply::Integer(n))
}
