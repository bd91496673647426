// PING replies PONG, or echoes its argument.
// PING [message]
// https://redis.io/commands/ping

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn ping(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // The table says arity -1; pingCommand itself refuses more than one argument.
    match args.len() {
        1 => Ok(Reply::simple("PONG")),
        2 => Ok(Reply::Bulk(args[1].clone())),
        _ => Err(Error::WrongArity(ctx.cmd.name.clone())),
    }
}
