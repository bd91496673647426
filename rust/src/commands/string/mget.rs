// MGET returns the values of several keys; nil for missing keys and non-strings.
// MGET key [key ...]
// https://redis.io/commands/mget

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::{Access, KeyType};

pub fn mget(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut out = Vec::with_capacity(args.len() - 1);
    for key in &args[1..] {
        out.push(
            match ctx
                .store
                .lookup(ctx.db(), key, ctx.now, Access::Read, true)?
            {
                Some(e) if e.kind == KeyType::String => Reply::Bulk(e.value.unwrap_or_default()),
                _ => Reply::Nil,
            },
        );
    }
    Ok(Reply::Array(out))
}
