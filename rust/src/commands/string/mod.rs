//! String commands: the value lives in keys.value, so most touch one row.

pub mod append;
pub mod get;
pub mod getdel;
pub mod getex;
pub mod getrange;
pub mod getset;
pub mod incr;
pub mod incrbyfloat;
pub mod mget;
pub mod mset;
pub mod options;
pub mod set;
pub mod setrange;
pub mod strlen;

use crate::commands::Ctx;

/// checkStringLength: a string may not grow past proto-max-bulk-len (APPEND,
/// SETRANGE), nor past what SQLite stores; `size + append` over it (or overflowing) is
/// refused.
pub fn check_length(ctx: &Ctx, size: u64, append: u64) -> crate::errors::Result<()> {
    let max = ctx.server.config.max_string_len() as u64;
    match size.checked_add(append) {
        Some(total) if total <= max => Ok(()),
        _ => Err(crate::errors::Error::StringTooLong),
    }
}
