// ZSCAN iterates over the members and scores of a sorted set.
// ZSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/zscan
//
// A sorted set Redis keeps as a listpack (up to 128 members of up to 64 bytes) is
// returned whole in score order with cursor 0, whatever the cursor and COUNT, with its
// scores as the listpack holds them, exactly as Redis does. A larger one is scanned in
// member order with the stateless cursor of commands/cursor.rs (a member present for the
// whole scan comes at least once). As in
// Redis: the cursor is checked first, then the key, then the options.

use crate::commands::zset::score::{format_listpack_score, format_score};
use crate::commands::zset::{lookup, Scored};
use crate::commands::{cursor, Ctx};
use crate::errors::{Error, Result};
use crate::glob;
use crate::numbers::parse_cursor;
use crate::resp::Reply;
use crate::store::Access;

/// zset-max-listpack-entries and zset-max-listpack-value, Redis's defaults.
const LISTPACK_ENTRIES: i64 = 128;
const LISTPACK_VALUE: usize = 64;

pub fn zscan(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let cur = parse_cursor(&args[2]).ok_or(Error::InvalidCursor)?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(cursor::reply(0, vec![]));
    };
    let (count, pattern) = cursor::parse_options(&args[3..])?;
    let store = &ctx.store;
    let small = store.zset_by_rank(e.id, false, LISTPACK_ENTRIES + 1, 0)?;
    let listpack = small.len() as i64 <= LISTPACK_ENTRIES
        && small.iter().all(|(m, _)| m.len() <= LISTPACK_VALUE);
    let (next, rows) = if listpack {
        (0, small)
    } else {
        cursor::page(
            cur,
            count,
            |r: &Scored| r.0.as_slice(),
            |from, limit| store.zset_scan(e.id, from, limit),
            |from, to| store.zset_scan_range(e.id, from, to),
        )?
    };
    let mut out = Vec::with_capacity(rows.len() * 2);
    for (member, score) in rows {
        if pattern.is_none_or(|p| glob::matches(p, &member, false)) {
            out.push(Reply::Bulk(member));
            out.push(Reply::Bulk(if listpack {
                format_listpack_score(score)
            } else {
                format_score(score)
            }));
        }
    }
    Ok(cursor::reply(next, out))
}
