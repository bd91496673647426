// ZRANGE returns members by rank, score or lex range, in either direction.
// ZRANGE key start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES]
// https://redis.io/commands/zrange
//
// Every range command is Redis's zrangeGenericCommand with a fixed kind and direction:
// options first, then their conflicts, then the range, then the key. Ranks read through
// the score index, from the bucket holding the first rank when it is far from the end
// read from (store/zset.rs); score ranges seek the index; lex ranges are lex.rs.

use crate::commands::zset::score::{LexRange, ScoreRange};
use crate::commands::zset::{lex, lookup, members_reply, store_result, Scored, StoreBuild};
use crate::commands::{c_str, int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, Entry};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Auto,
    Rank,
    Score,
    Lex,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Auto,
    Forward,
    Reverse,
}

pub fn zrange(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Auto, Direction::Auto)
}

// ZRANGESTORE stores a ZRANGE result (members and scores) at a destination key.
// ZRANGESTORE dst src min max [BYSCORE | BYLEX] [REV] [LIMIT offset count]
// https://redis.io/commands/zrangestore
pub fn zrangestore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 2, Some(&args[1]), Kind::Auto, Direction::Auto)
}

// ZREVRANGE returns members by rank, highest score first.
// ZREVRANGE key start stop [WITHSCORES]
// https://redis.io/commands/zrevrange
pub fn zrevrange(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Rank, Direction::Reverse)
}

// ZRANGEBYSCORE returns members with a score in a range, lowest first.
// ZRANGEBYSCORE key min max [WITHSCORES] [LIMIT offset count]
// https://redis.io/commands/zrangebyscore
pub fn zrangebyscore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Score, Direction::Forward)
}

// ZREVRANGEBYSCORE returns members with a score in a range, highest first.
// ZREVRANGEBYSCORE key max min [WITHSCORES] [LIMIT offset count]
// https://redis.io/commands/zrevrangebyscore
pub fn zrevrangebyscore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Score, Direction::Reverse)
}

// ZRANGEBYLEX returns members in a lex range.
// ZRANGEBYLEX key min max [LIMIT offset count]
// https://redis.io/commands/zrangebylex
pub fn zrangebylex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Lex, Direction::Forward)
}

// ZREVRANGEBYLEX returns members in a lex range, in reverse order.
// ZREVRANGEBYLEX key max min [LIMIT offset count]
// https://redis.io/commands/zrevrangebylex
pub fn zrevrangebylex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Kind::Lex, Direction::Reverse)
}

/// zrangeGenericCommand. `src` is the index of the source key; min and max follow it.
fn generic(
    ctx: &Ctx,
    args: &[Vec<u8>],
    src: usize,
    dst: Option<&[u8]>,
    mut kind: Kind,
    mut direction: Direction,
) -> Result<Reply> {
    let mut with_scores = false;
    let (mut offset, mut limit) = (0i64, -1i64);
    let mut j = src + 3;
    while j < args.len() {
        let opt = c_str(&args[j]);
        let left = args.len() - j - 1;
        if dst.is_none() && opt.eq_ignore_ascii_case(b"withscores") {
            with_scores = true;
        } else if opt.eq_ignore_ascii_case(b"limit") && left >= 2 {
            offset = int_arg(&args[j + 1])?;
            limit = int_arg(&args[j + 2])?;
            j += 2;
        } else if direction == Direction::Auto && opt.eq_ignore_ascii_case(b"rev") {
            direction = Direction::Reverse;
        } else if kind == Kind::Auto && opt.eq_ignore_ascii_case(b"bylex") {
            kind = Kind::Lex;
        } else if kind == Kind::Auto && opt.eq_ignore_ascii_case(b"byscore") {
            kind = Kind::Score;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    if kind == Kind::Auto {
        kind = Kind::Rank;
    }
    let reverse = direction == Direction::Reverse;
    if limit != -1 && kind == Kind::Rank {
        return Err(Error::LimitNeedsByscoreOrBylex);
    }
    if with_scores && kind == Kind::Lex {
        return Err(Error::WithscoresWithBylex);
    }
    // BYSCORE/BYLEX REV take the range as max, min.
    let (min, max) = if reverse && kind != Kind::Rank {
        (&args[src + 2], &args[src + 1])
    } else {
        (&args[src + 1], &args[src + 2])
    };
    let range = match kind {
        Kind::Score => Range::Score(ScoreRange::parse(min, max).ok_or(Error::MinMaxNotFloat)?),
        Kind::Lex => Range::Lex(LexRange::parse(min, max).ok_or(Error::MinMaxNotLex)?),
        _ => Range::Rank(int_arg(min)?, int_arg(max)?),
    };
    let rows = match lookup(ctx, &args[src], Access::Read)? {
        None => Vec::new(),
        Some(e) => read(ctx, &e, &range, reverse, offset, limit)?,
    };
    match dst {
        Some(dst) => {
            // A rank range's length is known before the rows are (zsetTypeCreate's hint).
            let size_hint = match range {
                Range::Rank(..) => rows.len() as i64,
                _ => 0,
            };
            let build = StoreBuild::Added { size_hint };
            Ok(Reply::Integer(store_result(ctx, dst, &rows, build)?))
        }
        None => Ok(members_reply(rows, with_scores)),
    }
}

/// A parsed range.
pub(crate) enum Range {
    /// start, stop (negative from the end).
    Rank(i64, i64),
    Score(ScoreRange),
    Lex(LexRange),
}

/// The members of sorted set `e` in `range`. LIMIT (offset, limit) applies to score
/// and lex ranges: a negative offset gives nothing, a negative limit everything.
pub(crate) fn read(
    ctx: &Ctx,
    e: &Entry,
    range: &Range,
    reverse: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<Scored>> {
    let store = &ctx.store;
    let id = e.id;
    match range {
        // Non-negative ranks need no count: the read stops at the end by itself, so
        // ZRANGE 0 99 costs what it returns, not the size of the set.
        Range::Rank(start, stop) if *start >= 0 && *stop >= 0 => {
            if start > stop {
                return Ok(Vec::new());
            }
            let count = (stop - start).saturating_add(1);
            store.zset_by_rank(id, reverse, count, *start)
        }
        Range::Rank(start, stop) => {
            let Some((start, stop)) = rank_span(e.elements, *start, *stop) else {
                return Ok(Vec::new());
            };
            store.zset_by_rank(id, reverse, stop - start + 1, start)
        }
        _ if offset < 0 => Ok(Vec::new()),
        Range::Score(r) => {
            if r.is_empty() {
                return Ok(Vec::new());
            }
            store.zset_by_score(id, r.min, r.max, reverse, limit.max(-1), offset)
        }
        Range::Lex(r) => lex::read(ctx, id, r, reverse, offset, limit.max(-1)),
    }
}

/// Redis's rank sanitizing: negative indexes count from the end, the start is clamped to
/// 0 and the stop to the last rank; None when nothing is left.
pub(crate) fn rank_span(len: i64, mut start: i64, mut stop: i64) -> Option<(i64, i64)> {
    if start < 0 {
        start += len;
    }
    if stop < 0 {
        stop += len;
    }
    start = start.max(0);
    if start > stop || start >= len {
        return None;
    }
    Some((start, stop.min(len - 1)))
}
