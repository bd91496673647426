// TIME returns the server's unix time as seconds and microseconds.
// TIME
// https://redis.io/commands/time

use std::time::{SystemTime, UNIX_EPOCH};

use crate::commands::Ctx;
use crate::errors::Result;
use crate::resp::Reply;

pub fn time(_ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Ok(Reply::Array(vec![
        Reply::bulk_str(&d.as_secs().to_string()),
        Reply::bulk_str(&d.subsec_micros().to_string()),
    ]))
}
