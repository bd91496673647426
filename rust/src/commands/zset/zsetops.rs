// ZUNION returns the union of sorted sets (and sets, whose members score 1).
// ZUNION numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]
// https://redis.io/commands/zunion
//
// All seven commands are Redis's zunionInterDiffGenericCommand: numkeys, then every key's
// type (WRONGTYPE before any option), then the options, then the inputs read whole. Union
// and intersection take the inputs smallest first (a stable sort, like glibc's qsort
// here), which fixes the order scores are added in; a NaN product or sum counts as 0.
// Results come in (score, member) order.

use std::collections::HashMap;

use crate::commands::zset::score::parse_score;
use crate::commands::zset::{members_reply, store_result, Scored, StoreBuild};
use crate::commands::{c_str, int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;
use crate::store::{Access, KeyType};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Union,
    Inter,
    Diff,
}

#[derive(Clone, Copy)]
enum Aggregate {
    Sum,
    Min,
    Max,
}

impl Aggregate {
    /// zunionInterAggregate.
    fn apply(self, target: &mut f64, value: f64) {
        match self {
            Aggregate::Sum => {
                *target += value;
                if target.is_nan() {
                    *target = 0.0;
                }
            }
            Aggregate::Min => {
                if value < *target {
                    *target = value;
                }
            }
            Aggregate::Max => {
                if value > *target {
                    *target = value;
                }
            }
        }
    }
}

pub fn zunion(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Op::Union, false)
}

// ZINTER returns the intersection of sorted sets (and sets).
// ZINTER numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>] [WITHSCORES]
// https://redis.io/commands/zinter
pub fn zinter(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Op::Inter, false)
}

// ZDIFF returns the members of the first sorted set that no other input has.
// ZDIFF numkeys key [key ...] [WITHSCORES]
// https://redis.io/commands/zdiff
pub fn zdiff(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Op::Diff, false)
}

// ZUNIONSTORE stores the union of sorted sets at a destination key.
// ZUNIONSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]
// https://redis.io/commands/zunionstore
pub fn zunionstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 2, Some(&args[1]), Op::Union, false)
}

// ZINTERSTORE stores the intersection of sorted sets at a destination key.
// ZINTERSTORE destination numkeys key [key ...] [WEIGHTS weight [weight ...]] [AGGREGATE <SUM | MIN | MAX>]
// https://redis.io/commands/zinterstore
pub fn zinterstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 2, Some(&args[1]), Op::Inter, false)
}

// ZDIFFSTORE stores the difference of sorted sets at a destination key.
// ZDIFFSTORE destination numkeys key [key ...]
// https://redis.io/commands/zdiffstore
pub fn zdiffstore(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 2, Some(&args[1]), Op::Diff, false)
}

// ZINTERCARD counts the intersection of sorted sets, stopping at an optional limit.
// ZINTERCARD numkeys key [key ...] [LIMIT limit]
// https://redis.io/commands/zintercard
pub fn zintercard(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    generic(ctx, args, 1, None, Op::Inter, true)
}

/// One input: its members in its own order, and its weight.
struct Source {
    rows: Vec<Scored>,
    weight: f64,
}

fn generic(
    ctx: &Ctx,
    args: &[Vec<u8>],
    numkeys_idx: usize,
    dst: Option<&[u8]>,
    op: Op,
    card_only: bool,
) -> Result<Reply> {
    let setnum = int_arg(&args[numkeys_idx])?;
    if setnum < 1 {
        return Err(Error::NoInputKeys(ctx.cmd.name.clone()));
    }
    let first = numkeys_idx + 1;
    if setnum > (args.len() - first) as i64 {
        return Err(Error::Syntax);
    }
    let setnum = setnum as usize;
    let mut inputs = Vec::with_capacity(setnum);
    for key in &args[first..first + setnum] {
        inputs.push(match ctx.lookup(key, Access::Read)? {
            Some(e) if e.kind == KeyType::Zset || e.kind == KeyType::Set => Some(e),
            Some(_) => return Err(Error::WrongType),
            None => None,
        });
    }
    let mut weights = vec![1.0; setnum];
    let mut aggregate = Aggregate::Sum;
    let mut with_scores = false;
    let mut limit = 0i64;
    let mut j = first + setnum;
    while j < args.len() {
        let remaining = args.len() - j;
        let opt = c_str(&args[j]);
        if op != Op::Diff
            && !card_only
            && remaining > setnum
            && opt.eq_ignore_ascii_case(b"weights")
        {
            for (i, w) in weights.iter_mut().enumerate() {
                *w = parse_score(&args[j + 1 + i]).ok_or(Error::WeightNotFloat)?;
            }
            j += 1 + setnum;
        } else if op != Op::Diff
            && !card_only
            && remaining >= 2
            && opt.eq_ignore_ascii_case(b"aggregate")
        {
            aggregate = match c_str(&args[j + 1]) {
                a if a.eq_ignore_ascii_case(b"sum") => Aggregate::Sum,
                a if a.eq_ignore_ascii_case(b"min") => Aggregate::Min,
                a if a.eq_ignore_ascii_case(b"max") => Aggregate::Max,
                _ => return Err(Error::Syntax),
            };
            j += 2;
        } else if dst.is_none() && !card_only && opt.eq_ignore_ascii_case(b"withscores") {
            with_scores = true;
            j += 1;
        } else if card_only && remaining >= 2 && opt.eq_ignore_ascii_case(b"limit") {
            limit = parse_i64(&args[j + 1])
                .filter(|&n| n >= 0)
                .ok_or(Error::LimitNegative)?;
            j += 2;
        } else {
            return Err(Error::Syntax);
        }
    }

    let mut sources = Vec::with_capacity(setnum);
    for (entry, weight) in inputs.into_iter().zip(weights) {
        let rows = match entry {
            None => Vec::new(),
            Some(e) if e.kind == KeyType::Set => ctx
                .store
                .set_members(e.id)?
                .into_iter()
                .map(|m| (m, 1.0))
                .collect(),
            Some(e) => ctx.store.zset_by_rank(e.id, false, -1, 0)?,
        };
        sources.push(Source { rows, weight });
    }
    if op != Op::Diff {
        sources.sort_by_key(|s| s.rows.len());
    }

    let mut result: Vec<Scored> = Vec::new();
    let mut card = 0i64;
    match op {
        Op::Inter => {
            let others: Vec<HashMap<&[u8], f64>> = sources[1..]
                .iter()
                .map(|s| s.rows.iter().map(|(m, v)| (m.as_slice(), *v)).collect())
                .collect();
            for (member, value) in &sources[0].rows {
                let mut score = sources[0].weight * value;
                if score.is_nan() {
                    score = 0.0;
                }
                let mut everywhere = true;
                for (src, found) in sources[1..].iter().zip(&others) {
                    match found.get(member.as_slice()) {
                        Some(v) => aggregate.apply(&mut score, v * src.weight),
                        None => {
                            everywhere = false;
                            break;
                        }
                    }
                }
                if !everywhere {
                    continue;
                }
                if card_only {
                    card += 1;
                    if limit > 0 && card >= limit {
                        break;
                    }
                } else {
                    result.push((member.clone(), score));
                }
            }
        }
        Op::Union => {
            let mut acc: HashMap<Vec<u8>, f64> = HashMap::new();
            for src in &sources {
                for (member, value) in &src.rows {
                    let mut score = src.weight * value;
                    if score.is_nan() {
                        score = 0.0;
                    }
                    match acc.get_mut(member) {
                        Some(existing) => aggregate.apply(existing, score),
                        None => {
                            acc.insert(member.clone(), score);
                        }
                    }
                }
            }
            result = acc.into_iter().collect();
        }
        Op::Diff => {
            let others: Vec<HashMap<&[u8], ()>> = sources[1..]
                .iter()
                .map(|s| s.rows.iter().map(|(m, _)| (m.as_slice(), ())).collect())
                .collect();
            result = sources[0]
                .rows
                .iter()
                .filter(|(m, _)| !others.iter().any(|o| o.contains_key(m.as_slice())))
                .cloned()
                .collect();
        }
    }
    if card_only {
        return Ok(Reply::Integer(card));
    }
    // As Redis's skiplist: -0 and 0 are equal scores, so the member decides.
    result.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.0.cmp(&b.0))
    });
    match dst {
        Some(dst) => Ok(Reply::Integer(store_result(
            ctx,
            dst,
            &result,
            StoreBuild::Converted,
        )?)),
        None => Ok(members_reply(result, with_scores)),
    }
}
