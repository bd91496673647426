// SSCAN iterates over the members of a set.
// SSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/sscan
//
// The cursor names a point in member order (commands/cursor.rs): stateless, and a
// member present for the whole scan is returned at least once. As in Redis, the cursor
// is checked first, then the key (a missing key ends the scan whatever the options),
// then the options; MATCH filters the page after it is read.

use crate::commands::set::lookup;
use crate::commands::{cursor, Ctx};
use crate::errors::{Error, Result};
use crate::glob;
use crate::numbers::parse_cursor;
use crate::resp::Reply;
use crate::store::Access;

pub fn sscan(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let cur = parse_cursor(&args[2]).ok_or(Error::InvalidCursor)?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(cursor::reply(0, vec![]));
    };
    let (count, pattern) = cursor::parse_options(&args[3..])?;
    let store = &ctx.store;
    let (next, rows) = cursor::page(
        cur,
        count,
        |m: &Vec<u8>| m.as_slice(),
        |from, limit| store.set_scan(e.id, from, limit),
        |from, to| store.set_scan_range(e.id, from, to),
    )?;
    let items = rows
        .into_iter()
        .filter(|m| pattern.is_none_or(|p| glob::matches(p, m, false)))
        .map(Reply::Bulk)
        .collect();
    Ok(cursor::reply(next, items))
}
