//! Sorted-set commands: one row per member in `zsets`, found by (key id, member) through
//! the primary key and walked in (score, member) order through zsets_by_score, the order
//! Redis replies in. Scores are parsed and printed as Redis 7.0 does (score.rs).

pub mod bzpop;
pub mod lex;
pub mod score;
pub mod zadd;
pub mod zcard;
pub mod zcount;
pub mod zpop;
pub mod zrandmember;
pub mod zrange;
pub mod zrank;
pub mod zrem;
pub mod zremrange;
pub mod zscan;
pub mod zscore;
pub mod zsetops;

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::{Access, Entry, KeyType};

/// A member and its score.
pub(crate) type Scored = (Vec<u8>, f64);

/// The live sorted set at `key`, or None; WRONGTYPE for another type.
pub(crate) fn lookup(ctx: &Ctx, key: &[u8], access: Access) -> Result<Option<Entry>> {
    ctx.lookup_kind(key, KeyType::Zset, access)
}

/// How Redis 7.0 builds a *STORE destination, which decides where a -0 score survives:
/// a skiplist keeps it, a listpack reads it back as 0.
#[derive(Clone, Copy)]
pub(crate) enum StoreBuild {
    /// ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE: a skiplist, turned into a listpack when it is
    /// small enough (zsetConvertToListpackIfNeeded).
    Converted,
    /// ZRANGESTORE: each row added in order (zsetAdd) to a set created for `size_hint`
    /// rows (a rank range's length; 0 for BYSCORE/BYLEX): a listpack unless the hint is
    /// too many, turned into a skiplist before the first row too many or too long.
    Added { size_hint: i64 },
}

/// The *STORE commands' write: whatever `dst` holds (any type) is replaced by a sorted set
/// of `rows` (unique members, so each is a new row), or deleted when `rows` is empty.
/// Returns the new size. `dst` may be one of the sources (ZUNIONSTORE d 2 d x): `rows`
/// were read before it is deleted.
pub(crate) fn store_result(
    ctx: &Ctx,
    dst: &[u8],
    rows: &[Scored],
    build: StoreBuild,
) -> Result<i64> {
    let store = &ctx.store;
    store.atomic(|| {
        if let Some(e) = ctx.lookup(dst, Access::Write)? {
            store.delete(e.id)?;
        }
        if rows.is_empty() {
            return Ok(0);
        }
        let id = store.create_zset(ctx.db(), dst)?;
        // Where a -0 survives: only in what Redis holds as a skiplist by then.
        let cfg = &ctx.server.config;
        let max_entries = cfg.int("zset-max-listpack-entries");
        let long = |m: &[u8]| m.len() as i64 > cfg.int("zset-max-listpack-value");
        let mut skiplist = match build {
            StoreBuild::Converted => {
                rows.len() as i64 > max_entries || rows.iter().any(|(m, _)| long(m))
            }
            StoreBuild::Added { size_hint } => size_hint > max_entries,
        };
        for (i, (member, score)) in rows.iter().enumerate() {
            if let StoreBuild::Added { .. } = build {
                skiplist = skiplist || i as i64 + 1 > max_entries || long(member);
            }
            if skiplist && is_neg_zero(*score) {
                store.zset_put_neg_zero(id, member)?;
            } else {
                store.zset_put(id, member, *score)?;
            }
        }
        store.touch(id, rows.len() as i64)?;
        Ok(rows.len() as i64)
    })
}

/// A score of -0, which Redis tells from 0 in a skiplist-encoded sorted set.
pub(crate) fn is_neg_zero(score: f64) -> bool {
    score == 0.0 && score.is_sign_negative()
}

/// Whether Redis 7.0 holds sorted set `id` as a skiplist once it has `elements` members
/// and `member` is written: too many members, or one too long, as OBJECT ENCODING judges
/// (commands/server/object.rs).
pub(crate) fn is_skiplist(ctx: &Ctx, id: i64, elements: i64, member: &[u8]) -> Result<bool> {
    let cfg = &ctx.server.config;
    let max_value = cfg.int("zset-max-listpack-value");
    if elements > cfg.int("zset-max-listpack-entries") || member.len() as i64 > max_value {
        return Ok(true);
    }
    Ok(ctx.store.shape(id, KeyType::Zset)?.longest > max_value)
}

/// Members, or WITHSCORES [member, score] pairs (flat in RESP2, nested in RESP3).
pub(crate) fn members_reply(rows: Vec<Scored>, with_scores: bool) -> Reply {
    if !with_scores {
        return Reply::Array(rows.into_iter().map(|(m, _)| Reply::Bulk(m)).collect());
    }
    let mut out = Vec::with_capacity(rows.len() * 2);
    for (member, score) in rows {
        out.push(Reply::Bulk(member));
        out.push(Reply::Double(score));
    }
    Reply::Pairs(out)
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// Recorded from Redis 7.0.15: WRONGTYPE and arity for every list and sorted-set
    /// command, score input and output formats, score and lex range syntax, which
    /// writes keep a TTL, and the *STORE commands over other types.
    #[test]
    fn types_formats_and_ranges_match_redis() {
        run(&[
            (&[b"SET", b"s", b"v"], b"+OK\r\n"),
            (&[b"RPUSH", b"l", b"a"], b":1\r\n"),
            (&[b"ZADD", b"z", b"1", b"a"], b":1\r\n"),
            (&[b"LPUSH", b"s", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPUSH", b"s", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPUSHX", b"s", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPUSHX", b"s", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOP", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOP", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOP", b"s", b"2"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LLEN", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LRANGE", b"s", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LINDEX", b"s", b"0"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LSET", b"s", b"0", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LINSERT", b"s", b"BEFORE", b"a", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LREM", b"s", b"0", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LTRIM", b"s", b"0", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOS", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"s", b"l", b"LEFT", b"RIGHT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"l", b"s", b"LEFT", b"RIGHT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOPLPUSH", b"s", b"l"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOPLPUSH", b"l", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMPOP", b"1", b"s", b"LEFT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPUSH", b"z", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPUSH", b"z", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPUSHX", b"z", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPUSHX", b"z", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOP", b"z"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOP", b"z"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOP", b"z", b"2"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LLEN", b"z"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LRANGE", b"z", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LINDEX", b"z", b"0"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LSET", b"z", b"0", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LINSERT", b"z", b"BEFORE", b"a", b"x"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LREM", b"z", b"0", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LTRIM", b"z", b"0", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LPOS", b"z", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"z", b"l", b"LEFT", b"RIGHT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMOVE", b"l", b"z", b"LEFT", b"RIGHT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOPLPUSH", b"z", b"l"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"RPOPLPUSH", b"l", b"z"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"LMPOP", b"1", b"z", b"LEFT"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZADD", b"s", b"1", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZINCRBY", b"s", b"1", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZREM", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZSCORE", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZMSCORE", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZCARD", b"s"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZCOUNT", b"s", b"0", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZLEXCOUNT", b"s", b"-", b"+"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANK", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZREVRANK", b"s", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGE", b"s", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGESTORE", b"d", b"s", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGESTORE", b"s", b"z", b"0", b"-1"], b":1\r\n"),
            (&[b"ZREVRANGE", b"s", b"0", b"-1"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZRANGEBYSCORE", b"s", b"0", b"1"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREVRANGEBYSCORE", b"s", b"1", b"0"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZRANGEBYLEX", b"s", b"-", b"+"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREVRANGEBYLEX", b"s", b"+", b"-"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREMRANGEBYRANK", b"s", b"0", b"1"], b":1\r\n"),
            (&[b"ZREMRANGEBYSCORE", b"s", b"0", b"1"], b":0\r\n"),
            (&[b"ZREMRANGEBYLEX", b"s", b"-", b"+"], b":0\r\n"),
            (&[b"ZPOPMIN", b"s"], b"*0\r\n"),
            (&[b"ZPOPMAX", b"s", b"1"], b"*0\r\n"),
            (&[b"ZMPOP", b"1", b"s", b"MIN"], b"*-1\r\n"),
            (&[b"ZRANDMEMBER", b"s"], b"$-1\r\n"),
            (&[b"ZRANDMEMBER", b"s", b"1"], b"*0\r\n"),
            (&[b"ZUNION", b"1", b"s"], b"*0\r\n"),
            (&[b"ZINTER", b"1", b"s"], b"*0\r\n"),
            (&[b"ZDIFF", b"1", b"s"], b"*0\r\n"),
            (&[b"ZUNIONSTORE", b"d", b"1", b"s"], b":0\r\n"),
            (&[b"ZINTERSTORE", b"d", b"1", b"s"], b":0\r\n"),
            (&[b"ZDIFFSTORE", b"d", b"1", b"s"], b":0\r\n"),
            (&[b"ZINTERCARD", b"1", b"s"], b":0\r\n"),
            (&[b"ZSCAN", b"s", b"0"], b"*2\r\n$1\r\n0\r\n*0\r\n"),
            (&[b"ZADD", b"l", b"1", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZINCRBY", b"l", b"1", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZREM", b"l", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZSCORE", b"l", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZMSCORE", b"l", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZCARD", b"l"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZCOUNT", b"l", b"0", b"1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZLEXCOUNT", b"l", b"-", b"+"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANK", b"l", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZREVRANK", b"l", b"a"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGE", b"l", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGESTORE", b"d", b"l", b"0", b"-1"], b"-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"),
            (&[b"ZRANGESTORE", b"l", b"z", b"0", b"-1"], b":1\r\n"),
            (&[b"ZREVRANGE", b"l", b"0", b"-1"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZRANGEBYSCORE", b"l", b"0", b"1"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREVRANGEBYSCORE", b"l", b"1", b"0"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZRANGEBYLEX", b"l", b"-", b"+"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREVRANGEBYLEX", b"l", b"+", b"-"], b"*1\r\n$1\r\na\r\n"),
            (&[b"ZREMRANGEBYRANK", b"l", b"0", b"1"], b":1\r\n"),
            (&[b"ZREMRANGEBYSCORE", b"l", b"0", b"1"], b":0\r\n"),
            (&[b"ZREMRANGEBYLEX", b"l", b"-", b"+"], b":0\r\n"),
            (&[b"ZPOPMIN", b"l"], b"*0\r\n"),
            (&[b"ZPOPMAX", b"l", b"1"], b"*0\r\n"),
            (&[b"ZMPOP", b"1", b"l", b"MIN"], b"*-1\r\n"),
            (&[b"ZRANDMEMBER", b"l"], b"$-1\r\n"),
            (&[b"ZRANDMEMBER", b"l", b"1"], b"*0\r\n"),
            (&[b"ZUNION", b"1", b"l"], b"*0\r\n"),
            (&[b"ZINTER", b"1", b"l"], b"*0\r\n"),
            (&[b"ZDIFF", b"1", b"l"], b"*0\r\n"),
            (&[b"ZUNIONSTORE", b"d", b"1", b"l"], b":0\r\n"),
            (&[b"ZINTERSTORE", b"d", b"1", b"l"], b":0\r\n"),
            (&[b"ZDIFFSTORE", b"d", b"1", b"l"], b":0\r\n"),
            (&[b"ZINTERCARD", b"1", b"l"], b":0\r\n"),
            (&[b"ZSCAN", b"l", b"0"], b"*2\r\n$1\r\n0\r\n*0\r\n"),
            (&[b"TYPE", b"s"], b"+none\r\n"),
            (&[b"TYPE", b"l"], b"+none\r\n"),
            (&[b"TYPE", b"z"], b"+zset\r\n"),
            (&[b"TYPE", b"d"], b"+none\r\n"),
            (&[b"LPUSH"], b"-ERR wrong number of arguments for 'lpush' command\r\n"),
            (&[b"LPUSH", b"k"], b"-ERR wrong number of arguments for 'lpush' command\r\n"),
            (&[b"RPUSH"], b"-ERR wrong number of arguments for 'rpush' command\r\n"),
            (&[b"RPUSH", b"k"], b"-ERR wrong number of arguments for 'rpush' command\r\n"),
            (&[b"LPUSHX"], b"-ERR wrong number of arguments for 'lpushx' command\r\n"),
            (&[b"LPUSHX", b"k"], b"-ERR wrong number of arguments for 'lpushx' command\r\n"),
            (&[b"RPUSHX"], b"-ERR wrong number of arguments for 'rpushx' command\r\n"),
            (&[b"RPUSHX", b"k"], b"-ERR wrong number of arguments for 'rpushx' command\r\n"),
            (&[b"LPOP"], b"-ERR wrong number of arguments for 'lpop' command\r\n"),
            (&[b"LPOP", b"k"], b"$-1\r\n"),
            (&[b"RPOP"], b"-ERR wrong number of arguments for 'rpop' command\r\n"),
            (&[b"RPOP", b"k"], b"$-1\r\n"),
            (&[b"LLEN"], b"-ERR wrong number of arguments for 'llen' command\r\n"),
            (&[b"LLEN", b"k"], b":0\r\n"),
            (&[b"LRANGE"], b"-ERR wrong number of arguments for 'lrange' command\r\n"),
            (&[b"LRANGE", b"k"], b"-ERR wrong number of arguments for 'lrange' command\r\n"),
            (&[b"LINDEX"], b"-ERR wrong number of arguments for 'lindex' command\r\n"),
            (&[b"LINDEX", b"k"], b"-ERR wrong number of arguments for 'lindex' command\r\n"),
            (&[b"LSET"], b"-ERR wrong number of arguments for 'lset' command\r\n"),
            (&[b"LSET", b"k"], b"-ERR wrong number of arguments for 'lset' command\r\n"),
            (&[b"LINSERT"], b"-ERR wrong number of arguments for 'linsert' command\r\n"),
            (&[b"LINSERT", b"k"], b"-ERR wrong number of arguments for 'linsert' command\r\n"),
            (&[b"LREM"], b"-ERR wrong number of arguments for 'lrem' command\r\n"),
            (&[b"LREM", b"k"], b"-ERR wrong number of arguments for 'lrem' command\r\n"),
            (&[b"LTRIM"], b"-ERR wrong number of arguments for 'ltrim' command\r\n"),
            (&[b"LTRIM", b"k"], b"-ERR wrong number of arguments for 'ltrim' command\r\n"),
            (&[b"LPOS"], b"-ERR wrong number of arguments for 'lpos' command\r\n"),
            (&[b"LPOS", b"k"], b"-ERR wrong number of arguments for 'lpos' command\r\n"),
            (&[b"LMOVE"], b"-ERR wrong number of arguments for 'lmove' command\r\n"),
            (&[b"LMOVE", b"k"], b"-ERR wrong number of arguments for 'lmove' command\r\n"),
            (&[b"RPOPLPUSH"], b"-ERR wrong number of arguments for 'rpoplpush' command\r\n"),
            (&[b"RPOPLPUSH", b"k"], b"-ERR wrong number of arguments for 'rpoplpush' command\r\n"),
            (&[b"LMPOP"], b"-ERR wrong number of arguments for 'lmpop' command\r\n"),
            (&[b"LMPOP", b"k"], b"-ERR wrong number of arguments for 'lmpop' command\r\n"),
            (&[b"ZADD"], b"-ERR wrong number of arguments for 'zadd' command\r\n"),
            (&[b"ZADD", b"k"], b"-ERR wrong number of arguments for 'zadd' command\r\n"),
            (&[b"ZINCRBY"], b"-ERR wrong number of arguments for 'zincrby' command\r\n"),
            (&[b"ZINCRBY", b"k"], b"-ERR wrong number of arguments for 'zincrby' command\r\n"),
            (&[b"ZREM"], b"-ERR wrong number of arguments for 'zrem' command\r\n"),
            (&[b"ZREM", b"k"], b"-ERR wrong number of arguments for 'zrem' command\r\n"),
            (&[b"ZSCORE"], b"-ERR wrong number of arguments for 'zscore' command\r\n"),
            (&[b"ZSCORE", b"k"], b"-ERR wrong number of arguments for 'zscore' command\r\n"),
            (&[b"ZMSCORE"], b"-ERR wrong number of arguments for 'zmscore' command\r\n"),
            (&[b"ZMSCORE", b"k"], b"-ERR wrong number of arguments for 'zmscore' command\r\n"),
            (&[b"ZCARD"], b"-ERR wrong number of arguments for 'zcard' command\r\n"),
            (&[b"ZCARD", b"k"], b":0\r\n"),
            (&[b"ZCOUNT"], b"-ERR wrong number of arguments for 'zcount' command\r\n"),
            (&[b"ZCOUNT", b"k"], b"-ERR wrong number of arguments for 'zcount' command\r\n"),
            (&[b"ZLEXCOUNT"], b"-ERR wrong number of arguments for 'zlexcount' command\r\n"),
            (&[b"ZLEXCOUNT", b"k"], b"-ERR wrong number of arguments for 'zlexcount' command\r\n"),
            (&[b"ZRANK"], b"-ERR wrong number of arguments for 'zrank' command\r\n"),
            (&[b"ZRANK", b"k"], b"-ERR wrong number of arguments for 'zrank' command\r\n"),
            (&[b"ZREVRANK"], b"-ERR wrong number of arguments for 'zrevrank' command\r\n"),
            (&[b"ZREVRANK", b"k"], b"-ERR wrong number of arguments for 'zrevrank' command\r\n"),
            (&[b"ZRANGE"], b"-ERR wrong number of arguments for 'zrange' command\r\n"),
            (&[b"ZRANGE", b"k"], b"-ERR wrong number of arguments for 'zrange' command\r\n"),
            (&[b"ZRANGESTORE"], b"-ERR wrong number of arguments for 'zrangestore' command\r\n"),
            (&[b"ZRANGESTORE", b"k"], b"-ERR wrong number of arguments for 'zrangestore' command\r\n"),
            (&[b"ZREVRANGE"], b"-ERR wrong number of arguments for 'zrevrange' command\r\n"),
            (&[b"ZREVRANGE", b"k"], b"-ERR wrong number of arguments for 'zrevrange' command\r\n"),
            (&[b"ZRANGEBYSCORE"], b"-ERR wrong number of arguments for 'zrangebyscore' command\r\n"),
            (&[b"ZRANGEBYSCORE", b"k"], b"-ERR wrong number of arguments for 'zrangebyscore' command\r\n"),
            (&[b"ZREVRANGEBYSCORE"], b"-ERR wrong number of arguments for 'zrevrangebyscore' command\r\n"),
            (&[b"ZREVRANGEBYSCORE", b"k"], b"-ERR wrong number of arguments for 'zrevrangebyscore' command\r\n"),
            (&[b"ZRANGEBYLEX"], b"-ERR wrong number of arguments for 'zrangebylex' command\r\n"),
            (&[b"ZRANGEBYLEX", b"k"], b"-ERR wrong number of arguments for 'zrangebylex' command\r\n"),
            (&[b"ZREVRANGEBYLEX"], b"-ERR wrong number of arguments for 'zrevrangebylex' command\r\n"),
            (&[b"ZREVRANGEBYLEX", b"k"], b"-ERR wrong number of arguments for 'zrevrangebylex' command\r\n"),
            (&[b"ZREMRANGEBYRANK"], b"-ERR wrong number of arguments for 'zremrangebyrank' command\r\n"),
            (&[b"ZREMRANGEBYRANK", b"k"], b"-ERR wrong number of arguments for 'zremrangebyrank' command\r\n"),
            (&[b"ZREMRANGEBYSCORE"], b"-ERR wrong number of arguments for 'zremrangebyscore' command\r\n"),
            (&[b"ZREMRANGEBYSCORE", b"k"], b"-ERR wrong number of arguments for 'zremrangebyscore' command\r\n"),
            (&[b"ZREMRANGEBYLEX"], b"-ERR wrong number of arguments for 'zremrangebylex' command\r\n"),
            (&[b"ZREMRANGEBYLEX", b"k"], b"-ERR wrong number of arguments for 'zremrangebylex' command\r\n"),
            (&[b"ZPOPMIN"], b"-ERR wrong number of arguments for 'zpopmin' command\r\n"),
            (&[b"ZPOPMIN", b"k"], b"*0\r\n"),
            (&[b"ZPOPMAX"], b"-ERR wrong number of arguments for 'zpopmax' command\r\n"),
            (&[b"ZPOPMAX", b"k"], b"*0\r\n"),
            (&[b"ZMPOP"], b"-ERR wrong number of arguments for 'zmpop' command\r\n"),
            (&[b"ZMPOP", b"k"], b"-ERR wrong number of arguments for 'zmpop' command\r\n"),
            (&[b"ZRANDMEMBER"], b"-ERR wrong number of arguments for 'zrandmember' command\r\n"),
            (&[b"ZRANDMEMBER", b"k"], b"$-1\r\n"),
            (&[b"ZUNION"], b"-ERR wrong number of arguments for 'zunion' command\r\n"),
            (&[b"ZUNION", b"k"], b"-ERR wrong number of arguments for 'zunion' command\r\n"),
            (&[b"ZINTER"], b"-ERR wrong number of arguments for 'zinter' command\r\n"),
            (&[b"ZINTER", b"k"], b"-ERR wrong number of arguments for 'zinter' command\r\n"),
            (&[b"ZDIFF"], b"-ERR wrong number of arguments for 'zdiff' command\r\n"),
            (&[b"ZDIFF", b"k"], b"-ERR wrong number of arguments for 'zdiff' command\r\n"),
            (&[b"ZUNIONSTORE"], b"-ERR wrong number of arguments for 'zunionstore' command\r\n"),
            (&[b"ZUNIONSTORE", b"k"], b"-ERR wrong number of arguments for 'zunionstore' command\r\n"),
            (&[b"ZINTERSTORE"], b"-ERR wrong number of arguments for 'zinterstore' command\r\n"),
            (&[b"ZINTERSTORE", b"k"], b"-ERR wrong number of arguments for 'zinterstore' command\r\n"),
            (&[b"ZDIFFSTORE"], b"-ERR wrong number of arguments for 'zdiffstore' command\r\n"),
            (&[b"ZDIFFSTORE", b"k"], b"-ERR wrong number of arguments for 'zdiffstore' command\r\n"),
            (&[b"ZINTERCARD"], b"-ERR wrong number of arguments for 'zintercard' command\r\n"),
            (&[b"ZINTERCARD", b"k"], b"-ERR wrong number of arguments for 'zintercard' command\r\n"),
            (&[b"ZSCAN"], b"-ERR wrong number of arguments for 'zscan' command\r\n"),
            (&[b"ZSCAN", b"k"], b"-ERR wrong number of arguments for 'zscan' command\r\n"),
            (&[b"ZPOPMIN", b"k", b"1", b"2"], b"-ERR syntax error\r\n"),
            (&[b"LPOP", b"k", b"1", b"2"], b"-ERR wrong number of arguments for 'lpop' command\r\n"),
            (&[b"ZRANDMEMBER", b"k", b"1", b"2", b"3"], b"-ERR syntax error\r\n"),
            (&[b"ZINCRBY", b"zz", b"nx", b"a"], b"-ERR syntax error\r\n"),
            (&[b"ZINCRBY", b"zz", b"incr", b"a"], b"-ERR syntax error\r\n"),
            (&[b"ZADD", b"zz", b"ch", b"1", b"a"], b":1\r\n"),
            (&[b"ZADD", b"zz", b"xx", b"ch", b"incr", b"1", b"a"], b"$1\r\n2\r\n"),
            (&[b"ZADD", b"zz", b"GT", b"5", b"b"], b":1\r\n"),
            (&[b"ZADD", b"zz", b"LT", b"XX", b"1", b"b"], b":0\r\n"),
            (&[b"ZADD", b"zz", b"nx\x00foo", b"1", b"c"], b":1\r\n"),
            (&[b"ZADD", b"zz", b"NX", b"NX", b"2", b"c"], b":0\r\n"),
            (&[b"ZADD", b"zz", b"incr", b"ch", b"3", b"c"], b"$1\r\n4\r\n"),
            (&[b"ZADD", b"zz", b"incr", b"0", b"c"], b"$1\r\n4\r\n"),
            (&[b"ZADD", b"zz", b"GT", b"INCR", b"-5", b"c"], b"$-1\r\n"),
            (&[b"ZADD", b"zz", b"LT", b"INCR", b"-5", b"c"], b"$2\r\n-1\r\n"),
            (&[b"ZADD", b"zz", b"GT", b"CH", b"1", b"a", b"10", b"b", b"5", b"new"], b":2\r\n"),
            (&[b"ZRANGE", b"zz", b"0", b"-1", b"WITHSCORES"], b"*8\r\n$1\r\nc\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n2\r\n$3\r\nnew\r\n$1\r\n5\r\n$1\r\nb\r\n$2\r\n10\r\n"),
            (&[b"ZADD", b"zz", b"1e308", b"big"], b":1\r\n"),
            (&[b"ZINCRBY", b"zz", b"1e308", b"big"], b"$3\r\ninf\r\n"),
            (&[b"ZINCRBY", b"zz", b"1e308", b"big"], b"$3\r\ninf\r\n"),
            (&[b"ZINCRBY", b"zz", b"-inf", b"big"], b"-ERR resulting score is not a number (NaN)\r\n"),
            (&[b"ZSCORE", b"zz", b"big"], b"$3\r\ninf\r\n"),
            (&[b"ZADD", b"zz", b"INCR", b"-inf", b"big"], b"-ERR resulting score is not a number (NaN)\r\n"),
            (&[b"ZADD", b"zz", b"-inf", b"ninf"], b":1\r\n"),
            (&[b"ZINCRBY", b"zz", b"inf", b"ninf"], b"-ERR resulting score is not a number (NaN)\r\n"),
            (&[b"ZINCRBY", b"zz", b"-1", b"ninf"], b"$4\r\n-inf\r\n"),
            (&[b"ZRANGE", b"zz", b"0", b"-1", b"WITHSCORES"], b"*12\r\n$4\r\nninf\r\n$4\r\n-inf\r\n$1\r\nc\r\n$2\r\n-1\r\n$1\r\na\r\n$1\r\n2\r\n$3\r\nnew\r\n$1\r\n5\r\n$1\r\nb\r\n$2\r\n10\r\n$3\r\nbig\r\n$3\r\ninf\r\n"),
            (&[b"ZADD", b"fmt", b"0.1", b"m0.1"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m0.1"], b"$19\r\n0.10000000000000001\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"0.1", b"m"], b"$19\r\n0.10000000000000001\r\n"),
            (&[b"ZADD", b"fmt", b"0.2", b"m0.2"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m0.2"], b"$19\r\n0.20000000000000001\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"0.2", b"m"], b"$19\r\n0.30000000000000004\r\n"),
            (&[b"ZADD", b"fmt", b"0.30000000000000004", b"m0.30000000000000004"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m0.30000000000000004"], b"$19\r\n0.30000000000000004\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"0.30000000000000004", b"m"], b"$19\r\n0.60000000000000009\r\n"),
            (&[b"ZADD", b"fmt", b"1e21", b"m1e21"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e21"], b"$5\r\n1e+21\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e21", b"m"], b"$5\r\n1e+21\r\n"),
            (&[b"ZADD", b"fmt", b"1e-7", b"m1e-7"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e-7"], b"$22\r\n9.9999999999999995e-08\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e-7", b"m"], b"$5\r\n1e+21\r\n"),
            (&[b"ZADD", b"fmt", b"123456789.123456789", b"m123456789.123456789"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m123456789.123456789"], b"$18\r\n123456789.12345679\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"123456789.123456789", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"-1.5e-300", b"m-1.5e-300"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m-1.5e-300"], b"$24\r\n-1.5000000000000001e-300\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"-1.5e-300", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"2.2250738585072014e-308", b"m2.2250738585072014e-308"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m2.2250738585072014e-308"], b"$23\r\n2.2250738585072014e-308\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"2.2250738585072014e-308", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"4.9e-324", b"m4.9e-324"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m4.9e-324"], b"$23\r\n4.9406564584124654e-324\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"4.9e-324", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"1.5", b"m1.5"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1.5"], b"$3\r\n1.5\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1.5", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"100", b"m100"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m100"], b"$3\r\n100\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"100", b"m"], b"$22\r\n1.0000000000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"1e15", b"m1e15"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e15"], b"$16\r\n1000000000000000\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e15", b"m"], b"$22\r\n1.0000010000001234e+21\r\n"),
            (&[b"ZADD", b"fmt", b"1e16", b"m1e16"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e16"], b"$17\r\n10000000000000000\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e16", b"m"], b"$22\r\n1.0000110000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"1e17", b"m1e17"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e17"], b"$5\r\n1e+17\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e17", b"m"], b"$22\r\n1.0001110000001235e+21\r\n"),
            (&[b"ZADD", b"fmt", b"9007199254740993", b"m9007199254740993"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m9007199254740993"], b"$16\r\n9007199254740992\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"9007199254740993", b"m"], b"$22\r\n1.0001200071993782e+21\r\n"),
            (&[b"ZADD", b"fmt", b"-0", b"m-0"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m-0"], b"$1\r\n0\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"-0", b"m"], b"$22\r\n1.0001200071993782e+21\r\n"),
            (&[b"ZADD", b"fmt", b"-0.0", b"m-0.0"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m-0.0"], b"$1\r\n0\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"-0.0", b"m"], b"$22\r\n1.0001200071993782e+21\r\n"),
            (&[b"ZADD", b"fmt", b"0x1p-1074", b"m0x1p-1074"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m0x1p-1074"], b"$23\r\n4.9406564584124654e-324\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"0x1p-1074", b"m"], b"$22\r\n1.0001200071993782e+21\r\n"),
            (&[b"ZADD", b"fmt", b"0X1.FFFFFFFFFFFFFP+1023", b"m0X1.FFFFFFFFFFFFFP+1023"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m0X1.FFFFFFFFFFFFFP+1023"], b"$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"0X1.FFFFFFFFFFFFFP+1023", b"m"], b"$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZADD", b"fmt", b"3.14159265358979323846", b"m3.14159265358979323846"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m3.14159265358979323846"], b"$18\r\n3.1415926535897931\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"3.14159265358979323846", b"m"], b"$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZADD", b"fmt", b"1e-4", b"m1e-4"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e-4"], b"$6\r\n0.0001\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e-4", b"m"], b"$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZADD", b"fmt", b"1e-5", b"m1e-5"], b":1\r\n"),
            (&[b"ZSCORE", b"fmt", b"m1e-5"], b"$22\r\n1.0000000000000001e-05\r\n"),
            (&[b"ZINCRBY", b"fmt2", b"1e-5", b"m"], b"$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZRANGE", b"fmt", b"0", b"-1", b"WITHSCORES"], b"*44\r\n$10\r\nm-1.5e-300\r\n$24\r\n-1.5000000000000001e-300\r\n$3\r\nm-0\r\n$1\r\n0\r\n$5\r\nm-0.0\r\n$1\r\n0\r\n$10\r\nm0x1p-1074\r\n$23\r\n4.9406564584124654e-324\r\n$9\r\nm4.9e-324\r\n$23\r\n4.9406564584124654e-324\r\n$24\r\nm2.2250738585072014e-308\r\n$23\r\n2.2250738585072014e-308\r\n$5\r\nm1e-7\r\n$22\r\n9.9999999999999995e-08\r\n$5\r\nm1e-5\r\n$22\r\n1.0000000000000001e-05\r\n$5\r\nm1e-4\r\n$6\r\n0.0001\r\n$4\r\nm0.1\r\n$19\r\n0.10000000000000001\r\n$4\r\nm0.2\r\n$19\r\n0.20000000000000001\r\n$20\r\nm0.30000000000000004\r\n$19\r\n0.30000000000000004\r\n$4\r\nm1.5\r\n$3\r\n1.5\r\n$23\r\nm3.14159265358979323846\r\n$18\r\n3.1415926535897931\r\n$4\r\nm100\r\n$3\r\n100\r\n$20\r\nm123456789.123456789\r\n$18\r\n123456789.12345679\r\n$5\r\nm1e15\r\n$16\r\n1000000000000000\r\n$17\r\nm9007199254740993\r\n$16\r\n9007199254740992\r\n$5\r\nm1e16\r\n$17\r\n10000000000000000\r\n$5\r\nm1e17\r\n$5\r\n1e+17\r\n$5\r\nm1e21\r\n$5\r\n1e+21\r\n$24\r\nm0X1.FFFFFFFFFFFFFP+1023\r\n$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZRANGE", b"fmt2", b"0", b"-1", b"WITHSCORES"], b"*2\r\n$1\r\nm\r\n$23\r\n1.7976931348623157e+308\r\n"),
            (&[b"ZADD", b"r", b"1", b"a", b"2", b"b", b"3", b"c", b"inf", b"i", b"-inf", b"ni", b"0", b"zero"], b":6\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b" 1", b"3", b"WITHSCORES"], b"*6\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b" 1", b"3"], b":3\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"", b"2", b"WITHSCORES"], b"*6\r\n$4\r\nzero\r\n$1\r\n0\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"),
            (&[b"ZCOUNT", b"r", b"", b"2"], b":3\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(", b"2", b"WITHSCORES"], b"*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"),
            (&[b"ZCOUNT", b"r", b"(", b"2"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"( 1", b"3", b"WITHSCORES"], b"*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"( 1", b"3"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"1e400", b"inf", b"WITHSCORES"], b"*2\r\n$1\r\ni\r\n$3\r\ninf\r\n"),
            (&[b"ZCOUNT", b"r", b"1e400", b"inf"], b":1\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"-1e400", b"0", b"WITHSCORES"], b"*4\r\n$2\r\nni\r\n$4\r\n-inf\r\n$4\r\nzero\r\n$1\r\n0\r\n"),
            (&[b"ZCOUNT", b"r", b"-1e400", b"0"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"0x1", b"0x3", b"WITHSCORES"], b"*6\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"0x1", b"0x3"], b":3\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(0x1", b"3", b"WITHSCORES"], b"*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"(0x1", b"3"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"+inf", b"+inf", b"WITHSCORES"], b"*2\r\n$1\r\ni\r\n$3\r\ninf\r\n"),
            (&[b"ZCOUNT", b"r", b"+inf", b"+inf"], b":1\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(+inf", b"+inf", b"WITHSCORES"], b"*0\r\n"),
            (&[b"ZCOUNT", b"r", b"(+inf", b"+inf"], b":0\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"-inf", b"(-inf", b"WITHSCORES"], b"*0\r\n"),
            (&[b"ZCOUNT", b"r", b"-inf", b"(-inf"], b":0\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(-inf", b"(inf", b"WITHSCORES"], b"*8\r\n$4\r\nzero\r\n$1\r\n0\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"(-inf", b"(inf"], b":4\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"1\x00xyz", b"2", b"WITHSCORES"], b"*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"),
            (&[b"ZCOUNT", b"r", b"1\x00xyz", b"2"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(1\x00", b"3", b"WITHSCORES"], b"*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"(1\x00", b"3"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"1 ", b"2", b"WITHSCORES"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZCOUNT", b"r", b"1 ", b"2"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"\t2", b"3", b"WITHSCORES"], b"*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n3\r\n"),
            (&[b"ZCOUNT", b"r", b"\t2", b"3"], b":2\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"2", b"1", b"WITHSCORES"], b"*0\r\n"),
            (&[b"ZCOUNT", b"r", b"2", b"1"], b":0\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"(2", b"(2", b"WITHSCORES"], b"*0\r\n"),
            (&[b"ZCOUNT", b"r", b"(2", b"(2"], b":0\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"[1", b"2", b"WITHSCORES"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZCOUNT", b"r", b"[1", b"2"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"nan", b"1", b"WITHSCORES"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZCOUNT", b"r", b"nan", b"1"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"-nan", b"1", b"WITHSCORES"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZCOUNT", b"r", b"-nan", b"1"], b"-ERR min or max is not a float\r\n"),
            (&[b"ZRANGEBYSCORE", b"r", b"inf", b"-inf", b"WITHSCORES"], b"*0\r\n"),
            (&[b"ZCOUNT", b"r", b"inf", b"-inf"], b":0\r\n"),
            (&[b"ZADD", b"lx", b"0", b"", b"0", b"a", b"0", b"ab", b"0", b"b", b"0", b"\xff", b"0", b"\x00", b"0", b"a\x00"], b":7\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"-", b"+"], b"*7\r\n$0\r\n\r\n$1\r\n\x00\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"-", b"+"], b":7\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"-", b"LIMIT", b"1", b"2"], b"*2\r\n$1\r\nb\r\n$2\r\nab\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[a", b"[b"], b"*4\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[a", b"[b"], b":4\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"[b", b"[a", b"LIMIT", b"1", b"2"], b"*2\r\n$2\r\nab\r\n$2\r\na\x00\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"(a", b"(b"], b"*2\r\n$2\r\na\x00\r\n$2\r\nab\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"(a", b"(b"], b":2\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"(b", b"(a", b"LIMIT", b"1", b"2"], b"*1\r\n$2\r\na\x00\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[a", b"(a"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[a", b"(a"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"(a", b"[a", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"(a", b"[a\x00"], b"*1\r\n$2\r\na\x00\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"(a", b"[a\x00"], b":1\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"[a\x00", b"(a", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[", b"+"], b"*7\r\n$0\r\n\r\n$1\r\n\x00\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[", b"+"], b":7\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"[", b"LIMIT", b"1", b"2"], b"*2\r\n$1\r\nb\r\n$2\r\nab\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"(", b"+"], b"*6\r\n$1\r\n\x00\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"(", b"+"], b":6\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"(", b"LIMIT", b"1", b"2"], b"*2\r\n$1\r\nb\r\n$2\r\nab\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"-", b"(\xff"], b"*6\r\n$0\r\n\r\n$1\r\n\x00\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"-", b"(\xff"], b":6\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"(\xff", b"-", b"LIMIT", b"1", b"2"], b"*2\r\n$2\r\nab\r\n$2\r\na\x00\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[\xff", b"+"], b"*1\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[\xff", b"+"], b":1\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"[\xff", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"+", b"-"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"+", b"-"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"-", b"+", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"-", b"-"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"-", b"-"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"-", b"-", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"+", b"+"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"+", b"+"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"+", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[+", b"[-"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[+", b"[-"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"[-", b"[+", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"(-", b"+"], b"*5\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"(-", b"+"], b":5\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"(-", b"LIMIT", b"1", b"2"], b"*2\r\n$1\r\nb\r\n$2\r\nab\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"+\x00x", b"+"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"+\x00x", b"+"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"+\x00x", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"-", b"+\x00x"], b"*7\r\n$0\r\n\r\n$1\r\n\x00\r\n$1\r\na\r\n$2\r\na\x00\r\n$2\r\nab\r\n$1\r\nb\r\n$1\r\n\xff\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"-", b"+\x00x"], b":7\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+\x00x", b"-", b"LIMIT", b"1", b"2"], b"*2\r\n$1\r\nb\r\n$2\r\nab\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"[b", b"[a"], b"*0\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"[b", b"[a"], b":0\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"[a", b"[b", b"LIMIT", b"1", b"2"], b"*0\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"a", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"a", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"a", b"LIMIT", b"1", b"2"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"", b"LIMIT", b"1", b"2"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZRANGEBYLEX", b"lx", b"-x", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZLEXCOUNT", b"lx", b"-x", b"+"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"ZREVRANGEBYLEX", b"lx", b"+", b"-x", b"LIMIT", b"1", b"2"], b"-ERR min or max not valid string range item\r\n"),
            (&[b"RPUSH", b"t", b"a", b"b"], b":2\r\n"),
            (&[b"EXPIRE", b"t", b"100"], b":1\r\n"),
            (&[b"RPUSH", b"t", b"c"], b":3\r\n"),
            (&[b"LPOP", b"t"], b"$1\r\na\r\n"),
            (&[b"LSET", b"t", b"0", b"x"], b"+OK\r\n"),
            (&[b"LINSERT", b"t", b"AFTER", b"x", b"y"], b":3\r\n"),
            (&[b"LREM", b"t", b"0", b"y"], b":1\r\n"),
            (&[b"LTRIM", b"t", b"0", b"5"], b"+OK\r\n"),
            (&[b"TTL", b"t"], b":100\r\n"),
            (&[b"ZADD", b"tz", b"1", b"a", b"2", b"b"], b":2\r\n"),
            (&[b"EXPIRE", b"tz", b"100"], b":1\r\n"),
            (&[b"ZADD", b"tz", b"3", b"c"], b":1\r\n"),
            (&[b"ZREM", b"tz", b"a"], b":1\r\n"),
            (&[b"ZINCRBY", b"tz", b"1", b"b"], b"$1\r\n3\r\n"),
            (&[b"ZPOPMIN", b"tz"], b"*2\r\n$1\r\nb\r\n$1\r\n3\r\n"),
            (&[b"ZREMRANGEBYSCORE", b"tz", b"100", b"200"], b":0\r\n"),
            (&[b"TTL", b"tz"], b":100\r\n"),
            (&[b"ZUNIONSTORE", b"tz", b"1", b"r"], b":6\r\n"),
            (&[b"TTL", b"tz"], b":-1\r\n"),
            (&[b"ZRANGESTORE", b"r", b"r", b"0", b"1"], b":2\r\n"),
            (&[b"ZRANGE", b"r", b"0", b"-1", b"WITHSCORES"], b"*4\r\n$2\r\nni\r\n$4\r\n-inf\r\n$4\r\nzero\r\n$1\r\n0\r\n"),
            (&[b"ZADD", b"i1", b"1", b"a", b"2", b"b"], b":2\r\n"),
            (&[b"ZADD", b"i2", b"3", b"b", b"4", b"c"], b":2\r\n"),
            (&[b"ZINTERSTORE", b"i1", b"2", b"i1", b"i2"], b":1\r\n"),
            (&[b"ZRANGE", b"i1", b"0", b"-1", b"WITHSCORES"], b"*2\r\n$1\r\nb\r\n$1\r\n5\r\n"),
            (&[b"ZUNIONSTORE", b"l", b"2", b"i1", b"i2"], b":2\r\n"),
            (&[b"TYPE", b"l"], b"+zset\r\n"),
            (&[b"ZDIFFSTORE", b"s", b"1", b"nokey"], b":0\r\n"),
            (&[b"EXISTS", b"s"], b":0\r\n"),
        ]);
    }
}
