// STRLEN returns the length of a string (0 for a missing key).
// STRLEN key
// https://redis.io/commands/strlen

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn strlen(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let len = ctx
        .lookup_string(&args[1], Access::Read)?
        .map_or(0, |e| e.value.map_or(0, |v| v.len()));
    Ok(Reply::Integer(len as i64))
}
