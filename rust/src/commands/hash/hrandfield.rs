// HRANDFIELD returns random fields of a hash (with their values on request).
// HRANDFIELD key [count [WITHVALUES]]
// https://redis.io/commands/hrandfield
//
// Without a count: one field drawn uniformly by offset (SQLite walks to it). With a count
// the hash is read once and sampled (commands/sample.rs): negative counts repeat, counts
// of at least the size return the whole hash in field order.

use crate::commands::hash::lookup;
use crate::commands::sample::{check_repeats, sample};
use crate::commands::{c_str, is, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn hrandfield(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len() == 2 {
        let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
            return Ok(Reply::Nil);
        };
        let offset = (ctx.server.random() % e.elements.max(1) as u64) as i64;
        return Ok(Reply::opt_bulk(
            ctx.store.hash_field_at(e.id, offset)?.map(|(f, _)| f),
        ));
    }
    // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX), then the syntax, then the
    // WITHVALUES bound, all before the key.
    let count = parse_i64(&args[2]).ok_or(Error::NotInteger)?;
    if count == i64::MIN {
        return Err(Error::LongOutOfRange);
    }
    let with_values = match args.len() {
        3 => false,
        4 if is(c_str(&args[3]), "withvalues") => true,
        _ => return Err(Error::Syntax),
    };
    if with_values && !(-i64::MAX / 2..=i64::MAX / 2).contains(&count) {
        return Err(Error::ValueOutOfRange);
    }
    let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
        return Ok(Reply::Array(vec![]));
    };
    if count == 0 {
        return Ok(Reply::Array(vec![]));
    }
    check_repeats(count)?;
    let rows = ctx.store.hash_all(e.id)?;
    let picks = sample(rows.len(), count, || ctx.server.random());
    let mut out = Vec::with_capacity(picks.len() * if with_values { 2 } else { 1 });
    for i in picks {
        let (field, value) = &rows[i];
        out.push(Reply::Bulk(field.clone()));
        if with_values {
            out.push(Reply::Bulk(value.clone()));
        }
    }
    // RESP3 nests each field with its value.
    Ok(if with_values {
        Reply::Pairs(out)
    } else {
        Reply::Array(out)
    })
}
