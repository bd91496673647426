// APPEND adds bytes to the end of a string (creating it) and returns the new length.
// APPEND key value
// https://redis.io/commands/append

use crate::commands::string::check_length;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn append(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match ctx.lookup_string(&args[1], Access::Write)? {
        None => {
            ctx.store.set_string(ctx.db(), &args[1], &args[2], None)?;
            Ok(Reply::Integer(args[2].len() as i64))
        }
        Some(e) => {
            let mut value = e.value.unwrap_or_default();
            check_length(ctx, value.len() as u64, args[2].len() as u64)?;
            value.extend_from_slice(&args[2]);
            ctx.store.update_value(ctx.db(), &args[1], &value)?;
            Ok(Reply::Integer(value.len() as i64))
        }
    }
}
