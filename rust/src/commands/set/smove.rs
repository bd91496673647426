// SMOVE moves a member from one set to another; 1 when it was in the source.
// SMOVE source destination member
// https://redis.io/commands/smove
//
// As smoveCommand: both keys are looked up first; a missing source replies 0 before any
// type check; then the source's type, then the destination's. Moving within one key is
// a membership test.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, KeyType};

pub fn smove(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (src_key, dst_key, member) = (&args[1], &args[2], &args[3]);
    let src = ctx.lookup(src_key, Access::Write)?;
    let dst = ctx.lookup(dst_key, Access::Write)?;
    let Some(src) = src else {
        return Ok(Reply::Integer(0));
    };
    if src.kind != KeyType::Set || dst.as_ref().is_some_and(|d| d.kind != KeyType::Set) {
        return Err(Error::WrongType);
    }
    let store = &ctx.store;
    if src_key == dst_key {
        return Ok(Reply::Integer(store.set_is_member(src.id, member)? as i64));
    }
    let db = ctx.db();
    let moved = store.atomic(|| {
        if !store.set_remove(src.id, member)? {
            return Ok(false);
        }
        store.shrink(&src, 1)?;
        match &dst {
            Some(d) => {
                if store.set_add(d.id, member)? {
                    store.touch(d.id, 1)?;
                }
            }
            None => {
                let id = store.create_set(db, dst_key)?;
                store.set_add(id, member)?;
                store.touch(id, 1)?;
            }
        }
        Ok(true)
    })?;
    Ok(Reply::Integer(moved as i64))
}
