// SINTER returns the members present in every given set.
// SINTER key [key ...]
// https://redis.io/commands/sinter
//
// As sinterGenericCommand: every key is type-checked first; a missing key makes the
// result empty. The smallest set is read and each member is probed in the others through
// the primary key (O(smallest * keys)), so the result is in member order.

use crate::commands::set::{lookup_all, members_reply, store_result};
use crate::commands::{c_str, is, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;

/// The intersection of the sets at `keys`, stopping after `limit` members (0: no limit).
fn intersect(ctx: &Ctx, keys: &[Vec<u8>], limit: usize) -> Result<Vec<Vec<u8>>> {
    let mut sets = Vec::with_capacity(keys.len());
    for e in lookup_all(ctx, keys)? {
        match e {
            Some(e) => sets.push((e.elements, e.id)),
            None => return Ok(vec![]),
        }
    }
    sets.sort();
    let (_, smallest) = sets[0];
    let mut out = Vec::new();
    'member: for m in ctx.store.set_members(smallest)? {
        for &(_, id) in &sets[1..] {
            if id != smallest && !ctx.store.set_is_member(id, &m)? {
                continue 'member;
            }
        }
        out.push(m);
        if out.len() == limit {
            break;
        }
    }
    Ok(out)
}

pub fn sinter(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(members_reply(intersect(ctx, &args[1..], 0)?))
}

// SINTERSTORE stores the intersection of sets at a key; replies its size.
// SINTERSTORE destination key [key ...]
// https://redis.io/commands/sinterstore
pub fn sinterstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let members = intersect(ctx, &args[2..], 0)?;
    store_result(ctx, &args[1], &members)
}

// SINTERCARD returns the size of the intersection of sets, counting at most LIMIT.
// SINTERCARD numkeys key [key ...] [LIMIT limit]
// https://redis.io/commands/sintercard
pub fn sintercard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let numkeys = parse_i64(&args[1])
        .filter(|&n| n >= 1)
        .ok_or(Error::NumkeysNotPositive)?;
    if numkeys > args.len() as i64 - 2 {
        return Err(Error::NumkeysTooMany);
    }
    let keys_end = 2 + numkeys as usize;
    let mut limit = 0;
    let mut i = keys_end;
    while i < args.len() {
        if is(c_str(&args[i]), "limit") && i + 1 < args.len() {
            limit = parse_i64(&args[i + 1])
                .filter(|&n| n >= 0)
                .ok_or(Error::LimitNegative)?;
            i += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(Reply::Integer(
        intersect(ctx, &args[2..keys_end], limit)?.len() as i64,
    ))
}
