// HDEL removes fields from a hash; replies how many existed. The last one gone deletes
// the key.
// HDEL key field [field ...]
// https://redis.io/commands/hdel

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn hdel(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let deleted = store.atomic(|| {
        let mut deleted = 0;
        for field in &args[2..] {
            if store.hash_delete(e.id, field)? {
                deleted += 1;
            }
        }
        if deleted > 0 {
            store.shrink(&e, deleted)?;
        }
        Ok(deleted)
    })?;
    Ok(Reply::Integer(deleted))
}
