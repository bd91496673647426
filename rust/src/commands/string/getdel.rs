// GETDEL returns a string's value and deletes the key.
// GETDEL key
// https://redis.io/commands/getdel

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn getdel(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // Redis's getGenericCommand reads it (lookupKeyRead: a keyspace hit or miss).
    match ctx.lookup_string(&args[1], Access::ReadWrite)? {
        Some(e) => {
            ctx.store.delete(e.id)?;
            Ok(Reply::Bulk(e.value.unwrap_or_default()))
        }
        None => Ok(Reply::Nil),
    }
}
