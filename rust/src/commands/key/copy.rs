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
    // Redis reads the source with lookupKeyRead: a keyspace hit or miss.
    let Some(from) = ctx.lookup(src, Access::ReadWrite)? else {
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

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// A copy carries its source's element count (and a sorted set's buckets), so the
    /// copy's length and later writes to either key stay exact; run() checks every key's
    /// count after each step. RENAME keeps the row and so the count.
    #[test]
    fn copies_and_renames_keep_element_counts() {
        run(&[
            (&[b"RPUSH", b"l", b"a", b"b", b"c"], b":3\r\n"),
            (&[b"HSET", b"h", b"f", b"1", b"g", b"2"], b":2\r\n"),
            (&[b"SADD", b"s", b"x", b"y", b"z", b"w"], b":4\r\n"),
            (&[b"ZADD", b"z", b"1", b"a", b"2", b"b"], b":2\r\n"),
            (&[b"COPY", b"l", b"l2"], b":1\r\n"),
            (&[b"COPY", b"h", b"h2"], b":1\r\n"),
            (&[b"COPY", b"s", b"s2", b"DB", b"1"], b":1\r\n"),
            (&[b"COPY", b"z", b"z2"], b":1\r\n"),
            (&[b"COPY", b"z", b"l", b"REPLACE"], b":1\r\n"),
            (&[b"LLEN", b"l2"], b":3\r\n"),
            (&[b"HLEN", b"h2"], b":2\r\n"),
            (&[b"ZCARD", b"z2"], b":2\r\n"),
            (&[b"ZCARD", b"l"], b":2\r\n"),
            (&[b"RPOP", b"l2"], b"$1\r\nc\r\n"),
            (&[b"HDEL", b"h2", b"f"], b":1\r\n"),
            (&[b"ZADD", b"z2", b"3", b"c"], b":1\r\n"),
            (&[b"ZRANK", b"z2", b"c"], b":2\r\n"),
            (&[b"RENAME", b"z2", b"z3"], b"+OK\r\n"),
            (&[b"ZCARD", b"z3"], b":3\r\n"),
            (&[b"RENAME", b"h2", b"s"], b"+OK\r\n"),
            (&[b"HLEN", b"s"], b":1\r\n"),
            (&[b"SELECT", b"1"], b"+OK\r\n"),
            (&[b"SCARD", b"s2"], b":4\r\n"),
            (&[b"SREM", b"s2", b"x", b"y"], b":2\r\n"),
            (&[b"SCARD", b"s2"], b":2\r\n"),
        ]);
    }
}
