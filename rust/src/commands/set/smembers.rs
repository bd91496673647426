// SMEMBERS returns every member of a set.
// SMEMBERS key
// https://redis.io/commands/smembers

use crate::commands::set::{lookup, members_reply};
use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn smembers(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let members = match lookup(ctx, &args[1], Access::Read)? {
        Some(e) => ctx.store.set_members(e.id)?,
        None => vec![],
    };
    Ok(members_reply(members))
}
