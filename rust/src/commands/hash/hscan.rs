// HSCAN iterates over the fields and values of a hash.
// HSCAN key cursor [MATCH pattern] [COUNT count]
// https://redis.io/commands/hscan
//
// The cursor names a point in field order (commands/cursor.rs): stateless, and a field
// present for the whole scan is returned at least once. As in Redis, the cursor is
// checked first, then the key (a missing key ends the scan whatever the options), then
// the options; MATCH filters the page after it is read.

use crate::commands::hash::lookup;
use crate::commands::{cursor, Ctx};
use crate::errors::{Error, Result};
use crate::glob;
use crate::numbers::parse_cursor;
use crate::resp::Reply;
use crate::store::Access;

pub fn hscan(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let cur = parse_cursor(&args[2]).ok_or(Error::InvalidCursor)?;
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(cursor::reply(0, vec![]));
    };
    let (count, pattern) = cursor::parse_options(&args[3..])?;
    let store = &ctx.store;
    let (next, rows) = cursor::page(
        cur,
        count,
        |r: &(Vec<u8>, Vec<u8>)| r.0.as_slice(),
        |from, limit| store.hash_scan(e.id, from, limit),
        |from, to| store.hash_scan_range(e.id, from, to),
    )?;
    let mut out = Vec::with_capacity(rows.len() * 2);
    for (field, value) in rows {
        if pattern.is_none_or(|p| glob::matches(p, &field, false)) {
            out.push(Reply::Bulk(field));
            out.push(Reply::Bulk(value));
        }
    }
    Ok(cursor::reply(next, out))
}
