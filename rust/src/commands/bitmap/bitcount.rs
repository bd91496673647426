// BITCOUNT counts the set bits of a string, or of a range of its bytes or bits.
// BITCOUNT key [start end [BYTE | BIT]]
// https://redis.io/commands/bitcount

use crate::commands::bitmap::{bit_unit, clamp_range};
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

pub fn bitcount(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // Redis 7.0 looks the key up first: a missing key is 0 whatever the arguments say.
    let Some(e) = ctx.lookup_string(&args[1], Access::Read)? else {
        return Ok(Reply::Integer(0));
    };
    let value = e.value.unwrap_or_default();
    let len = value.len() as i64;
    let (start, end, bits) = match args.len() {
        2 => (0, len - 1, false),
        4 | 5 => {
            let start = int_arg(&args[2])?;
            let end = int_arg(&args[3])?;
            // Checked before the unit, so a bad unit after such a range still counts 0.
            if start < 0 && end < 0 && start > end {
                return Ok(Reply::Integer(0));
            }
            let bits = match args.get(4) {
                Some(unit) => bit_unit(unit)?,
                None => false,
            };
            let (start, end) = clamp_range(start, end, len, bits);
            (start, end, bits)
        }
        _ => return Err(Error::Syntax),
    };
    if start > end {
        return Ok(Reply::Integer(0));
    }
    Ok(Reply::Integer(if bits {
        count_bits(&value, start as u64, end as u64)
    } else {
        popcount(&value[start as usize..=end as usize])
    }))
}

fn popcount(bytes: &[u8]) -> i64 {
    bytes.iter().map(|b| b.count_ones() as i64).sum()
}

/// The set bits from bit `start` to bit `end`, both inside the value: whole bytes, less the
/// bits of the edge bytes outside the range.
fn count_bits(value: &[u8], start: u64, end: u64) -> i64 {
    let (first, last) = ((start >> 3) as usize, (end >> 3) as usize);
    let before = value[first] & !(0xffu8 >> (start & 7));
    let after = value[last] & ((1u16 << (7 - (end & 7))) - 1) as u8;
    popcount(&value[first..=last]) - before.count_ones() as i64 - after.count_ones() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_bytes_are_masked() {
        let v = [0xffu8, 0xff];
        assert_eq!(count_bits(&v, 0, 15), 16);
        assert_eq!(count_bits(&v, 1, 14), 14);
        assert_eq!(count_bits(&v, 3, 3), 1);
        assert_eq!(count_bits(&[0b1010_0000], 1, 2), 1);
    }
}
