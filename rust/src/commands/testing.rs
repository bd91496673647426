//! Unit-test helper for command modules: runs commands through a Session on an
//! in-memory engine and compares each reply with the bytes Redis 7.0.15 sent, and checks
//! after every command that each key's element count is exact.

use crate::engine::tests::memory_engine;
use crate::engine::{Engine, Session};

/// One command and Redis's exact reply to it.
pub type Step<'a> = (&'a [&'a [u8]], &'a [u8]);

/// Keys whose keys.elements is not the row count of their collection table (0 for a
/// string), or, for a sorted set, not the sum of its zset_buckets counts. HLEN, LLEN,
/// SCARD, ZCARD and the ranks trust both, so after any command this must be 0.
const MISCOUNTED_KEYS: &str = "SELECT count(*) FROM keys AS k WHERE k.elements <> CASE k.type \
     WHEN 2 THEN (SELECT count(*) FROM lists WHERE key_id = k.id) \
     WHEN 3 THEN (SELECT count(*) FROM sets WHERE key_id = k.id) \
     WHEN 4 THEN (SELECT count(*) FROM zsets WHERE key_id = k.id) \
     WHEN 5 THEN (SELECT count(*) FROM hashes WHERE key_id = k.id) \
     ELSE 0 END \
     OR (k.type = 4 AND (SELECT coalesce(sum(n),0) FROM zset_buckets WHERE key_id = k.id) <> k.elements)";

/// How many keys of `engine` are miscounted (MISCOUNTED_KEYS).
pub fn miscounted_keys(engine: &Engine) -> i64 {
    engine.with_conn(|c| c.query_row(MISCOUNTED_KEYS, [], |r| r.get(0)).unwrap())
}

/// The bytes of one command, as a client sends them.
pub fn multibulk<A: AsRef<[u8]>>(argv: &[A]) -> Vec<u8> {
    let mut input = format!("*{}\r\n", argv.len()).into_bytes();
    for a in argv {
        let a = a.as_ref();
        input.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
        input.extend_from_slice(a);
        input.extend_from_slice(b"\r\n");
    }
    input
}

/// Runs `steps` in order on one fresh session, asserting every reply and, after each,
/// that no key is miscounted.
pub fn run(steps: &[Step]) {
    let mut s = Session::new(memory_engine());
    for (argv, want) in steps {
        s.exec(&multibulk(argv), 0);
        let shown = || {
            argv.iter()
                .map(|a| String::from_utf8_lossy(a))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            String::from_utf8_lossy(s.replies()),
            String::from_utf8_lossy(want),
            "{:?}",
            shown()
        );
        assert_eq!(
            miscounted_keys(s.engine()),
            0,
            "element counts wrong after {:?}",
            shown()
        );
    }
}
