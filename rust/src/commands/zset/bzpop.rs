// BZPOPMIN removes and returns the member with the lowest score from the first
// non-empty sorted set, or blocks until one is available.
// BZPOPMIN key [key ...] timeout
// https://redis.io/commands/bzpopmin
//
// blockingGenericZpopCommand: the timeout first, then the keys in order (WRONGTYPE stops
// the search); the reply is [key, member, score]. When every key is empty the client
// blocks (commands::blocking).

use crate::commands::blocking::{block, parse_timeout};
use crate::commands::zset::lookup;
use crate::commands::zset::zpop::{pop, zmpop};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn bzpopmin(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    blocking_pop(ctx, args, false)
}

// BZPOPMAX removes and returns the member with the highest score from the first
// non-empty sorted set, or blocks until one is available.
// BZPOPMAX key [key ...] timeout
// https://redis.io/commands/bzpopmax
pub fn bzpopmax(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    blocking_pop(ctx, args, true)
}

fn blocking_pop(ctx: &mut Ctx, args: &[Vec<u8>], max: bool) -> Result<Reply> {
    let timeout = parse_timeout(&args[args.len() - 1])?;
    let keys = &args[1..args.len() - 1];
    for key in keys {
        if let Some(e) = lookup(ctx, key, Access::Write)? {
            if let Some((member, score)) = pop(ctx, &e, max, 1)?.into_iter().next() {
                return Ok(Reply::Array(vec![
                    Reply::Bulk(key.clone()),
                    Reply::Bulk(member),
                    Reply::Double(score),
                ]));
            }
        }
    }
    block(ctx, keys, timeout, Reply::NilArray)
}

// BZMPOP pops members from the first non-empty sorted set of several keys, or blocks
// until one is available.
// BZMPOP timeout numkeys key [key ...] <MIN | MAX> [COUNT count]
// https://redis.io/commands/bzmpop
pub fn bzmpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let timeout = parse_timeout(&args[1])?;
    // ZMPOP's grammar from numkeys on: args[1..] reads as `ZMPOP numkeys key...`.
    let reply = zmpop(ctx, &args[1..])?;
    if reply != Reply::NilArray {
        return Ok(reply);
    }
    // zmpop validated numkeys against the arguments.
    let numkeys = parse_i64(&args[2]).unwrap_or(1) as usize;
    block(ctx, &args[3..3 + numkeys], timeout, Reply::NilArray)
}
