//! List commands: one row per element in `lists` at contiguous positions head..tail, so
//! index i is the row at head + i. Pushes and pops touch one end through the primary key;
//! LINSERT and LREM move the shorter side of the list to open or close a gap.

pub mod blocking;
pub mod lindex;
pub mod linsert;
pub mod llen;
pub mod lmove;
pub mod lpos;
pub mod lrange;
pub mod lrem;
pub mod lset;
pub mod ltrim;
pub mod pop;
pub mod push;

use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::store::{Access, Entry, KeyType};

/// The live list at `key`, or None; WRONGTYPE for another type.
pub(crate) fn lookup(ctx: &Ctx, key: &[u8], access: Access) -> Result<Option<Entry>> {
    ctx.lookup_kind(key, KeyType::List, access)
}

/// A list's first and last positions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ends {
    pub head: i64,
    pub tail: i64,
}

impl Ends {
    pub fn len(&self) -> i64 {
        self.tail - self.head + 1
    }

    /// The position of index `i` (negative from the tail), or None out of range.
    pub fn position(&self, i: i64) -> Option<i64> {
        let len = self.len();
        let i = if i < 0 { i.checked_add(len)? } else { i };
        (0..len).contains(&i).then(|| self.head + i)
    }
}

pub(crate) fn ends(ctx: &Ctx, id: i64) -> Result<Ends> {
    let (head, tail) = ctx.store.list_ends(id)?;
    Ok(Ends { head, tail })
}

/// LEFT or RIGHT (listTypePop's where), case-insensitively; else a syntax error.
pub(crate) fn parse_side(arg: &[u8]) -> Result<bool> {
    match c_str(arg) {
        w if w.eq_ignore_ascii_case(b"left") => Ok(true),
        w if w.eq_ignore_ascii_case(b"right") => Ok(false),
        _ => Err(Error::Syntax),
    }
}

/// Pushes `elems` one by one at the head (or tail) of the list at `key`, creating it when
/// `entry` is None; returns the new length. The caller runs it inside `atomic`. The touch
/// carries every element pushed (a new key's count starts at 0).
pub(crate) fn push(
    ctx: &Ctx,
    key: &[u8],
    entry: Option<&Entry>,
    elems: &[Vec<u8>],
    left: bool,
) -> Result<i64> {
    let store = &ctx.store;
    let (id, mut e) = match entry {
        Some(en) => (en.id, ends(ctx, en.id)?),
        None => (
            store.create_list(ctx.db(), key)?,
            Ends { head: 0, tail: -1 },
        ),
    };
    for elem in elems {
        if left {
            e.head -= 1;
            store.list_insert(id, e.head, elem)?;
        } else {
            e.tail += 1;
            store.list_insert(id, e.tail, elem)?;
        }
    }
    store.touch(id, elems.len() as i64)?;
    Ok(e.len())
}

/// Removes up to `count` elements from the head (or tail) of list `id` and returns them
/// in pop order. An emptied list's key is deleted unless `keep` (LMOVE onto itself, whose
/// push follows); a kept key is touched with minus the count popped. The caller runs it
/// in `atomic`.
pub(crate) fn pop(ctx: &Ctx, id: i64, count: i64, left: bool, keep: bool) -> Result<Vec<Vec<u8>>> {
    let store = &ctx.store;
    let e = ends(ctx, id)?;
    let n = count.min(e.len());
    if n <= 0 {
        return Ok(Vec::new());
    }
    let (lo, hi) = if left {
        (e.head, e.head + n - 1)
    } else {
        (e.tail - n + 1, e.tail)
    };
    let mut elems = store.list_range(id, lo, hi)?;
    if !left {
        elems.reverse();
    }
    if n == e.len() && !keep {
        store.delete(id)?;
    } else {
        store.list_delete_range(id, lo, hi)?;
        store.touch(id, -n)?;
    }
    Ok(elems)
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// Positions stay contiguous through inserts and removals on either side.
    #[test]
    fn gaps_open_and_close_on_the_shorter_side() {
        run(&[
            (&[b"rpush", b"l", b"a", b"b", b"c", b"d", b"e", b"f"], b":6\r\n"),
            (&[b"linsert", b"l", b"before", b"b", b"x"], b":7\r\n"),
            (&[b"linsert", b"l", b"after", b"e", b"y"], b":8\r\n"),
            (&[b"lrange", b"l", b"0", b"-1"], b"*8\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\ny\r\n$1\r\nf\r\n"),
            (&[b"lindex", b"l", b"6"], b"$1\r\ny\r\n"),
            (&[b"rpush", b"l", b"x"], b":9\r\n"),
            (&[b"lrem", b"l", b"0", b"x"], b":2\r\n"),
            (&[b"lrange", b"l", b"0", b"-1"], b"*7\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\ny\r\n$1\r\nf\r\n"),
            (&[b"lrem", b"l", b"-1", b"b"], b":1\r\n"),
            (&[b"lindex", b"l", b"1"], b"$1\r\nc\r\n"),
            (&[b"lindex", b"l", b"-1"], b"$1\r\nf\r\n"),
            (&[b"llen", b"l"], b":6\r\n"),
        ]);
    }
}
