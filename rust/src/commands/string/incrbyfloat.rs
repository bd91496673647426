// INCRBYFLOAT adds a floating point number to the number stored at a key.
// INCRBYFLOAT key increment
// https://redis.io/commands/incrbyfloat
//
// Redis computes in x86 80-bit long double and prints with %.17Lf; numbers.rs emulates
// both exactly, so 0.1 + 0.2 is "0.3" and 128 + 0.1 is "128.10000000000000001" as there.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::numbers::LongDouble;
use crate::resp::Reply;
use crate::store::Access;

pub fn incrbyfloat(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let entry = ctx.lookup_string(&args[1], Access::Write)?;
    let value = match &entry {
        Some(e) => {
            LongDouble::parse(e.value.as_deref().unwrap_or_default()).ok_or(Error::NotFloat)?
        }
        None => LongDouble::ZERO,
    };
    let incr = LongDouble::parse(&args[2]).ok_or(Error::NotFloat)?;
    let sum = value.plus(incr);
    let Some(text) = sum.format_human() else {
        return Err(Error::NanOrInfinity);
    };
    match entry {
        Some(_) => ctx
            .store
            .update_value(ctx.db(), &args[1], text.as_bytes())?,
        None => ctx
            .store
            .set_string(ctx.db(), &args[1], text.as_bytes(), None)?,
    }
    Ok(Reply::Bulk(text.into_bytes()))
}
