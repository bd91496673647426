//! List commands: one row per element in `lists` at contiguous positions head..tail, so
//! index i is the row at head + i. Pushes and pops touch one end through the primary key;
//! LINSERT and LREM move the shorter side of the list to open or close a gap.

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
/// `entry` is None; returns the new length. The caller runs it inside `atomic`.
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
    if entry.is_some() {
        store.touch(id)?;
    }
    Ok(e.len())
}

/// Removes up to `count` elements from the head (or tail) of list `id` and returns them
/// in pop order. An emptied list's key is deleted unless `keep` (LMOVE onto itself), and
/// a list that keeps elements gets its version bumped. The caller runs it in `atomic`.
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
        if n < e.len() {
            store.touch(id)?;
        }
    }
    Ok(elems)
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// Replies recorded from Redis 7.0.15: errors and their order, count/index edge
    /// cases, LPOS's RANK/COUNT/MAXLEN, LMOVE onto itself, LMPOP.
    #[test]
    fn replies_match_redis() {
        run(&[
            (&[b"FLUSHALL"], b"+OK\r\n"),
            (&[b"RPUSH", b"l", b"a", b"b", b"c"], b":3\r\n"),
            (&[b"LPOP", b"l", b"0"], b"*0\r\n"),
            (&[b"LPOP", b"l", b"-1"], b"-ERR value is out of range, must be positive\r\n"),
            (&[b"LPOP", b"nokey", b"0"], b"*-1\r\n"),
            (&[b"LPOP", b"nokey", b"-1"], b"-ERR value is out of range, must be positive\r\n"),
            (&[b"LPOP", b"nokey", b"2"], b"*-1\r\n"),
            (&[b"LPOP", b"nokey"], b"$-1\r\n"),
            (&[b"LPOP", b"l", b"x"], b"-ERR value is out of range, must be positive\r\n"),
            (&[b"RPOP", b"l", b"10"], b"*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n"),
            (&[b"EXISTS", b"l"], b":0\r\n"),
            (&[b"LINDEX", b"nokey", b"x"], b"$-1\r\n"),
            (&[b"RPUSH", b"l", b"a", b"b", b"c", b"a", b"b", b"a"], b":6\r\n"),
            (&[b"LINDEX", b"l", b"x"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LSET", b"l", b"10", b"x"], b"-ERR index out of range\r\n"),
            (&[b"LSET", b"nokey", b"0", b"x"], b"-ERR no such key\r\n"),
            (&[b"LSET", b"nokey", b"x", b"x"], b"-ERR no such key\r\n"),
            (&[b"LSET", b"l", b"x", b"x"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LPOS", b"l", b"a"], b":0\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"0"], b"-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-9223372036854775808"], b":5\r\n"),
            (&[b"LPOS", b"l", b"a", b"COUNT", b"-1"], b"-ERR COUNT can't be negative\r\n"),
            (&[b"LPOS", b"l", b"a", b"MAXLEN", b"-1"], b"-ERR MAXLEN can't be negative\r\n"),
            (&[b"LPOS", b"l", b"a", b"COUNT", b"0"], b"*3\r\n:0\r\n:3\r\n:5\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-1", b"COUNT", b"2"], b"*2\r\n:5\r\n:3\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"2", b"COUNT", b"0", b"MAXLEN", b"4"], b"*1\r\n:3\r\n"),
            (&[b"LPOS", b"l", b"z", b"COUNT", b"0"], b"*0\r\n"),
            (&[b"LPOS", b"l", b"z"], b"$-1\r\n"),
            (&[b"LPOS", b"nokey", b"z", b"COUNT", b"1"], b"*0\r\n"),
            (&[b"LPOS", b"nokey", b"z"], b"$-1\r\n"),
            (&[b"LPOS", b"l", b"a", b"FOO"], b"-ERR syntax error\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK"], b"-ERR syntax error\r\n"),
            (&[b"LPOS", b"nokey", b"a", b"RANK", b"0"], b"-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n"),
            (&[b"LINSERT", b"l", b"MIDDLE", b"a", b"x"], b"-ERR syntax error\r\n"),
            (&[b"LINSERT", b"nokey", b"MIDDLE", b"a", b"x"], b"-ERR syntax error\r\n"),
            (&[b"LINSERT", b"nokey", b"BEFORE", b"a", b"x"], b":0\r\n"),
            (&[b"LMOVE", b"l", b"m", b"LEFT", b"UP"], b"-ERR syntax error\r\n"),
            (&[b"LMOVE", b"nokey", b"m", b"UP", b"LEFT"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"0", b"l", b"LEFT"], b"-ERR numkeys should be greater than 0\r\n"),
            (&[b"LMPOP", b"-1", b"l", b"LEFT"], b"-ERR numkeys should be greater than 0\r\n"),
            (&[b"LMPOP", b"x", b"l", b"LEFT"], b"-ERR numkeys should be greater than 0\r\n"),
            (&[b"LMPOP", b"2", b"l", b"LEFT"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"1", b"l", b"UP"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"1", b"l", b"LEFT", b"COUNT", b"0"], b"-ERR count should be greater than 0\r\n"),
            (&[b"LMPOP", b"1", b"l", b"LEFT", b"COUNT", b"-1"], b"-ERR count should be greater than 0\r\n"),
            (&[b"LMPOP", b"1", b"l", b"LEFT", b"COUNT"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"1", b"l", b"LEFT", b"COUNT", b"1", b"COUNT", b"2"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"1", b"l", b"LEFT", b"FOO"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"2", b"nokey", b"l", b"RIGHT", b"COUNT", b"2"], b"*2\r\n$1\r\nl\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n"),
            (&[b"LMPOP", b"1", b"nokey", b"RIGHT"], b"*-1\r\n"),
            (&[b"LMPOP", b"3", b"nokey", b"l", b"RIGHT"], b"-ERR syntax error\r\n"),
            (&[b"LMPOP", b"9999999999999", b"nokey", b"l", b"RIGHT"], b"-ERR syntax error\r\n"),
            (&[b"LTRIM", b"l", b"x", b"1"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LREM", b"l", b"x", b"a"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LRANGE", b"nokey", b"x", b"1"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LLEN", b"nokey"], b":0\r\n"),
            (&[b"LPUSHX", b"nokey", b"a"], b":0\r\n"),
            (&[b"SET", b"s", b"v"], b"+OK\r\n"),
            (&[b"LPUSHX", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMPOP", b"2", b"nokey", b"s", b"LEFT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMPOP", b"2", b"l", b"s", b"LEFT"], b"*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n"),
            (&[b"LMOVE", b"s", b"l", b"LEFT", b"LEFT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"l", b"s", b"LEFT", b"LEFT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"nokey", b"s", b"LEFT", b"LEFT"], b"$-1\r\n"),
            (&[b"RPOPLPUSH", b"l", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOS", b"s", b"a", b"RANK", b"0"], b"-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n"),
            (&[b"LRANGE", b"s", b"x", b"0"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LINDEX", b"s", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LSET", b"s", b"x", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LREM", b"s", b"x", b"x"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LTRIM", b"s", b"x", b"x"], b"-ERR value is not an integer or out of range\r\n"),
            (&[b"LINSERT", b"s", b"UP", b"a", b"b"], b"-ERR syntax error\r\n"),
            (&[b"LPOP", b"s", b"-1"], b"-ERR value is out of range, must be positive\r\n"),
            (&[b"LPOP", b"s", b"0"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"FLUSHALL"], b"+OK\r\n"),
            (&[b"RPUSH", b"l", b"a", b"b", b"c", b"a", b"b", b"a"], b":6\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-9223372036854775808", b"COUNT", b"1"], b"*3\r\n:5\r\n:3\r\n:0\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-9223372036854775808", b"COUNT", b"0"], b"*3\r\n:5\r\n:3\r\n:0\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-9223372036854775808", b"MAXLEN", b"2"], b":5\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"9223372036854775807"], b"$-1\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-2", b"MAXLEN", b"3"], b":3\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"-2", b"MAXLEN", b"1"], b"$-1\r\n"),
            (&[b"LPOS", b"l", b"a", b"MAXLEN", b"0", b"COUNT", b"0"], b"*3\r\n:0\r\n:3\r\n:5\r\n"),
            (&[b"LPOS", b"l", b"a", b"RANK", b"1", b"RANK", b"-1"], b":5\r\n"),
            (&[b"LPOS", b"l", b"a", b"count", b"1", b"count", b"0"], b"*3\r\n:0\r\n:3\r\n:5\r\n"),
            (&[b"LINSERT", b"l", b"after", b"a", b"x"], b":7\r\n"),
            (&[b"LRANGE", b"l", b"0", b"-1"], b"*7\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n"),
            (&[b"LREM", b"l", b"-1", b"a"], b":1\r\n"),
            (&[b"LRANGE", b"l", b"0", b"-1"], b"*6\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n"),
            (&[b"LMOVE", b"l", b"l", b"LEFT", b"RIGHT"], b"$1\r\na\r\n"),
            (&[b"LRANGE", b"l", b"0", b"-1"], b"*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n"),
            (&[b"LINDEX", b"l", b"-1"], b"$1\r\na\r\n"),
            (&[b"LINDEX", b"l", b"-100"], b"$-1\r\n"),
            (&[b"LINDEX", b"l", b"9223372036854775807"], b"$-1\r\n"),
            (&[b"LINDEX", b"l", b"-9223372036854775808"], b"$-1\r\n"),
            (&[b"LRANGE", b"l", b"-9223372036854775808", b"9223372036854775807"], b"*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n"),
            (&[b"LTRIM", b"l", b"-9223372036854775808", b"9223372036854775807"], b"+OK\r\n"),
            (&[b"LSET", b"l", b"-9223372036854775808", b"x"], b"-ERR index out of range\r\n"),
            (&[b"LSET", b"l", b"-1", b"z"], b"+OK\r\n"),
            (&[b"LRANGE", b"l", b"0", b"-1"], b"*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nz\r\n"),
            (&[b"RPUSH", b"one", b"x"], b":1\r\n"),
            (&[b"EXPIRE", b"one", b"100"], b":1\r\n"),
            (&[b"LMOVE", b"one", b"one", b"LEFT", b"RIGHT"], b"$1\r\nx\r\n"),
            (&[b"TTL", b"one"], b":100\r\n"),
            (&[b"RPOPLPUSH", b"one", b"two"], b"$1\r\nx\r\n"),
            (&[b"EXISTS", b"one"], b":0\r\n"),
            (&[b"LRANGE", b"two", b"0", b"-1"], b"*1\r\n$1\r\nx\r\n"),
            (&[b"RPUSH", b"l"], b"-ERR wrong number of arguments for 'rpush' command\r\n"),
            (&[b"LPUSH", b"l"], b"-ERR wrong number of arguments for 'lpush' command\r\n"),
            (&[b"LPOP", b"l", b"1", b"2"], b"-ERR wrong number of arguments for 'lpop' command\r\n"),
            (&[b"LPOS", b"l"], b"-ERR wrong number of arguments for 'lpos' command\r\n"),
            (&[b"LINSERT", b"l", b"before", b"a"], b"-ERR wrong number of arguments for 'linsert' command\r\n"),
        ]);
    }

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
