// EXISTS counts how many of the given keys exist (a key named twice counts twice).
// EXISTS key [key ...]
// https://redis.io/commands/exists
//
// TOUCH has the same reply; it only updates access times in Redis, which sqlettuce does
// not keep.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn exists(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut n = 0;
    for key in &args[1..] {
        if ctx.lookup(key, Access::Read)?.is_some() {
            n += 1;
        }
    }
    Ok(Reply::Integer(n))
}
