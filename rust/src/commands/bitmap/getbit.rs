// GETBIT returns the bit at an offset of a string; past the end (or a missing key) it is 0.
// GETBIT key offset
// https://redis.io/commands/getbit

use crate::commands::bitmap::{bit_offset, get_bit};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn getbit(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // The offset is checked before the key, so a bad offset on a list is not WRONGTYPE.
    let offset = bit_offset(ctx, &args[2], None)?;
    let bit = match ctx.lookup_string(&args[1], Access::Read)? {
        Some(e) => get_bit(e.value.as_deref().unwrap_or_default(), offset),
        None => false,
    };
    Ok(Reply::Integer(bit as i64))
}
