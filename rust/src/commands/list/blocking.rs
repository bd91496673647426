// BLPOP removes and returns the first element of the first non-empty list, or blocks
// until one is available.
// BLPOP key [key ...] timeout
// https://redis.io/commands/blpop
//
// blockingPopGenericCommand: the timeout first, then the keys in order (WRONGTYPE stops
// the search); when every key is empty the client blocks (commands::blocking).

use crate::commands::blocking::{block, parse_timeout};
use crate::commands::list::lmove::move_generic;
use crate::commands::list::pop::lmpop;
use crate::commands::list::{lookup, parse_side, pop};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn blpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    blocking_pop(ctx, args, true)
}

// BRPOP removes and returns the last element of the first non-empty list, or blocks
// until one is available.
// BRPOP key [key ...] timeout
// https://redis.io/commands/brpop
pub fn brpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    blocking_pop(ctx, args, false)
}

fn blocking_pop(ctx: &mut Ctx, args: &[Vec<u8>], left: bool) -> Result<Reply> {
    let timeout = parse_timeout(&args[args.len() - 1])?;
    let keys = &args[1..args.len() - 1];
    for key in keys {
        if let Some(e) = lookup(ctx, key, Access::Write)? {
            let elems = ctx.store.atomic(|| pop(ctx, e.id, 1, left, false))?;
            if let Some(elem) = elems.into_iter().next() {
                return Ok(Reply::Array(vec![
                    Reply::Bulk(key.clone()),
                    Reply::Bulk(elem),
                ]));
            }
        }
    }
    block(ctx, keys, timeout, Reply::NilArray)
}

// BLMOVE pops an element from a list, pushes it onto another and returns it, or blocks
// until the source holds one.
// BLMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout
// https://redis.io/commands/blmove
pub fn blmove(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let from_left = parse_side(&args[3])?;
    let to_left = parse_side(&args[4])?;
    let timeout = parse_timeout(&args[5])?;
    blocking_move(ctx, args, from_left, to_left, timeout)
}

// BRPOPLPUSH pops the last element of a list, pushes it onto the head of another and
// returns it, or blocks until the source holds one.
// BRPOPLPUSH source destination timeout
// https://redis.io/commands/brpoplpush
pub fn brpoplpush(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let timeout = parse_timeout(&args[3])?;
    blocking_move(ctx, args, false, true, timeout)
}

/// blmoveGenericCommand: a missing source blocks (the destination's type is checked
/// only when there is something to move); inside EXEC the reply is a null bulk.
fn blocking_move(
    ctx: &mut Ctx,
    args: &[Vec<u8>],
    from_left: bool,
    to_left: bool,
    timeout: i64,
) -> Result<Reply> {
    if lookup(ctx, &args[1], Access::Write)?.is_some() {
        return move_generic(ctx, args, from_left, to_left);
    }
    block(ctx, &args[1..2], timeout, Reply::Nil)
}

// BLMPOP pops elements from the first non-empty list of several keys, or blocks until
// one is available.
// BLMPOP timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
// https://redis.io/commands/blmpop
pub fn blmpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let timeout = parse_timeout(&args[1])?;
    // LMPOP's grammar from numkeys on: args[1..] reads as `LMPOP numkeys key...`.
    let reply = lmpop(ctx, &args[1..])?;
    if reply != Reply::NilArray {
        return Ok(reply);
    }
    // lmpop validated numkeys against the arguments.
    let numkeys = parse_i64(&args[2]).unwrap_or(1) as usize;
    block(ctx, &args[3..3 + numkeys], timeout, Reply::NilArray)
}
