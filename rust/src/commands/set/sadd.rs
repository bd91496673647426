// SADD adds members to a set, creating it when missing; replies how many were new.
// SADD key member [member ...]
// https://redis.io/commands/sadd

use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn sadd(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Write)?;
    let store = &ctx.store;
    let db = ctx.db();
    let added = store.atomic(|| {
        let id = match &entry {
            Some(e) => e.id,
            None => store.create_set(db, &args[1])?,
        };
        let mut added = 0;
        for m in &args[2..] {
            if store.set_add(id, m)? {
                added += 1;
            }
        }
        // A new key is touched too: its count starts at 0.
        if added > 0 {
            store.touch(id, added)?;
        }
        Ok(added)
    })?;
    Ok(Reply::Integer(added))
}
