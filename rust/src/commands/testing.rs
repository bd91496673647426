//! Unit-test helper for command modules: runs commands through a Session on an
//! in-memory engine and compares each reply with the bytes Redis 7.0.15 sent.

use crate::engine::tests::memory_engine;
use crate::engine::Session;

/// One command and Redis's exact reply to it.
pub type Step<'a> = (&'a [&'a [u8]], &'a [u8]);

/// Runs `steps` in order on one fresh session, asserting every reply.
pub fn run(steps: &[Step]) {
    let mut s = Session::new(memory_engine());
    for (argv, want) in steps {
        let mut input = format!("*{}\r\n", argv.len()).into_bytes();
        for a in *argv {
            input.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            input.extend_from_slice(a);
            input.extend_from_slice(b"\r\n");
        }
        s.exec(&input, 0);
        assert_eq!(
            String::from_utf8_lossy(s.replies()),
            String::from_utf8_lossy(want),
            "{:?}",
            argv.iter()
                .map(|a| String::from_utf8_lossy(a))
                .collect::<Vec<_>>()
        );
    }
}
