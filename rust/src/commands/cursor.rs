//! Cursors for HSCAN and SSCAN (any collection stored in primary-key order of its
//! elements' bytes).
//!
//! A Redis cursor is an unsigned integer, but a collection's rows are ordered by blobs.
//! The cursor therefore names a point in that order by the first bytes of the next
//! element: `cursor = 1 + (first 8 bytes, zero-padded, big-endian) >> 2`, so it fits in
//! 62 bits plus one, and 0 stays "start" and "done". Decoding gives those bytes without
//! trailing NULs, which is never after the element it came from, so the next call
//! resumes at or before it: an element present for the whole scan is never skipped
//! (elements sharing the prefix may come twice, which SCAN allows). Each call moves the
//! cursor strictly forward; when every row fetched shares the cursor's prefix, the call
//! returns that whole group (COUNT is a hint, as in Redis) and moves to the next prefix.
//! The cursor holds no state: it survives restarts and works on any connection.

use crate::errors::{Error, Result};
use crate::numbers::parse_i64;
use crate::resp::Reply;

/// Cursors above this (after the +1) point past every element.
const PREFIX_SPAN: u64 = 1 << 62;

/// The cursor that resumes at `element` (or before it).
pub fn encode(element: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = element.len().min(8);
    b[..n].copy_from_slice(&element[..n]);
    (u64::from_be_bytes(b) >> 2) + 1
}

/// The lower bound a non-zero cursor stands for, or None past the end.
pub fn decode(cursor: u64) -> Option<Vec<u8>> {
    let x = cursor.checked_sub(1)?;
    if x >= PREFIX_SPAN {
        return None;
    }
    let mut v = (x << 2).to_be_bytes().to_vec();
    while v.last() == Some(&0) {
        v.pop();
    }
    Some(v)
}

/// HSCAN/SSCAN options after the cursor: `[MATCH pattern] [COUNT count]`, parsed like
/// scanGenericCommand (repeats allowed, the last wins; COUNT < 1 is a syntax error).
/// The pattern is None for no filter (also for `*`).
pub fn parse_options(args: &[Vec<u8>]) -> Result<(i64, Option<&[u8]>)> {
    let mut count = 10;
    let mut pattern = None;
    let mut i = 0;
    while i < args.len() {
        let more = args.len() - i >= 2;
        let opt = crate::commands::c_str(&args[i]);
        if opt.eq_ignore_ascii_case(b"count") && more {
            count = parse_i64(&args[i + 1]).ok_or(Error::NotInteger)?;
            if count < 1 {
                return Err(Error::Syntax);
            }
        } else if opt.eq_ignore_ascii_case(b"match") && more {
            pattern = Some(args[i + 1].as_slice()).filter(|p| *p != b"*");
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    Ok((count, pattern))
}

/// One page of a scan: the next cursor (0 when done) and the rows to reply.
/// `from(lower, limit)` returns up to `limit` rows (-1: all) at or after `lower` in
/// order; `range(lower, upper)` every row in [lower, upper); `key` a row's element.
///
/// The page ends before the first row that shares the next cursor's prefix, so an
/// unchanged collection gives each element exactly once. When every row read shares one
/// prefix, the page is that whole group.
pub fn page<T>(
    cursor: u64,
    count: i64,
    key: impl Fn(&T) -> &[u8],
    mut from: impl FnMut(&[u8], i64) -> Result<Vec<T>>,
    range: impl FnOnce(&[u8], &[u8]) -> Result<Vec<T>>,
) -> Result<(u64, Vec<T>)> {
    let lower = if cursor == 0 {
        Vec::new()
    } else {
        match decode(cursor) {
            Some(b) => b,
            None => return Ok((0, Vec::new())),
        }
    };
    let mut rows = from(&lower, count.saturating_add(1))?;
    let count = count as usize; // >= 1, and rows.len() <= count + 1
    if rows.len() <= count {
        return Ok((0, rows));
    }
    let next = encode(key(&rows[count]));
    // Cursors never decrease along the rows, so the rows before `next` are a prefix.
    let keep = rows[..count]
        .iter()
        .take_while(|r| encode(key(r)) < next)
        .count();
    if keep > 0 {
        rows.truncate(keep);
        return Ok((next, rows));
    }
    // Every row read shares `next`'s prefix: return that whole group.
    let group = decode(next).unwrap_or_default();
    match decode(next + 1) {
        Some(upper) => Ok((next + 1, range(&group, &upper)?)),
        None => Ok((0, from(&group, -1)?)),
    }
}

/// The reply: `[cursor, [items...]]`, the cursor as a decimal bulk string.
pub fn reply(next: u64, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(next.to_string().into_bytes()),
        Reply::Array(items),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codec() {
        assert_eq!(encode(b""), 1);
        assert_eq!(decode(1), Some(vec![]));
        assert_eq!(decode(0), None);
        assert_eq!(decode(PREFIX_SPAN + 1), None);
        assert_eq!(decode(u64::MAX), None);
        for e in [
            &b"a"[..],
            b"abc",
            b"abcdefgh",
            b"abcdefghij",
            b"\xff\xff\xff\xff\xff\xff\xff\xff\xff",
            b"a\0",
            b"\0",
        ] {
            let c = encode(e);
            let d = decode(c).unwrap();
            assert!(d.as_slice() <= e, "{e:?} -> {d:?}");
            assert_eq!(encode(&d), c, "{e:?}");
        }
        // Order-preserving (never decreasing).
        assert!(encode(b"a") <= encode(b"a\0"));
        assert!(encode(b"ab") < encode(b"b"));
        assert_eq!(decode(encode(b"user:1")), Some(b"user:1".to_vec()));
    }

    /// Scans `set` page by page with `count`, deleting what `edit` says after each page.
    fn scan_all(
        set: &mut Vec<Vec<u8>>,
        count: i64,
        mut edit: impl FnMut(&mut Vec<Vec<u8>>, &[Vec<u8>]),
    ) -> Vec<Vec<u8>> {
        let mut seen = Vec::new();
        let mut cursor = 0;
        for _ in 0..100_000 {
            let snapshot = set.clone();
            let (next, rows) = page(
                cursor,
                count,
                |r: &Vec<u8>| r.as_slice(),
                |lower, limit| {
                    let it = snapshot.iter().filter(|m| m.as_slice() >= lower).cloned();
                    Ok(if limit < 0 {
                        it.collect()
                    } else {
                        it.take(limit as usize).collect()
                    })
                },
                |lower, upper| {
                    Ok(snapshot
                        .iter()
                        .filter(|m| m.as_slice() >= lower && m.as_slice() < upper)
                        .cloned()
                        .collect())
                },
            )
            .unwrap();
            edit(set, &rows);
            seen.extend(rows);
            if next == 0 {
                return seen;
            }
            assert!(next > cursor);
            cursor = next;
        }
        panic!("scan did not end");
    }

    #[test]
    fn every_element_once_at_least() {
        let mut set: Vec<Vec<u8>> = (0..1000)
            .map(|i| format!("member:{i:06}").into_bytes())
            .collect();
        set.extend((0..50).map(|i| vec![b'x'; i]));
        set.push(Vec::new());
        set.sort();
        let all = set.clone();
        for count in [1, 3, 10, 1000, 5000] {
            let seen = scan_all(&mut set.clone(), count, |_, _| {});
            for m in &all {
                assert!(seen.contains(m), "count {count}: missing {m:?}");
            }
        }
        // Unchanged: exactly once.
        let seen = scan_all(&mut set.clone(), 10, |_, _| {});
        assert_eq!(seen, all);
        // SSCAN + SREM of each page: nothing is skipped.
        let seen = scan_all(&mut set, 7, |s, rows| s.retain(|m| !rows.contains(m)));
        for m in &all {
            assert!(seen.contains(m), "with deletions: missing {m:?}");
        }
    }

    #[test]
    fn options() {
        let a = |v: &[&str]| v.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(parse_options(&a(&[])).unwrap(), (10, None));
        assert_eq!(
            parse_options(&a(&["MATCH", "a*", "count", "5"])).unwrap(),
            (5, Some(&b"a*"[..]))
        );
        assert_eq!(parse_options(&a(&["match", "*"])).unwrap(), (10, None));
        assert_eq!(parse_options(&a(&["COUNT", "0"])), Err(Error::Syntax));
        assert_eq!(parse_options(&a(&["COUNT", "x"])), Err(Error::NotInteger));
        assert_eq!(parse_options(&a(&["COUNT"])), Err(Error::Syntax));
        assert_eq!(parse_options(&a(&["TYPE", "set"])), Err(Error::Syntax));
    }
}
