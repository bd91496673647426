// ZADD adds members with scores to a sorted set, or updates their scores.
// ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
// https://redis.io/commands/zadd
//
// ZINCRBY is ZADD INCR with one pair, as in Redis's t_zset.c (so its increment may even
// be read as a flag: ZINCRBY z nx a is a syntax error there too).

use crate::commands::zset::score::parse_score;
use crate::commands::zset::{is_neg_zero, is_skiplist, lookup};
use crate::commands::{c_str, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

const NX: u32 = 1 << 0;
const XX: u32 = 1 << 1;
const GT: u32 = 1 << 2;
const LT: u32 = 1 << 3;
const CH: u32 = 1 << 4;
const INCR: u32 = 1 << 5;

/// The flags ZADD reads before its first score, in any order and repeated at will.
const FLAGS: &[(&str, u32)] = &[
    ("nx", NX),
    ("xx", XX),
    ("gt", GT),
    ("lt", LT),
    ("ch", CH),
    ("incr", INCR),
];

pub fn zadd(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    zadd_generic(ctx, args, 0)
}

// ZINCRBY adds an increment to a member's score (creating it) and replies the new score.
// ZINCRBY key increment member
// https://redis.io/commands/zincrby
pub fn zincrby(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    zadd_generic(ctx, args, INCR)
}

/// What one zsetAdd did.
enum Outcome {
    Added(f64),
    Updated(f64),
    /// Nothing to change, but processed (INCR replies the score).
    Same(f64),
    /// NX/XX/GT/LT said no.
    Skipped,
}

/// zaddGenericCommand: flags, then the pair count and the flag rules, then every score,
/// all before the key is looked at; then each pair in order against the current state.
fn zadd_generic(ctx: &mut Ctx, args: &[Vec<u8>], mut flags: u32) -> Result<Reply> {
    let mut first = 2;
    while let Some(&(_, f)) = args.get(first).and_then(|a| {
        FLAGS
            .iter()
            .find(|(t, _)| c_str(a).eq_ignore_ascii_case(t.as_bytes()))
    }) {
        flags |= f;
        first += 1;
    }
    let pairs = &args[first..];
    if pairs.is_empty() || pairs.len() % 2 == 1 {
        return Err(Error::Syntax);
    }
    let has = |f: u32| flags & f != 0;
    if has(NX) && has(XX) {
        return Err(Error::ZaddXxAndNx);
    }
    if (has(GT) && has(NX)) || (has(LT) && has(NX)) || (has(GT) && has(LT)) {
        return Err(Error::ZaddGtLtNx);
    }
    if has(INCR) && pairs.len() > 2 {
        return Err(Error::ZaddIncrPairs);
    }
    let scores = pairs
        .chunks(2)
        .map(|p| parse_score(&p[0]).ok_or(Error::NotFloat))
        .collect::<Result<Vec<f64>>>()?;

    let entry = lookup(ctx, &args[1], Access::Write)?;
    if entry.is_none() && has(XX) {
        return Ok(if has(INCR) {
            Reply::Nil
        } else {
            Reply::Integer(0)
        });
    }
    let store = &ctx.store;
    let db = ctx.db();
    let (added, updated, last) = store.atomic(|| {
        let (id, existed, elements) = match &entry {
            Some(e) => (e.id, true, e.elements),
            None => (store.create_zset(db, &args[1])?, false, 0),
        };
        let (mut added, mut updated) = (0i64, 0i64);
        let mut last = None;
        for (pair, &score) in pairs.chunks(2).zip(&scores) {
            let member = &pair[1];
            let outcome = match store.zset_score(id, member)? {
                Some(_) if has(NX) => Outcome::Skipped,
                Some(current) => {
                    let new = if has(INCR) { score + current } else { score };
                    if new.is_nan() {
                        return Err(Error::ScoreNan);
                    }
                    if (has(LT) && new >= current) || (has(GT) && new <= current) {
                        Outcome::Skipped
                    } else if new != current {
                        // (Equal scores, 0 and -0 among them, leave the member as it is.)
                        put(ctx, id, elements + added, member, new)?;
                        Outcome::Updated(new)
                    } else {
                        Outcome::Same(new)
                    }
                }
                None if has(XX) => Outcome::Skipped,
                None => {
                    put(ctx, id, elements + added + 1, member, score)?;
                    Outcome::Added(score)
                }
            };
            last = match outcome {
                Outcome::Added(s) => {
                    added += 1;
                    Some(s)
                }
                Outcome::Updated(s) => {
                    updated += 1;
                    Some(s)
                }
                Outcome::Same(s) => Some(s),
                Outcome::Skipped => None,
            };
        }
        // Only new members add rows (zset_put is an upsert). A new key is touched too:
        // its count starts at 0.
        if !existed || added + updated > 0 {
            store.touch(id, added)?;
        }
        Ok((added, updated, last))
    })?;
    Ok(if has(INCR) {
        last.map_or(Reply::Nil, Reply::Double)
    } else if has(CH) {
        Reply::Integer(added + updated)
    } else {
        Reply::Integer(added)
    })
}

/// Writes one ZADD score into a set of `elements` members (this one included). A -0 stays
/// -0 only where Redis would hold the set as a skiplist by then: zsetAdd turns a listpack
/// into one before the insert that makes it too long, or that brings a member too long
/// for it.
fn put(ctx: &Ctx, id: i64, elements: i64, member: &[u8], score: f64) -> Result<()> {
    if is_neg_zero(score) && is_skiplist(ctx, id, elements, member)? {
        ctx.store.zset_put_neg_zero(id, member)
    } else {
        ctx.store.zset_put(id, member, score)
    }
}
