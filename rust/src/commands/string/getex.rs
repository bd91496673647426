// GETEX returns a string's value and optionally sets or removes its expiry.
// GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | PERSIST]
// https://redis.io/commands/getex

use crate::commands::string::options::{self, EXAT, PERSIST, PXAT};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn getex(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let opts = options::parse(options::GETEX, &args[2..])?;
    // Redis looks the key up (nil, WRONGTYPE) before it validates the expiry, with
    // lookupKeyRead: a keyspace hit or miss.
    let Some(e) = ctx.lookup_string(&args[1], Access::ReadWrite)? else {
        return Ok(Reply::Nil);
    };
    let expire_at = match opts.expire {
        Some(v) => Some(options::expire_at(opts.flags, v, ctx.now, "getex")?),
        None => None,
    };
    match expire_at {
        // An absolute time already past deletes the key (the reply is still the value).
        Some(at) if opts.has(EXAT | PXAT) && at <= ctx.now => ctx.store.delete(e.id)?,
        Some(at) => ctx.store.set_expire(e.id, Some(at))?,
        None if opts.has(PERSIST) && e.expire_at.is_some() => ctx.store.set_expire(e.id, None)?,
        None => {}
    }
    Ok(Reply::Bulk(e.value.unwrap_or_default()))
}
