// SPOP removes and returns random members of a set. The last one gone deletes the key.
// SPOP key [count]
// https://redis.io/commands/spop
//
// Without a count: one member drawn uniformly by offset (SQLite walks to it). With a
// count the set is read once and sampled (commands/sample.rs); a count of at least the
// size pops everything, in member order.

use crate::commands::sample::sample;
use crate::commands::set::{lookup, members_reply, vanished};
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn spop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match args.len() {
        2 => pop_one(ctx, &args[1]),
        3 => pop_count(ctx, &args[1], &args[2]),
        _ => Err(Error::Syntax),
    }
}

fn pop_one(ctx: &Ctx, key: &[u8]) -> Result<Reply> {
    let Some(e) = lookup(ctx, key, Access::Write)? else {
        return Ok(Reply::Nil);
    };
    let store = &ctx.store;
    let offset = (ctx.server.random() % e.elements.max(1) as u64) as i64;
    let member = store.set_member_at(e.id, offset)?.ok_or_else(vanished)?;
    store.atomic(|| {
        store.set_remove(e.id, &member)?;
        store.shrink(&e, 1)
    })?;
    Ok(Reply::Bulk(member))
}

/// spopWithCountCommand: the count (getPositiveLongFromObjectOrReply) before the key.
fn pop_count(ctx: &Ctx, key: &[u8], count: &[u8]) -> Result<Reply> {
    let count = parse_i64(count)
        .filter(|&n| n >= 0)
        .ok_or(Error::MustBePositive)?;
    let Some(e) = lookup(ctx, key, Access::Write)? else {
        return Ok(Reply::Set(vec![]));
    };
    if count == 0 {
        return Ok(Reply::Set(vec![]));
    }
    let store = &ctx.store;
    let mut members = store.set_members(e.id)?;
    if count as u64 >= members.len() as u64 {
        store.delete(e.id)?;
        return Ok(members_reply(members));
    }
    let picks = sample(members.len(), count, || ctx.server.random());
    let popped: Vec<Vec<u8>> = picks
        .into_iter()
        .map(|i| std::mem::take(&mut members[i]))
        .collect();
    store.atomic(|| {
        let mut removed = 0;
        for m in &popped {
            removed += store.set_remove(e.id, m)? as i64;
        }
        store.shrink(&e, removed)
    })?;
    Ok(members_reply(popped))
}
