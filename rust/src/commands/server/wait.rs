// WAIT blocks until writes reached numreplicas replicas, or timeout ms passed.
// WAIT numreplicas timeout
// https://redis.io/commands/wait
//
// sqlettuce has no replicas: every write is already durable in the SQLite file when its
// reply leaves, so WAIT answers 0 at once.

use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn wait(_ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    int_arg(&args[1])?;
    let timeout = crate::numbers::parse_i64(&args[2]).ok_or(Error::TimeoutNotInteger)?;
    if timeout < 0 {
        return Err(Error::TimeoutNegative);
    }
    Ok(Reply::Integer(0))
}
