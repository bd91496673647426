// MSET stores several strings at once, overwriting keys of any type.
// MSET key value [key value ...]
// https://redis.io/commands/mset
//
// MSETNX does the same only if none of the keys exists.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, KeyType};

fn set_all(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<()> {
    let (db, now) = (ctx.db(), ctx.now);
    let store = &ctx.store;
    store.atomic(|| {
        for pair in args[1..].chunks(2) {
            if store.set_if_string(db, &pair[0], &pair[1], None)? {
                continue;
            }
            if let Some(e) = store.lookup(db, &pair[0], now, Access::Write, false)? {
                if e.kind != KeyType::String {
                    store.delete(e.id)?;
                }
            }
            store.set_string(db, &pair[0], &pair[1], None)?;
        }
        Ok(())
    })
}

pub fn mset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len().is_multiple_of(2) {
        return Err(Error::WrongArity(ctx.cmd.name.clone()));
    }
    set_all(ctx, args)?;
    Ok(Reply::OK)
}

// MSETNX stores several strings only if none of the keys exists.
// MSETNX key value [key value ...]
// https://redis.io/commands/msetnx
pub fn msetnx(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len().is_multiple_of(2) {
        return Err(Error::WrongArity(ctx.cmd.name.clone()));
    }
    for pair in args[1..].chunks(2) {
        if ctx.lookup(&pair[0], Access::Write)?.is_some() {
            return Ok(Reply::Integer(0));
        }
    }
    set_all(ctx, args)?;
    Ok(Reply::Integer(1))
}
