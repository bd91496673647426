// HGETALL returns every field and value of a hash, flattened.
// HGETALL key
// https://redis.io/commands/hgetall
//
// HKEYS and HVALS read the same rows. The order is field-byte order in both engines.

use crate::commands::hash::lookup;
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

/// Which part of each row to reply.
enum Part {
    Both,
    Fields,
    Values,
}

fn all(ctx: &Ctx, key: &[u8], part: Part) -> Result<Reply> {
    let Some(e) = lookup(ctx, key, Access::Read)? else {
        return Ok(reply(part, vec![]));
    };
    let rows = ctx.store.hash_all(e.id)?;
    let mut out = Vec::with_capacity(rows.len() * if matches!(part, Part::Both) { 2 } else { 1 });
    for (field, value) in rows {
        match &part {
            Part::Both => {
                out.push(Reply::Bulk(field));
                out.push(Reply::Bulk(value));
            }
            Part::Fields => out.push(Reply::Bulk(field)),
            Part::Values => out.push(Reply::Bulk(value)),
        }
    }
    Ok(reply(part, out))
}

/// HGETALL is a map in RESP3; HKEYS and HVALS stay arrays.
fn reply(part: Part, items: Vec<Reply>) -> Reply {
    match part {
        Part::Both => Reply::Map(items),
        Part::Fields | Part::Values => Reply::Array(items),
    }
}

pub fn hgetall(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    all(ctx, &args[1], Part::Both)
}

// HKEYS returns every field of a hash.
// HKEYS key
// https://redis.io/commands/hkeys
pub fn hkeys(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    all(ctx, &args[1], Part::Fields)
}

// HVALS returns every value of a hash.
// HVALS key
// https://redis.io/commands/hvals
pub fn hvals(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    all(ctx, &args[1], Part::Values)
}
