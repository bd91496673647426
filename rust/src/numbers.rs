//! Number parsing and formatting exactly as Redis does it: string2ll for integers, strtoul
//! for SCAN cursors, and INCRBYFLOAT's x86 `long double` arithmetic (strtold, one 80-bit
//! addition, `%.17Lf` with trailing zeros stripped), emulated in software with a small
//! bignum so every machine prints what Redis on x86-64 prints.

use std::cmp::Ordering;

/// Redis's string2ll: optional '-', no '+', no spaces, no leading zeros (but "0"),
/// "-0" refused, at most 20 bytes, fits in i64.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() >= 21 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (neg, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !(b'1'..=b'9').contains(&digits[0]) {
        return None;
    }
    let mut v: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    if neg {
        if v > (i64::MAX as u64) + 1 {
            return None;
        }
        Some((v as i64).wrapping_neg())
    } else {
        i64::try_from(v).ok()
    }
}

/// strtoul(s, &end, 10) as parseScanCursorOrReply uses it: no leading space, optional sign
/// (a '-' wraps around), the whole string consumed, no overflow. The empty string is 0.
pub fn parse_cursor(s: &[u8]) -> Option<u64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        // strtoul consumed nothing: end points at the start, which is "" only for "".
        return if s.is_empty() { Some(0) } else { None };
    }
    let mut v: u64 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(if neg { v.wrapping_neg() } else { v })
}

/// Formats an i64 into `buf` without allocating; returns the digits.
pub fn format_i64(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

pub fn i64_bytes(n: i64) -> Vec<u8> {
    let mut buf = [0u8; 20];
    format_i64(n, &mut buf).to_vec()
}

// ---------------------------------------------------------------------------------------
// A minimal unsigned bignum (little-endian u32 limbs), just what exact decimal <-> binary
// conversion of 80-bit values needs.

#[derive(Clone, Debug, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn zero() -> Big {
        Big(Vec::new())
    }
    fn from_u128(mut v: u128) -> Big {
        let mut l = Vec::new();
        while v != 0 {
            l.push(v as u32);
            v >>= 32;
        }
        Big(l)
    }
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(&top) => (self.0.len() as u64 - 1) * 32 + (32 - u64::from(top.leading_zeros())),
        }
    }
    fn bit(&self, i: u64) -> bool {
        let limb = (i / 32) as usize;
        limb < self.0.len() && (self.0[limb] >> (i % 32)) & 1 == 1
    }
    /// Whether any bit below `n` is set.
    fn any_below(&self, n: u64) -> bool {
        let full = (n / 32) as usize;
        if self.0.iter().take(full).any(|&l| l != 0) {
            return true;
        }
        let rem = n % 32;
        rem != 0 && full < self.0.len() && self.0[full] & ((1u32 << rem) - 1) != 0
    }
    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for l in self.0.iter_mut() {
            let v = u64::from(*l) * u64::from(m) + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }
    fn add_small(&mut self, a: u32) {
        let mut carry = u64::from(a);
        for l in self.0.iter_mut() {
            if carry == 0 {
                break;
            }
            let v = u64::from(*l) + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }
    /// Divides in place by a small number, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for l in self.0.iter_mut().rev() {
            let v = (rem << 32) | u64::from(*l);
            *l = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        self.trim();
        rem as u32
    }
    fn shl(&self, n: u64) -> Big {
        if self.is_zero() {
            return Big::zero();
        }
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            if bits == 0 {
                out.push(l);
            } else {
                out.push((l << bits) | carry);
                carry = l >> (32 - bits);
            }
        }
        if carry != 0 {
            out.push(carry);
        }
        Big(out)
    }
    fn shr(&self, n: u64) -> Big {
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        if limbs >= self.0.len() {
            return Big::zero();
        }
        let src = &self.0[limbs..];
        let mut out = Vec::with_capacity(src.len());
        for i in 0..src.len() {
            let hi = if bits == 0 {
                0
            } else {
                src.get(i + 1).map_or(0, |&h| h << (32 - bits))
            };
            out.push((src[i] >> bits) | hi);
        }
        let mut b = Big(out);
        b.trim();
        b
    }
    fn low_u64(&self) -> u64 {
        u64::from(self.0.first().copied().unwrap_or(0))
            | (u64::from(self.0.get(1).copied().unwrap_or(0)) << 32)
    }
    fn cmp(&self, o: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&o.0.len())
            .then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
    fn add(&self, o: &Big) -> Big {
        let n = self.0.len().max(o.0.len());
        let mut out = Vec::with_capacity(n + 1);
        let mut carry = 0u64;
        for i in 0..n {
            let v = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(o.0.get(i).copied().unwrap_or(0))
                + carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        if carry != 0 {
            out.push(carry as u32);
        }
        Big(out)
    }
    /// self - o, requires self >= o.
    fn sub(&self, o: &Big) -> Big {
        let mut out = Vec::with_capacity(self.0.len());
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut v = i64::from(self.0[i]) - i64::from(o.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = 0;
            if v < 0 {
                v += 1 << 32;
                borrow = 1;
            }
            out.push(v as u32);
        }
        let mut b = Big(out);
        b.trim();
        b
    }
    fn pow10(n: u32) -> Big {
        let mut b = Big(vec![1]);
        let mut left = n;
        while left >= 9 {
            b.mul_small(1_000_000_000);
            left -= 9;
        }
        b.mul_small(10u32.pow(left));
        b
    }
    fn to_decimal(&self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut chunks = Vec::new();
        let mut v = self.clone();
        while !v.is_zero() {
            chunks.push(v.div_small(1_000_000_000));
        }
        let mut s = chunks.pop().unwrap().to_string();
        for c in chunks.iter().rev() {
            s.push_str(&format!("{c:09}"));
        }
        s
    }
}

// ---------------------------------------------------------------------------------------
// x87 80-bit extended precision: a 64-bit significand, round to nearest, ties to even.

/// Smallest exponent of the unit in the last place (subnormals bottom out here).
const EXP_MIN: i64 = -16445;
/// Largest exponent for a 64-bit significand (largest finite is (2^64-1) * 2^16320).
const EXP_MAX: i64 = 16320;

/// A `long double` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LongDouble {
    /// (-1)^neg * mant * 2^exp.
    Finite {
        neg: bool,
        mant: u64,
        exp: i64,
    },
    Inf {
        neg: bool,
    },
    Nan,
}

impl LongDouble {
    pub const ZERO: LongDouble = LongDouble::Finite {
        neg: false,
        mant: 0,
        exp: 0,
    };

    pub fn from_i64(v: i64) -> LongDouble {
        LongDouble::Finite {
            neg: v < 0,
            mant: v.unsigned_abs(),
            exp: 0,
        }
    }

    pub fn is_finite(&self) -> bool {
        matches!(self, LongDouble::Finite { .. })
    }

    fn is_zero(&self) -> bool {
        matches!(self, LongDouble::Finite { mant: 0, .. })
    }

    /// Rounds n * 2^exp (with `sticky` meaning "plus something below the last bit") to
    /// 64 bits, to nearest even, into the subnormal range if needed.
    fn round(neg: bool, n: &Big, exp: i64, sticky: bool) -> LongDouble {
        if n.is_zero() {
            return LongDouble::Finite {
                neg,
                mant: 0,
                exp: 0,
            };
        }
        let bits = n.bits() as i64;
        let mut shift = bits - 64;
        if exp + shift < EXP_MIN {
            shift = EXP_MIN - exp;
        }
        let (mut mant, mut e) = if shift <= 0 {
            (n.shl((-shift) as u64).low_u64(), exp + shift)
        } else {
            let s = shift as u64;
            let mut m = n.shr(s).low_u64();
            let half = n.bit(s - 1);
            let rest = sticky || n.any_below(s - 1);
            let mut e = exp + shift;
            if half && (rest || m & 1 == 1) {
                m = m.wrapping_add(1);
                if m == 0 {
                    m = 1 << 63;
                    e += 1;
                }
            }
            (m, e)
        };
        if mant == 0 {
            return LongDouble::Finite {
                neg,
                mant: 0,
                exp: 0,
            };
        }
        // A subnormal that rounded up into the normal range stays correctly scaled: mant
        // simply gained a bit, still below 2^64.
        if e > EXP_MAX {
            return LongDouble::Inf { neg };
        }
        if mant >> 63 == 0 && e > EXP_MIN {
            let z = i64::from(mant.leading_zeros()).min(e - EXP_MIN);
            mant <<= z;
            e -= z;
        }
        LongDouble::Finite { neg, mant, exp: e }
    }

    /// IEEE addition at 64-bit precision (what `value += incr` does on x87).
    pub fn plus(self, o: LongDouble) -> LongDouble {
        use LongDouble::*;
        match (self, o) {
            (Nan, _) | (_, Nan) => Nan,
            (Inf { neg: a }, Inf { neg: b }) => {
                if a == b {
                    Inf { neg: a }
                } else {
                    Nan
                }
            }
            (Inf { neg }, _) | (_, Inf { neg }) => Inf { neg },
            (
                Finite {
                    neg: na,
                    mant: ma,
                    exp: ea,
                },
                Finite {
                    neg: nb,
                    mant: mb,
                    exp: eb,
                },
            ) => {
                if ma == 0 && mb == 0 {
                    return Finite {
                        neg: na && nb,
                        mant: 0,
                        exp: 0,
                    };
                }
                if ma == 0 {
                    return o;
                }
                if mb == 0 {
                    return self;
                }
                let e = ea.min(eb);
                let a = Big::from_u128(u128::from(ma)).shl((ea - e) as u64);
                let b = Big::from_u128(u128::from(mb)).shl((eb - e) as u64);
                if na == nb {
                    return Self::round(na, &a.add(&b), e, false);
                }
                match a.cmp(&b) {
                    Ordering::Equal => Finite {
                        neg: false,
                        mant: 0,
                        exp: 0,
                    },
                    Ordering::Greater => Self::round(na, &a.sub(&b), e, false),
                    Ordering::Less => Self::round(nb, &b.sub(&a), e, false),
                }
            }
        }
    }

    /// Redis's string2ld: strtold on the whole string, refusing leading space, trailing
    /// bytes, NaN, overflow and underflow to zero, and strings of 5 KiB or more.
    pub fn parse(s: &[u8]) -> Option<LongDouble> {
        if s.is_empty() || s.len() >= 5 * 1024 {
            return None;
        }
        let (neg, rest) = match s[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let lower = rest.to_ascii_lowercase();
        if lower == b"inf" || lower == b"infinity" {
            return Some(LongDouble::Inf { neg });
        }
        let v = if lower.starts_with(b"0x") {
            parse_hex(neg, &rest[2..])?
        } else {
            parse_dec(neg, rest)?
        };
        match v {
            LongDouble::Inf { .. } | LongDouble::Nan => None,
            _ => Some(v),
        }
    }

    /// `%.17Lf`, trailing zeros (and a bare '.') removed, "-0" printed as "0": Redis's
    /// ld2string in LD_STR_HUMAN mode. None for NaN/Inf, which callers refuse earlier.
    pub fn format_human(&self) -> Option<String> {
        let LongDouble::Finite { neg, mant, exp } = *self else {
            return None;
        };
        let scaled = if exp >= 0 {
            let b = Big::from_u128(u128::from(mant)).shl(exp as u64);
            mul_big(&b, &Big::pow10(17))
        } else {
            let mut b = Big::from_u128(u128::from(mant));
            for _ in 0..17 {
                b.mul_small(10);
            }
            let s = (-exp) as u64;
            let mut q = b.shr(s);
            let half = b.bit(s - 1);
            let rest = b.any_below(s - 1);
            if half && (rest || q.bit(0)) {
                q.add_small(1);
            }
            q
        };
        let digits = scaled.to_decimal();
        let digits = if digits.len() < 18 {
            format!("{digits:0>18}")
        } else {
            digits
        };
        let (int, frac) = digits.split_at(digits.len() - 17);
        let frac = frac.trim_end_matches('0');
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        out.push_str(int);
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
        if out == "-0" {
            out = "0".into();
        }
        Some(out)
    }
}

fn mul_big(a: &Big, b: &Big) -> Big {
    let mut out = vec![0u32; a.0.len() + b.0.len() + 1];
    for (i, &x) in a.0.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.0.iter().enumerate() {
            let v = u64::from(out[i + j]) + u64::from(x) * u64::from(y) + carry;
            out[i + j] = v as u32;
            carry = v >> 32;
        }
        let mut k = i + b.0.len();
        while carry != 0 {
            let v = u64::from(out[k]) + carry;
            out[k] = v as u32;
            carry = v >> 32;
            k += 1;
        }
    }
    let mut r = Big(out);
    r.trim();
    r
}

/// Reads an exponent's digits (saturating: anything huge is out of range anyway).
fn parse_exp(s: &[u8]) -> Option<(i64, usize)> {
    let (neg, start) = match s.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let digits = s[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let mut v: i64 = 0;
    for &c in &s[start..start + digits] {
        v = (v * 10 + i64::from(c - b'0')).min(1 << 40);
    }
    Some((if neg { -v } else { v }, start + digits))
}

/// Decimal strtold body: digits [. digits] [e [sign] digits], correctly rounded.
fn parse_dec(neg: bool, s: &[u8]) -> Option<LongDouble> {
    let mut digits: Vec<u8> = Vec::new();
    let mut exp10: i64 = 0;
    let mut i = 0;
    let mut seen = false;
    while i < s.len() && s[i].is_ascii_digit() {
        digits.push(s[i] - b'0');
        seen = true;
        i += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && s[i].is_ascii_digit() {
            digits.push(s[i] - b'0');
            exp10 -= 1;
            seen = true;
            i += 1;
        }
    }
    if !seen {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let (e, used) = parse_exp(&s[i + 1..])?;
        exp10 += e;
        i += 1 + used;
    }
    if i != s.len() {
        return None;
    }
    let first = digits.iter().position(|&d| d != 0);
    let Some(first) = first else {
        return Some(LongDouble::Finite {
            neg,
            mant: 0,
            exp: 0,
        });
    };
    let digits = &digits[first..];
    let magnitude = exp10 + digits.len() as i64; // value < 10^magnitude
    if magnitude > 4934 {
        return Some(LongDouble::Inf { neg });
    }
    if magnitude < -4952 {
        return None; // underflow to zero: strtold's ERANGE, refused by Redis
    }
    let mut n = Big::zero();
    for chunk in digits.chunks(9) {
        let mut v = 0u32;
        for &d in chunk {
            v = v * 10 + u32::from(d);
        }
        n.mul_small(10u32.pow(chunk.len() as u32));
        n.add_small(v);
    }
    let r = if exp10 >= 0 {
        LongDouble::round(neg, &mul_big(&n, &Big::pow10(exp10 as u32)), 0, false)
    } else {
        let d = Big::pow10((-exp10) as u32);
        // Scale so the quotient has at least 66 significant bits.
        let k = (d.bits() as i64 - n.bits() as i64 + 66).max(0) as u64;
        let a = n.shl(k);
        let (q, r) = divmod(&a, &d);
        LongDouble::round(neg, &q, -(k as i64), !r.is_zero())
    };
    if r.is_zero() {
        return None;
    }
    Some(r)
}

/// Hex strtold body (after "0x"): hexdigits [. hexdigits] [p [sign] digits], exact
/// significand rounded once.
fn parse_hex(neg: bool, s: &[u8]) -> Option<LongDouble> {
    let mut n = Big::zero();
    let mut exp2: i64 = 0;
    let mut i = 0;
    let mut seen = false;
    let hex = |c: u8| (c as char).to_digit(16);
    while i < s.len() && hex(s[i]).is_some() {
        n.mul_small(16);
        n.add_small(hex(s[i])?);
        seen = true;
        i += 1;
    }
    if i < s.len() && s[i] == b'.' {
        i += 1;
        while i < s.len() && hex(s[i]).is_some() {
            n.mul_small(16);
            n.add_small(hex(s[i])?);
            exp2 -= 4;
            seen = true;
            i += 1;
        }
    }
    if !seen {
        // strtold would stop after the "0" of "0x": trailing bytes, refused.
        return None;
    }
    if i < s.len() && (s[i] == b'p' || s[i] == b'P') {
        let (e, used) = parse_exp(&s[i + 1..])?;
        exp2 += e;
        i += 1 + used;
    }
    if i != s.len() {
        return None;
    }
    if n.is_zero() {
        return Some(LongDouble::Finite {
            neg,
            mant: 0,
            exp: 0,
        });
    }
    let top = exp2 + n.bits() as i64;
    if top > EXP_MAX + 65 {
        return Some(LongDouble::Inf { neg });
    }
    if top < EXP_MIN - 2 {
        return None;
    }
    let r = LongDouble::round(neg, &n, exp2, false);
    if r.is_zero() {
        return None;
    }
    Some(r)
}

/// Long division for a quotient of at most ~128 bits: shift-and-subtract.
fn divmod(a: &Big, d: &Big) -> (Big, Big) {
    if a.cmp(d) == Ordering::Less {
        return (Big::zero(), a.clone());
    }
    let top = a.bits() - d.bits();
    let mut rem = a.clone();
    let mut q: u128 = 0;
    let mut quotient_big = Big::zero();
    let use_big = top >= 127;
    for i in (0..=top).rev() {
        let shifted = d.shl(i);
        if rem.cmp(&shifted) != Ordering::Less {
            rem = rem.sub(&shifted);
            if use_big {
                quotient_big = quotient_big.add(&Big::from_u128(1).shl(i));
            } else {
                q |= 1u128 << i;
            }
        }
    }
    (
        if use_big {
            quotient_big
        } else {
            Big::from_u128(q)
        },
        rem,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string2ll() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"-1"), Some(-1));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b""[..],
            b"-0",
            b"+1",
            b"01",
            b" 1",
            b"1 ",
            b"9223372036854775808",
            b"-",
            b"1.0",
            b"-9223372036854775809",
            b"abc",
        ] {
            assert_eq!(parse_i64(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
        let mut buf = [0; 20];
        assert_eq!(format_i64(i64::MIN, &mut buf), b"-9223372036854775808");
        assert_eq!(format_i64(0, &mut buf), b"0");
    }

    #[test]
    fn cursor() {
        assert_eq!(parse_cursor(b"0"), Some(0));
        assert_eq!(parse_cursor(b""), Some(0));
        assert_eq!(parse_cursor(b"+5"), Some(5));
        assert_eq!(parse_cursor(b"-1"), Some(u64::MAX));
        assert_eq!(parse_cursor(b"x"), None);
        assert_eq!(parse_cursor(b" 1"), None);
        assert_eq!(parse_cursor(b"99999999999999999999"), None);
    }

    fn incr(a: &str, b: &str) -> String {
        let a = LongDouble::parse(a.as_bytes()).unwrap();
        let b = LongDouble::parse(b.as_bytes()).unwrap();
        a.plus(b).format_human().unwrap()
    }

    #[test]
    fn long_double_cases() {
        // From cases/007 (recorded on x86-64 Redis 7.0.15).
        assert_eq!(incr("128", "0.1"), "128.10000000000000001");
        assert_eq!(incr("1000", "-0.1"), "999.90000000000000002");
        assert_eq!(incr("0", "1e-18"), "0");
        assert_eq!(incr("0", "0.1"), "0.1");
        assert_eq!(incr("0.1", "0.2"), "0.3");
        // cases/006 style.
        assert_eq!(incr("10.50", "0.1"), "10.6");
        assert_eq!(incr("5.0e3", "2.0e2"), "5200");
        assert_eq!(incr("1", "0x10"), "17");
        assert_eq!(incr("3", "-3"), "0");
        assert_eq!(incr("-1", "0.5"), "-0.5");
        assert_eq!(incr("1", "1e-4950"), "1");
        // redis-cli showed the first 300 bytes of this 4901-digit reply.
        let big = incr("1", "1e4900");
        assert_eq!(big.len(), 4901);
        assert_eq!(&big[..300], "100000000000000000002708312230690349833224052504078834346502930111959028517260692666637048230414374897655201843766090626319971729765251179632020313912652522792711197087872698264530532442630109549129842736280196919130242615101228133188193853826983121366159061148351354364472807590931218045387490935930");
    }

    #[test]
    fn long_double_parse_refusals() {
        for bad in [
            "", " 1", "1 ", "abc", "nan", "1e", "1e+", ".", "0x", "1e5000", "1e-5000", "1..2",
            "--1",
        ] {
            assert_eq!(LongDouble::parse(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(
            LongDouble::parse(b"inf"),
            Some(LongDouble::Inf { neg: false })
        );
        assert_eq!(
            LongDouble::parse(b"-Infinity"),
            Some(LongDouble::Inf { neg: true })
        );
        assert!(LongDouble::parse(b"0e-99999").is_some());
        assert!(LongDouble::parse(b"1.").is_some());
        assert!(LongDouble::parse(b".5").is_some());
    }

    #[test]
    fn long_double_overflow_is_inf() {
        let max = LongDouble::Finite {
            neg: false,
            mant: u64::MAX,
            exp: EXP_MAX,
        };
        assert!(!max.plus(max).is_finite());
    }
}
