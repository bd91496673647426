// ZCOUNT counts the members whose score is in a range.
// ZCOUNT key min max
// https://redis.io/commands/zcount

use crate::commands::zset::score::{LexRange, ScoreRange};
use crate::commands::zset::{lex, lookup};
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn zcount(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let range = ScoreRange::parse(&args[2], &args[3]).ok_or(Error::MinMaxNotFloat)?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Integer(0));
    };
    if range.is_empty() {
        return Ok(Reply::Integer(0));
    }
    Ok(Reply::Integer(
        ctx.store.zset_count_by_score(e.id, range.min, range.max)?,
    ))
}

// ZLEXCOUNT counts the members in a lex range (meaningful when all scores are equal).
// ZLEXCOUNT key min max
// https://redis.io/commands/zlexcount
pub fn zlexcount(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let range = LexRange::parse(&args[2], &args[3]).ok_or(Error::MinMaxNotLex)?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Integer(0));
    };
    Ok(Reply::Integer(lex::count(ctx, e.id, &range)?))
}
