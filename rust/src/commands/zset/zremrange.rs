// ZREMRANGEBYRANK removes the members in a rank range; an emptied sorted set is deleted.
// ZREMRANGEBYRANK key start stop
// https://redis.io/commands/zremrangebyrank
//
// zremrangeGenericCommand: the range is parsed before the key is looked at.

use crate::commands::zset::score::{LexRange, ScoreRange};
use crate::commands::zset::zrange::rank_span;
use crate::commands::zset::{lex, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn zremrangebyrank(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let start = int_arg(&args[2])?;
    let stop = int_arg(&args[3])?;
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let len = e.elements;
    let Some((start, stop)) = rank_span(len, start, stop) else {
        return Ok(Reply::Integer(0));
    };
    let removed = store.atomic(|| {
        if start == 0 && stop == len - 1 {
            store.delete(e.id)?;
            return Ok(len);
        }
        // The two ends by rank, then one range delete between them.
        let low = store.zset_by_rank(e.id, false, 1, start)?;
        let high = store.zset_by_rank(e.id, false, 1, stop)?;
        let (Some(low), Some(high)) = (low.first(), high.first()) else {
            return Ok(0);
        };
        let n = store.zset_delete_between(e.id, low, high)?;
        store.shrink(&e, n)?;
        Ok(n)
    })?;
    Ok(Reply::Integer(removed))
}

// ZREMRANGEBYSCORE removes the members whose score is in a range.
// ZREMRANGEBYSCORE key min max
// https://redis.io/commands/zremrangebyscore
pub fn zremrangebyscore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let range = ScoreRange::parse(&args[2], &args[3]).ok_or(Error::MinMaxNotFloat)?;
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    if range.is_empty() {
        return Ok(Reply::Integer(0));
    }
    let store = &ctx.store;
    let removed = store.atomic(|| {
        let n = store.zset_delete_by_score(e.id, range.min, range.max)?;
        if n > 0 {
            store.shrink(&e, n)?;
        }
        Ok(n)
    })?;
    Ok(Reply::Integer(removed))
}

// ZREMRANGEBYLEX removes the members in a lex range.
// ZREMRANGEBYLEX key min max
// https://redis.io/commands/zremrangebylex
pub fn zremrangebylex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let range = LexRange::parse(&args[2], &args[3]).ok_or(Error::MinMaxNotLex)?;
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let removed = store.atomic(|| {
        let n = lex::delete(ctx, e.id, &range)?;
        if n > 0 {
            store.shrink(&e, n)?;
        }
        Ok(n)
    })?;
    Ok(Reply::Integer(removed))
}
