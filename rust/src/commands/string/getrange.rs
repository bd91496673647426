// GETRANGE returns a substring by inclusive byte offsets; negative offsets count from the end.
// GETRANGE key start end
// https://redis.io/commands/getrange
//
// SUBSTR is the same command under its old name.

use crate::commands::{int_arg, Ctx};
use crate::errors::Result;
use crate::resp::Reply;
use crate::store::Access;

pub fn getrange(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut start = int_arg(&args[2])?;
    let mut end = int_arg(&args[3])?;
    let Some(e) = ctx.lookup_string(&args[1], Access::Read)? else {
        return Ok(Reply::bulk(""));
    };
    let value = e.value.unwrap_or_default();
    let len = value.len() as i64;
    // Redis 7.0's getrangeCommand, step by step.
    if start < 0 && end < 0 && start > end {
        return Ok(Reply::bulk(""));
    }
    if start < 0 {
        start += len;
    }
    if end < 0 {
        end += len;
    }
    start = start.max(0);
    end = end.max(0);
    if end >= len {
        end = len - 1;
    }
    if start > end || len == 0 {
        return Ok(Reply::bulk(""));
    }
    Ok(Reply::Bulk(value[start as usize..=end as usize].to_vec()))
}
