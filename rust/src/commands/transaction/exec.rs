// EXEC runs the queued commands, all in the batch's one SQLite transaction, and replies
// their replies as one array; a null reply if a watched key changed.
// EXEC
// https://redis.io/commands/exec
//
// A command refused while queueing (unknown, wrong arity) aborts the whole EXEC with
// EXECABORT; a command failing while EXEC runs is just its error in the array, and the
// others still run (Redis does not roll back). The WATCH check reads the keys inside the
// same transaction as the queued commands, so nothing can slip in between.

use crate::commands::{lookup, Command, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Store;
use std::time::Instant;

pub fn exec(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let Some(queue) = ctx.client.tx.multi.take() else {
        return Err(Error::ExecWithoutMulti);
    };
    let id = ctx.client.id;
    let watch = &mut ctx.client.tx.watch;
    // Redis unwatches before running the queue, whatever happens.
    let unchanged = if queue.failed || watch.is_empty() {
        Ok(true)
    } else {
        watch.unchanged(&ctx.store, ctx.now)
    };
    watch.clear(&ctx.server.watches, id);
    if queue.failed {
        return Err(Error::ExecAbort);
    }
    if !unchanged? {
        return Ok(Reply::NilArray);
    }
    ctx.client.tx.in_exec = true;
    let mut replies = Vec::with_capacity(queue.commands.len());
    for argv in &queue.commands {
        replies.push(match lookup(argv) {
            Ok(Command {
                handler: Some(handler),
                info,
                index,
                ..
            }) => {
                let started = Instant::now();
                // The clock stays EXEC's: Redis fixes the time for a transaction's commands.
                let mut inner = Ctx {
                    store: Store::maybe(ctx.store.conn()),
                    client: &mut *ctx.client,
                    server: ctx.server,
                    stats: ctx.stats,
                    now: ctx.now,
                    cmd: info,
                };
                let reply = handler(&mut inner, argv).unwrap_or_else(Reply::Error);
                ctx.store.count(inner.store.statements());
                ctx.stats.fold(&inner.store);
                // Each queued command counts as called, as Redis's EXEC calls it.
                ctx.stats
                    .called(*index, started, matches!(reply, Reply::Error(_)));
                reply
            }
            Ok(_) => Reply::Error(Error::Internal("container without handler".into())),
            Err(e) => Reply::Error(e),
        });
    }
    ctx.client.tx.in_exec = false;
    // A statement failure that made SQLite roll the transaction back loses the batch:
    // say so as a storage error, which the engine turns into a failed batch.
    if ctx.store.conn().is_some_and(|c| c.is_autocommit()) {
        return Err(Error::Storage(
            "the transaction was rolled back by a failing statement".into(),
        ));
    }
    Ok(Reply::Array(replies))
}
