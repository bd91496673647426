// LPOS returns the index of matching elements.
// LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
// https://redis.io/commands/lpos
//
// The options are parsed before the key, like lposCommand. A scan from the head (or the
// tail for a negative RANK) skips rank - 1 matches and returns up to COUNT more (0: all),
// looking at no more than MAXLEN elements (0: all). RANK -9223372036854775808 behaves as
// in Redis, whose negation overflows: the first match from the tail, every match with
// COUNT.

use crate::commands::list::{ends, lookup};
use crate::commands::{c_str, int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn lpos(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut rank: i64 = 1;
    let mut count: Option<i64> = None;
    let mut maxlen: i64 = 0;
    let mut j = 3;
    while j < args.len() {
        let opt = c_str(&args[j]);
        let Some(value) = args.get(j + 1) else {
            return Err(Error::Syntax);
        };
        if opt.eq_ignore_ascii_case(b"rank") {
            rank = int_arg(value)?;
            if rank == 0 {
                return Err(Error::RankZero);
            }
        } else if opt.eq_ignore_ascii_case(b"count") {
            count = Some(
                parse_i64(value)
                    .filter(|&n| n >= 0)
                    .ok_or(Error::CountNegative)?,
            );
        } else if opt.eq_ignore_ascii_case(b"maxlen") {
            maxlen = parse_i64(value)
                .filter(|&n| n >= 0)
                .ok_or(Error::MaxlenNegative)?;
        } else {
            return Err(Error::Syntax);
        }
        j += 2;
    }
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(if count.is_some() {
            Reply::Array(vec![])
        } else {
            Reply::Nil
        });
    };
    let ends = ends(ctx, e.id)?;
    let from_tail = rank < 0;
    // The positions looked at: MAXLEN elements from the starting end.
    let (lo, hi) = match (maxlen, from_tail) {
        (0, _) => (ends.head, ends.tail),
        (m, false) => (ends.head, ends.head.saturating_add(m - 1).min(ends.tail)),
        (m, true) => (ends.tail.saturating_sub(m - 1).max(ends.head), ends.tail),
    };
    let (offset, limit) = if rank == i64::MIN {
        (0, if count.is_some() { -1 } else { 1 })
    } else {
        let limit = match count {
            None => 1,
            Some(0) => -1,
            Some(n) => n,
        };
        (rank.abs() - 1, limit)
    };
    let found = ctx
        .store
        .list_find(e.id, lo, hi, &args[2], from_tail, limit, offset)?;
    let mut indexes = found.into_iter().map(|p| Reply::Integer(p - ends.head));
    Ok(match count {
        Some(_) => Reply::Array(indexes.collect()),
        None => indexes.next().unwrap_or(Reply::Nil),
    })
}
