// EXPIRE sets a key's time to live in seconds; a time in the past deletes the key.
// EXPIRE key seconds [NX | XX | GT | LT]
// https://redis.io/commands/expire
//
// PEXPIRE, EXPIREAT and PEXPIREAT differ only in unit and base time (Redis's
// expireGenericCommand). A key without a TTL counts as an infinite TTL for GT/LT.

use crate::commands::{int_arg, is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Seconds,
    Millis,
}

/// The NX | XX | GT | LT flags, as a table: token and the flag bit it sets.
const NX: u32 = 1;
const XX: u32 = 2;
const GT: u32 = 4;
const LT: u32 = 8;
const FLAGS: &[(&str, u32)] = &[("nx", NX), ("xx", XX), ("gt", GT), ("lt", LT)];

/// parseExtendedExpireArgumentsOrReply: unknown options first, then the conflicts.
fn parse_flags(args: &[Vec<u8>]) -> Result<u32> {
    let mut flags = 0;
    for a in args {
        let Some(&(_, f)) = FLAGS.iter().find(|(t, _)| is(a, t)) else {
            return Err(Error::UnsupportedOption(a.clone()));
        };
        flags |= f;
    }
    let has = |f| flags & f != 0;
    if has(NX) && (has(XX) || has(GT) || has(LT)) {
        return Err(Error::ExpireNxConflict);
    }
    if has(GT) && has(LT) {
        return Err(Error::ExpireGtLtConflict);
    }
    Ok(flags)
}

fn expire_generic(ctx: &mut Ctx, args: &[Vec<u8>], base: i64, unit: Unit) -> Result<Reply> {
    let flags = parse_flags(&args[3..])?;
    let invalid = Error::InvalidExpire(match (base, unit) {
        (0, Unit::Seconds) => "expireat",
        (0, Unit::Millis) => "pexpireat",
        (_, Unit::Seconds) => "expire",
        (_, Unit::Millis) => "pexpire",
    });
    let mut when = int_arg(&args[2])?;
    if unit == Unit::Seconds {
        if !(i64::MIN / 1000..=i64::MAX / 1000).contains(&when) {
            return Err(invalid);
        }
        when *= 1000;
    }
    if when > i64::MAX - base {
        return Err(invalid);
    }
    when += base;
    let Some(e) = ctx.lookup(&args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let current = e.expire_at;
    let refused = (flags & NX != 0 && current.is_some())
        || (flags & XX != 0 && current.is_none())
        || (flags & GT != 0 && current.is_none_or(|c| when <= c))
        || (flags & LT != 0 && current.is_some_and(|c| when >= c));
    if refused {
        return Ok(Reply::Integer(0));
    }
    if when <= ctx.now {
        ctx.store.delete(e.id)?;
    } else {
        ctx.store.set_expire(e.id, Some(when))?;
    }
    Ok(Reply::Integer(1))
}

pub fn expire(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let now = ctx.now;
    expire_generic(ctx, args, now, Unit::Seconds)
}

// PEXPIRE sets a key's time to live in milliseconds.
// PEXPIRE key milliseconds [NX | XX | GT | LT]
// https://redis.io/commands/pexpire
pub fn pexpire(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let now = ctx.now;
    expire_generic(ctx, args, now, Unit::Millis)
}

// EXPIREAT sets a key's expiry as a unix time in seconds.
// EXPIREAT key unix-time-seconds [NX | XX | GT | LT]
// https://redis.io/commands/expireat
pub fn expireat(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    expire_generic(ctx, args, 0, Unit::Seconds)
}

// PEXPIREAT sets a key's expiry as a unix time in milliseconds.
// PEXPIREAT key unix-time-milliseconds [NX | XX | GT | LT]
// https://redis.io/commands/pexpireat
pub fn pexpireat(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    expire_generic(ctx, args, 0, Unit::Millis)
}
