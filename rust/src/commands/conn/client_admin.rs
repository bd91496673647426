// CLIENT LIST, INFO, KILL, NO-EVICT, NO-TOUCH and REPLY: what tools and test suites send
// to look at and manage connections. The registry (crate::clients) holds every session;
// Go closes the connections KILL picks (ClientState::killed, handed over with the batch).

use std::sync::atomic::Ordering;
use std::sync::Arc;

use crate::clients::{ClientEntry, ClientView};
use crate::commands::{int_arg, is, Ctx};
use crate::engine::ReplyMode;
use crate::errors::{Error, Result};
use crate::resp::Reply;

/// What CLIENT LIST shows of a client: this client's live state, another's as it
/// published it.
fn view(ctx: &Ctx, e: &Arc<ClientEntry>) -> ClientView {
    if e.id == ctx.client.id {
        let mut v = ClientView::default();
        ctx.client.fill_view(&mut v);
        v
    } else {
        e.view.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// A client's CLIENT LIST line.
fn line(ctx: &Ctx, e: &Arc<ClientEntry>) -> String {
    e.line(&view(ctx, e), ctx.now)
}

/// The CLIENT LIST/KILL TYPE classes (Redis's getClientType): a client subscribed to
/// anything is a pubsub client, any other a normal one; none is a master or a replica.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ClientType {
    Normal,
    PubSub,
    Replication,
}

fn client_type(t: &[u8]) -> Result<ClientType> {
    match t.to_ascii_lowercase().as_slice() {
        b"normal" => Ok(ClientType::Normal),
        b"pubsub" => Ok(ClientType::PubSub),
        b"master" | b"replica" | b"slave" => Ok(ClientType::Replication),
        _ => Err(Error::UnknownClientType(t.to_vec())),
    }
}

fn type_of(v: &ClientView) -> ClientType {
    if v.sub + v.psub + v.ssub > 0 {
        ClientType::PubSub
    } else {
        ClientType::Normal
    }
}

// CLIENT LIST returns every connection, one line each.
// CLIENT LIST [TYPE <NORMAL | MASTER | REPLICA | PUBSUB>] [ID client-id [client-id ...]]
// https://redis.io/commands/client-list
pub fn list(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut ids: Option<Vec<i64>> = None;
    let mut only = None;
    if args.len() == 4 && is(&args[2], "type") {
        only = Some(client_type(&args[3])?);
    } else if args.len() >= 4 && is(&args[2], "id") {
        let mut v = Vec::new();
        for a in &args[3..] {
            // Any integer (ids are never 0 or negative, so those match nothing).
            v.push(crate::numbers::parse_i64(a).ok_or(Error::InvalidClientId)?);
        }
        ids = Some(v);
    } else if args.len() != 2 {
        return Err(Error::Syntax);
    }
    let mut out = String::new();
    for e in ctx.server.clients.all() {
        if ids
            .as_ref()
            .is_some_and(|ids| !ids.contains(&(e.id as i64)))
        {
            continue;
        }
        let v = view(ctx, &e);
        if only.is_some_and(|t| t != type_of(&v)) {
            continue;
        }
        out.push_str(&e.line(&v, ctx.now));
        out.push('\n');
    }
    // Text for people: a verbatim string in RESP3, as Redis 7.0 sends it.
    Ok(Reply::Verbatim(out.into_bytes()))
}

// CLIENT INFO returns this connection's CLIENT LIST line.
// CLIENT INFO
// https://redis.io/commands/client-info
pub fn info(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let e = Arc::clone(&ctx.client.entry);
    Ok(Reply::Verbatim(format!("{}\n", line(ctx, &e)).into_bytes()))
}

/// CLIENT KILL's filters (all must match).
#[derive(Default)]
struct Filter {
    id: Option<u64>,
    addr: Option<Vec<u8>>,
    laddr: Option<Vec<u8>>,
    user: Option<Vec<u8>>,
    kind: Option<ClientType>,
    skipme: bool,
}

// CLIENT KILL closes connections: the old form by address (one client, OK or an error),
// the new form by filters (the number killed).
// CLIENT KILL <ip:port | <[ID client-id] | [TYPE <NORMAL | MASTER | SLAVE | REPLICA | PUBSUB>] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME <YES | NO>]> [...]>
// https://redis.io/commands/client-kill
pub fn kill(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if args.len() == 3 {
        let f = Filter {
            addr: Some(args[2].clone()),
            ..Default::default()
        };
        return match kill_matching(ctx, &f) {
            0 => Err(Error::NoSuchClient),
            _ => Ok(Reply::OK),
        };
    }
    if !args.len().is_multiple_of(2) {
        return Err(Error::Syntax);
    }
    let mut f = Filter {
        skipme: true,
        ..Default::default()
    };
    for pair in args[2..].chunks(2) {
        let (opt, val) = (&pair[0], &pair[1]);
        if is(opt, "id") {
            match int_arg(val) {
                Ok(n) if n > 0 => f.id = Some(n as u64),
                _ => return Err(Error::ClientIdNotPositive),
            }
        } else if is(opt, "type") {
            f.kind = Some(client_type(val)?);
        } else if is(opt, "addr") {
            f.addr = Some(val.clone());
        } else if is(opt, "laddr") {
            f.laddr = Some(val.clone());
        } else if is(opt, "user") {
            if val.as_slice() != b"default" {
                return Err(Error::NoSuchUser(val.clone()));
            }
            f.user = Some(val.clone());
        } else if is(opt, "skipme") {
            f.skipme = if is(val, "yes") {
                true
            } else if is(val, "no") {
                false
            } else {
                return Err(Error::Syntax);
            };
        } else {
            return Err(Error::Syntax);
        }
    }
    Ok(Reply::Integer(kill_matching(ctx, &f) as i64))
}

/// Marks every matching client killed and records it for Go to close; returns how many.
fn kill_matching(ctx: &mut Ctx, f: &Filter) -> usize {
    let mut n = 0;
    for e in ctx.server.clients.all() {
        let me = e.id == ctx.client.id;
        if f.kind.is_some_and(|t| t != type_of(&view(ctx, &e)))
            || f.id.is_some_and(|id| id != e.id)
            || f.addr.as_ref().is_some_and(|a| a != e.conn.addr.as_bytes())
            || f.laddr
                .as_ref()
                .is_some_and(|a| a != e.conn.laddr.as_bytes())
            || (f.skipme && me)
        {
            continue;
        }
        if !e.killed.swap(true, Ordering::Relaxed) {
            ctx.client.killed.push(e.id);
            n += 1;
        }
    }
    n
}

/// ON or OFF, else a syntax error.
fn on_off(arg: &[u8]) -> Result<bool> {
    if is(arg, "on") {
        Ok(true)
    } else if is(arg, "off") {
        Ok(false)
    } else {
        Err(Error::Syntax)
    }
}

// CLIENT NO-EVICT keeps this client out of client eviction (nothing is evicted here).
// CLIENT NO-EVICT <ON | OFF>
// https://redis.io/commands/client-no-evict
pub fn no_evict(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ctx.client.no_evict = on_off(&args[2])?;
    Ok(Reply::OK)
}

// CLIENT NO-TOUCH makes this client's reads leave keys' access times alone (sqlettuce
// keeps none). Redis 7.2.
// CLIENT NO-TOUCH <ON | OFF>
// https://redis.io/commands/client-no-touch
pub fn no_touch(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    ctx.client.no_touch = on_off(&args[2])?;
    Ok(Reply::OK)
}

// CLIENT REPLY turns this connection's replies on, off, or off for the next command.
// CLIENT REPLY <ON | OFF | SKIP>
// https://redis.io/commands/client-reply
//
// The engine drops the replies (Session::run_next); OFF and SKIP reply nothing themselves.
pub fn reply(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mode = &args[2];
    if is(mode, "on") {
        ctx.client.reply = ReplyMode::On;
    } else if is(mode, "off") {
        ctx.client.reply = ReplyMode::Off;
    } else if is(mode, "skip") {
        if ctx.client.reply != ReplyMode::Off {
            ctx.client.reply = ReplyMode::SkipNext;
        }
    } else {
        return Err(Error::Syntax);
    }
    Ok(Reply::OK)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::clients::ConnInfo;
    use crate::engine::tests::{memory_engine, pipeline};
    use crate::engine::Session;

    #[test]
    fn reply_off_and_skip_drop_replies() {
        let mut s = Session::new(memory_engine());
        s.exec(
            &pipeline(&[
                &["CLIENT", "REPLY", "OFF"],
                &["PING"],
                &["CLIENT", "REPLY", "ON"],
                &["CLIENT", "REPLY", "SKIP"],
                &["ECHO", "a"],
                &["ECHO", "b"],
            ]),
            0,
        );
        assert_eq!(s.replies(), b"+OK\r\n$1\r\nb\r\n");
    }

    #[test]
    fn kill_marks_and_reports_the_victim() {
        let e = memory_engine();
        let conn = |addr: &str| ConnInfo {
            addr: addr.into(),
            laddr: "127.0.0.1:6379".into(),
            fd: 7,
        };
        let mut a = Session::with_conn(Arc::clone(&e), conn("10.0.0.1:1000"));
        let mut b = Session::with_conn(Arc::clone(&e), conn("10.0.0.2:2000"));
        a.exec(&pipeline(&[&["CLIENT", "SETNAME", "victim"]]), 0);
        b.exec(&pipeline(&[&["CLIENT", "LIST"]]), 0);
        let list = String::from_utf8_lossy(b.replies()).into_owned();
        assert!(list.contains("addr=10.0.0.1:1000 laddr=127.0.0.1:6379 fd=7 name=victim "));
        b.exec(
            &pipeline(&[&["CLIENT", "KILL", "ADDR", "10.0.0.1:1000"]]),
            0,
        );
        assert_eq!(b.replies(), b":1\r\n");
        assert_eq!(b.client.killed, vec![a.client.id]);
        b.exec(&pipeline(&[&["CLIENT", "KILL", "10.0.0.1:1000"]]), 0);
        assert_eq!(b.replies(), b"-ERR No such client\r\n");
        assert!(b.client.killed.is_empty());
    }
}
