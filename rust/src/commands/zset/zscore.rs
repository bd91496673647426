// ZSCORE returns a member's score, or nil.
// ZSCORE key member
// https://redis.io/commands/zscore

use crate::commands::zset::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn zscore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Nil);
    };
    let score = ctx.store.zset_score(e.id, &args[2])?;
    Ok(score.map_or(Reply::Nil, Reply::Double))
}

// ZMSCORE returns the scores of several members (nil for each missing one).
// ZMSCORE key member [member ...]
// https://redis.io/commands/zmscore
pub fn zmscore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = lookup(ctx, &args[1], Access::Read)?;
    let mut out = Vec::with_capacity(args.len() - 2);
    for member in &args[2..] {
        let score = match &entry {
            Some(e) => ctx.store.zset_score(e.id, member)?,
            None => None,
        };
        out.push(score.map_or(Reply::Nil, Reply::Double));
    }
    Ok(Reply::Array(out))
}
