// LINDEX returns the element at an index (negative from the tail), or nil.
// LINDEX key index
// https://redis.io/commands/lindex
//
// As in Redis, the key is looked up before the index is parsed (a missing key is nil
// whatever the index). The element is one primary-key lookup at head + index.

use crate::commands::list::{ends, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn lindex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Nil);
    };
    let index = int_arg(&args[2])?;
    let Some(pos) = ends(ctx, e.id)?.position(index) else {
        return Ok(Reply::Nil);
    };
    Ok(Reply::opt_bulk(ctx.store.list_get(e.id, pos)?))
}
