// GETSET stores a string and returns the old value (the TTL is cleared).
// GETSET key value
// https://redis.io/commands/getset

use crate::commands::string::options::GET;
use crate::commands::string::set::set_generic;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn getset(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (_, old) = set_generic(ctx, &args[1], &args[2], GET, None)?;
    Ok(old.unwrap_or(Reply::Nil))
}
