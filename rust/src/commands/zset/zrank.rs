// ZRANK returns a member's rank (0-based) in ascending score order, or nil.
// ZRANK key member
// https://redis.io/commands/zrank
//
// The rank is the count of members before (after, for ZREVRANK) it: the buckets' counts
// up to the member's bucket, then a count inside that bucket (zset_buckets, schema.sql),
// about N/1000 + 2048 rows where Redis's skiplist is O(log N).

use crate::commands::zset::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn zrank(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    rank(ctx, args, false)
}

// ZREVRANK returns a member's rank in descending score order, or nil.
// ZREVRANK key member
// https://redis.io/commands/zrevrank
pub fn zrevrank(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    rank(ctx, args, true)
}

fn rank(ctx: &Ctx, args: &[Vec<u8>], reverse: bool) -> Result<Reply> {
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Nil);
    };
    let Some(score) = ctx.store.zset_score(e.id, &args[2])? else {
        return Ok(Reply::Nil);
    };
    Ok(Reply::Integer(if reverse {
        ctx.store.zset_rev_rank(e.id, score, &args[2])?
    } else {
        ctx.store.zset_rank(e.id, score, &args[2])?
    }))
}
