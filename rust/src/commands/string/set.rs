// SET stores a string value, with optional expiry and conditions.
// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
// https://redis.io/commands/set
//
// SETNX, SETEX and PSETEX are SET with a fixed option, as in Redis's t_string.c.

use crate::commands::string::options::{self, EX, GET, KEEPTTL, NX, PX, XX};
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, KeyType};

/// What setGenericCommand did.
pub enum Outcome {
    /// The value was stored.
    Set,
    /// NX found the key, or XX did not.
    Aborted,
}

/// setGenericCommand: the one write path of SET, SETNX, SETEX, PSETEX and GETSET.
/// Returns the old value's reply when GET was asked (WRONGTYPE if it is not a string),
/// checked before anything is written.
pub fn set_generic(
    ctx: &mut Ctx,
    key: &[u8],
    value: &[u8],
    flags: u32,
    expire_at: Option<i64>,
) -> Result<(Outcome, Option<Reply>)> {
    // Without a condition, GET or KEEPTTL nothing depends on the old key: one statement,
    // unless the key holds another type.
    if flags & (NX | XX | GET | KEEPTTL) == 0
        && ctx.store.set_if_string(ctx.db(), key, value, expire_at)?
    {
        return Ok((Outcome::Set, None));
    }
    // GET reads the old value as Redis does, with lookupKeyRead: a keyspace hit or miss.
    let access = if flags & GET != 0 {
        Access::ReadWrite
    } else {
        Access::Write
    };
    let old = ctx
        .store
        .lookup(ctx.db(), key, ctx.now, access, flags & GET != 0)?;
    let old_reply = if flags & GET != 0 {
        Some(match &old {
            Some(e) if e.kind != KeyType::String => return Err(Error::WrongType),
            Some(e) => Reply::Bulk(e.value.clone().unwrap_or_default()),
            None => Reply::Nil,
        })
    } else {
        None
    };
    let found = old.is_some();
    if (flags & NX != 0 && found) || (flags & XX != 0 && !found) {
        return Ok((Outcome::Aborted, old_reply));
    }
    let expire_at = if flags & KEEPTTL != 0 {
        old.as_ref().and_then(|e| e.expire_at)
    } else {
        expire_at
    };
    let db = ctx.db();
    match old {
        // A collection becomes a string: its rows must go, in the same step.
        Some(e) if e.kind != KeyType::String => ctx.store.atomic(|| {
            ctx.store.delete(e.id)?;
            ctx.store.set_string(db, key, value, expire_at)
        })?,
        _ => ctx.store.set_string(db, key, value, expire_at)?,
    }
    Ok((Outcome::Set, old_reply))
}

pub fn set(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let opts = options::parse(options::SET, &args[3..])?;
    let expire_at = match opts.expire {
        Some(v) => Some(options::expire_at(opts.flags, v, ctx.now, "set")?),
        None => None,
    };
    let (outcome, old) = set_generic(ctx, &args[1], &args[2], opts.flags, expire_at)?;
    Ok(match (outcome, old) {
        (_, Some(old)) => old,
        (Outcome::Set, None) => Reply::OK,
        (Outcome::Aborted, None) => Reply::Nil,
    })
}

// SETNX stores a string only if the key does not exist.
// SETNX key value
// https://redis.io/commands/setnx
pub fn setnx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (outcome, _) = set_generic(ctx, &args[1], &args[2], NX, None)?;
    Ok(Reply::Integer(matches!(outcome, Outcome::Set) as i64))
}

// SETEX stores a string with a time to live in seconds.
// SETEX key seconds value
// https://redis.io/commands/setex
pub fn setex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let at = options::expire_at(EX, &args[2], ctx.now, "setex")?;
    set_generic(ctx, &args[1], &args[3], 0, Some(at))?;
    Ok(Reply::OK)
}

// PSETEX stores a string with a time to live in milliseconds.
// PSETEX key milliseconds value
// https://redis.io/commands/psetex
pub fn psetex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let at = options::expire_at(PX, &args[2], ctx.now, "psetex")?;
    set_generic(ctx, &args[1], &args[3], 0, Some(at))?;
    Ok(Reply::OK)
}
