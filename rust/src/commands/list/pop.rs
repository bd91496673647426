// LPOP removes and returns the first elements of a list.
// LPOP key [count]
// https://redis.io/commands/lpop
//
// popGenericCommand: the count is checked before the key; without a count the reply is
// one element (nil when missing), with one an array (nil array when missing, empty for a
// count of 0).

use crate::commands::list::{lookup, parse_side, pop};
use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::Access;

pub fn lpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    pop_generic(ctx, args, true)
}

// RPOP removes and returns the last elements of a list.
// RPOP key [count]
// https://redis.io/commands/rpop
pub fn rpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    pop_generic(ctx, args, false)
}

fn pop_generic(ctx: &Ctx, args: &[Vec<u8>], left: bool) -> Result<Reply> {
    if args.len() > 3 {
        return Err(Error::WrongArity(ctx.cmd.name.clone()));
    }
    let count = match args.get(2) {
        Some(a) => Some(
            parse_i64(a)
                .filter(|&n| n >= 0)
                .ok_or(Error::MustBePositive)?,
        ),
        None => None,
    };
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(if count.is_some() {
            Reply::NilArray
        } else {
            Reply::Nil
        });
    };
    match count {
        Some(0) => Ok(Reply::Array(vec![])),
        Some(n) => {
            let elems = ctx.store.atomic(|| pop(ctx, e.id, n, left, false))?;
            Ok(Reply::Array(elems.into_iter().map(Reply::Bulk).collect()))
        }
        None => {
            let elems = ctx.store.atomic(|| pop(ctx, e.id, 1, left, false))?;
            Ok(Reply::opt_bulk(elems.into_iter().next()))
        }
    }
}

// LMPOP pops elements from the first non-empty list of several keys.
// LMPOP numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
// https://redis.io/commands/lmpop
pub fn lmpop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let numkeys = parse_i64(&args[1])
        .filter(|&n| n >= 1)
        .ok_or(Error::NumkeysNotPositive)?;
    let where_idx = match usize::try_from(numkeys).ok().and_then(|n| n.checked_add(2)) {
        Some(i) if i < args.len() => i,
        _ => return Err(Error::Syntax),
    };
    let left = parse_side(&args[where_idx])?;
    let mut count = None;
    let mut j = where_idx + 1;
    while j < args.len() {
        if count.is_none() && c_str(&args[j]).eq_ignore_ascii_case(b"count") && j + 1 < args.len() {
            count = Some(
                parse_i64(&args[j + 1])
                    .filter(|&n| n >= 1)
                    .ok_or(Error::CountNotPositive)?,
            );
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }
    for key in &args[2..where_idx] {
        if let Some(e) = lookup(ctx, key, Access::Write)? {
            let elems = ctx
                .store
                .atomic(|| pop(ctx, e.id, count.unwrap_or(1), left, false))?;
            return Ok(Reply::Array(vec![
                Reply::Bulk(key.clone()),
                Reply::Array(elems.into_iter().map(Reply::Bulk).collect()),
            ]));
        }
    }
    Ok(Reply::NilArray)
}
