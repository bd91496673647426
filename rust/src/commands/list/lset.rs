// LSET replaces the element at an index.
// LSET key index element
// https://redis.io/commands/lset
//
// As in Redis: the key first (ERR no such key), then the index.

use crate::commands::list::{ends, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn lset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Err(Error::NoSuchKey);
    };
    let index = int_arg(&args[2])?;
    let pos = ends(ctx, e.id)?
        .position(index)
        .ok_or(Error::IndexOutOfRange)?;
    let store = &ctx.store;
    store.atomic(|| {
        store.list_set(e.id, pos, &args[3])?;
        store.touch(e.id, 0)
    })?;
    Ok(Reply::OK)
}
