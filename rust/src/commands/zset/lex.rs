//! Lex ranges (BYLEX, ZLEXCOUNT, ZREMRANGEBYLEX). Redis defines them only for a sorted
//! set whose scores are all equal; then member order is score order and a range is a
//! seek on the primary key. When scores differ, Redis 7.0 walks its listpack in score
//! order: nothing unless the last member is >= min and the first <= max, else from the
//! first member >= min while members stay <= max (from the end for REV). That walk is
//! replayed here over the set read in score order, so small sets answer exactly as Redis
//! does (a large one, which Redis keeps in a skiplist, may differ: its answer depends on
//! the skiplist's random levels).

use crate::commands::zset::score::LexRange;
use crate::commands::zset::Scored;
use crate::commands::Ctx;
use crate::errors::Result;

/// The lowest and highest scores are equal: member order is score order.
fn one_score(ctx: &Ctx, id: i64) -> Result<bool> {
    let low = ctx.store.zset_by_rank(id, false, 1, 0)?;
    let high = ctx.store.zset_by_rank(id, true, 1, 0)?;
    Ok(match (low.first(), high.first()) {
        (Some(l), Some(h)) => l.1 == h.1,
        _ => true,
    })
}

/// The exclusive upper bound of `range` in member bytes, or None when the range is
/// empty. "+" becomes just past the greatest member (one primary-key probe).
fn upper_bound(ctx: &Ctx, id: i64, range: &LexRange) -> Result<Option<Vec<u8>>> {
    if range.empty {
        return Ok(None);
    }
    let upper = match &range.upper {
        Some(u) => u.clone(),
        None => match ctx.store.zset_max_member(id)? {
            Some(mut m) => {
                m.push(0);
                m
            }
            None => return Ok(None),
        },
    };
    Ok((range.lower < upper).then_some(upper))
}

/// The members of sorted set `id` in `range`, LIMIT applied (`offset` >= 0, `limit` -1
/// for all), in member order or reversed.
pub(crate) fn read(
    ctx: &Ctx,
    id: i64,
    range: &LexRange,
    reverse: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<Scored>> {
    if one_score(ctx, id)? {
        return match upper_bound(ctx, id, range)? {
            Some(upper) => ctx
                .store
                .zset_by_lex(id, &range.lower, &upper, reverse, limit, offset),
            None => Ok(Vec::new()),
        };
    }
    let rows = ctx.store.zset_by_rank(id, false, -1, 0)?;
    Ok(walk(&rows, range, reverse, offset, limit)
        .map(|i| rows[i].clone())
        .collect())
}

/// How many members are in `range`.
pub(crate) fn count(ctx: &Ctx, id: i64, range: &LexRange) -> Result<i64> {
    if one_score(ctx, id)? {
        return match upper_bound(ctx, id, range)? {
            Some(upper) => ctx.store.zset_count_by_lex(id, &range.lower, &upper),
            None => Ok(0),
        };
    }
    let rows = ctx.store.zset_by_rank(id, false, -1, 0)?;
    Ok(walk(&rows, range, false, 0, -1).count() as i64)
}

/// Deletes the members in `range`; how many.
pub(crate) fn delete(ctx: &Ctx, id: i64, range: &LexRange) -> Result<i64> {
    if one_score(ctx, id)? {
        return match upper_bound(ctx, id, range)? {
            Some(upper) => ctx.store.zset_delete_by_lex(id, &range.lower, &upper),
            None => Ok(0),
        };
    }
    let rows = ctx.store.zset_by_rank(id, false, -1, 0)?;
    let run: Vec<usize> = walk(&rows, range, false, 0, -1).collect();
    match (run.first(), run.last()) {
        // The walk is a contiguous run in score order: one range delete.
        (Some(&a), Some(&b)) => ctx.store.zset_delete_between(id, &rows[a], &rows[b]),
        _ => Ok(0),
    }
}

/// Redis's listpack walk over `rows` (score order): the indexes it emits.
fn walk<'a>(
    rows: &'a [Scored],
    range: &'a LexRange,
    reverse: bool,
    offset: i64,
    limit: i64,
) -> impl Iterator<Item = usize> + 'a {
    let gte_min = |m: &[u8]| !range.empty && m >= range.lower.as_slice();
    let lte_max = |m: &[u8]| !range.empty && range.upper.as_ref().is_none_or(|u| m < u.as_slice());
    let nonempty = !range.empty && range.upper.as_ref().is_none_or(|u| range.lower < *u);
    let start = match (rows.first(), rows.last()) {
        (Some(first), Some(last)) if nonempty && gte_min(&last.0) && lte_max(&first.0) => {
            if reverse {
                rows.iter()
                    .rposition(|r| lte_max(&r.0))
                    .filter(|&i| gte_min(&rows[i].0))
            } else {
                rows.iter()
                    .position(|r| gte_min(&r.0))
                    .filter(|&i| lte_max(&rows[i].0))
            }
        }
        _ => None,
    };
    let take = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    let indexes: Box<dyn Iterator<Item = usize>> = match start {
        None => Box::new(std::iter::empty()),
        Some(s) if reverse => Box::new((0..=s).rev().skip(offset)),
        Some(s) => Box::new((s..rows.len()).skip(offset)),
    };
    indexes
        .take_while(move |&i| {
            if reverse {
                gte_min(&rows[i].0)
            } else {
                lte_max(&rows[i].0)
            }
        })
        .take(take)
}
