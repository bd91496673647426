// ECHO returns its argument.
// ECHO message
// https://redis.io/commands/echo

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn echo(_ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Bulk(args[1].clone()))
}
