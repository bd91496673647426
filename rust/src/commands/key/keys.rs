// KEYS returns every key matching a glob pattern.
// KEYS pattern
// https://redis.io/commands/keys

use crate::commands::Ctx;
use crate::errors::Result;
use crate::glob;
use crate::resp::Reply;

pub fn keys(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let pattern = &args[1];
    let all = pattern.as_slice() == b"*";
    let keys = ctx.store.live_keys(ctx.db(), ctx.now)?;
    Ok(Reply::Array(
        keys.into_iter()
            .filter(|k| all || glob::matches(pattern, k, false))
            .map(Reply::Bulk)
            .collect(),
    ))
}
