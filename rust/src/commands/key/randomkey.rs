// RANDOMKEY returns a random key of the selected database, or nil when it is empty.
// RANDOMKEY
// https://redis.io/commands/randomkey
//
// Draws an id in [1, max id] and takes the first live key at or after it (wrapping to
// the first key): cheap, though not perfectly uniform when ids have gaps.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn randomkey(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let max = ctx.store.max_key_id()?;
    if max <= 0 {
        return Ok(Reply::Nil);
    }
    let id = (ctx.server.random() % max as u64) as i64 + 1;
    let key = match ctx.store.key_at_or_after(ctx.db(), id, ctx.now)? {
        Some(k) => Some(k),
        None => ctx.store.first_live_key(ctx.db(), ctx.now)?,
    };
    Ok(Reply::opt_bulk(key))
}
