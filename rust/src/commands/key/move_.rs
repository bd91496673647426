// MOVE moves a key (value, TTL, collection) to another database, unless the key is
// already there.
// MOVE key db
// https://redis.io/commands/move
//
// The row keeps its id and changes its db, so a collection's rows follow for free.

use crate::commands::conn::select::db_index;
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn move_(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let key = &args[1];
    let dst = db_index(&args[2])?;
    if dst == ctx.db() {
        return Err(Error::SameObject);
    }
    let Some(from) = ctx.lookup(key, Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    if ctx
        .store
        .lookup(dst, key, ctx.now, Access::Write, false)?
        .is_some()
    {
        return Ok(Reply::Integer(0));
    }
    ctx.store.rename(from.id, dst, key)?;
    Ok(Reply::Integer(1))
}
