// HSET sets fields of a hash, creating it when missing; replies how many were new.
// HSET key field value [field value ...]
// https://redis.io/commands/hset
//
// HMSET is the same with an +OK reply, as in Redis.

use crate::commands::hash::{lookup, write};
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn hset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(set_fields(ctx, args)?))
}

// HMSET sets fields of a hash (deprecated form of HSET).
// HMSET key field value [field value ...]
// https://redis.io/commands/hmset
pub fn hmset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    set_fields(ctx, args)?;
    Ok(Reply::OK)
}

/// hsetCommand: an odd number of field/value words is an arity error, checked before
/// the key. Redis signals the key as modified even when no value changed.
fn set_fields(ctx: &Ctx, args: &[Vec<u8>]) -> Result<i64> {
    if args.len() % 2 == 1 {
        return Err(Error::WrongArity(ctx.cmd.name.clone()));
    }
    let entry = lookup(ctx, &args[1], Access::Write)?;
    write(ctx, &args[1], entry, |id| {
        let mut added = 0;
        for pair in args[2..].chunks(2) {
            if ctx.store.hash_set(id, &pair[0], &pair[1])? {
                added += 1;
            }
        }
        Ok((added, added))
    })
}

// HSETNX sets a field only when it does not exist.
// HSETNX key field value
// https://redis.io/commands/hsetnx
pub fn hsetnx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Write)?;
    if let Some(e) = &entry {
        if ctx.store.hash_strlen(e.id, &args[2])?.is_some() {
            return Ok(Reply::Integer(0));
        }
    }
    write(ctx, &args[1], entry, |id| {
        let added = ctx.store.hash_insert(id, &args[2], &args[3])?;
        Ok(((), added as i64))
    })?;
    Ok(Reply::Integer(1))
}
