// HINCRBY adds an integer to a field's integer value (a missing field counts as 0).
// HINCRBY key field increment
// https://redis.io/commands/hincrby
//
// As hincrbyCommand: the increment is parsed before the key is looked at; a value that
// is not a string2ll integer, or a sum outside 64 bits, is an error that changes nothing.

use crate::commands::hash::{lookup, write};
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::{i64_bytes, parse_i64, LongDouble};
use crate::resp::Reply;
use crate::store::Access;

pub fn hincrby(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let incr = int_arg(&args[3])?;
    let entry = lookup(ctx, &args[1], Access::Write)?;
    let current = match &entry {
        Some(e) => match ctx.store.hash_get(e.id, &args[2])? {
            Some(v) => parse_i64(&v).ok_or(Error::HashValueNotInteger)?,
            None => 0,
        },
        None => 0,
    };
    let sum = current.checked_add(incr).ok_or(Error::Overflow)?;
    write(ctx, &args[1], entry, |id| {
        let added = ctx.store.hash_set(id, &args[2], &i64_bytes(sum))?;
        Ok(((), added as i64))
    })?;
    Ok(Reply::Integer(sum))
}

// HINCRBYFLOAT adds a floating point number to a field's value (a missing field counts
// as 0), in x87 long double arithmetic like Redis on x86-64.
// HINCRBYFLOAT key field increment
// https://redis.io/commands/hincrbyfloat
//
// The same parser and "%.17Lf" human format as INCRBYFLOAT (numbers.rs); an infinite
// increment is refused before the key is looked at, with its own text.
pub fn hincrbyfloat(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let incr = LongDouble::parse(&args[3]).ok_or(Error::NotFloat)?;
    if !incr.is_finite() {
        return Err(Error::ValueNanOrInfinity);
    }
    let entry = lookup(ctx, &args[1], Access::Write)?;
    let current = match &entry {
        Some(e) => match ctx.store.hash_get(e.id, &args[2])? {
            Some(v) => LongDouble::parse(&v).ok_or(Error::HashValueNotFloat)?,
            None => LongDouble::ZERO,
        },
        None => LongDouble::ZERO,
    };
    let text = current
        .plus(incr)
        .format_human()
        .ok_or(Error::NanOrInfinity)?;
    write(ctx, &args[1], entry, |id| {
        let added = ctx.store.hash_set(id, &args[2], text.as_bytes())?;
        Ok(((), added as i64))
    })?;
    Ok(Reply::Bulk(text.into_bytes()))
}
