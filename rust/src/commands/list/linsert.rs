// LINSERT inserts an element before or after the first occurrence of a pivot.
// LINSERT key <BEFORE | AFTER> pivot element
// https://redis.io/commands/linsert
//
// Replies the new length, 0 for a missing key and -1 when the pivot is not found. The
// gap is opened by moving the shorter side of the list one position outwards.

use crate::commands::list::{ends, lookup};
use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn linsert(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let after = match c_str(&args[2]) {
        w if w.eq_ignore_ascii_case(b"after") => true,
        w if w.eq_ignore_ascii_case(b"before") => false,
        _ => return Err(Error::Syntax),
    };
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let ends = ends(ctx, e.id)?;
    let found = store.list_find(e.id, ends.head, ends.tail, &args[3], false, 1, 0)?;
    let Some(&pivot) = found.first() else {
        return Ok(Reply::Integer(-1));
    };
    // The new element goes between positions `a` and `a + 1`.
    let a = if after { pivot } else { pivot - 1 };
    store.atomic(|| {
        if ends.tail - a <= a - ends.head + 1 {
            shift_out(ctx, e.id, a + 1, ends.tail, 1)?;
            store.list_insert(e.id, a + 1, &args[4])?;
        } else {
            shift_out(ctx, e.id, ends.head, a, -1)?;
            store.list_insert(e.id, a, &args[4])?;
        }
        store.touch(e.id, 1)
    })?;
    Ok(Reply::Integer(ends.len() + 1))
}

/// Moves positions lo..=hi one step outwards (`dir` +1 when hi is the tail, -1 when lo is
/// the head) without ever moving a row onto a taken position, whatever order SQLite
/// updates rows in: each statement's targets are free and apart from its sources. One
/// row moves directly; more go n + 1 past the end first, then n back.
pub(crate) fn shift_out(ctx: &Ctx, id: i64, lo: i64, hi: i64, dir: i64) -> Result<()> {
    let n = hi - lo + 1;
    if n <= 0 {
        return Ok(());
    }
    let store = &ctx.store;
    if n == 1 {
        return store.list_shift(id, lo, hi, dir);
    }
    let park = dir * (n + 1);
    store.list_shift(id, lo, hi, park)?;
    store.list_shift(id, lo + park, hi + park, -dir * n)
}
