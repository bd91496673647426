// SHUTDOWN stops the server: batches in flight finish and reply, the WAL is checkpointed
// into the file, the database closes, and the process exits. The client gets no reply.
// SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]
// https://redis.io/commands/shutdown
//
// Every write is already in the file when it is acknowledged, so SAVE and NOSAVE change
// nothing, and there is no slow save for NOW, FORCE or ABORT to cut short: they are only
// checked as Redis checks them. The engine validates the arguments; the server (Go), which
// owns the listener and the connections, does the shutting down (Action::PubSub hand-off).

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn shutdown(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (mut save, mut nosave, mut abort, mut other) = (false, false, false, false);
    for a in &args[1..] {
        match a.to_ascii_lowercase().as_slice() {
            b"save" => save = true,
            b"nosave" => nosave = true,
            b"now" | b"force" => other = true,
            b"abort" => abort = true,
            _ => return Err(Error::Syntax),
        }
    }
    if (save && nosave) || (abort && (save || nosave || other)) {
        return Err(Error::Syntax);
    }
    if abort {
        return Err(Error::NoShutdownInProgress);
    }
    ctx.client.handoff = true;
    Ok(Reply::Nil)
}
