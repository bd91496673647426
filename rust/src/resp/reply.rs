//! Reply values and their one encoder, RESP2 or RESP3 by the session's protocol
//! version. Handlers build values; only `encode` knows the wire format.

use std::borrow::Cow;

use crate::errors::Error;

/// One reply to one command. The RESP3 shapes (Map, Set, Double, Pairs, Push, Verbatim,
/// Bool) encode in RESP2 exactly as Redis 7.0 sends them to a RESP2 client, so a handler
/// says what its reply is and never asks which protocol the client speaks.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// `+OK`: status text, never user bytes.
    Simple(Cow<'static, str>),
    Error(Error),
    Integer(i64),
    Bulk(Vec<u8>),
    /// A missing string: `$-1` in RESP2, `_` in RESP3.
    Nil,
    Array(Vec<Reply>),
    /// A missing array: `*-1` in RESP2, `_` in RESP3.
    NilArray,
    /// Key, value, key, value...: `%n` in RESP3, a flat array of 2n items in RESP2.
    Map(Vec<Reply>),
    /// `~n` in RESP3, an array in RESP2.
    Set(Vec<Reply>),
    /// `,<%.17g>` in RESP3; in RESP2 the same text as a bulk string (addReplyDouble).
    Double(f64),
    /// Member, score, member, score... (WITHSCORES, WITHVALUES): in RESP3 an array of
    /// [member, score] arrays, in RESP2 the flat array.
    Pairs(Vec<Reply>),
    /// An out-of-band message (pub/sub): `>n` in RESP3, an array in RESP2.
    Push(Vec<Reply>),
    /// Text meant for people (INFO): `=len\r\ntxt:...` in RESP3, a bulk string in RESP2.
    Verbatim(Vec<u8>),
    /// `#t` / `#f` in RESP3, `:1` / `:0` in RESP2 (addReplyBool).
    Bool(bool),
    /// The place of a pub/sub command's reply inside EXEC's array: it encodes to
    /// nothing, and Go writes what the command replies there once it has run it
    /// (`encode_marked` says where; see engine::PubSubCall).
    Deferred,
}

/// The protocol a session speaks (HELLO 2 / HELLO 3).
pub(crate) const RESP2: u8 = 2;
pub(crate) const RESP3: u8 = 3;

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

    /// Writes this reply in RESP2.
    pub fn encode(&self, out: &mut Vec<u8>) {
        self.encode_proto(out, RESP2);
    }

    /// `encode_proto` that also records, in order, the offset in `out` of every
    /// `Deferred` at the top level or in a top-level array (EXEC's reply).
    pub fn encode_marked(&self, out: &mut Vec<u8>, proto: u8, marks: &mut Vec<usize>) {
        match self {
            Reply::Deferred => marks.push(out.len()),
            Reply::Array(items) => {
                push_header(out, b'*', items.len() as i64);
                for item in items {
                    if let Reply::Deferred = item {
                        marks.push(out.len());
                    } else {
                        item.encode_proto(out, proto);
                    }
                }
            }
            _ => self.encode_proto(out, proto),
        }
    }

    /// Writes this reply in protocol `proto` (3 is RESP3, anything else RESP2).
    pub fn encode_proto(&self, out: &mut Vec<u8>, proto: u8) {
        let resp3 = proto == RESP3;
        match self {
            Reply::Deferred => {}
            Reply::Simple(s) => {
                out.push(b'+');
                out.extend_from_slice(s.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            Reply::Error(e) => encode_error(e, out),
            Reply::Integer(n) => push_header(out, b':', *n),
            Reply::Bulk(b) => push_bulk(out, b),
            Reply::Nil if resp3 => out.extend_from_slice(b"_\r\n"),
            Reply::Nil => out.extend_from_slice(b"$-1\r\n"),
            Reply::NilArray if resp3 => out.extend_from_slice(b"_\r\n"),
            Reply::NilArray => out.extend_from_slice(b"*-1\r\n"),
            Reply::Array(items) => push_aggregate(out, b'*', items, proto),
            Reply::Map(kv) if resp3 => {
                push_header(out, b'%', (kv.len() / 2) as i64);
                for item in kv {
                    item.encode_proto(out, proto);
                }
            }
            Reply::Map(kv) => push_aggregate(out, b'*', kv, proto),
            Reply::Set(items) if resp3 => push_aggregate(out, b'~', items, proto),
            Reply::Set(items) => push_aggregate(out, b'*', items, proto),
            Reply::Double(v) => {
                let text = crate::commands::zset::score::format_score(*v);
                if resp3 {
                    out.push(b',');
                    out.extend_from_slice(&text);
                    out.extend_from_slice(b"\r\n");
                } else {
                    push_bulk(out, &text);
                }
            }
            Reply::Pairs(flat) if resp3 => {
                push_header(out, b'*', (flat.len() / 2) as i64);
                for pair in flat.chunks(2) {
                    push_aggregate(out, b'*', pair, proto);
                }
            }
            Reply::Pairs(flat) => push_aggregate(out, b'*', flat, proto),
            Reply::Push(items) if resp3 => push_aggregate(out, b'>', items, proto),
            Reply::Push(items) => push_aggregate(out, b'*', items, proto),
            Reply::Verbatim(text) if resp3 => {
                push_header(out, b'=', text.len() as i64 + 4);
                out.extend_from_slice(b"txt:");
                out.extend_from_slice(text);
                out.extend_from_slice(b"\r\n");
            }
            Reply::Verbatim(text) => push_bulk(out, text),
            Reply::Bool(b) if resp3 => {
                out.extend_from_slice(if *b { b"#t\r\n" } else { b"#f\r\n" })
            }
            Reply::Bool(b) => push_header(out, b':', i64::from(*b)),
        }
    }
}

fn push_header(out: &mut Vec<u8>, kind: u8, n: i64) {
    out.push(kind);
    push_int(out, n);
    out.extend_from_slice(b"\r\n");
}

fn push_bulk(out: &mut Vec<u8>, b: &[u8]) {
    push_header(out, b'$', b.len() as i64);
    out.extend_from_slice(b);
    out.extend_from_slice(b"\r\n");
}

fn push_aggregate(out: &mut Vec<u8>, kind: u8, items: &[Reply], proto: u8) {
    push_header(out, kind, items.len() as i64);
    for item in items {
        item.encode_proto(out, proto);
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

    fn enc3(r: Reply) -> Vec<u8> {
        let mut v = Vec::new();
        r.encode_proto(&mut v, RESP3);
        v
    }

    fn pairs() -> Reply {
        Reply::Pairs(vec![
            Reply::bulk("a"),
            Reply::Double(1.5),
            Reply::bulk("b"),
            Reply::Double(2.0),
        ])
    }

    #[test]
    fn resp3_types_encode_in_resp2_as_redis_sends_them() {
        let map = Reply::Map(vec![Reply::bulk("k"), Reply::Integer(1)]);
        assert_eq!(enc(map), b"*2\r\n$1\r\nk\r\n:1\r\n");
        assert_eq!(
            enc(Reply::Set(vec![Reply::bulk("m")])),
            b"*1\r\n$1\r\nm\r\n"
        );
        assert_eq!(enc(Reply::Double(0.1)), b"$19\r\n0.10000000000000001\r\n");
        assert_eq!(enc(Reply::Double(f64::NEG_INFINITY)), b"$4\r\n-inf\r\n");
        assert_eq!(
            enc(pairs()),
            b"*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n"
        );
        assert_eq!(
            enc(Reply::Push(vec![Reply::bulk("message")])),
            b"*1\r\n$7\r\nmessage\r\n"
        );
        assert_eq!(
            enc(Reply::Verbatim(b"a:1\r\n".to_vec())),
            b"$5\r\na:1\r\n\r\n"
        );
        assert_eq!(enc(Reply::Bool(true)), b":1\r\n");
        assert_eq!(enc(Reply::Bool(false)), b":0\r\n");
    }

    #[test]
    fn encodes_resp3() {
        assert_eq!(enc3(Reply::Nil), b"_\r\n");
        assert_eq!(enc3(Reply::NilArray), b"_\r\n");
        assert_eq!(enc3(Reply::OK), b"+OK\r\n");
        assert_eq!(enc3(Reply::Integer(7)), b":7\r\n");
        assert_eq!(enc3(Reply::bulk("x")), b"$1\r\nx\r\n");
        let map = Reply::Map(vec![
            Reply::bulk("k"),
            Reply::Nil,
            Reply::bulk("j"),
            Reply::Array(vec![]),
        ]);
        assert_eq!(enc3(map), b"%2\r\n$1\r\nk\r\n_\r\n$1\r\nj\r\n*0\r\n");
        assert_eq!(
            enc3(Reply::Set(vec![Reply::bulk("m")])),
            b"~1\r\n$1\r\nm\r\n"
        );
        assert_eq!(enc3(Reply::Set(vec![])), b"~0\r\n");
        assert_eq!(enc3(Reply::Double(3.0)), b",3\r\n");
        assert_eq!(enc3(Reply::Double(0.1)), b",0.10000000000000001\r\n");
        assert_eq!(enc3(Reply::Double(f64::INFINITY)), b",inf\r\n");
        assert_eq!(enc3(Reply::Double(-0.0)), b",-0\r\n");
        assert_eq!(
            enc3(pairs()),
            b"*2\r\n*2\r\n$1\r\na\r\n,1.5\r\n*2\r\n$1\r\nb\r\n,2\r\n"
        );
        assert_eq!(enc3(Reply::Pairs(vec![])), b"*0\r\n");
        assert_eq!(
            enc3(Reply::Push(vec![Reply::bulk("message"), Reply::bulk("c")])),
            b">2\r\n$7\r\nmessage\r\n$1\r\nc\r\n"
        );
        assert_eq!(
            enc3(Reply::Verbatim(b"# Keyspace\r\n".to_vec())),
            b"=16\r\ntxt:# Keyspace\r\n\r\n"
        );
        assert_eq!(enc3(Reply::Bool(true)), b"#t\r\n");
        assert_eq!(enc3(Reply::Bool(false)), b"#f\r\n");
        assert_eq!(enc3(Reply::Error(Error::Syntax)), b"-ERR syntax error\r\n");
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
