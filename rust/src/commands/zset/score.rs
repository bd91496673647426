//! Scores and ranges as Redis 7.0 reads and writes them: glibc strtod for parsing (decimal,
//! hex floats, inf/infinity, leading blanks where Redis allows them), `%.17g` for replies,
//! and the `(`/`[`/`-`/`+` range syntax of ZRANGEBYSCORE and ZRANGEBYLEX.

use crate::commands::c_str;

/// What strtod read at the start of a string.
struct Strtod {
    value: f64,
    /// Bytes consumed; 0 when no number was found.
    used: usize,
    /// ERANGE: a finite number that overflowed to ±inf or underflowed to zero.
    range_error: bool,
}

/// C's isspace in the "C" locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// glibc's strtod: leading blanks, an optional sign, then inf/infinity, nan[(chars)], a
/// 0x hex float, or a decimal number; the longest prefix that forms a number is read.
fn strtod(s: &[u8]) -> Strtod {
    let none = Strtod {
        value: 0.0,
        used: 0,
        range_error: false,
    };
    let mut i = s.iter().take_while(|&&c| is_space(c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let sign = |v: f64| if neg { -v } else { v };
    let rest = &s[i..];
    let starts = |w: &[u8]| rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w);
    if starts(b"inf") {
        let n = if starts(b"infinity") { 8 } else { 3 };
        return Strtod {
            value: sign(f64::INFINITY),
            used: i + n,
            range_error: false,
        };
    }
    if starts(b"nan") {
        let mut n = 3;
        if rest.get(3) == Some(&b'(') {
            let inner = rest[4..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            if rest.get(4 + inner) == Some(&b')') {
                n = 5 + inner;
            }
        }
        return Strtod {
            value: f64::NAN,
            used: i + n,
            range_error: false,
        };
    }
    if rest.len() >= 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        if let Some((v, n, range)) = hex(&rest[2..]) {
            return Strtod {
                value: sign(v),
                used: i + 2 + n,
                range_error: range,
            };
        }
        // "0x" without hex digits: strtod reads the "0".
        return Strtod {
            value: sign(0.0),
            used: i + 1,
            range_error: false,
        };
    }
    match decimal(rest) {
        Some((v, n, range)) => Strtod {
            value: sign(v),
            used: i + n,
            range_error: range,
        },
        None => none,
    }
}

/// digits [. digits] [e [sign] digits], at least one digit in the mantissa; the exponent
/// counts only when it has a digit. Rounded correctly by Rust's parser.
fn decimal(s: &[u8]) -> Option<(f64, usize, bool)> {
    let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int = digits(0);
    let mut n = int;
    let mut frac = 0;
    if s.get(n) == Some(&b'.') {
        frac = digits(n + 1);
        n += 1 + frac;
    }
    if int + frac == 0 {
        return None;
    }
    if matches!(s.get(n), Some(b'e' | b'E')) {
        let mut e = n + 1;
        if matches!(s.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let d = digits(e);
        if d > 0 {
            n = e + d;
        }
    }
    let text = std::str::from_utf8(&s[..n]).ok()?;
    let v: f64 = text.parse().ok()?;
    // The mantissa's digits (before any exponent): a nonzero one that gave 0 underflowed.
    let mantissa = &s[..int
        + if frac > 0 || s.get(int) == Some(&b'.') {
            1 + frac
        } else {
            0
        }];
    let nonzero = mantissa.iter().any(|c| (b'1'..=b'9').contains(c));
    let range = v.is_infinite() || (v == 0.0 && nonzero);
    Some((v, n, range))
}

/// A hex float body after "0x": hexdigits [. hexdigits] [p [sign] digits], rounded once
/// to nearest-even like glibc. None when there is no hex digit.
fn hex(s: &[u8]) -> Option<(f64, usize, bool)> {
    let hexval = |c: u8| (c as char).to_digit(16);
    let mut mant: u64 = 0;
    let mut sticky = false;
    let mut exp: i64 = 0; // value = (mant + sticky) * 2^exp
    let mut seen = false;
    let mut i = 0;
    let mut push = |d: u32, frac: bool, exp: &mut i64| {
        if mant >> 60 == 0 {
            mant = mant << 4 | u64::from(d);
            if frac {
                *exp -= 4;
            }
        } else {
            // Past 60 bits of precision: the digit only matters as "something below".
            sticky |= d != 0;
            if !frac {
                *exp += 4;
            }
        }
    };
    while let Some(d) = s.get(i).and_then(|&c| hexval(c)) {
        push(d, false, &mut exp);
        seen = true;
        i += 1;
    }
    if s.get(i) == Some(&b'.') {
        let mut j = i + 1;
        let mut any = false;
        while let Some(d) = s.get(j).and_then(|&c| hexval(c)) {
            push(d, true, &mut exp);
            any = true;
            j += 1;
        }
        if seen || any {
            i = j;
            seen = true;
        }
    }
    if !seen {
        return None;
    }
    if matches!(s.get(i), Some(b'p' | b'P')) {
        let mut e = i + 1;
        let eneg = match s.get(e) {
            Some(b'-') => {
                e += 1;
                true
            }
            Some(b'+') => {
                e += 1;
                false
            }
            _ => false,
        };
        let d = s[e..].iter().take_while(|c| c.is_ascii_digit()).count();
        if d > 0 {
            let mut v: i64 = 0;
            for &c in &s[e..e + d] {
                v = (v * 10 + i64::from(c - b'0')).min(1 << 40);
            }
            exp += if eneg { -v } else { v };
            i = e + d;
        }
    }
    if mant == 0 {
        return Some((0.0, i, false));
    }
    let (v, range) = round_binary(mant, sticky, exp);
    Some((v, i, range))
}

/// (mant + a sticky fraction) * 2^exp as the nearest double, ties to even, with ERANGE
/// for overflow and for a nonzero value that rounds to zero.
fn round_binary(mant: u64, sticky: bool, exp: i64) -> (f64, bool) {
    let lz = mant.leading_zeros();
    let m = mant << lz; // top bit set
    let e = exp - i64::from(lz); // value = m * 2^e, m in [2^63, 2^64)
    let top = e + 63; // exponent of the leading bit
    if top > 1023 {
        return (f64::INFINITY, true);
    }
    // Bits of m kept: 53 for normal numbers, fewer below 2^-1022.
    let keep: i64 = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    if keep <= 0 {
        // Below half the smallest subnormal, or exactly half (ties to even: zero).
        let above_half = keep == 0 && (m << 1 != 0 || sticky);
        return if above_half {
            (f64::from_bits(1), false)
        } else {
            (0.0, true)
        };
    }
    let drop = (64 - keep) as u32;
    let mut q = m >> drop;
    let rem = m & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rem > half || (rem == half && (sticky || q & 1 == 1)) {
        q += 1;
    }
    // q * 2^(e + drop); q may have grown to 2^keep.
    let scale = e + i64::from(drop);
    let v = (q as f64) * pow2(scale);
    (v, v.is_infinite())
}

/// 2^n as a double product that stays exact (two steps keep subnormal results exact).
fn pow2(n: i64) -> f64 {
    let step = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    if n >= -1022 {
        step(n.min(1023))
    } else {
        // Split so neither factor is subnormal; the product rounds at most once.
        step(-1022) * step((n + 1022).max(-1022))
    }
}

/// Redis's string2d (ZADD scores, ZINCRBY, WEIGHTS): the whole string is one strtod
/// number, no leading blank, not NaN, and not out of range (overflow to inf, or a nonzero
/// number that underflows to zero). "inf" itself is fine.
pub fn parse_score(s: &[u8]) -> Option<f64> {
    if s.is_empty() || is_space(s[0]) {
        return None;
    }
    let r = strtod(s);
    if r.used != s.len() || r.value.is_nan() {
        return None;
    }
    if r.range_error && (r.value.is_infinite() || r.value == 0.0) {
        return None;
    }
    Some(r.value)
}

/// zslParseRange's strtod on a C string: leading blanks allowed, the rest must be the
/// number (the empty string is 0), NaN refused, overflow gives ±inf.
fn parse_range_number(s: &[u8]) -> Option<f64> {
    let s = c_str(s);
    let r = strtod(s);
    // With nothing read, strtod points back at the start: only "" passes.
    if r.used != s.len() || r.value.is_nan() {
        return None;
    }
    Some(r.value)
}

/// A score as a listpack holds it, which is what ZSCAN of a small sorted set replies:
/// Redis 7.0's zzlInsertAt stores an integral score within ±LLONG_MAX/2 as an integer
/// (double2ll) and anything else as `%.17g` text, so 1e18 scans as "1000000000000000000"
/// where ZRANGE says "1e+18". A -0 score only exists where Redis holds a skiplist (see
/// zset_negzero), so it keeps format_score's "-0".
pub fn format_listpack_score(v: f64) -> Vec<u8> {
    const LIMIT: f64 = (i64::MAX / 2) as f64;
    let whole = v as i64; // saturates; checked below
    if (-LIMIT..=LIMIT).contains(&v) && whole as f64 == v && !(v == 0.0 && v.is_sign_negative()) {
        return whole.to_string().into_bytes();
    }
    format_score(v)
}

/// `%.17g`, as Redis 7.0's addReplyDouble prints a score ("inf", "-inf", integral values
/// without a point, exponents as e+NN).
pub fn format_score(v: f64) -> Vec<u8> {
    if v.is_infinite() {
        return if v > 0.0 {
            b"inf".to_vec()
        } else {
            b"-inf".to_vec()
        };
    }
    if v == 0.0 {
        return if v.is_sign_negative() {
            b"-0".to_vec()
        } else {
            b"0".to_vec()
        };
    }
    let sci = format!("{:.16e}", v); // 17 significant digits, correctly rounded
    let (mant, e) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = e.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    let mut out = Vec::with_capacity(24);
    if neg {
        out.push(b'-');
    }
    if !(-4..17).contains(&exp) {
        out.push(digits[0]);
        let frac = trim_zeros(&digits[1..]);
        if !frac.is_empty() {
            out.push(b'.');
            out.extend_from_slice(frac);
        }
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push(b'0');
        }
        out.extend_from_slice(a.to_string().as_bytes());
    } else if exp >= 0 {
        let point = exp as usize + 1;
        out.extend_from_slice(&digits[..point]);
        let frac = trim_zeros(&digits[point..]);
        if !frac.is_empty() {
            out.push(b'.');
            out.extend_from_slice(frac);
        }
    } else {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-exp - 1) as usize));
        out.extend_from_slice(trim_zeros(&digits));
    }
    out
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().rposition(|&c| c != b'0').map_or(0, |i| i + 1);
    &d[..n]
}

/// A score interval, both ends inclusive (an exclusive end is moved to the next double,
/// which is exact); `empty` when nothing can match.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreRange {
    pub min: f64,
    pub max: f64,
}

impl ScoreRange {
    pub fn is_empty(&self) -> bool {
        self.min > self.max
    }

    /// zslParseRange: `[(]number` twice, or None (`min or max is not a float`).
    pub fn parse(min: &[u8], max: &[u8]) -> Option<ScoreRange> {
        let bound = |arg: &[u8]| -> Option<(f64, bool)> {
            match arg.first() {
                Some(b'(') => Some((parse_range_number(&arg[1..])?, true)),
                _ => Some((parse_range_number(arg)?, false)),
            }
        };
        let (lo, lo_ex) = bound(min)?;
        let (hi, hi_ex) = bound(max)?;
        let empty = ScoreRange { min: 1.0, max: 0.0 };
        let min = if lo_ex {
            if lo == f64::INFINITY {
                return Some(empty);
            }
            lo.next_up()
        } else {
            lo
        };
        let max = if hi_ex {
            if hi == f64::NEG_INFINITY {
                return Some(empty);
            }
            hi.next_down()
        } else {
            hi
        };
        Some(ScoreRange { min, max })
    }
}

/// One end of a lex range.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LexBound {
    /// `-`: below every member.
    Min,
    /// `+`: above every member.
    Max,
    Inclusive(Vec<u8>),
    Exclusive(Vec<u8>),
}

/// zslParseLexRangeItem: `-`, `+` (alone, as C strings), `[member` or `(member`.
fn lex_bound(arg: &[u8]) -> Option<LexBound> {
    match arg.first() {
        Some(b'+') if c_str(arg).len() == 1 => Some(LexBound::Max),
        Some(b'-') if c_str(arg).len() == 1 => Some(LexBound::Min),
        Some(b'[') => Some(LexBound::Inclusive(arg[1..].to_vec())),
        Some(b'(') => Some(LexBound::Exclusive(arg[1..].to_vec())),
        _ => None,
    }
}

/// A lex interval as [lower, upper) in member bytes; `upper` None for "+" (no end).
/// An inclusive end x becomes x || 0x00, the next byte string after x.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexRange {
    pub lower: Vec<u8>,
    pub upper: Option<Vec<u8>>,
    /// Nothing can match ("+" as min, "-" as max).
    pub empty: bool,
}

impl LexRange {
    /// zslParseLexRange, or None (`min or max not valid string range item`).
    pub fn parse(min: &[u8], max: &[u8]) -> Option<LexRange> {
        let (lo, hi) = (lex_bound(min)?, lex_bound(max)?);
        let next = |mut v: Vec<u8>| {
            v.push(0);
            v
        };
        let mut r = LexRange {
            lower: Vec::new(),
            upper: None,
            empty: false,
        };
        match lo {
            LexBound::Min => {}
            LexBound::Max => r.empty = true,
            LexBound::Inclusive(v) => r.lower = v,
            LexBound::Exclusive(v) => r.lower = next(v),
        }
        match hi {
            LexBound::Max => {}
            LexBound::Min => r.empty = true,
            LexBound::Inclusive(v) => r.upper = Some(next(v)),
            LexBound::Exclusive(v) => r.upper = Some(v),
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f64) -> String {
        String::from_utf8(format_score(v)).unwrap()
    }

    #[test]
    // The literals are written as C would print them, more digits than f64 holds.
    #[allow(clippy::excessive_precision)]
    fn formats_like_printf_17g() {
        // Recorded from Redis 7.0.15's ZSCORE.
        for (v, want) in [
            (0.1, "0.10000000000000001"),
            (1e20, "1e+20"),
            (1.5, "1.5"),
            (16.0, "16"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1e-5, "1.0000000000000001e-05"),
            (-0.0005, "-0.00050000000000000001"),
            (1e308, "1e+308"),
            (1e-310, "9.9999999999999694e-311"),
            (4.9406564584124654e-324, "4.9406564584124654e-324"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (-0.0, "-0"),
            (0.0, "0"),
            (100000.0, "100000"),
            (1e16, "10000000000000000"),
            (1e17, "1e+17"),
            (0.0001, "0.0001"),
            (1000000000000000.25, "1000000000000000.2"),
            (0.30000000000000004, "0.30000000000000004"),
        ] {
            assert_eq!(fmt(v), want, "{v:e}");
        }
    }

    #[test]
    fn parses_like_string2d() {
        for (s, want) in [
            ("0x10", 16.0),
            ("0x1p3", 8.0),
            ("0x1.8p1", 3.0),
            ("0X1P-2", 0.25),
            ("0x.8", 0.5),
            ("1e5", 100000.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("+5", 5.0),
            ("-.5e-3", -0.0005),
            ("infinity", f64::INFINITY),
            ("+inf", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("1e-320", 1e-320),
            ("2.5e-324", 5e-324),
            ("0e-999", 0.0),
            ("00012", 12.0),
            ("1.7976931348623157e308", f64::MAX),
            ("0x1p-1074", 5e-324),
            ("0x1.fffffffffffff8p1023", f64::INFINITY),
        ] {
            let got = parse_score(s.as_bytes());
            if want.is_infinite() && s.starts_with("0x") {
                assert_eq!(got, None, "{s}");
            } else {
                assert_eq!(got, Some(want), "{s}");
            }
        }
        for bad in [
            "",
            " 1",
            "1 ",
            "nan",
            "-nan",
            "0x",
            "0xg",
            "1_000",
            "1e-400",
            "0x1p-1080",
            "0x1p1024",
            "1e",
            ".",
            "-",
            "+",
            "0x1p",
            "inf ",
            "infx",
            "1.7976931348623159e308",
            "1\0",
            "nan(1)",
        ] {
            assert_eq!(parse_score(bad.as_bytes()), None, "{bad:?}");
        }
        // Hex rounding: halfway cases go to even, anything past half rounds up.
        assert_eq!(parse_score(b"0x1.00000000000008p0"), Some(1.0));
        assert_eq!(
            parse_score(b"0x1.00000000000018p0"),
            Some(1.0 + 2.0 * f64::EPSILON)
        );
        assert_eq!(
            parse_score(b"0x1.000000000000080000001p0"),
            Some(1.0 + f64::EPSILON)
        );
        assert_eq!(parse_score(b"0x1p-1075"), None);
        assert_eq!(parse_score(b"0x1.0000001p-1075"), Some(5e-324));
    }

    #[test]
    fn score_ranges() {
        let r = |a: &str, b: &str| ScoreRange::parse(a.as_bytes(), b.as_bytes());
        assert_eq!(r("1", "2"), Some(ScoreRange { min: 1.0, max: 2.0 }));
        assert_eq!(r("", " 1"), Some(ScoreRange { min: 0.0, max: 1.0 }));
        assert_eq!(r("(1", "(2").unwrap().min, 1.0f64.next_up());
        assert!(r("(1", "(1").unwrap().is_empty());
        assert!(r("(inf", "inf").unwrap().is_empty());
        assert!(r("-inf", "(-inf").unwrap().is_empty());
        assert_eq!(r("1e400", "-1e400").unwrap().min, f64::INFINITY);
        for (a, b) in [
            ("x", "1"),
            ("1", "nan"),
            ("((1", "2"),
            ("[1", "2"),
            ("1 ", "2"),
            (" ", "1"),
        ] {
            assert_eq!(r(a, b), None, "{a} {b}");
        }
        assert_eq!(r("1\0x", "2"), Some(ScoreRange { min: 1.0, max: 2.0 }));
    }

    #[test]
    fn lex_ranges() {
        let r = |a: &[u8], b: &[u8]| LexRange::parse(a, b);
        assert_eq!(
            r(b"-", b"+"),
            Some(LexRange {
                lower: vec![],
                upper: None,
                empty: false
            })
        );
        assert_eq!(r(b"[a", b"(c").unwrap().upper, Some(b"c".to_vec()));
        assert_eq!(r(b"(a", b"[c").unwrap().lower, b"a\0".to_vec());
        assert_eq!(r(b"(a", b"[c").unwrap().upper, Some(b"c\0".to_vec()));
        assert!(r(b"+", b"+").unwrap().empty);
        assert!(r(b"-", b"-").unwrap().empty);
        assert!(r(b"+\0x", b"[a").unwrap().empty);
        for (a, b) in [
            (&b"a"[..], &b"+"[..]),
            (b"", b"+"),
            (b"-x", b"+"),
            (b"-", b"+x"),
        ] {
            assert_eq!(r(a, b), None);
        }
    }
}
