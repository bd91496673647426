// BITPOS returns the position of the first set or clear bit, in the string or in a range of
// its bytes or bits.
// BITPOS key bit [start [end [BYTE | BIT]]]
// https://redis.io/commands/bitpos

use crate::commands::bitmap::{bit_unit, clamp_range};
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn bitpos(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let bit = match int_arg(&args[2])? {
        0 => false,
        1 => true,
        _ => return Err(Error::BitArgument),
    };
    // A missing key is an endless run of clear bits, whatever the range (Redis 7.0 answers
    // before it parses the range).
    let Some(e) = ctx.lookup_string(&args[1], Access::Read)? else {
        return Ok(Reply::Integer(if bit { -1 } else { 0 }));
    };
    let value = e.value.unwrap_or_default();
    let len = value.len() as i64;
    // The range as bit positions, and whether the caller gave its end.
    let (first, last, end_given) = match args.len() {
        3 => (0, len * 8 - 1, false),
        4..=6 => {
            let start = int_arg(&args[3])?;
            let bits = match args.get(5) {
                Some(unit) => bit_unit(unit)?,
                None => false,
            };
            let end = match args.get(4) {
                Some(end) => int_arg(end)?,
                None => -1,
            };
            let (start, end) = clamp_range(start, end, len, bits);
            if start > end {
                // Empty (compared in the caller's unit: a huge start times 8 would wrap).
                return Ok(Reply::Integer(-1));
            }
            if bits {
                (start, end, args.len() >= 5)
            } else {
                (start * 8, end * 8 + 7, args.len() >= 5)
            }
        }
        _ => return Err(Error::Syntax),
    };
    if first > last {
        return Ok(Reply::Integer(-1));
    }
    Ok(Reply::Integer(
        match find_bit(&value, first as u64, last as u64, bit) {
            Some(pos) => pos as i64,
            // No clear bit in the range: without an explicit end the string counts as padded
            // with clear bits, so the answer is the first bit after the range's last byte.
            None if !bit && !end_given => ((last as u64 | 7) + 1) as i64,
            None => -1,
        },
    ))
}

/// The first bit equal to `bit` from position `first` to `last` (inside the value).
fn find_bit(value: &[u8], first: u64, last: u64, bit: bool) -> Option<u64> {
    let skip = if bit { 0x00 } else { 0xff };
    let mut pos = first;
    while pos <= last {
        let byte = value[(pos >> 3) as usize];
        // Whole bytes that cannot hold the bit are skipped at once.
        if pos & 7 == 0 && pos + 7 <= last && byte == skip {
            pos += 8;
            continue;
        }
        if (byte & (0x80 >> (pos & 7)) != 0) == bit {
            return Some(pos);
        }
        pos += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inside_the_range_only() {
        let v = [0xffu8, 0xf0, 0x00];
        assert_eq!(find_bit(&v, 0, 23, false), Some(12));
        assert_eq!(find_bit(&v, 0, 11, false), None);
        assert_eq!(find_bit(&v, 13, 23, true), None);
        assert_eq!(find_bit(&v, 3, 23, true), Some(3));
    }
}
