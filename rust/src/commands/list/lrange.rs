// LRANGE returns the elements between two indexes (inclusive, negative from the tail).
// LRANGE key start stop
// https://redis.io/commands/lrange
//
// One range scan of the primary key over exactly the positions returned.

use crate::commands::list::{ends, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn lrange(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let start = int_arg(&args[2])?;
    let stop = int_arg(&args[3])?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Array(vec![]));
    };
    let ends = ends(ctx, e.id)?;
    let Some((start, stop)) = span(ends.len(), start, stop) else {
        return Ok(Reply::Array(vec![]));
    };
    let elems = ctx
        .store
        .list_range(e.id, ends.head + start, ends.head + stop)?;
    Ok(Reply::Array(elems.into_iter().map(Reply::Bulk).collect()))
}

/// listTypeRange's index sanitizing (LRANGE, LTRIM): negative indexes count from the
/// end, start is clamped to 0 and stop to the last index; None when nothing is left.
pub(crate) fn span(len: i64, mut start: i64, mut stop: i64) -> Option<(i64, i64)> {
    if start < 0 {
        start += len;
    }
    if stop < 0 {
        stop += len;
    }
    start = start.max(0);
    if start > stop || start >= len {
        return None;
    }
    Some((start, stop.min(len - 1)))
}
