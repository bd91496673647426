//! A randomized fuzzer for the parser and every command, on stable Rust (no cargo-fuzz:
//! that needs a nightly toolchain CI does not have). Each round builds a pipelined batch
//! of commands from the command table with arguments drawn from a pool of edge cases
//! (negative and huge numbers, `inf`, `nan`, `(1`, `[a`, `-`, `+`, empty, binary), and
//! sometimes mangles its bytes (cut, flipped, CR/LF or digits inserted), then runs it
//! through a Session on an in-memory engine. Every round must:
//!
//! - not panic (the FFI guard would turn a panic into a closed connection; here it fails);
//! - reply well-formed RESP, one reply per command run, nothing trailing;
//! - never leak a SQLite failure or an internal error as a reply (`ERR storage error`,
//!   `ERR internal error`): bad input gets a Redis error, not a database one;
//! - leave every key's element count exact (keys.elements, zset_buckets).
//!
//! `SQLETTUCE_FUZZ_SECONDS` (default 3: CI) bounds the run; `just fuzz` runs it longer.
//! `SQLETTUCE_FUZZ_SEED` replays the seed a failure printed.

use crate::commands::testing::{miscounted_keys, multibulk};
use crate::engine::tests::memory_engine;
use crate::engine::{Action, Session};
use std::time::{Duration, Instant};

/// xorshift64*: small, seedable, good enough to pick cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Arguments that have broken Redis-compatible servers before.
const ARGS: &[&[u8]] = &[
    b"k",
    b"k2",
    b"h",
    b"l",
    b"s",
    b"z",
    b"",
    b"0",
    b"1",
    b"-1",
    b"2",
    b"3",
    b"10",
    b"-10",
    b"100",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"9223372036854775808",
    b"18446744073709551616",
    b"1.5",
    b"-0",
    b"0x10",
    b" 1",
    b"1 ",
    b"1e3",
    b"1e400",
    b"inf",
    b"-inf",
    b"+inf",
    b"nan",
    b"NaN",
    b"(1",
    b"(inf",
    b"[a",
    b"(a",
    b"-",
    b"+",
    b"[",
    b"(",
    b"*",
    b"?",
    b"[a-z]*",
    b"\\",
    b"\x00",
    b"\xff\xfe",
    b"\r\n",
    b"a b",
    b"NX",
    b"XX",
    b"GT",
    b"LT",
    b"CH",
    b"INCR",
    b"EX",
    b"PX",
    b"EXAT",
    b"PXAT",
    b"KEEPTTL",
    b"GET",
    b"WITHSCORES",
    b"WITHVALUES",
    b"LIMIT",
    b"BYSCORE",
    b"BYLEX",
    b"REV",
    b"COUNT",
    b"MATCH",
    b"TYPE",
    b"RANK",
    b"MAXLEN",
    b"LEFT",
    b"RIGHT",
    b"BEFORE",
    b"AFTER",
    b"MIN",
    b"MAX",
    b"WEIGHTS",
    b"AGGREGATE",
    b"SUM",
    b"REPLACE",
    // Bitmaps: units, operations, BITFIELD's grammar and types, #N offsets (none big
    // enough to make a long string: the pool stays cheap).
    b"BIT",
    b"BYTE",
    b"AND",
    b"XOR",
    b"NOT",
    b"OVERFLOW",
    b"WRAP",
    b"SAT",
    b"FAIL",
    b"INCRBY",
    b"SET",
    b"i8",
    b"u8",
    b"i64",
    b"u63",
    b"u64",
    b"i1",
    b"#1",
    b"#-1",
    b"65535",
    b"DB",
    b"hash",
    b"list",
    b"set",
    b"zset",
    b"string",
    b"f",
    b"v",
    b"m",
];

/// One batch: the bytes to send.
fn random_batch(rng: &mut Rng, names: &[Vec<Vec<u8>>]) -> Vec<u8> {
    let mut input = Vec::new();
    for _ in 0..1 + rng.below(8) {
        let mut argv: Vec<Vec<u8>> = rng.pick(names).clone();
        if rng.below(20) == 0 {
            argv = vec![b"NOSUCHCMD".to_vec()];
        }
        for _ in 0..rng.below(7) {
            let mut a = rng.pick(ARGS).to_vec();
            if rng.below(10) == 0 {
                a = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
            }
            argv.push(a);
        }
        if rng.below(15) == 0 {
            // An inline command, as telnet sends it.
            let line: Vec<u8> = argv.join(&b' ');
            input.extend_from_slice(&line);
            input.extend_from_slice(b"\r\n");
        } else {
            input.extend_from_slice(&multibulk(&argv));
        }
    }
    if rng.below(6) == 0 {
        mangle(rng, &mut input);
    }
    input
}

/// Damages a batch the ways broken clients and networks do.
fn mangle(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(3) {
        if input.is_empty() {
            return;
        }
        let at = rng.below(input.len());
        match rng.below(5) {
            0 => input.truncate(at),
            1 => input[at] ^= 1 << rng.below(8),
            2 => input.insert(at, *rng.pick(b"\r\n*$-:0123456789")),
            3 => {
                input.remove(at);
            }
            _ => {
                const JUNK: &[&[u8]] =
                    &[b"*-1\r\n", b"$-1\r\n", b"*99999999\r\n", b"$2147483648\r\n"];
                let junk = rng.pick(JUNK);
                input.splice(at..at, junk.iter().copied());
            }
        }
    }
}

/// Reads one RESP2/RESP3 reply; Err with the reason when it is malformed or cut.
fn reply_len(b: &[u8]) -> Result<usize, String> {
    let line_end = b
        .windows(2)
        .position(|w| w == b"\r\n")
        .ok_or("a reply line without CRLF")?;
    let head = &b[1..line_end];
    let after = line_end + 2;
    let number = || -> Result<i64, String> {
        std::str::from_utf8(head)
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad length {:?}", String::from_utf8_lossy(head)))
    };
    match b.first() {
        Some(b'+' | b'-' | b':' | b'_' | b',' | b'#' | b'(') => Ok(after),
        Some(b'$' | b'=' | b'!') => {
            let n = number()?;
            if n < 0 {
                return Ok(after);
            }
            let end = after + n as usize;
            if b.len() < end + 2 || &b[end..end + 2] != b"\r\n" {
                return Err("a bulk string cut short".into());
            }
            Ok(end + 2)
        }
        Some(t @ (b'*' | b'~' | b'>' | b'%' | b'|')) => {
            let mut n = number()?;
            if n < 0 {
                return Ok(after);
            }
            if matches!(t, b'%' | b'|') {
                n *= 2;
            }
            let mut at = after;
            for _ in 0..n {
                at += reply_len(&b[at..])?;
            }
            Ok(at)
        }
        _ => Err(format!(
            "unknown reply type {:?}",
            b.first().map(|c| *c as char)
        )),
    }
}

/// The replies of one exec, split; Err when they are not well-formed RESP.
fn split_replies(mut b: &[u8]) -> Result<Vec<&[u8]>, String> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let n = reply_len(b)?;
        out.push(&b[..n]);
        b = &b[n..];
    }
    Ok(out)
}

#[test]
fn fuzz_commands_and_parser() {
    let seconds: u64 = std::env::var("SQLETTUCE_FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let seed: u64 = std::env::var("SQLETTUCE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| crate::engine::now_ms() as u64 | 1);
    eprintln!("fuzz: seed {seed} (SQLETTUCE_FUZZ_SEED={seed} replays it), {seconds} s");
    let mut rng = Rng(seed);

    // Every command and subcommand the table has: ["GET"], ["CONFIG", "GET"]...
    let mut names = Vec::new();
    for c in &crate::table::table().commands {
        if c.subcommands.is_empty() {
            names.push(vec![c.name.to_uppercase().into_bytes()]);
        }
        for sub in &c.subcommands {
            names.push(
                sub.name
                    .split('|')
                    .map(|p| p.to_uppercase().into_bytes())
                    .collect(),
            );
        }
    }
    // Commands that stop the process or wait are not fuzz material.
    names.retain(|n| !matches!(n[0].as_slice(), b"SHUTDOWN" | b"DEBUG"));

    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut rounds, mut commands, mut closes) = (0u64, 0u64, 0u64);
    let mut s = Session::new(memory_engine());
    while Instant::now() < deadline {
        let input = random_batch(&mut rng, &names);
        let shown = || String::from_utf8_lossy(&input).into_owned();
        let mut at = 0;
        loop {
            let r = s.exec(&input[at..], 0);
            // Go fills each pub/sub call's place inside EXEC's array (one reply's worth
            // for PUBLISH and PUBSUB): stand in for it with one reply.
            let mut out = s.replies().to_vec();
            for call in s.client.calls.iter().rev() {
                out.splice(call.offset..call.offset, b"+CALL\r\n".iter().copied());
            }
            let replies = split_replies(&out).unwrap_or_else(|e| {
                panic!(
                    "seed {seed}: malformed replies ({e}) to {:?}: {:?}",
                    shown(),
                    String::from_utf8_lossy(&out)
                )
            });
            let protocol_error =
                r.action == Action::Close && replies.len() == r.commands as usize + 1;
            assert!(
                replies.len() == r.commands as usize || protocol_error,
                "seed {seed}: {} replies to {} commands of {:?}",
                replies.len(),
                r.commands,
                shown()
            );
            for reply in &replies {
                assert!(
                    !reply.starts_with(b"-ERR storage error")
                        && !reply.starts_with(b"-ERR internal error")
                        && !reply.starts_with(b"-ERR commit failed"),
                    "seed {seed}: {:?} answered {:?}",
                    shown(),
                    String::from_utf8_lossy(reply)
                );
            }
            commands += u64::from(r.commands);
            at += r.consumed;
            match r.action {
                Action::More if at < input.len() => continue,
                Action::Close => {
                    closes += 1;
                    s = Session::new(std::sync::Arc::clone(s.engine()));
                }
                _ => {}
            }
            break;
        }
        rounds += 1;
        if rounds % 64 == 0 {
            assert_eq!(
                miscounted_keys(s.engine()),
                0,
                "seed {seed}: element counts wrong"
            );
        }
    }
    assert_eq!(
        miscounted_keys(s.engine()),
        0,
        "seed {seed}: element counts wrong"
    );
    eprintln!(
        "fuzz: {rounds} batches, {commands} commands, {closes} protocol-error closes, no failure"
    );
}
