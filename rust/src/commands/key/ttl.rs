// TTL returns a key's remaining time to live in seconds (-2 missing, -1 no expiry).
// TTL key
// https://redis.io/commands/ttl
//
// PTTL, EXPIRETIME and PEXPIRETIME are ttlGenericCommand's other outputs: milliseconds,
// or the absolute unix time.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

fn ttl_generic(ctx: &mut Ctx, args: &[Vec<u8>], millis: bool, absolute: bool) -> Result<Reply> {
    let Some(e) = ctx.lookup(&args[1], Access::Read)? else {
        return Ok(Reply::Integer(-2));
    };
    let Some(at) = e.expire_at else {
        return Ok(Reply::Integer(-1));
    };
    let ttl = if absolute { at } else { (at - ctx.now).max(0) };
    // Seconds round to the nearest, as Redis's (ttl+500)/1000.
    Ok(Reply::Integer(if millis {
        ttl
    } else {
        (ttl + 500) / 1000
    }))
}

pub fn ttl(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ttl_generic(ctx, args, false, false)
}

// PTTL returns a key's remaining time to live in milliseconds.
// PTTL key
// https://redis.io/commands/pttl
pub fn pttl(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ttl_generic(ctx, args, true, false)
}

// EXPIRETIME returns a key's expiry as a unix time in seconds.
// EXPIRETIME key
// https://redis.io/commands/expiretime
pub fn expiretime(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ttl_generic(ctx, args, false, true)
}

// PEXPIRETIME returns a key's expiry as a unix time in milliseconds.
// PEXPIRETIME key
// https://redis.io/commands/pexpiretime
pub fn pexpiretime(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ttl_generic(ctx, args, true, true)
}
