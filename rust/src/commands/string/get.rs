// GET returns the string value of a key, or nil when the key does not exist.
// GET key
// https://redis.io/commands/get

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn get(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(match ctx.lookup_string(&args[1], Access::Read)? {
        Some(e) => Reply::Bulk(e.value.unwrap_or_default()),
        None => Reply::Nil,
    })
}
