// SWAPDB swaps two databases: every connection using one now sees the other's keys.
// SWAPDB index1 index2
// https://redis.io/commands/swapdb
//
// Every key row of both databases changes its db number (three statements through a
// parking number, as (db, key) must stay unique), so it costs O(keys) where Redis swaps
// two pointers. WATCHed keys of both databases are touched through sql/watch.sql.

use crate::commands::conn::select::DATABASES;
use crate::commands::{int_arg, Ctx};
use crate::errors::{Error, Result};
use crate::resp::Reply;

/// Where one database's rows wait while the other's take their place.
const PARKING_DB: i64 = -1;

pub fn swapdb(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    // getIntFromObjectOrReply with its own message: not an integer, or outside C int.
    let index = |arg: &[u8], err: Error| match int_arg(arg) {
        Ok(n) if i32::try_from(n).is_ok() => Ok(n),
        _ => Err(err),
    };
    let a = index(&args[1], Error::InvalidFirstDb)?;
    let b = index(&args[2], Error::InvalidSecondDb)?;
    if !(0..DATABASES).contains(&a) || !(0..DATABASES).contains(&b) {
        return Err(Error::DbOutOfRange);
    }
    if a != b {
        let store = &ctx.store;
        store.atomic(|| {
            store.move_db(a, PARKING_DB)?;
            store.move_db(b, a)?;
            store.move_db(PARKING_DB, b)
        })?;
    }
    Ok(Reply::OK)
}
