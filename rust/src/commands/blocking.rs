//! What the blocking commands (BLPOP, BLMOVE, BZPOPMIN...) share: Redis's timeout
//! argument, and blocking itself. A blocking command runs as its non-blocking form; when
//! every key is empty it calls `block`, which records on the client what it waits for.
//! The engine then stops the batch just before the command (Action::Block) and Go's
//! blocking registry runs it again once one of the keys holds a list or sorted set.

use crate::commands::Ctx;
use crate::engine::Blocked;
use crate::errors::{Error, Result};
use crate::numbers::LongDouble;
use crate::resp::Reply;

/// getTimeoutFromObjectOrReply in seconds: string2ld, then
/// `(long long) ceill(seconds * 1000)`, refused when negative. The x87 conversion of a
/// value outside long long (inf, 1e30) gives LLONG_MIN, so those are "negative" too, and
/// `-0.0001` rounds up to 0: wait forever. Returns milliseconds, 0 meaning forever.
pub fn parse_timeout(arg: &[u8]) -> Result<i64> {
    let ms: i128 = match LongDouble::parse(arg).ok_or(Error::TimeoutNotFloat)? {
        LongDouble::Nan => return Err(Error::TimeoutNotFloat),
        LongDouble::Inf { .. } => i128::MIN,
        LongDouble::Finite { mant: 0, .. } => 0,
        LongDouble::Finite { neg, mant, exp } => {
            // |value| * 1000 = mant * 1000 * 2^exp, rounded to x87's 64-bit significand
            // (0.1L * 1000 is exactly 100 there), then ceil toward +inf.
            let (scaled, exp) = round_to_64_bits(u128::from(mant) * 1000, exp);
            let magnitude: Option<u128> = if exp >= 54 {
                None // at least 1000 * 2^54: past long long
            } else if exp >= 0 {
                Some(scaled << exp) // below 2^74 * 2^53: fits
            } else if exp <= -128 {
                Some(u128::from(!neg)) // a tiny fraction: ceil is 1 (0 when negative)
            } else {
                let shift = (-exp) as u32;
                let whole = scaled >> shift;
                let frac = scaled & ((1u128 << shift) - 1) != 0;
                Some(if frac && !neg { whole + 1 } else { whole })
            };
            match magnitude {
                Some(m) if m <= i64::MAX as u128 => {
                    if neg {
                        -(m as i128)
                    } else {
                        m as i128
                    }
                }
                _ => i128::MIN,
            }
        }
    };
    if ms < 0 {
        return Err(Error::TimeoutNegative);
    }
    Ok(ms as i64)
}

/// Rounds m * 2^exp to a 64-bit significand, to nearest even (an x87 multiply's result).
fn round_to_64_bits(m: u128, exp: i64) -> (u128, i64) {
    let bits = 128 - m.leading_zeros() as i64;
    if bits <= 64 {
        return (m, exp);
    }
    let shift = (bits - 64) as u32;
    let mut kept = m >> shift;
    let dropped = m & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if dropped > half || (dropped == half && kept & 1 == 1) {
        kept += 1;
    }
    (kept, exp + i64::from(shift))
}

/// Every key is empty: block on `keys`, or, inside EXEC (where Redis never blocks),
/// reply `in_exec` at once. The reply returned while blocking is never sent.
pub fn block(ctx: &mut Ctx, keys: &[Vec<u8>], timeout_ms: i64, in_exec: Reply) -> Result<Reply> {
    if ctx.client.tx.in_exec {
        return Ok(in_exec);
    }
    // replyToBlockedClientTimedOut: a null array for lists and sorted sets alike (even
    // BLMOVE's, whose reply in EXEC is a null bulk); `_` in RESP3.
    let mut timeout_reply = Vec::new();
    Reply::NilArray.encode_proto(&mut timeout_reply, ctx.client.protocol);
    ctx.client.blocked = Some(Blocked {
        db: ctx.client.db,
        keys: keys.to_vec(),
        timeout_ms,
        timeout_reply,
        command_len: 0, // filled in by the engine, which knows the input
    });
    Ok(Reply::NilArray)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_parse_like_redis() {
        let ok = |s: &str| parse_timeout(s.as_bytes());
        assert_eq!(ok("0"), Ok(0));
        assert_eq!(ok("-0"), Ok(0));
        assert_eq!(ok("-0.0001"), Ok(0));
        assert_eq!(ok("0.0001"), Ok(1));
        assert_eq!(ok("1e-400"), Ok(1));
        assert_eq!(ok("0.1"), Ok(100));
        assert_eq!(ok("1.5"), Ok(1500));
        assert_eq!(ok("0x10"), Ok(16000));
        assert_eq!(ok("9223372036854775"), Ok(9223372036854775000));
        for neg in ["-1", "inf", "-inf", "1e30", "9223372036854775807"] {
            assert_eq!(ok(neg), Err(Error::TimeoutNegative), "{neg}");
        }
        for bad in ["abc", "nan", " 1", "1 ", ""] {
            assert_eq!(ok(bad), Err(Error::TimeoutNotFloat), "{bad}");
        }
    }
}
