//! Bitmap commands: a string read and written as an array of bits, bit 0 being the most
//! significant bit of the first byte (Redis's bitops.c). The value stays whole in
//! keys.value, like every string.

pub mod bitcount;
pub mod bitfield;
pub mod bitop;
pub mod bitpos;
pub mod getbit;
pub mod setbit;

use crate::commands::{c_str, is, Ctx};
use crate::errors::{Error, Result};

/// getBitOffsetFromArgument: a bit offset, string2ll over the whole argument; with `bits`
/// (BITFIELD) a leading '#' counts in units of that width. Negative offsets, and offsets
/// whose byte is past proto-max-bulk-len (or what SQLite stores), are refused with one text.
pub fn bit_offset(ctx: &Ctx, arg: &[u8], bits: Option<u32>) -> Result<u64> {
    let (digits, unit) = match (arg.first(), bits) {
        (Some(b'#'), Some(bits)) => (&arg[1..], bits as i64),
        _ => (arg, 1),
    };
    let offset = crate::numbers::parse_i64(digits)
        .ok_or(Error::BitOffset)?
        // C multiplies without a check; wrapping like it turns a huge #N negative.
        .wrapping_mul(unit);
    if offset < 0 || (offset >> 3) >= ctx.server.config.max_string_len() {
        return Err(Error::BitOffset);
    }
    Ok(offset as u64)
}

/// BITCOUNT's and BITPOS's unit: BYTE (the default) or BIT; anything else is a syntax error.
pub fn bit_unit(arg: &[u8]) -> Result<bool> {
    if is(c_str(arg), "bit") {
        Ok(true)
    } else if is(c_str(arg), "byte") {
        Ok(false)
    } else {
        Err(Error::Syntax)
    }
}

/// A range's ends, in bits or bytes of a string of `len` bytes, as Redis converts them:
/// negative ends count from the end, both are clamped into the string. The result may be
/// empty (start > end).
pub fn clamp_range(mut start: i64, mut end: i64, len: i64, bits: bool) -> (i64, i64) {
    let total = if bits { len << 3 } else { len };
    if start < 0 {
        start += total;
    }
    if end < 0 {
        end += total;
    }
    start = start.max(0);
    end = end.max(0);
    if end >= total {
        end = total - 1;
    }
    (start, end)
}

/// The bit at `offset` (0 past the end).
pub fn get_bit(value: &[u8], offset: u64) -> bool {
    let byte = (offset >> 3) as usize;
    byte < value.len() && value[byte] & (0x80 >> (offset & 7)) != 0
}

/// Sets the bit at `offset`, which must be inside `value`.
pub fn set_bit(value: &mut [u8], offset: u64, on: bool) {
    let byte = (offset >> 3) as usize;
    let mask = 0x80u8 >> (offset & 7);
    if on {
        value[byte] |= mask;
    } else {
        value[byte] &= !mask;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_msb_first() {
        let mut v = vec![0u8; 2];
        set_bit(&mut v, 0, true);
        set_bit(&mut v, 15, true);
        assert_eq!(v, [0x80, 0x01]);
        assert!(get_bit(&v, 0) && get_bit(&v, 15) && !get_bit(&v, 1) && !get_bit(&v, 99));
        set_bit(&mut v, 0, false);
        assert_eq!(v, [0x00, 0x01]);
    }

    #[test]
    fn ranges_clamp_like_redis() {
        assert_eq!(clamp_range(0, -1, 6, false), (0, 5));
        assert_eq!(clamp_range(-100, 100, 6, false), (0, 5));
        assert_eq!(clamp_range(5, 2, 6, false), (5, 2));
        assert_eq!(clamp_range(0, -1, 2, true), (0, 15));
        assert_eq!(clamp_range(0, -1, 0, false), (0, -1));
    }
}
