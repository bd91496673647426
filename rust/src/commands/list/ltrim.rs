// LTRIM keeps only the elements between two indexes; an emptied list is deleted.
// LTRIM key start stop
// https://redis.io/commands/ltrim
//
// Two range deletes at the ends. Like Redis, a trim that removes nothing still counts as
// a write (the version is bumped).

use crate::commands::list::lrange::span;
use crate::commands::list::{ends, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn ltrim(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let start = int_arg(&args[2])?;
    let stop = int_arg(&args[3])?;
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::OK);
    };
    let store = &ctx.store;
    let ends = ends(ctx, e.id)?;
    store.atomic(|| match span(ends.len(), start, stop) {
        None => store.delete(e.id),
        Some((start, stop)) => {
            store.list_delete_range(e.id, ends.head, ends.head + start - 1)?;
            store.list_delete_range(e.id, ends.head + stop + 1, ends.tail)?;
            // The list keeps stop - start + 1 of its elements.
            store.touch(e.id, (stop + 1 - start) - ends.len())
        }
    })?;
    Ok(Reply::OK)
}
