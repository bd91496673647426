// ZRANDMEMBER returns random members of a sorted set (with their scores on request).
// ZRANDMEMBER key [count [WITHSCORES]]
// https://redis.io/commands/zrandmember
//
// Without a count: one member drawn uniformly by rank (SQLite walks to it). With a count
// the sorted set is read once and sampled (commands/sample.rs): negative counts repeat; a
// count of at least the size returns the whole set highest score first, as Redis does.

use crate::commands::sample::{check_repeats, sample};
use crate::commands::zset::lookup;
use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn zrandmember(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len() == 2 {
        let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
            return Ok(Reply::Nil);
        };
        let offset = (ctx.server.random() % e.elements.max(1) as u64) as i64;
        let row = ctx.store.zset_by_rank(e.id, false, 1, offset)?;
        return Ok(Reply::opt_bulk(row.into_iter().next().map(|(m, _)| m)));
    }
    // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX), then the syntax, then the
    // WITHSCORES bound, all before the key.
    let count = parse_i64(&args[2]).ok_or(Error::NotInteger)?;
    if count == i64::MIN {
        return Err(Error::LongOutOfRange);
    }
    let with_scores = match args.len() {
        3 => false,
        4 if c_str(&args[3]).eq_ignore_ascii_case(b"withscores") => true,
        _ => return Err(Error::Syntax),
    };
    if with_scores && !(-i64::MAX / 2..=i64::MAX / 2).contains(&count) {
        return Err(Error::ValueOutOfRange);
    }
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Array(vec![]));
    };
    if count == 0 {
        return Ok(Reply::Array(vec![]));
    }
    check_repeats(count)?;
    // A count of at least the size is the whole set, highest score first, as Redis 7.0
    // replies it (deterministically); anything else is sampled from the set in order.
    let rows = ctx.store.zset_by_rank(e.id, count > 0, -1, 0)?;
    let picks = if count > 0 && count as usize >= rows.len() {
        (0..rows.len()).collect()
    } else {
        sample(rows.len(), count, || ctx.server.random())
    };
    let mut out = Vec::with_capacity(picks.len() * if with_scores { 2 } else { 1 });
    for i in picks {
        let (member, score) = &rows[i];
        out.push(Reply::Bulk(member.clone()));
        if with_scores {
            out.push(Reply::Double(*score));
        }
    }
    // RESP3 nests each member with its score.
    Ok(if with_scores {
        Reply::Pairs(out)
    } else {
        Reply::Array(out)
    })
}
