// SETRANGE overwrites part of a string at an offset, zero-padding as needed; returns the new length.
// SETRANGE key offset value
// https://redis.io/commands/setrange

use crate::commands::string::check_length;
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn setrange(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let offset = int_arg(&args[2])?;
    if offset < 0 {
        return Err(Error::OffsetOutOfRange);
    }
    let offset = offset as u64;
    let patch = &args[3];
    let entry = ctx.lookup_string(&args[1], Access::Write)?;
    let mut value = match &entry {
        // Setting nothing on a missing key creates nothing.
        None if patch.is_empty() => return Ok(Reply::Integer(0)),
        None => Vec::new(),
        Some(e) => {
            let v = e.value.clone().unwrap_or_default();
            if patch.is_empty() {
                return Ok(Reply::Integer(v.len() as i64));
            }
            v
        }
    };
    check_length(ctx, offset, patch.len() as u64)?;
    let (offset, end) = (offset as usize, offset as usize + patch.len());
    if value.len() < end {
        value.resize(end, 0);
    }
    value[offset..end].copy_from_slice(patch);
    match entry {
        Some(_) => ctx.store.update_value(ctx.db(), &args[1], &value)?,
        None => ctx.store.set_string(ctx.db(), &args[1], &value, None)?,
    }
    Ok(Reply::Integer(value.len() as i64))
}
