// HELLO switches the connection's protocol (RESP2 or RESP3) and returns facts about the server.
// HELLO [protover [AUTH username password] [SETNAME clientname]]
// https://redis.io/commands/hello
//
// helloCommand: every option is parsed before anything happens; then AUTH, then SETNAME,
// then the switch, so the reply itself is already in the new protocol (a map in RESP3, a
// flat array in RESP2). Without a version the protocol stays as it is.

use crate::commands::conn::client::set_name;
use crate::commands::{is, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn hello(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut next = 1;
    let mut protocol = None;
    if args.len() >= 2 {
        let ver = crate::numbers::parse_i64(&args[1]).ok_or(Error::ProtocolVersionNotInteger)?;
        if ver != 2 && ver != 3 {
            return Err(Error::NoProto);
        }
        protocol = Some(ver as u8);
        next = 2;
    }
    let mut auth: Option<(&[u8], &[u8])> = None;
    let mut name: Option<&[u8]> = None;
    let mut j = next;
    while j < args.len() {
        let more = args.len() - 1 - j;
        if is(&args[j], "auth") && more >= 2 {
            auth = Some((&args[j + 1], &args[j + 2]));
            j += 2;
        } else if is(&args[j], "setname") && more >= 1 {
            name = Some(&args[j + 1]);
            j += 1;
        } else {
            return Err(Error::HelloSyntax(args[j].clone()));
        }
        j += 1;
    }
    match auth {
        Some((user, pass)) => {
            crate::commands::conn::auth::authenticate(ctx.client, &ctx.server.config, user, pass)?
        }
        None if !ctx.client.authenticated && ctx.server.config.auth_required() => {
            return Err(Error::HelloNoAuth)
        }
        None => {}
    }
    if let Some(n) = name {
        set_name(ctx, n)?;
    }
    if let Some(p) = protocol {
        ctx.client.protocol = p;
    }
    Ok(Reply::Map(vec![
        Reply::bulk_str("server"),
        Reply::bulk_str("redis"),
        Reply::bulk_str("version"),
        Reply::bulk_str(crate::commands::server::info::REDIS_VERSION),
        Reply::bulk_str("proto"),
        Reply::Integer(i64::from(ctx.client.protocol)),
        Reply::bulk_str("id"),
        Reply::Integer(ctx.client.id as i64),
        Reply::bulk_str("mode"),
        Reply::bulk_str("standalone"),
        Reply::bulk_str("role"),
        Reply::bulk_str("master"),
        Reply::bulk_str("modules"),
        Reply::Array(vec![]),
    ]))
}

#[cfg(test)]
mod tests {
    use crate::commands::testing::run;

    /// Replies Redis 7.0.15 sent after HELLO 3 (the id is this session's: 1).
    #[test]
    fn hello_3_switches_replies_to_resp3() {
        run(&[
            (&[b"HELLO", b"4"], b"-NOPROTO unsupported protocol version\r\n"),
            (&[b"HELLO", b"x"], b"-ERR Protocol version is not an integer or out of range\r\n"),
            (&[b"HELLO", b"3", b"AUTH", b"bob", b"x"], b"-WRONGPASS invalid username-password pair or user is disabled.\r\n"),
            (&[b"HELLO", b"3", b"AUTH", b"default"], b"-ERR Syntax error in HELLO option 'AUTH'\r\n"),
            (&[b"GET", b"nosuch"], b"$-1\r\n"),
            (
                &[b"HELLO", b"3", b"AUTH", b"default", b"any", b"SETNAME", b"me"],
                b"%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n",
            ),
            (&[b"CLIENT", b"GETNAME"], b"$2\r\nme\r\n"),
            (&[b"GET", b"nosuch"], b"_\r\n"),
            (&[b"LMPOP", b"1", b"nosuch", b"LEFT"], b"_\r\n"),
            (&[b"HSET", b"h", b"a", b"1"], b":1\r\n"),
            (&[b"HGETALL", b"h"], b"%1\r\n$1\r\na\r\n$1\r\n1\r\n"),
            (&[b"HGETALL", b"nosuch"], b"%0\r\n"),
            (&[b"HKEYS", b"h"], b"*1\r\n$1\r\na\r\n"),
            (&[b"HRANDFIELD", b"h", b"1", b"WITHVALUES"], b"*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n"),
            (&[b"SADD", b"s", b"a"], b":1\r\n"),
            (&[b"SMEMBERS", b"s"], b"~1\r\n$1\r\na\r\n"),
            (&[b"SRANDMEMBER", b"s", b"-2"], b"*2\r\n$1\r\na\r\n$1\r\na\r\n"),
            (&[b"SRANDMEMBER", b"s", b"2"], b"*1\r\n$1\r\na\r\n"),
            (&[b"SPOP", b"nosuch", b"2"], b"~0\r\n"),
            (&[b"ZADD", b"z", b"1", b"a", b"2.5", b"b"], b":2\r\n"),
            (&[b"ZSCORE", b"z", b"b"], b",2.5\r\n"),
            (&[b"ZMSCORE", b"z", b"a", b"x"], b"*2\r\n,1\r\n_\r\n"),
            (&[b"ZINCRBY", b"z", b"0.1", b"a"], b",1.1000000000000001\r\n"),
            (&[b"ZADD", b"z", b"NX", b"INCR", b"1", b"a"], b"_\r\n"),
            (
                &[b"ZRANGE", b"z", b"0", b"-1", b"WITHSCORES"],
                b"*2\r\n*2\r\n$1\r\na\r\n,1.1000000000000001\r\n*2\r\n$1\r\nb\r\n,2.5\r\n",
            ),
            (&[b"ZSCAN", b"z", b"0"], b"*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n$1\r\nb\r\n$3\r\n2.5\r\n"),
            (&[b"ZPOPMAX", b"z"], b"*2\r\n$1\r\nb\r\n,2.5\r\n"),
            (&[b"ZPOPMIN", b"z", b"5"], b"*1\r\n*2\r\n$1\r\na\r\n,1.1000000000000001\r\n"),
            (&[b"ZADD", b"z", b"1", b"a"], b":1\r\n"),
            (&[b"ZMPOP", b"1", b"z", b"MIN"], b"*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n,1\r\n"),
            (&[b"CONFIG", b"GET", b"appendonly"], b"%1\r\n$10\r\nappendonly\r\n$2\r\nno\r\n"),
            (
                &[b"HELLO", b"2"],
                b"*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n",
            ),
            (&[b"GET", b"nosuch"], b"$-1\r\n"),
            (&[b"HGETALL", b"nosuch"], b"*0\r\n"),
        ]);
    }
}
