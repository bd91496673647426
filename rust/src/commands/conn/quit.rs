// QUIT replies OK; the connection closes after the reply.
// QUIT
// https://redis.io/commands/quit
//
// The engine sees QUIT while parsing, stops reading there and returns ACTION_CLOSE.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn quit(_ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::OK)
}
