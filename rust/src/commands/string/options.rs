//! The option grammar SET and GETEX share (Redis's parseExtendedStringArgumentsOrReply),
//! written as data: each token, the flag it sets, the flags it cannot follow or precede,
//! and whether it takes a value. Anything else is `ERR syntax error`.

use crate::commands::{int_arg, is};
use crate::errors::{Error, Result};

pub(crate) const NX: u32 = 1 << 0;
pub(crate) const XX: u32 = 1 << 1;
pub(crate) const GET: u32 = 1 << 2;
pub(crate) const KEEPTTL: u32 = 1 << 3;
pub(crate) const PERSIST: u32 = 1 << 4;
pub(crate) const EX: u32 = 1 << 5;
pub(crate) const PX: u32 = 1 << 6;
pub(crate) const EXAT: u32 = 1 << 7;
pub(crate) const PXAT: u32 = 1 << 8;
const EXPIRY: u32 = EX | PX | EXAT | PXAT;

/// One option: `token` sets `flag` unless a flag in `conflicts` is already set.
pub struct Opt {
    pub token: &'static str,
    pub flag: u32,
    pub conflicts: u32,
    /// Takes the next argument as its value (and needs one).
    pub takes_value: bool,
}

const fn opt(token: &'static str, flag: u32, conflicts: u32, takes_value: bool) -> Opt {
    Opt {
        token,
        flag,
        conflicts,
        takes_value,
    }
}

/// SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds |
/// PXAT unix-time-milliseconds | KEEPTTL]
pub const SET: &[Opt] = &[
    opt("NX", NX, XX, false),
    opt("XX", XX, NX, false),
    opt("GET", GET, 0, false),
    opt("KEEPTTL", KEEPTTL, PERSIST | EXPIRY, false),
    opt("EX", EX, KEEPTTL | PERSIST | (EXPIRY & !EX), true),
    opt("PX", PX, KEEPTTL | PERSIST | (EXPIRY & !PX), true),
    opt("EXAT", EXAT, KEEPTTL | PERSIST | (EXPIRY & !EXAT), true),
    opt("PXAT", PXAT, KEEPTTL | PERSIST | (EXPIRY & !PXAT), true),
];

/// GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
/// PXAT unix-time-milliseconds | PERSIST]
pub const GETEX: &[Opt] = &[
    opt("PERSIST", PERSIST, KEEPTTL | EXPIRY, false),
    opt("EX", EX, KEEPTTL | PERSIST | (EXPIRY & !EX), true),
    opt("PX", PX, KEEPTTL | PERSIST | (EXPIRY & !PX), true),
    opt("EXAT", EXAT, KEEPTTL | PERSIST | (EXPIRY & !EXAT), true),
    opt("PXAT", PXAT, KEEPTTL | PERSIST | (EXPIRY & !PXAT), true),
];

/// The options found: flags, and the raw expiry argument of the last EX/PX/EXAT/PXAT.
#[derive(Debug, Default)]
pub struct Options<'a> {
    pub flags: u32,
    pub expire: Option<&'a [u8]>,
}

impl Options<'_> {
    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
}

/// Parses `args` (the arguments after the fixed ones) against `grammar`.
pub fn parse<'a>(grammar: &[Opt], args: &'a [Vec<u8>]) -> Result<Options<'a>> {
    let mut o = Options::default();
    let mut i = 0;
    while i < args.len() {
        let next = args.get(i + 1);
        let found = grammar.iter().find(|g| {
            is(&args[i], g.token)
                && o.flags & g.conflicts == 0
                && (!g.takes_value || next.is_some())
        });
        let Some(g) = found else {
            return Err(Error::Syntax);
        };
        o.flags |= g.flag;
        if g.takes_value {
            o.expire = next.map(Vec::as_slice);
            i += 1;
        }
        i += 1;
    }
    Ok(o)
}

/// getExpireMillisecondsOrReply: the absolute unix-ms expiry of an EX/PX/EXAT/PXAT value.
/// Non-positive values, and anything that overflows, are `invalid expire time in '<cmd>'`.
pub fn expire_at(flags: u32, value: &[u8], now: i64, cmd: &'static str) -> Result<i64> {
    let mut ms = int_arg(value)?;
    let seconds = flags & (EX | EXAT) != 0;
    if ms <= 0 || (seconds && ms > i64::MAX / 1000) {
        return Err(Error::InvalidExpire(cmd));
    }
    if seconds {
        ms *= 1000;
    }
    if flags & (EX | PX) != 0 {
        // Redis adds in C and checks for the wrap-around afterwards.
        ms = ms.wrapping_add(now);
    }
    if ms <= 0 {
        return Err(Error::InvalidExpire(cmd));
    }
    Ok(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(grammar: &[Opt], a: &[&str]) -> Result<u32> {
        let v: Vec<Vec<u8>> = a.iter().map(|s| s.as_bytes().to_vec()).collect();
        parse(grammar, &v).map(|o| o.flags)
    }

    #[test]
    fn set_grammar() {
        assert_eq!(p(SET, &["nx", "get"]), Ok(NX | GET));
        assert_eq!(p(SET, &["NX", "NX"]), Ok(NX));
        assert_eq!(p(SET, &["NX", "XX"]), Err(Error::Syntax));
        assert_eq!(p(SET, &["EX", "10", "KEEPTTL"]), Err(Error::Syntax));
        assert_eq!(p(SET, &["KEEPTTL", "PX", "10"]), Err(Error::Syntax));
        assert_eq!(p(SET, &["EX", "10", "PX", "10"]), Err(Error::Syntax));
        assert_eq!(p(SET, &["EX", "10", "EX", "20"]), Ok(EX));
        assert_eq!(p(SET, &["EX"]), Err(Error::Syntax));
        assert_eq!(p(SET, &["PERSIST"]), Err(Error::Syntax));
        assert_eq!(p(GETEX, &["PERSIST", "PERSIST"]), Ok(PERSIST));
        assert_eq!(p(GETEX, &["PERSIST", "EX", "1"]), Err(Error::Syntax));
        assert_eq!(p(GETEX, &["GET"]), Err(Error::Syntax));
    }

    #[test]
    fn expiry_values() {
        assert_eq!(expire_at(EX, b"10", 1000, "set"), Ok(11_000));
        assert_eq!(expire_at(PXAT, b"5", 1000, "set"), Ok(5));
        assert_eq!(
            expire_at(EX, b"0", 1000, "set"),
            Err(Error::InvalidExpire("set"))
        );
        assert_eq!(
            expire_at(EX, b"9223372036854775", 1_700_000_000_000, "set"),
            Err(Error::InvalidExpire("set"))
        );
        assert_eq!(
            expire_at(EXAT, b"9223372036854775", 1, "set"),
            Ok(9_223_372_036_854_775_000)
        );
        assert_eq!(expire_at(EX, b"1.5", 1, "set"), Err(Error::NotInteger));
    }
}
