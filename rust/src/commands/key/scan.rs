// SCAN iterates over the keys of the selected database.
// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
// https://redis.io/commands/scan
//
// The cursor is the id of the last key looked at (keys.id only grows), so a key present
// for the whole scan is returned exactly once. COUNT bounds the keys looked at; MATCH
// and TYPE filter afterwards, as in Redis.

use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::glob;
use crate::numbers::{i64_bytes, parse_cursor, parse_i64};
use crate::resp::Reply;

pub fn scan(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let cursor = parse_cursor(&args[1]).ok_or(Error::InvalidCursor)?;
    let mut count: i64 = 10;
    let mut pattern: Option<&[u8]> = None;
    let mut kind: Option<&[u8]> = None;
    let mut i = 2;
    while i < args.len() {
        let more = args.len() - i >= 2;
        if is(&args[i], "count") && more {
            count = parse_i64(&args[i + 1]).ok_or(Error::NotInteger)?;
            if count < 1 {
                return Err(Error::Syntax);
            }
        } else if is(&args[i], "match") && more {
            pattern = Some(&args[i + 1])
                .filter(|p| p.as_slice() != b"*")
                .map(Vec::as_slice);
        } else if is(&args[i], "type") && more {
            kind = Some(&args[i + 1]);
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    // A cursor beyond any id we hand out has nothing after it.
    let Ok(after) = i64::try_from(cursor) else {
        return Ok(Reply::Array(vec![Reply::bulk("0"), Reply::Array(vec![])]));
    };
    let rows = ctx.store.scan(ctx.db(), after, ctx.now, count)?;
    let next = if rows.len() as i64 == count {
        rows.last().map_or(0, |r| r.0)
    } else {
        0
    };
    let store = &ctx.store;
    let keys = rows
        .into_iter()
        .filter(|(_, key, t)| {
            pattern.is_none_or(|p| glob::matches(p, key, false))
                && kind.is_none_or(|k| {
                    // Redis reads the type of each key MATCH let through with
                    // lookupKeyRead: a keyspace hit (the rows are live keys).
                    store.count_lookup(true);
                    k.eq_ignore_ascii_case(t.name().as_bytes())
                })
        })
        .map(|(_, key, _)| Reply::Bulk(key))
        .collect();
    Ok(Reply::Array(vec![
        Reply::Bulk(i64_bytes(next)),
        Reply::Array(keys),
    ]))
}
