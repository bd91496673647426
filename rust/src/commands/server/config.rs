// CONFIG GET returns configuration parameters matching glob patterns.
// CONFIG GET parameter [parameter ...]
// https://redis.io/commands/config-get
//
// The parameters and their values are fixed by docs/engine-contract.md, in that order.

use crate::commands::Ctx;
use crate::errors::Result;
use crate::glob;
use crate::resp::Reply;

pub fn get(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let params: [(&str, String); 8] = [
        ("save", String::new()),
        ("appendonly", "no".into()),
        ("appendfsync", "everysec".into()),
        ("databases", "16".into()),
        ("port", ctx.server.port.to_string()),
        ("bind", ctx.server.bind.clone()),
        ("maxclients", "10000".into()),
        ("timeout", "0".into()),
    ];
    let mut out = Vec::new();
    for (name, value) in params {
        if args[2..]
            .iter()
            .any(|p| glob::matches(p, name.as_bytes(), true))
        {
            out.push(Reply::bulk_str(name));
            out.push(Reply::Bulk(value.into_bytes()));
        }
    }
    Ok(Reply::Map(out))
}
