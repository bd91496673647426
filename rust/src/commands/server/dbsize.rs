// DBSIZE returns the number of keys in the selected database.
// DBSIZE
// https://redis.io/commands/dbsize

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn dbsize(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(ctx.store.count_live(ctx.db(), ctx.now)?))
}
