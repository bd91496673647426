//! Reply values and the RESP2 encoder. Handlers build values; only `encode` knows the
//! wire format, so RESP3 can be added here once.

use std::borrow::Cow;

use crate::errors::Error;

/// One reply to one command.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// `+OK`: status text, never user bytes.
    Simple(Cow<'static, str>),
    Error(Error),
    Integer(i64),
    Bulk(Vec<u8>),
    /// `$-1`: a missing string.
    Nil,
    Array(Vec<Reply>),
    /// `*-1`: a missing array (COMMAND INFO of an unknown name).
    NilArray,
}

impl Reply {
    pub const OK: Reply = Reply::Simple(Cow::Borrowed("OK"));

    pub fn simple(s: &'static str) -> Reply {
        Reply::Simple(Cow::Borrowed(s))
    }

    pub fn bulk(b: impl Into<Vec<u8>>) -> Reply {
        Reply::Bulk(b.into())
    }

    pub fn bulk_str(s: &str) -> Reply {
        Reply::Bulk(s.as_bytes().to_vec())
    }

    /// A missing value is Nil, a present one a bulk string.
    pub fn opt_bulk(b: Option<Vec<u8>>) -> Reply {
        b.map_or(Reply::Nil, Reply::Bulk)
    }

    /// Writes the RESP2 encoding of this reply.
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Reply::Simple(s) => {
                out.push(b'+');
                out.extend_from_slice(s.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            Reply::Error(e) => encode_error(e, out),
            Reply::Integer(n) => {
                out.push(b':');
                push_int(out, *n);
                out.extend_from_slice(b"\r\n");
            }
            Reply::Bulk(b) => {
                out.push(b'$');
                push_int(out, b.len() as i64);
                out.extend_from_slice(b"\r\n");
                out.extend_from_slice(b);
                out.extend_from_slice(b"\r\n");
            }
            Reply::Nil => out.extend_from_slice(b"$-1\r\n"),
            Reply::Array(items) => {
                out.push(b'*');
                push_int(out, items.len() as i64);
                out.extend_from_slice(b"\r\n");
                for item in items {
                    item.encode(out);
                }
            }
            Reply::NilArray => out.extend_from_slice(b"*-1\r\n"),
        }
    }
}

/// `-<text>\r\n`. Like addReplyErrorLength, CR and LF inside the text become spaces so a
/// user's bytes echoed in an error cannot break the framing.
pub fn encode_error(e: &Error, out: &mut Vec<u8>) {
    out.push(b'-');
    for &c in e.text().iter() {
        out.push(if c == b'\r' || c == b'\n' { b' ' } else { c });
    }
    out.extend_from_slice(b"\r\n");
}

fn push_int(out: &mut Vec<u8>, n: i64) {
    let mut buf = [0u8; 20];
    out.extend_from_slice(crate::numbers::format_i64(n, &mut buf));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(r: Reply) -> Vec<u8> {
        let mut v = Vec::new();
        r.encode(&mut v);
        v
    }

    #[test]
    fn encodes_resp2() {
        assert_eq!(enc(Reply::OK), b"+OK\r\n");
        assert_eq!(enc(Reply::Integer(-12)), b":-12\r\n");
        assert_eq!(enc(Reply::bulk("")), b"$0\r\n\r\n");
        assert_eq!(enc(Reply::Nil), b"$-1\r\n");
        assert_eq!(enc(Reply::NilArray), b"*-1\r\n");
        assert_eq!(
            enc(Reply::Array(vec![Reply::bulk("a"), Reply::Integer(1)])),
            b"*2\r\n$1\r\na\r\n:1\r\n"
        );
        assert_eq!(
            enc(Reply::Error(Error::UnsupportedOption(b"a\r\nb".to_vec()))),
            b"-ERR Unsupported option a  b\r\n"
        );
    }
}
