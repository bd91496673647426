// TYPE returns the type of the value at a key, or "none".
// TYPE key
// https://redis.io/commands/type

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn type_(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::simple(
        ctx.lookup(&args[1], Access::Read)?
            .map_or("none", |e| e.kind.name()),
    ))
}
