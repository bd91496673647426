// CLIENT ID returns this connection's id (1, 2, 3... from engine start).
// CLIENT ID
// https://redis.io/commands/client-id
//
// The CLIENT subcommands clients send on connect; the rest of CLIENT is not served.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn id(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::Integer(ctx.client.id as i64))
}

/// Names and attributes may hold only '!'..'~' (so CLIENT LIST splits on spaces).
fn printable(v: &[u8]) -> bool {
    v.iter().all(|&c| (b'!'..=b'~').contains(&c))
}

/// clientSetNameOrReply: an empty name removes the name.
pub fn set_name(ctx: &mut Ctx, name: &[u8]) -> Result<()> {
    if !printable(name) {
        return Err(Error::ClientNameChars);
    }
    ctx.client.name = (!name.is_empty()).then(|| name.to_vec());
    Ok(())
}

// CLIENT SETNAME names this connection.
// CLIENT SETNAME connection-name
// https://redis.io/commands/client-setname
pub fn setname(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    set_name(ctx, &args[2])?;
    Ok(Reply::OK)
}

// CLIENT GETNAME returns this connection's name, or nil.
// CLIENT GETNAME
// https://redis.io/commands/client-getname
pub fn getname(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Ok(Reply::opt_bulk(ctx.client.name.clone()))
}

// CLIENT SETINFO records the client library's name or version (Redis 7.2 semantics).
// CLIENT SETINFO <LIB-NAME libname | LIB-VER libver>
// https://redis.io/commands/client-setinfo
pub fn setinfo(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let (attr, value) = (&args[2], &args[3]);
    let is_name = attr.eq_ignore_ascii_case(b"lib-name");
    if !is_name && !attr.eq_ignore_ascii_case(b"lib-ver") {
        return Err(Error::UnrecognizedOption(attr.clone()));
    }
    if !printable(value) {
        return Err(Error::ClientAttrChars(attr.clone()));
    }
    let v = (!value.is_empty()).then(|| value.clone());
    if is_name {
        ctx.client.lib_name = v;
    } else {
        ctx.client.lib_ver = v;
    }
    Ok(Reply::OK)
}
