// PERSIST removes a key's expiry; 1 if there was one.
// PERSIST key
// https://redis.io/commands/persist

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn persist(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match ctx.lookup(&args[1], Access::Write)? {
        Some(e) if e.expire_at.is_some() => {
            ctx.store.set_expire(e.id, None)?;
            Ok(Reply::Integer(1))
        }
        _ => Ok(Reply::Integer(0)),
    }
}
