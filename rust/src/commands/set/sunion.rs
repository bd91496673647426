// SUNION returns the members present in any of the given sets.
// SUNION key [key ...]
// https://redis.io/commands/sunion
//
// Every key is type-checked first; missing keys are empty sets. The result is merged in
// member order.

use std::collections::BTreeSet;

use crate::commands::set::{lookup_all, members_reply, store_result};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

fn union(ctx: &Ctx, keys: &[Vec<u8>]) -> Result<Vec<Vec<u8>>> {
    let mut out = BTreeSet::new();
    for e in lookup_all(ctx, keys)?.into_iter().flatten() {
        out.extend(ctx.store.set_members(e.id)?);
    }
    Ok(out.into_iter().collect())
}

pub fn sunion(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(members_reply(union(ctx, &args[1..])?))
}

// SUNIONSTORE stores the union of sets at a key; replies its size.
// SUNIONSTORE destination key [key ...]
// https://redis.io/commands/sunionstore
pub fn sunionstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let members = union(ctx, &args[2..])?;
    store_result(ctx, &args[1], &members)
}
