// LMOVE pops an element from one end of a list and pushes it onto an end of another (or
// the same) list.
// LMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT>
// https://redis.io/commands/lmove
//
// lmoveGenericCommand: the directions first, then the source (nil when missing), then
// the destination's type. Moving within one list keeps its key (and TTL) even when it
// holds a single element.

use crate::commands::list::{lookup, parse_side, pop, push};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn lmove(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let from_left = parse_side(&args[3])?;
    let to_left = parse_side(&args[4])?;
    move_generic(ctx, args, from_left, to_left)
}

// RPOPLPUSH moves the last element of a list to the head of another.
// RPOPLPUSH source destination
// https://redis.io/commands/rpoplpush
pub fn rpoplpush(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    move_generic(ctx, args, false, true)
}

pub(crate) fn move_generic(
    ctx: &Ctx,
    args: &[Vec<u8>],
    from_left: bool,
    to_left: bool,
) -> Result<Reply> {
    let Some(src) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Nil);
    };
    let dst = lookup(ctx, &args[2], Access::Write)?;
    let same = args[1] == args[2];
    let elem = ctx.store.atomic(|| {
        let mut popped = pop(ctx, src.id, 1, from_left, same)?;
        let Some(elem) = popped.pop() else {
            return Ok(None);
        };
        push(
            ctx,
            &args[2],
            dst.as_ref(),
            std::slice::from_ref(&elem),
            to_left,
        )?;
        Ok(Some(elem))
    })?;
    Ok(Reply::opt_bulk(elem))
}
