//! The request parser: multibulk (`*N\r\n$len\r\n...`) and inline (telnet-style) commands,
//! following Redis 7's networking.c (processMultibulkBuffer, processInlineBuffer) and
//! sds.c (sdssplitargs) closely enough that every error, and every input Redis waits on,
//! is the same. It is stateless: Go keeps an incomplete command and calls again with more
//! bytes appended, so parsing restarts at the command's first byte.

use crate::errors::ProtocolError;
use crate::numbers::parse_i64;

/// Longest inline line, or count/length header, Redis waits for (PROTO_INLINE_MAX_SIZE).
pub(crate) const INLINE_MAX: usize = 64 * 1024;
/// Largest multibulk count accepted: Redis 7.0 checks `ll > INT_MAX` (6.x had 1024*1024).
/// Nothing is allocated for it: arguments are stored only as they arrive.
pub(crate) const MULTIBULK_MAX: i64 = i32::MAX as i64;

/// The outcome of parsing the start of a buffer.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A complete command and the bytes it used. An empty argv (`*0`, `*-1`, a blank
    /// inline line) is skipped by the caller without a reply, like Redis.
    Command(Vec<Vec<u8>>, usize),
    /// The buffer ends inside a command: nothing is consumed.
    Incomplete,
    /// A framing error: Redis replies it and closes the connection.
    Error(ProtocolError),
}

/// Parses one command at the start of `buf`. A bulk argument may be at most
/// `max_bulk_len` bytes (proto-max-bulk-len, from the engine's CONFIG).
pub fn parse_command(buf: &[u8], max_bulk_len: i64) -> Parsed {
    match buf.first() {
        None => Parsed::Incomplete,
        Some(b'*') => parse_multibulk(buf, max_bulk_len),
        Some(_) => parse_inline(buf),
    }
}

/// Redis finds header ends with strchr(querybuf, '\r'): a C string search that also stops
/// at a NUL byte, which then reads as "no CR yet".
fn find_cr(buf: &[u8], from: usize) -> Option<usize> {
    let i = from + buf[from..].iter().position(|&c| c == b'\r' || c == 0)?;
    (buf[i] == b'\r').then_some(i)
}

fn parse_multibulk(buf: &[u8], max_bulk_len: i64) -> Parsed {
    let Some(cr) = find_cr(buf, 0) else {
        return if buf.len() > INLINE_MAX {
            Parsed::Error(ProtocolError::TooBigMbulkCount)
        } else {
            Parsed::Incomplete
        };
    };
    // The CR must be followed by one more byte (Redis never checks that it is LF).
    if cr + 2 > buf.len() {
        return Parsed::Incomplete;
    }
    let count = match parse_i64(&buf[1..cr]) {
        Some(n) if n <= MULTIBULK_MAX => n,
        _ => return Parsed::Error(ProtocolError::InvalidMultibulkLength),
    };
    let mut pos = cr + 2;
    if count <= 0 {
        return Parsed::Command(Vec::new(), pos);
    }
    // Never trust a declared size for allocation: grow as arguments really arrive.
    let mut argv = Vec::with_capacity((count as usize).min(16));
    for _ in 0..count {
        if pos >= buf.len() {
            return Parsed::Incomplete;
        }
        let Some(cr) = find_cr(buf, pos) else {
            return if buf.len() - pos > INLINE_MAX {
                Parsed::Error(ProtocolError::TooBigBulkCount)
            } else {
                Parsed::Incomplete
            };
        };
        if cr + 2 > buf.len() {
            return Parsed::Incomplete;
        }
        if buf[pos] != b'$' {
            return Parsed::Error(ProtocolError::ExpectedDollar(buf[pos]));
        }
        let len = match parse_i64(&buf[pos + 1..cr]) {
            Some(n) if (0..=max_bulk_len).contains(&n) => n as usize,
            _ => return Parsed::Error(ProtocolError::InvalidBulkLength),
        };
        pos = cr + 2;
        // The argument plus two trailing bytes, which Redis skips without checking.
        if buf.len() - pos < len + 2 {
            return Parsed::Incomplete;
        }
        argv.push(buf[pos..pos + len].to_vec());
        pos += len + 2;
    }
    Parsed::Command(argv, pos)
}

fn parse_inline(buf: &[u8]) -> Parsed {
    // Redis finds the line end with strchr, which stops at a NUL byte: a NUL before the
    // first LF means "no line yet" until the buffer passes the inline limit.
    let Some(lf) = buf
        .iter()
        .position(|&c| c == b'\n' || c == 0)
        .filter(|&i| buf[i] == b'\n')
    else {
        return if buf.len() > INLINE_MAX {
            Parsed::Error(ProtocolError::TooBigInline)
        } else {
            Parsed::Incomplete
        };
    };
    let end = if lf > 0 && buf[lf - 1] == b'\r' {
        lf - 1
    } else {
        lf
    };
    match split_args(&buf[..end]) {
        Some(argv) => Parsed::Command(argv, lf + 1),
        None => Parsed::Error(ProtocolError::UnbalancedQuotes),
    }
}

/// C's isspace in the "C" locale.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

/// sdssplitargs: words separated by spaces; "double quotes" with \xHH, \n, \r, \t, \b,
/// \a and \<any> escapes; 'single quotes' with only \' ; a closing quote must be followed
/// by a space or the end. None means unbalanced quotes. The line is a C string there, so
/// a NUL byte ends it.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let line = match line.iter().position(|&c| c == 0) {
        Some(i) => &line[..i],
        None => line,
    };
    // at(i) reads like C's p[i]: the terminating NUL past the end.
    let at = |i: usize| line.get(i).copied().unwrap_or(0);
    let mut argv = Vec::new();
    let mut p = 0;
    loop {
        while p < line.len() && is_space(line[p]) {
            p += 1;
        }
        if p >= line.len() {
            return Some(argv);
        }
        let (mut inq, mut insq) = (false, false);
        let mut current = Vec::new();
        loop {
            let c = at(p);
            if inq {
                if c == b'\\'
                    && at(p + 1) == b'x'
                    && hex_val(at(p + 2)).is_some()
                    && hex_val(at(p + 3)).is_some()
                {
                    current.push(hex_val(at(p + 2))? * 16 + hex_val(at(p + 3))?);
                    p += 3;
                } else if c == b'\\' && at(p + 1) != 0 {
                    p += 1;
                    current.push(match at(p) {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 0x08,
                        b'a' => 0x07,
                        other => other,
                    });
                } else if c == b'"' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return None;
                } else {
                    current.push(c);
                }
            } else if insq {
                if c == b'\\' && at(p + 1) == b'\'' {
                    p += 1;
                    current.push(b'\'');
                } else if c == b'\'' {
                    if at(p + 1) != 0 && !is_space(at(p + 1)) {
                        return None;
                    }
                    p += 1;
                    break;
                } else if c == 0 {
                    return None;
                } else {
                    current.push(c);
                }
            } else {
                match c {
                    b' ' | b'\n' | b'\r' | b'\t' | 0 => {
                        if c != 0 {
                            p += 1;
                        }
                        break;
                    }
                    b'"' => inq = true,
                    b'\'' => insq = true,
                    _ => current.push(c),
                }
            }
            p += 1;
        }
        argv.push(current);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DEFAULT_PROTO_MAX_BULK_LEN;

    fn parse_default(buf: &[u8]) -> Parsed {
        parse_command(buf, DEFAULT_PROTO_MAX_BULK_LEN)
    }

    #[test]
    fn bulk_limit_follows_proto_max_bulk_len() {
        let limit = 1 << 20;
        assert_eq!(
            parse_command(b"*1\r\n$1048577\r\n", limit),
            Parsed::Error(ProtocolError::InvalidBulkLength)
        );
        assert_eq!(
            parse_command(b"*1\r\n$1048576\r\n", limit),
            Parsed::Incomplete
        );
    }

    fn cmd(buf: &[u8]) -> (Vec<String>, usize) {
        match parse_default(buf) {
            Parsed::Command(a, n) => (
                a.into_iter()
                    .map(|x| String::from_utf8(x).unwrap())
                    .collect(),
                n,
            ),
            other => panic!("{other:?}"),
        }
    }

    fn err(buf: &[u8]) -> ProtocolError {
        match parse_default(buf) {
            Parsed::Error(e) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn multibulk() {
        assert_eq!(
            cmd(b"*2\r\n$3\r\nGET\r\n$1\r\nk\r\nrest"),
            (vec!["GET".into(), "k".into()], 20)
        );
        assert_eq!(cmd(b"*0\r\n"), (vec![], 4));
        assert_eq!(cmd(b"*-1\r\n"), (vec![], 5));
        assert_eq!(cmd(b"*-5\r\n"), (vec![], 5));
        // Redis skips the two bytes after a bulk without looking at them.
        assert_eq!(cmd(b"*1\r\n$3\r\nPINGXY"), (vec!["PIN".into()], 13));
        assert_eq!(cmd(b"*1\r\n$0\r\n\r\n"), (vec!["".into()], 10));
        let bin = b"*1\r\n$4\r\na\r\0b\r\n";
        match parse_default(bin) {
            Parsed::Command(a, n) => {
                assert_eq!(a, vec![b"a\r\0b".to_vec()]);
                assert_eq!(n, bin.len());
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn multibulk_partial() {
        let full = b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";
        for i in 0..full.len() {
            assert_eq!(parse_default(&full[..i]), Parsed::Incomplete, "prefix {i}");
        }
        assert!(matches!(parse_default(full), Parsed::Command(_, n) if n == full.len()));
        // A declared 512 MB argument waits without allocating it.
        assert_eq!(parse_default(b"*1\r\n$536870912\r\n"), Parsed::Incomplete);
        assert_eq!(parse_default(b"*1048576\r\n"), Parsed::Incomplete);
    }

    #[test]
    fn multibulk_errors() {
        use ProtocolError::*;
        assert_eq!(err(b"*abc\r\n"), InvalidMultibulkLength);
        assert_eq!(err(b"*\r\n"), InvalidMultibulkLength);
        assert_eq!(err(b"*+1\r\n"), InvalidMultibulkLength);
        assert_eq!(parse_default(b"*1048577\r\n"), Parsed::Incomplete);
        assert_eq!(parse_default(b"*2147483647\r\n"), Parsed::Incomplete);
        assert_eq!(err(b"*2147483648\r\n"), InvalidMultibulkLength);
        assert_eq!(err(b"*1\r\nx\r\n"), ExpectedDollar(b'x'));
        assert_eq!(err(b"*1\r\n$-1\r\n"), InvalidBulkLength);
        assert_eq!(err(b"*1\r\n$+4\r\nPING\r\n"), InvalidBulkLength);
        assert_eq!(err(b"*1\r\n$04\r\nPING\r\n"), InvalidBulkLength);
        assert_eq!(err(b"*1\r\n$536870913\r\n"), InvalidBulkLength);
        assert_eq!(err(b"*1\r\n$\r\n"), InvalidBulkLength);
        let mut big = b"*".to_vec();
        big.extend(std::iter::repeat_n(b'1', INLINE_MAX + 1));
        assert_eq!(err(&big), TooBigMbulkCount);
        let mut big = b"*1\r\n$".to_vec();
        big.extend(std::iter::repeat_n(b'1', INLINE_MAX + 1));
        assert_eq!(err(&big), TooBigBulkCount);
        assert_eq!(
            ProtocolError::ExpectedDollar(b'x').text(),
            "ERR Protocol error: expected '$', got 'x'"
        );
    }

    #[test]
    fn inline() {
        assert_eq!(cmd(b"PING\r\n"), (vec!["PING".into()], 6));
        assert_eq!(cmd(b"PING\n"), (vec!["PING".into()], 5));
        assert_eq!(cmd(b"\r\nPING\r\n"), (vec![], 2));
        assert_eq!(
            cmd(b"  ECHO   a   \r\n"),
            (vec!["ECHO".into(), "a".into()], 15)
        );
        assert_eq!(
            cmd(b"SET k \"hello world\"\r\n").0,
            vec!["SET", "k", "hello world"]
        );
        assert_eq!(
            cmd(b"SET k2 'single quoted'\r\n").0,
            vec!["SET", "k2", "single quoted"]
        );
        assert_eq!(
            cmd(b"SET k3 \"a\\x41\\n\\t\\\"q\\\"\"\r\n").0,
            vec!["SET", "k3", "aA\n\t\"q\""]
        );
        assert_eq!(cmd(b"SET k4 'it\\'s'\r\n").0, vec!["SET", "k4", "it's"]);
        assert_eq!(cmd(b"ECHO \"\"\r\n").0, vec!["ECHO", ""]);
        assert_eq!(cmd(b"a\"b c\"\r\n").0, vec!["ab c"]);
        assert_eq!(cmd(b"\"\\b\\a\\z\\xZZ\"\n").0, vec!["\x08\x07zxZZ"]);
        assert_eq!(cmd(b"x\ry\r\n").0, vec!["x", "y"]);
        assert_eq!(parse_default(b"PING"), Parsed::Incomplete);
        assert_eq!(parse_default(b"PING\r"), Parsed::Incomplete);
    }

    #[test]
    fn inline_nul_hides_the_line_end() {
        // Redis's strchr stops at the NUL: no reply, wait, and past the inline limit an error.
        assert_eq!(parse_default(b"ECHO a\0b\r\n"), Parsed::Incomplete);
        assert_eq!(parse_default(b"P\0NG\r\nPING\r\n"), Parsed::Incomplete);
        let mut long = b"P\0".to_vec();
        long.resize(INLINE_MAX + 10, b'x');
        assert_eq!(err(&long), ProtocolError::TooBigInline);
    }

    #[test]
    fn inline_errors() {
        assert_eq!(err(b"SET \"he\"llo x\r\n"), ProtocolError::UnbalancedQuotes);
        assert_eq!(
            err(b"SET k5 \"unterminated\r\n"),
            ProtocolError::UnbalancedQuotes
        );
        assert_eq!(err(b"SET 'a'b\r\n"), ProtocolError::UnbalancedQuotes);
        assert_eq!(err(b"SET 'ab\r\n"), ProtocolError::UnbalancedQuotes);
        assert_eq!(
            err(&vec![b'a'; INLINE_MAX + 1]),
            ProtocolError::TooBigInline
        );
        assert_eq!(parse_default(&vec![b'a'; INLINE_MAX]), Parsed::Incomplete);
    }

    #[test]
    fn pipeline() {
        let buf = b"PING\r\nECHO x\r\n*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nEC";
        let mut pos = 0;
        let mut seen = Vec::new();
        while let Parsed::Command(a, n) = parse_default(&buf[pos..]) {
            seen.push(a);
            pos += n;
        }
        assert_eq!(seen.len(), 3);
        assert_eq!(&buf[pos..], b"*2\r\n$4\r\nEC");
    }
}
