// ZPOPMIN removes and returns the members with the lowest scores.
// ZPOPMIN key [count]
// https://redis.io/commands/zpopmin
//
// genericZpopCommand: the first existing key (WRONGTYPE stops the search), then up to
// count members from one end, read by rank and removed with one range delete.

use crate::commands::zset::{lookup, Scored};
use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::{Access, Entry};

pub fn zpopmin(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    pop_command(ctx, args, false)
}

// ZPOPMAX removes and returns the members with the highest scores.
// ZPOPMAX key [count]
// https://redis.io/commands/zpopmax
pub fn zpopmax(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    pop_command(ctx, args, true)
}

/// zpopMinMaxCommand: [member, score, ...] (pairs nested in RESP3 when a count is given),
/// empty when the key is missing or the count is 0.
fn pop_command(ctx: &Ctx, args: &[Vec<u8>], max: bool) -> Result<Reply> {
    if args.len() > 3 {
        return Err(Error::Syntax);
    }
    let count = match args.get(2) {
        Some(a) => parse_i64(a)
            .filter(|&n| n >= 0)
            .ok_or(Error::MustBePositive)?,
        None => 1,
    };
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Array(vec![]));
    };
    let rows = pop(ctx, &e, max, count)?;
    let mut out = Vec::with_capacity(rows.len() * 2);
    for (member, score) in rows {
        out.push(Reply::Bulk(member));
        out.push(Reply::Double(score));
    }
    // Redis 7.0 nests [member, score] pairs in RESP3 only when a count was given.
    Ok(if args.len() == 3 {
        Reply::Pairs(out)
    } else {
        Reply::Array(out)
    })
}

/// Removes up to `count` members from the low (or high) end of sorted set `e`, deleting
/// the key when it empties; returns them in pop order.
pub(crate) fn pop(ctx: &Ctx, e: &Entry, max: bool, count: i64) -> Result<Vec<Scored>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let store = &ctx.store;
    let rows = store.zset_by_rank(e.id, max, count, 0)?;
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return Ok(rows);
    };
    let n = rows.len() as i64;
    store.atomic(|| {
        // When every member was read, shrink deletes the key, rows and all.
        if n < e.elements {
            let (low, high) = if max { (last, first) } else { (first, last) };
            store.zset_delete_between(e.id, low, high)?;
        }
        store.shrink(e, n)
    })?;
    Ok(rows)
}

// ZMPOP pops members from the first non-empty sorted set of several keys.
// ZMPOP numkeys key [key ...] <MIN | MAX> [COUNT count]
// https://redis.io/commands/zmpop
pub fn zmpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let numkeys = parse_i64(&args[1])
        .filter(|&n| n >= 1)
        .ok_or(Error::NumkeysNotPositive)?;
    let where_idx = match usize::try_from(numkeys).ok().and_then(|n| n.checked_add(2)) {
        Some(i) if i < args.len() => i,
        _ => return Err(Error::Syntax),
    };
    let max = match c_str(&args[where_idx]) {
        w if w.eq_ignore_ascii_case(b"min") => false,
        w if w.eq_ignore_ascii_case(b"max") => true,
        _ => return Err(Error::Syntax),
    };
    let mut count = None;
    let mut j = where_idx + 1;
    while j < args.len() {
        if count.is_none() && c_str(&args[j]).eq_ignore_ascii_case(b"count") && j + 1 < args.len() {
            count = Some(
                parse_i64(&args[j + 1])
                    .filter(|&n| n >= 1)
                    .ok_or(Error::CountNotPositive)?,
            );
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    for key in &args[2..where_idx] {
        if let Some(e) = lookup(ctx, key, Access::Write)? {
            let rows = pop(ctx, &e, max, count.unwrap_or(1))?;
            let pairs = rows
                .into_iter()
                .map(|(m, s)| Reply::Array(vec![Reply::Bulk(m), Reply::Double(s)]))
                .collect();
            return Ok(Reply::Array(vec![
                Reply::Bulk(key.clone()),
                Reply::Array(pairs),
            ]));
        }
    }
    Ok(Reply::NilArray)
}
