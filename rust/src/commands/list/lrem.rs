// LREM removes occurrences of an element: count > 0 from the head, < 0 from the tail,
// 0 all of them. An emptied list is deleted.
// LREM key count element
// https://redis.io/commands/lrem
//
// The matches are found by a scan (O(N) like Redis) and deleted with one statement; the
// gap they leave is closed by renumbering the shorter side: copy it, in order, past the
// end of the list, delete the originals, then shift the copies into place.

use crate::commands::list::{ends, lookup};
use crate::commands::{int_arg, Ctx};
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn lrem(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let count = int_arg(&args[2])?;
    let Some(e) = lookup(ctx, &args[1], Access::Write)? else {
        return Ok(Reply::Integer(0));
    };
    let store = &ctx.store;
    let ends = ends(ctx, e.id)?;
    let limit = if count == 0 {
        -1
    } else {
        count.saturating_abs()
    };
    let found = store.list_find(e.id, ends.head, ends.tail, &args[3], count < 0, limit, 0)?;
    let (Some(&lo), Some(&hi)) = (found.iter().min(), found.iter().max()) else {
        return Ok(Reply::Integer(0));
    };
    let removed = found.len() as i64;
    store.atomic(|| {
        if removed == ends.len() {
            return store.delete(e.id);
        }
        // Every match lies in lo..=hi, and every element there equal to `elem` matched.
        store.list_delete_matches(e.id, lo, hi, &args[3])?;
        let after = ends.tail - lo + 1 - removed; // survivors from lo to the tail
        let before = hi - ends.head + 1 - removed; // survivors from the head to hi
        if after <= before {
            if after > 0 {
                store.list_copy_renumbered(e.id, lo, ends.tail, ends.tail)?;
                store.list_delete_range(e.id, lo, ends.tail)?;
                store.list_shift(e.id, ends.tail + 1, ends.tail + after, lo - ends.tail - 1)?;
            }
        } else if before > 0 {
            let base = ends.head - 1 - before;
            store.list_copy_renumbered(e.id, ends.head, hi, base)?;
            store.list_delete_range(e.id, ends.head, hi)?;
            store.list_shift(e.id, base + 1, ends.head - 1, hi - ends.head + 1)?;
        }
        store.touch(e.id, -removed)
    })?;
    Ok(Reply::Integer(removed))
}
