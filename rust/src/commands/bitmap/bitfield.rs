// BITFIELD reads, writes and increments integers of 1 to 64 bits at any bit offset of a
// string, in one command; BITFIELD_RO is its read-only form (GET only).
// BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL] SET encoding offset value | INCRBY encoding offset increment ...]
// https://redis.io/commands/bitfield
// BITFIELD_RO key [GET encoding offset ...]
// https://redis.io/commands/bitfield_ro

use crate::commands::bitmap::bit_offset;
use crate::commands::{c_str, int_arg, is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::Access;

#[derive(Clone, Copy, PartialEq)]
enum Overflow {
    Wrap,
    Sat,
    Fail,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Get,
    Set,
    Incrby,
}

/// One GET, SET or INCRBY, with the OVERFLOW mode in force where it stands.
struct Op {
    kind: Kind,
    signed: bool,
    bits: u32,
    offset: u64,
    value: i64,
    overflow: Overflow,
}

pub fn bitfield(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    run(ctx, args, false)
}

pub fn bitfield_ro(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    run(ctx, args, true)
}

/// getBitfieldTypeFromArgument: 'i' or 'u' then a width, i1..i64 or u1..u63 (a u64 could
/// not be replied as a signed 64-bit integer). The width is read as a C string.
fn parse_type(arg: &[u8]) -> Result<(bool, u32)> {
    let signed = match arg.first() {
        Some(b'i') => true,
        Some(b'u') => false,
        _ => return Err(Error::BitfieldType),
    };
    match crate::numbers::parse_i64(c_str(&arg[1..])) {
        Some(bits) if bits >= 1 && bits <= if signed { 64 } else { 63 } => {
            Ok((signed, bits as u32))
        }
        _ => Err(Error::BitfieldType),
    }
}

/// The whole argument list, parsed before anything runs: any error leaves the key alone.
fn parse(ctx: &Ctx, args: &[Vec<u8>]) -> Result<Vec<Op>> {
    let mut ops = Vec::new();
    let mut overflow = Overflow::Wrap;
    let mut j = 2;
    while j < args.len() {
        let left = args.len() - j - 1;
        let sub = c_str(&args[j]);
        let kind = if is(sub, "get") && left >= 2 {
            Kind::Get
        } else if is(sub, "set") && left >= 3 {
            Kind::Set
        } else if is(sub, "incrby") && left >= 3 {
            Kind::Incrby
        } else if is(sub, "overflow") && left >= 1 {
            let mode = c_str(&args[j + 1]);
            overflow = if is(mode, "wrap") {
                Overflow::Wrap
            } else if is(mode, "sat") {
                Overflow::Sat
            } else if is(mode, "fail") {
                Overflow::Fail
            } else {
                return Err(Error::BitfieldOverflowType);
            };
            j += 2;
            continue;
        } else {
            return Err(Error::Syntax);
        };
        let (signed, bits) = parse_type(&args[j + 1])?;
        let offset = bit_offset(ctx, &args[j + 2], Some(bits))?;
        let value = if kind == Kind::Get {
            0
        } else {
            int_arg(&args[j + 3])?
        };
        ops.push(Op {
            kind,
            signed,
            bits,
            offset,
            value,
            overflow,
        });
        j += if kind == Kind::Get { 3 } else { 4 };
    }
    Ok(ops)
}

fn run(ctx: &mut Ctx, args: &[Vec<u8>], read_only: bool) -> Result<Reply> {
    let ops = parse(ctx, args)?;
    // The farthest bit a SET or INCRBY reaches: the string grows to hold it before any
    // operation runs, even one whose overflow then fails.
    let highest = ops
        .iter()
        .filter(|op| op.kind != Kind::Get)
        .map(|op| op.offset + op.bits as u64 - 1)
        .max();
    let Some(highest) = highest else {
        // Only GETs: a read, which neither creates nor pads the key.
        let value = ctx
            .lookup_string(&args[1], Access::Read)?
            .map(|e| e.value.unwrap_or_default());
        let replies = ops
            .iter()
            .map(|op| read(value.as_deref().unwrap_or_default(), op))
            .collect();
        return Ok(Reply::Array(replies));
    };
    if read_only {
        return Err(Error::BitfieldRoGetOnly);
    }
    let entry = ctx.lookup_string(&args[1], Access::Write)?;
    let exists = entry.is_some();
    let mut value = entry.and_then(|e| e.value).unwrap_or_default();
    let need = (highest >> 3) as usize + 1;
    let grown = value.len() < need;
    if grown {
        value.resize(need, 0);
    }
    let mut changes = 0;
    let mut replies = Vec::with_capacity(ops.len());
    for op in &ops {
        if op.kind == Kind::Get {
            replies.push(read(&value, op));
            continue;
        }
        let old = get_field(&value, op.offset, op.bits);
        let (new, overflowed) = if op.signed {
            let old = sign_extend(old, op.bits);
            let (new, o) = signed_result(old, op);
            (new as u64, o)
        } else {
            unsigned_result(old, op)
        };
        if overflowed && op.overflow == Overflow::Fail {
            replies.push(Reply::Nil);
            continue;
        }
        let shown = if op.kind == Kind::Incrby { new } else { old };
        replies.push(Reply::Integer(if op.signed {
            sign_extend(shown, op.bits)
        } else {
            shown as i64
        }));
        set_field(&mut value, op.offset, op.bits, new);
        // Redis counts a write as a change when the string grew or the field changed.
        if grown || mask(old, op.bits) != mask(new, op.bits) {
            changes += 1;
        }
    }
    let (db, key) = (ctx.db(), &args[1]);
    if !exists {
        ctx.store.set_string(db, key, &value, None)?;
    } else if changes > 0 {
        ctx.store.update_value(db, key, &value)?;
    } else if grown {
        ctx.store.pad_value(db, key, &value)?;
    }
    Ok(Reply::Array(replies))
}

/// A GET: the field, zero past the end of the string.
fn read(value: &[u8], op: &Op) -> Reply {
    let raw = get_field(value, op.offset, op.bits);
    Reply::Integer(if op.signed {
        sign_extend(raw, op.bits)
    } else {
        raw as i64
    })
}

fn mask(v: u64, bits: u32) -> u64 {
    if bits == 64 {
        v
    } else {
        v & ((1u64 << bits) - 1)
    }
}

fn sign_extend(raw: u64, bits: u32) -> i64 {
    if bits < 64 && raw & (1u64 << (bits - 1)) != 0 {
        (raw | (u64::MAX << bits)) as i64
    } else {
        raw as i64
    }
}

/// The `bits`-wide unsigned field at bit `offset`; bits past the end read as 0.
fn get_field(value: &[u8], offset: u64, bits: u32) -> u64 {
    (0..bits as u64).fold(0u64, |acc, i| {
        (acc << 1) | super::get_bit(value, offset + i) as u64
    })
}

/// Writes the low `bits` bits of `v` at bit `offset` (inside the value).
fn set_field(value: &mut [u8], offset: u64, bits: u32, v: u64) {
    for i in 0..bits as u64 {
        let on = v & (1u64 << (bits as u64 - 1 - i)) != 0;
        super::set_bit(value, offset + i, on);
    }
}

/// SET or INCRBY of an unsigned field: the value to store and whether it overflowed
/// (checkUnsignedBitfieldOverflow: WRAP keeps the low bits, SAT the nearest limit).
fn unsigned_result(old: u64, op: &Op) -> (u64, bool) {
    let max = (1u64 << op.bits) - 1; // bits <= 63
    let (value, incr) = match op.kind {
        Kind::Incrby => (old, op.value),
        _ => (op.value as u64, 0),
    };
    let max_incr = max.wrapping_sub(value) as i64;
    let min_incr = value.wrapping_neg() as i64;
    let wrapped = value.wrapping_add(incr as u64) & max;
    if value > max || (incr > 0 && incr > max_incr) {
        (
            if op.overflow == Overflow::Sat {
                max
            } else {
                wrapped
            },
            true,
        )
    } else if incr < 0 && incr < min_incr {
        (
            if op.overflow == Overflow::Sat {
                0
            } else {
                wrapped
            },
            true,
        )
    } else {
        (value.wrapping_add(incr as u64), false)
    }
}

/// SET or INCRBY of a signed field (checkSignedBitfieldOverflow): WRAP wraps in two's
/// complement of the width, SAT clamps to the width's limits.
fn signed_result(old: i64, op: &Op) -> (i64, bool) {
    let bits = op.bits;
    let max: i64 = if bits == 64 {
        i64::MAX
    } else {
        (1i64 << (bits - 1)) - 1
    };
    let min = -max - 1;
    let (value, incr) = match op.kind {
        Kind::Incrby => (old, op.value),
        _ => (op.value, 0),
    };
    let max_incr = (max as u64).wrapping_sub(value as u64) as i64;
    let min_incr = min.wrapping_sub(value);
    let wrapped = {
        let c = (value as u64).wrapping_add(incr as u64);
        if bits < 64 {
            let m = u64::MAX << bits;
            if c & (1u64 << (bits - 1)) != 0 {
                (c | m) as i64
            } else {
                (c & !m) as i64
            }
        } else {
            c as i64
        }
    };
    if value > max || (bits != 64 && incr > max_incr) || (value >= 0 && incr > 0 && incr > max_incr)
    {
        (
            if op.overflow == Overflow::Sat {
                max
            } else {
                wrapped
            },
            true,
        )
    } else if value < min
        || (bits != 64 && incr < min_incr)
        || (value < 0 && incr < 0 && incr < min_incr)
    {
        (
            if op.overflow == Overflow::Sat {
                min
            } else {
                wrapped
            },
            true,
        )
    } else {
        (value.wrapping_add(incr), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(kind: Kind, signed: bool, bits: u32, value: i64, overflow: Overflow) -> Op {
        Op {
            kind,
            signed,
            bits,
            offset: 0,
            value,
            overflow,
        }
    }

    #[test]
    fn unsigned_overflow_modes() {
        let o = op(Kind::Incrby, false, 8, 10, Overflow::Wrap);
        assert_eq!(unsigned_result(250, &o), (4, true));
        let o = op(Kind::Incrby, false, 8, 10, Overflow::Sat);
        assert_eq!(unsigned_result(250, &o), (255, true));
        let o = op(Kind::Incrby, false, 8, -10, Overflow::Sat);
        assert_eq!(unsigned_result(5, &o), (0, true));
        let o = op(Kind::Set, false, 8, 256, Overflow::Wrap);
        assert_eq!(unsigned_result(0, &o), (0, true));
    }

    #[test]
    fn signed_overflow_modes() {
        let o = op(Kind::Incrby, true, 8, 1, Overflow::Wrap);
        assert_eq!(signed_result(127, &o), (-128, true));
        let o = op(Kind::Incrby, true, 8, -200, Overflow::Sat);
        assert_eq!(signed_result(0, &o), (-128, true));
        let o = op(Kind::Incrby, true, 64, 1, Overflow::Sat);
        assert_eq!(signed_result(i64::MAX, &o), (i64::MAX, true));
        let o = op(Kind::Set, true, 4, 8, Overflow::Wrap);
        assert_eq!(signed_result(0, &o), (-8, true));
    }

    #[test]
    fn fields_cross_bytes() {
        let mut v = vec![0u8; 2];
        set_field(&mut v, 7, 5, 23);
        assert_eq!(v, [0b0000_0001, 0b0111_0000]);
        assert_eq!(get_field(&v, 7, 5), 23);
        assert_eq!(sign_extend(get_field(&v, 7, 5), 5), -9);
    }
}
