// DEL removes keys and returns how many existed.
// DEL key [key ...]
// https://redis.io/commands/del
//
// UNLINK is the same here: SQLite frees the rows in the same transaction either way.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn del(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (db, now) = (ctx.db(), ctx.now);
    let store = &ctx.store;
    let deleted = store.atomic(|| {
        let mut n = 0;
        for key in &args[1..] {
            if let Some(e) = store.lookup(db, key, now, Access::Write, false)? {
                store.delete(e.id)?;
                n += 1;
            }
        }
        Ok(n)
    })?;
    Ok(Reply::Integer(deleted))
}
