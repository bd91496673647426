// INCR adds one to the integer stored at a key (a missing key counts as 0).
// INCR key
// https://redis.io/commands/incr
//
// DECR, INCRBY and DECRBY share incrDecrCommand's path: the stored string must be a
// string2ll integer, and the result must fit in 64 bits. The TTL is kept.

use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::i64_bytes;
use crate::resp::Reply;
use crate::store::Access;

fn incr_decr(ctx: &mut Ctx, key: &[u8], incr: i64) -> Result<Reply> {
    // A live string: one statement, which also refuses a non-integer or an overflow.
    if let Some(new) = ctx.store.incr_in_place(ctx.db(), key, incr, ctx.now)? {
        return Ok(Reply::Integer(new));
    }
    // Missing or expired: a new string holding the increment, one statement.
    if ctx
        .store
        .set_if_string(ctx.db(), key, &i64_bytes(incr), None)?
    {
        return Ok(Reply::Integer(incr));
    }
    // Another type (live: WRONGTYPE; expired: deleted, then created below).
    let entry = ctx.lookup_string(key, Access::Write)?;
    let old = match &entry {
        Some(e) => crate::numbers::parse_i64(e.value.as_deref().unwrap_or_default())
            .ok_or(Error::NotInteger)?,
        None => 0,
    };
    let new = old.checked_add(incr).ok_or(Error::Overflow)?;
    let bytes = i64_bytes(new);
    match entry {
        Some(_) => ctx.store.update_value(ctx.db(), key, &bytes)?,
        None => ctx.store.set_string(ctx.db(), key, &bytes, None)?,
    }
    Ok(Reply::Integer(new))
}

pub fn incr(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    incr_decr(ctx, &args[1], 1)
}

// DECR subtracts one from the integer stored at a key.
// DECR key
// https://redis.io/commands/decr
pub fn decr(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    incr_decr(ctx, &args[1], -1)
}

// INCRBY adds an integer to the integer stored at a key.
// INCRBY key increment
// https://redis.io/commands/incrby
pub fn incrby(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let incr = int_arg(&args[2])?;
    incr_decr(ctx, &args[1], incr)
}

// DECRBY subtracts an integer from the integer stored at a key.
// DECRBY key decrement
// https://redis.io/commands/decrby
pub fn decrby(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let decr = int_arg(&args[2])?;
    if decr == i64::MIN {
        return Err(Error::DecrementOverflow);
    }
    incr_decr(ctx, &args[1], -decr)
}
