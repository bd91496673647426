// RENAME gives a key a new name, replacing any key already there; the TTL moves with it.
// RENAME key newkey
// https://redis.io/commands/rename
//
// The row keeps its id, so a collection's rows follow for free.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

fn rename_generic(ctx: &mut Ctx, args: &[Vec<u8>], nx: bool) -> Result<Reply> {
    let (src, dst) = (&args[1], &args[2]);
    let same = src == dst;
    let Some(from) = ctx.lookup(src, Access::Write)? else {
        return Err(Error::NoSuchKey);
    };
    if same {
        return Ok(if nx { Reply::Integer(0) } else { Reply::OK });
    }
    let existing = ctx.lookup(dst, Access::Write)?;
    if existing.is_some() && nx {
        return Ok(Reply::Integer(0));
    }
    let db = ctx.db();
    let store = &ctx.store;
    store.atomic(|| {
        if let Some(e) = existing {
            store.delete(e.id)?;
        }
        store.rename(from.id, db, dst)
    })?;
    Ok(if nx { Reply::Integer(1) } else { Reply::OK })
}

pub fn rename(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    rename_generic(ctx, args, false)
}

// RENAMENX renames a key only if the new name does not exist.
// RENAMENX key newkey
// https://redis.io/commands/renamenx
pub fn renamenx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    rename_generic(ctx, args, true)
}
