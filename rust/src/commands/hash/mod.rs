//! Hash commands: one row per field in `hashes`, found by (key id, field) through the
//! primary key. Replies that list fields use primary-key order (field bytes), the same in
//! both engines; Redis's own order is its hash table's.

pub mod hdel;
pub mod hexists;
pub mod hget;
pub mod hgetall;
pub mod hincrby;
pub mod hlen;
pub mod hrandfield;
pub mod hscan;
pub mod hset;
pub mod hstrlen;

use crate::commands::Ctx;
use crate::errors::Result;
use crate::store::{Access, Entry, KeyType};

/// The live hash at `key`, or None; WRONGTYPE for another type.
pub(crate) fn lookup(ctx: &Ctx, key: &[u8], access: Access) -> Result<Option<Entry>> {
    ctx.lookup_kind(key, KeyType::Hash, access)
}

/// Runs `write` on the hash at `key` (created when missing), all-or-nothing, and bumps
/// the version of a hash that existed before when `write` says it changed something.
pub(crate) fn write<T>(
    ctx: &Ctx,
    key: &[u8],
    entry: Option<Entry>,
    write: impl FnOnce(i64) -> Result<(T, bool)>,
) -> Result<T> {
    let store = &ctx.store;
    let db = ctx.db();
    store.atomic(|| {
        let (id, existed) = match entry {
            Some(e) => (e.id, true),
            None => (store.create_hash(db, key)?, false),
        };
        let (out, changed) = write(id)?;
        if existed && changed {
            store.touch(id)?;
        }
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// Replies recorded from Redis 7.0.15 (multi-field replies in this engine's field
    /// order, checked against Redis as multisets).
    #[test]
    fn replies_match_redis() {
        run(&[
        (&[b"flushall"], b"+OK\r\n"),
        (&[b"hset", b"h", b"a", b"1", b"b"], b"-ERR wrong number of arguments for 'hset' command\r\n"),
        (&[b"hset", b"h", b"a", b"1", b"b", b"2", b"a", b"3"], b":2\r\n"),
        (&[b"hget", b"h", b"a"], b"$1\r\n3\r\n"),
        (&[b"hset", b"h", b"a", b"4"], b":0\r\n"),
        (&[b"hmset", b"h", b"c", b"5"], b"+OK\r\n"),
        (&[b"hmset", b"h", b"c"], b"-ERR wrong number of arguments for 'hmset' command\r\n"),
        (&[b"hsetnx", b"h", b"c", b"6"], b":0\r\n"),
        (&[b"hsetnx", b"h", b"d", b"6"], b":1\r\n"),
        (&[b"hget", b"h", b"c"], b"$1\r\n5\r\n"),
        (&[b"hget", b"h", b"zz"], b"$-1\r\n"),
        (&[b"hget", b"nokey", b"a"], b"$-1\r\n"),
        (&[b"hmget", b"h", b"a", b"zz", b"b"], b"*3\r\n$1\r\n4\r\n$-1\r\n$1\r\n2\r\n"),
        (&[b"hmget", b"nokey", b"a", b"b"], b"*2\r\n$-1\r\n$-1\r\n"),
        (&[b"hlen", b"h"], b":4\r\n"),
        (&[b"hlen", b"nokey"], b":0\r\n"),
        (&[b"hstrlen", b"h", b"a"], b":1\r\n"),
        (&[b"hstrlen", b"h", b"zz"], b":0\r\n"),
        (&[b"hexists", b"h", b"a"], b":1\r\n"),
        (&[b"hexists", b"h", b"zz"], b":0\r\n"),
        (&[b"hexists", b"nokey", b"a"], b":0\r\n"),
        (&[b"hgetall", b"h"], b"*8\r\n$1\r\na\r\n$1\r\n4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n6\r\n"),
        (&[b"hkeys", b"h"], b"*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n"),
        (&[b"hvals", b"h"], b"*4\r\n$1\r\n4\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\n6\r\n"),
        (&[b"hgetall", b"nokey"], b"*0\r\n"),
        (&[b"hkeys", b"nokey"], b"*0\r\n"),
        (&[b"hdel", b"h", b"a", b"a", b"zz"], b":1\r\n"),
        (&[b"hdel", b"nokey", b"a"], b":0\r\n"),
        (&[b"hdel", b"h", b"b", b"c", b"d"], b":3\r\n"),
        (&[b"exists", b"h"], b":0\r\n"),
        (&[b"set", b"s", b"v"], b"+OK\r\n"),
        (&[b"hset", b"s", b"a", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hget", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hmget", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hgetall", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hdel", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hlen", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hstrlen", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hexists", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hsetnx", b"s", b"a", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hrandfield", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hscan", b"s", b"0"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hincrby", b"s", b"f", b"x"], b"-ERR value is not an integer or out of range\r\n"),
        (&[b"hincrby", b"s", b"f", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hincrby", b"i", b"f", b"5"], b":5\r\n"),
        (&[b"hincrby", b"i", b"f", b"-7"], b":-2\r\n"),
        (&[b"hincrby", b"i", b"f", b"x"], b"-ERR value is not an integer or out of range\r\n"),
        (&[b"hincrby", b"i", b"f", b"00"], b"-ERR value is not an integer or out of range\r\n"),
        (&[b"hset", b"i", b"g", b"9223372036854775807", b"t", b"1 ", b"e", b""], b":3\r\n"),
        (&[b"hincrby", b"i", b"g", b"1"], b"-ERR increment or decrement would overflow\r\n"),
        (&[b"hincrby", b"i", b"t", b"1"], b"-ERR hash value is not an integer\r\n"),
        (&[b"hincrby", b"i", b"e", b"1"], b"-ERR hash value is not an integer\r\n"),
        (&[b"hincrbyfloat", b"i", b"t", b"1"], b"-ERR hash value is not a float\r\n"),
        (&[b"hincrbyfloat", b"i", b"f", b"0.5"], b"$4\r\n-1.5\r\n"),
        (&[b"hincrbyfloat", b"i", b"n", b"0.1"], b"$3\r\n0.1\r\n"),
        (&[b"hincrbyfloat", b"i", b"n", b"0.2"], b"$3\r\n0.3\r\n"),
        (&[b"hincrbyfloat", b"i", b"n", b"1.0e3"], b"$22\r\n1000.29999999999999999\r\n"),
        (&[b"hincrbyfloat", b"i", b"x", b"inf"], b"-ERR value is NaN or Infinity\r\n"),
        (&[b"hincrbyfloat", b"i", b"x", b"nan"], b"-ERR value is not a valid float\r\n"),
        (&[b"hincrbyfloat", b"i", b"x", b" 1"], b"-ERR value is not a valid float\r\n"),
        (&[b"hincrbyfloat", b"i", b"x", b"1.5\x00"], b"-ERR value is not a valid float\r\n"),
        (&[b"hset", b"i", b"inf", b"inf"], b":1\r\n"),
        (&[b"hincrbyfloat", b"i", b"inf", b"1"], b"-ERR increment would produce NaN or Infinity\r\n"),
        (&[b"hincrbyfloat", b"i", b"hex", b"0x10"], b"$2\r\n16\r\n"),
        (&[b"hincrbyfloat", b"s", b"x", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
        (&[b"hincrbyfloat", b"s", b"x", b"inf"], b"-ERR value is NaN or Infinity\r\n"),
        (&[b"hrandfield", b"nokey"], b"$-1\r\n"),
        (&[b"hrandfield", b"nokey", b"3"], b"*0\r\n"),
        (&[b"hrandfield", b"nokey", b"x"], b"-ERR value is not an integer or out of range\r\n"),
        (&[b"hrandfield", b"nokey", b"1", b"foo"], b"-ERR syntax error\r\n"),
        (&[b"hrandfield", b"nokey", b"-9223372036854775808"], b"-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"),
        (&[b"hrandfield", b"nokey", b"4611686018427387904", b"withvalues"], b"-ERR value is out of range\r\n"),
        (&[b"hrandfield", b"nokey", b"-4611686018427387903", b"withvalues"], b"*0\r\n"),
        (&[b"hset", b"one", b"f", b"v"], b":1\r\n"),
        (&[b"hrandfield", b"one"], b"$1\r\nf\r\n"),
        (&[b"hrandfield", b"one", b"0"], b"*0\r\n"),
        (&[b"hrandfield", b"one", b"5"], b"*1\r\n$1\r\nf\r\n"),
        (&[b"hrandfield", b"one", b"-3", b"WITHVALUES"], b"*6\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nf\r\n$1\r\nv\r\n"),
        (&[b"hscan", b"nokey", b"0", b"FOO"], b"*2\r\n$1\r\n0\r\n*0\r\n"),
        (&[b"hscan", b"nokey", b"x"], b"-ERR invalid cursor\r\n"),
        (&[b"hscan", b"one", b"0", b"COUNT", b"0"], b"-ERR syntax error\r\n"),
        (&[b"hscan", b"one", b"0", b"TYPE", b"hash"], b"-ERR syntax error\r\n"),
        (&[b"hscan", b"one", b"0", b"NOVALUES"], b"-ERR syntax error\r\n"),
        (&[b"hscan", b"one", b"0"], b"*2\r\n$1\r\n0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n"),
        (&[b"hscan", b"one", b"0", b"MATCH", b"g*", b"COUNT", b"100"], b"*2\r\n$1\r\n0\r\n*0\r\n"),
        (&[b"hset", b"e", b"", b""], b":1\r\n"),
        (&[b"hgetall", b"e"], b"*2\r\n$0\r\n\r\n$0\r\n\r\n"),
        (&[b"hdel", b"e", b""], b":1\r\n"),
        (&[b"exists", b"e"], b":0\r\n"),
        ]);
    }
}
