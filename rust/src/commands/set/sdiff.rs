// SDIFF returns the members of the first set that are in none of the others.
// SDIFF key [key ...]
// https://redis.io/commands/sdiff
//
// Every key is type-checked first; missing keys are empty sets. The first set is read in
// member order; each other set is either read whole (when smaller than what is left) or
// probed member by member through the primary key, whichever touches fewer rows.

use std::collections::HashSet;

use crate::commands::set::{lookup_all, members_reply, store_result};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

fn diff(ctx: &Ctx, keys: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    let sets = lookup_all(ctx, keys)?;
    let Some(first) = &sets[0] else {
        return Ok(vec![]);
    };
    let mut out = ctx.store.set_members(first.id)?;
    for other in sets[1..].iter().flatten() {
        if out.is_empty() {
            break;
        }
        if other.id == first.id {
            out.clear();
            break;
        }
        if other.elements < out.len() as i64 {
            let drop: HashSet<Vec<u8>> = ctx.store.set_members(other.id)?.into_iter().collect();
            out.retain(|m| !drop.contains(m));
        } else {
            let mut kept = Vec::with_capacity(out.len());
            for m in out {
                if !ctx.store.set_is_member(other.id, &m)? {
                    kept.push(m);
                }
            }
            out = kept;
        }
    }
    Ok(out)
}

pub fn sdiff(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(members_reply(diff(ctx, &args[1..])?))
}

// SDIFFSTORE stores the difference of sets at a key; replies its size.
// SDIFFSTORE destination key [key ...]
// https://redis.io/commands/sdiffstore
pub fn sdiffstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let members = diff(ctx, &args[2..])?;
    store_result(ctx, &args[1], &members)
}
