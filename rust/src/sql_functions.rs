//! SQL functions sqlettuce registers on its connections. The go engine registers the same
//! ones, with the same behaviour and error texts (go/internal/goengine/driver.go): the
//! named queries of sql/queries may call them.

use std::cell::Cell;

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::numbers::{i64_bytes, parse_i64};

/// sqlettuce_incr's error texts (SQLite's message for the failed statement); the store
/// maps them back to Redis's errors.
pub const INCR_NOT_INTEGER: &str = "sqlettuce_incr: not an integer";
pub const INCR_OVERFLOW: &str = "sqlettuce_incr: overflow";

thread_local! {
    /// The value the last sqlettuce_incr call on this thread produced. The function runs
    /// inside sqlite3_step on the caller's thread, which reads it right after the
    /// statement (a RETURNING clause would cost a temporary table per call).
    static LAST_INCR: Cell<i64> = const { Cell::new(0) };
}

/// Registers every function on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function("sqlettuce_incr", 2, FunctionFlags::SQLITE_UTF8, incr)
}

/// sqlettuce_incr(value, increment): value read as Redis's string2ll does, plus the
/// increment, as the decimal bytes INCR stores; an error (and so nothing written) for a
/// value that is not an integer or a sum outside 64 bits.
fn incr(ctx: &Context) -> rusqlite::Result<Vec<u8>> {
    let fail = |msg: &'static str| rusqlite::Error::UserFunctionError(msg.into());
    let old = match ctx.get_raw(0) {
        ValueRef::Blob(b) | ValueRef::Text(b) => parse_i64(b),
        _ => None,
    }
    .ok_or_else(|| fail(INCR_NOT_INTEGER))?;
    let by: i64 = ctx.get(1)?;
    let new = old.checked_add(by).ok_or_else(|| fail(INCR_OVERFLOW))?;
    LAST_INCR.with(|c| c.set(new));
    Ok(i64_bytes(new))
}

/// The value of this thread's last successful sqlettuce_incr call.
pub fn last_incr() -> i64 {
    LAST_INCR.with(|c| c.get())
}
