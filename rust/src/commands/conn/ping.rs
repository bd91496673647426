// PING replies PONG, or echoes its argument.
// PING [message]
// https://redis.io/commands/ping

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn ping(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // The table says arity -1; pingCommand itself refuses more than one argument.
    match args.len() {
        // In RESP2 subscribe mode a PING is answered like a message: [pong, arg or ""].
        n if n <= 2 && ctx.client.subscribe_mode() => Ok(Reply::Array(vec![
            Reply::Bulk(b"pong".to_vec()),
            Reply::Bulk(args.get(1).cloned().unwrap_or_default()),
        ])),
        1 => Ok(Reply::simple("PONG")),
        2 => Ok(Reply::Bulk(args[1].clone())),
        _ => Err(Error::WrongArity(ctx.cmd.name.clone())),
    }
}
