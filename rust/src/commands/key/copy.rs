// COPY copies a key (value, TTL and collection rows) to a new name, possibly in another database.
// COPY source destination [DB destination-db] [REPLACE]
// https://redis.io/commands/copy

use crate::commands::conn::select::db_index;
use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn copy(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (src, dst) = (&args[1], &args[2]);
    let mut replace = false;
    let mut dst_db = ctx.db();
    let mut j = 3;
    while j < args.len() {
        if is(&args[j], "replace") {
            replace = true;
        } else if is(&args[j], "db") && j + 1 < args.len() {
            dst_db = db_index(&args[j + 1])?;
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
        j += 1;
    }
    if dst_db == ctx.db() && src == dst {
        return Err(Error::SameObject);
    }
    let Some(from) = ctx.lookup(src, Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let existing = ctx
        .store
        .lookup(dst_db, dst, ctx.now, Access::Write, false)?;
    if existing.is_some() && !replace {
        return Ok(Reply::Integer(0));
    }
    let store = &ctx.store;
    store.atomic(|| {
        if let Some(e) = existing {
            store.delete(e.id)?;
        }
        store.copy(from.id, dst_db, dst)
    })?;
    Ok(Reply::Integer(1))
}
