// SELECT changes the database of this connection (0 to 15).
// SELECT index
// https://redis.io/commands/select

use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

/// The number of databases (CONFIG GET databases).
pub(crate) const DATABASES: i64 = 16;

/// getIntFromObjectOrReply then selectDb's range check, as SELECT and COPY ... DB do.
pub fn db_index(arg: &[u8]) -> Result<i64> {
    let n = int_arg(arg)?;
    if i32::try_from(n).is_err() {
        return Err(Error::IntOutOfRange);
    }
    if !(0..DATABASES).contains(&n) {
        return Err(Error::DbOutOfRange);
    }
    Ok(n)
}

pub fn select(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ctx.client.db = db_index(&args[1])?;
    Ok(Reply::OK)
}
