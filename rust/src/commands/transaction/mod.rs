//! Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH, and the session state they share.
//!
//! Between MULTI and EXEC a command is not run but queued (Redis 7.0's processCommand):
//! the engine's dispatch asks `intercept` first. The queue lives in the session, so MULTI
//! and EXEC may arrive in different network batches. EXEC runs the queue inside the
//! batch's transaction: one SQLite transaction for all of it. Where that batch runs is
//! decided when it is parsed (`Routing`): a batch whose EXEC runs a queued write goes to
//! the writer like any write batch; a read-only EXEC runs on a reader.

pub mod exec;
pub mod multi;
pub mod watch;

use crate::commands::Command;
use crate::engine::ClientState;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::watch::{WatchState, Watches};

/// A session's MULTI queue.
#[derive(Debug, Default)]
pub struct Queue {
    pub commands: Vec<Vec<Vec<u8>>>,
    /// A command was refused while queueing: EXEC replies EXECABORT.
    pub failed: bool,
    /// Some queued command writes / touches the database (where EXEC must run).
    pub writes: bool,
    pub uses_db: bool,
}

/// One session's transaction state.
#[derive(Debug, Default)]
pub struct TxState {
    /// Some between MULTI and EXEC/DISCARD.
    pub multi: Option<Queue>,
    pub watch: WatchState,
    /// True while EXEC runs its queue: blocking commands must not block then (Redis
    /// runs them as if their timeout had passed).
    pub in_exec: bool,
}

impl TxState {
    /// Back to a fresh connection's state: no MULTI, nothing watched. For DISCARD-like
    /// paths, RESET and a closing session.
    pub fn reset(&mut self, watches: &Watches, client: u64) {
        self.multi = None;
        self.in_exec = false;
        self.watch.clear(watches, client);
    }

    /// Redis's flagTransaction: a command refused before it could be queued (unknown,
    /// wrong arity, or refused by a check such as NOAUTH) makes the next EXEC abort.
    pub fn flag_refused(&mut self) {
        if let Some(q) = self.multi.as_mut() {
            q.failed = true;
        }
    }

    /// Redis's rejectCommand, for a command refused before it could run or be queued
    /// (wrong arity, NOAUTH, RESP2 subscribe mode): inside MULTI it makes EXEC abort; a
    /// refused EXEC itself, in or out of MULTI, replies EXECABORT with the reason and
    /// discards the transaction and its watches.
    pub fn reject(&mut self, watches: &Watches, client: u64, command: &str, e: Error) -> Reply {
        if command == "exec" {
            self.reset(watches, client);
            return Reply::Error(Error::ExecAbortBecause(Box::new(e)));
        }
        self.flag_refused();
        Reply::Error(e)
    }
}

/// The commands that run at once even inside MULTI (Redis 7.0's processCommand).
fn runs_inside_multi(name: &str) -> bool {
    matches!(
        name,
        "exec" | "discard" | "multi" | "watch" | "quit" | "reset"
    )
}

/// Inside MULTI, queues the command (`+QUEUED`) or refuses it (its error, and EXEC will
/// abort). None when the command must run now: outside MULTI, or one of the commands
/// that run inside it. EXEC with the wrong arity is Redis's rejectCommand on EXEC, in or
/// out of MULTI: EXECABORT with the reason, and the transaction and watches discarded.
pub fn intercept(
    client: &mut ClientState,
    watches: &Watches,
    argv: &[Vec<u8>],
    resolved: &Result<&'static Command>,
) -> Option<Reply> {
    if let Err(e @ Error::WrongArity(name)) = resolved {
        if name == "exec" {
            return Some(client.tx.reject(watches, client.id, name, e.clone()));
        }
    }
    let queue = client.tx.multi.as_mut()?;
    match resolved {
        Ok(c) if runs_inside_multi(&c.info.name) => None,
        Ok(c) if c.info.flags.iter().any(|f| f == "no_multi") => {
            // SHUTDOWN and the like: the table's no_multi flag, as Redis's processCommand.
            client.tx.flag_refused();
            Some(Reply::Error(Error::NotAllowedInMulti))
        }
        Ok(c) => {
            queue.writes |= c.info.write;
            queue.uses_db |= c.uses_db;
            queue.commands.push(argv.to_vec());
            Some(Reply::simple("QUEUED"))
        }
        Err(e) => {
            client.tx.flag_refused();
            Some(Reply::Error(e.clone()))
        }
    }
}

/// Follows MULTI/EXEC through a batch while it is parsed, to say what its commands need
/// when they run: a command queued by MULTI needs nothing now, and EXEC needs what its
/// queue needs (and the database when keys are watched).
pub struct Routing {
    in_multi: bool,
    writes: bool,
    uses_db: bool,
    watching: bool,
}

impl Routing {
    pub fn new(tx: &TxState) -> Routing {
        let q = tx.multi.as_ref();
        Routing {
            in_multi: q.is_some(),
            writes: q.is_some_and(|q| q.writes),
            uses_db: q.is_some_and(|q| q.uses_db),
            watching: !tx.watch.is_empty(),
        }
    }

    /// (writes, uses the database) for the next command of the batch.
    pub fn command(&mut self, resolved: &Result<&'static Command>) -> (bool, bool) {
        let c = match resolved {
            Ok(c) => c,
            Err(Error::WrongArity(name)) if name == "exec" => {
                self.end();
                return (false, false);
            }
            Err(_) => return (false, false),
        };
        let name = c.info.name.as_str();
        if self.in_multi && !runs_inside_multi(name) {
            self.writes |= c.info.write;
            self.uses_db |= c.uses_db;
            return (false, false);
        }
        match name {
            "multi" if !self.in_multi => {
                self.in_multi = true;
                (false, false)
            }
            "exec" if self.in_multi => {
                let need = (self.writes, self.uses_db || self.watching);
                self.end();
                need
            }
            "discard" | "reset" => {
                self.end();
                (c.info.write, c.uses_db)
            }
            "watch" if !self.in_multi => {
                self.watching = true;
                (false, true)
            }
            _ => (c.info.write, c.uses_db),
        }
    }

    /// Leaves MULTI. `watching` stays: only a real UNWATCH clears it, and a stale true
    /// costs no more than a read transaction.
    fn end(&mut self) {
        self.in_multi = false;
        self.writes = false;
        self.uses_db = false;
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::tests::pipeline;
    use crate::engine::{now_ms, Action, Engine, Locking, Options, Session};

    /// Where each batch runs: a queued write needs nothing until EXEC, which then needs
    /// the writer; a read-only EXEC runs on a reader. MULTI and EXEC in separate batches.
    #[test]
    fn exec_takes_its_queue_to_the_writer_or_a_reader() {
        let dir =
            std::env::temp_dir().join(format!("sqlettuce-tx-{}-{}", std::process::id(), now_ms()));
        std::fs::create_dir_all(&dir).unwrap();
        let engine = Engine::open(&Options {
            path: dir.join("t.db").to_string_lossy().into_owned(),
            bind: "".into(),
            port: 0,
            crossing: "batch".into(),
            locking: Locking::Normal,
            readers: 2,
            fsync: Default::default(),
            requirepass: Vec::new(),
        })
        .unwrap();
        let mut s = Session::new(engine.clone());
        let steps: &[(&[&str], Action, &[u8])] = &[
            (&["MULTI"], Action::None, b"+OK\r\n"),
            (&["SET", "a", "1"], Action::None, b"+QUEUED\r\n"),
            (&["EXEC"], Action::NeedsWriter, b"*1\r\n+OK\r\n"),
            (&["MULTI"], Action::None, b"+OK\r\n"),
            (&["GET", "a"], Action::None, b"+QUEUED\r\n"),
            (&["EXEC"], Action::None, b"*1\r\n$1\r\n1\r\n"),
            (&["WATCH", "a"], Action::None, b"+OK\r\n"),
            (&["MULTI"], Action::None, b"+OK\r\n"),
            (&["PING"], Action::None, b"+QUEUED\r\n"),
            (&["EXEC"], Action::None, b"*1\r\n+PONG\r\n"),
        ];
        for (argv, action, want) in steps {
            let input = pipeline(&[argv]);
            let started = s.exec_read(&input, 0);
            assert_eq!(started.action, *action, "{argv:?}");
            if started.action == Action::NeedsWriter {
                engine.exec_group(&mut [&mut s]);
            }
            assert_eq!(s.replies(), *want, "{argv:?}");
        }
        drop((s, engine));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A session's watches leave the engine's registry on UNWATCH, EXEC, DISCARD and
    /// when the session closes.
    #[test]
    fn watches_leave_the_registry() {
        let engine = crate::engine::tests::memory_engine();
        let watches = || engine.info.watches.names();
        let mut a = Session::new(engine.clone());
        let mut b = Session::new(engine.clone());
        a.exec(&pipeline(&[&["WATCH", "x", "y"]]), 0);
        b.exec(&pipeline(&[&["WATCH", "y", "z"]]), 0);
        assert_eq!(watches(), 3);
        a.exec(&pipeline(&[&["UNWATCH"]]), 0);
        assert_eq!(watches(), 2);
        b.exec(&pipeline(&[&["MULTI"], &["EXEC"]]), 0);
        assert_eq!(watches(), 0);
        a.exec(&pipeline(&[&["WATCH", "x"], &["MULTI"], &["DISCARD"]]), 0);
        assert_eq!(watches(), 0);
        a.exec(&pipeline(&[&["WATCH", "x"]]), 0);
        assert_eq!(watches(), 1);
        drop(a);
        assert_eq!(watches(), 0);
    }
}
