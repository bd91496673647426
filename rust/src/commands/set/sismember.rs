// SISMEMBER tells whether a member is in a set (one primary-key lookup).
// SISMEMBER key member
// https://redis.io/commands/sismember

use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn sismember(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let found = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.set_is_member(e.id, &args[2])?,
        None => false,
    };
    Ok(Reply::Integer(found as i64))
}

// SMISMEMBER tells, for each member, whether it is in a set.
// SMISMEMBER key member [member ...]
// https://redis.io/commands/smismember
pub fn smismember(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Read)?;
    let mut out = Vec::with_capacity(args.len() - 2);
    for m in &args[2..] {
        let found = match &entry {
            Some(e) => ctx.store.set_is_member(e.id, m)?,
            None => false,
        };
        out.push(Reply::Integer(found as i64));
    }
    Ok(Reply::Array(out))
}
