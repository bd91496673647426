// SRANDMEMBER returns random members of a set without removing them.
// SRANDMEMBER key [count]
// https://redis.io/commands/srandmember
//
// Without a count: one member drawn uniformly by offset (SQLite walks to it). With a
// count the set is read once and sampled (commands/sample.rs): a negative count may
// repeat members, a count of at least the size returns the whole set in member order.

use crate::commands::sample::{check_repeats, sample};
use crate::commands::set::lookup;
use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn srandmember(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match args.len() {
        2 => {
            let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
                return Ok(Reply::Nil);
            };
            let offset = (ctx.server.random() % e.elements.max(1) as u64) as i64;
            Ok(Reply::opt_bulk(ctx.store.set_member_at(e.id, offset)?))
        }
        3 => {
            // getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX) before the key.
            let count = parse_i64(&args[2]).ok_or(Error::NotInteger)?;
            if count == i64::MIN {
                return Err(Error::LongOutOfRange);
            }
            let Some(e) = lookup(ctx, &args[1], Access::Read)? else {
                return Ok(Reply::Array(vec![]));
            };
            if count == 0 {
                return Ok(Reply::Array(vec![]));
            }
            check_repeats(count)?;
            let members = ctx.store.set_members(e.id)?;
            let picks = sample(members.len(), count, || ctx.server.random());
            // An array, not a set: a negative count repeats members.
            Ok(Reply::Array(
                picks
                    .into_iter()
                    .map(|i| Reply::Bulk(members[i].clone()))
                    .collect(),
            ))
        }
        _ => Err(Error::Syntax),
    }
}
