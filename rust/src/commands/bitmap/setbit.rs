// SETBIT sets or clears the bit at an offset, zero-padding the string; returns the old bit.
// SETBIT key offset value
// https://redis.io/commands/setbit

use crate::commands::bitmap::{bit_offset, get_bit, set_bit};
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn setbit(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let offset = bit_offset(ctx, &args[2], None)?;
    let on = match crate::numbers::parse_i64(&args[3]) {
        Some(0) => false,
        Some(1) => true,
        _ => return Err(Error::BitValue),
    };
    let need = (offset >> 3) as usize + 1;
    let entry = ctx.lookup_string(&args[1], Access::Write)?;
    let exists = entry.is_some();
    let mut value = entry.and_then(|e| e.value).unwrap_or_default();
    let old = get_bit(&value, offset);
    let grown = value.len() < need;
    // Redis signals the key (and so WATCH) only when the string grew or the bit changed;
    // a write that changes nothing writes nothing here either.
    if !exists || grown || old != on {
        if grown {
            value.resize(need, 0);
        }
        set_bit(&mut value, offset, on);
        if exists {
            ctx.store.update_value(ctx.db(), &args[1], &value)?;
        } else {
            ctx.store.set_string(ctx.db(), &args[1], &value, None)?;
        }
    }
    Ok(Reply::Integer(old as i64))
}
