// WATCH makes the next EXEC conditional: it fails (a null reply) if any of these keys
// changed in between.
// WATCH key [key ...]
// https://redis.io/commands/watch
//
// What a key "changed" means, and how it is seen, is rust/src/watch.rs.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::watch::Seen;

pub fn watch(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if ctx.client.tx.multi.is_some() {
        // Redis 7.0: an error that leaves the transaction as it is.
        return Err(Error::WatchInMulti);
    }
    let db = ctx.db();
    for key in &args[1..] {
        let seen = Seen::read(&ctx.store, db, key, ctx.now)?;
        let id = ctx.client.id;
        ctx.client
            .tx
            .watch
            .watch(&ctx.server.watches, id, db, key, seen);
    }
    Ok(Reply::OK)
}

// UNWATCH forgets every watched key.
// UNWATCH
// https://redis.io/commands/unwatch
pub fn unwatch(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let id = ctx.client.id;
    ctx.client.tx.watch.clear(&ctx.server.watches, id);
    Ok(Reply::OK)
}
