// BITOP combines strings bit by bit (AND, OR, XOR, or NOT of one) into a destination key,
// which holds a string as long as the longest source; returns that length.
// BITOP AND | OR | XOR | NOT destkey key [key ...]
// https://redis.io/commands/bitop

use crate::commands::{c_str, is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, KeyType};

#[derive(Clone, Copy, PartialEq)]
enum Op {
    And,
    Or,
    Xor,
    Not,
}

pub fn bitop(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let name = c_str(&args[1]);
    let op = if is(name, "and") {
        Op::And
    } else if is(name, "or") {
        Op::Or
    } else if is(name, "xor") {
        Op::Xor
    } else if is(name, "not") {
        Op::Not
    } else {
        return Err(Error::Syntax);
    };
    if op == Op::Not && args.len() != 4 {
        return Err(Error::BitopNotSingleKey);
    }
    // Missing sources are empty strings; any other type is WRONGTYPE, before any write.
    let mut sources = Vec::with_capacity(args.len() - 3);
    for key in &args[3..] {
        let value = ctx
            .lookup_string(key, Access::Read)?
            .and_then(|e| e.value)
            .unwrap_or_default();
        sources.push(value);
    }
    let result = combine(op, &sources);
    let dst = &args[2];
    let old = ctx.lookup(dst, Access::Write)?;
    let store = &ctx.store;
    let db = ctx.db();
    match old {
        // An empty result deletes the destination, as Redis does.
        Some(e) if result.is_empty() => store.delete(e.id)?,
        None if result.is_empty() => {}
        // The destination becomes a plain string without TTL, whatever it held.
        Some(e) if e.kind != KeyType::String => store.atomic(|| {
            store.delete(e.id)?;
            store.set_string(db, dst, &result, None)
        })?,
        _ => store.set_string(db, dst, &result, None)?,
    }
    Ok(Reply::Integer(result.len() as i64))
}

/// The bytes of `op` over the sources, each padded with zero bytes to the longest.
fn combine(op: Op, sources: &[Vec<u8>]) -> Vec<u8> {
    let len = sources.iter().map(Vec::len).max().unwrap_or(0);
    let byte = |s: &Vec<u8>, j: usize| s.get(j).copied().unwrap_or(0);
    (0..len)
        .map(|j| {
            let first = byte(&sources[0], j);
            let rest = sources[1..].iter().map(|s| byte(s, j));
            match op {
                Op::Not => !first,
                Op::And => rest.fold(first, |acc, b| acc & b),
                Op::Or => rest.fold(first, |acc, b| acc | b),
                Op::Xor => rest.fold(first, |acc, b| acc ^ b),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorter_sources_are_zero_padded() {
        let s = vec![vec![0xf0u8, 0xff], vec![0x3c]];
        assert_eq!(combine(Op::And, &s), [0x30, 0x00]);
        assert_eq!(combine(Op::Or, &s), [0xfc, 0xff]);
        assert_eq!(combine(Op::Xor, &s), [0xcc, 0xff]);
        assert_eq!(combine(Op::Not, &s[1..]), [0xc3]);
        assert!(combine(Op::And, &[vec![], vec![]]).is_empty());
    }
}
