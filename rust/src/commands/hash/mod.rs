//! Hash commands: one row per field in `hashes`, found by (key id, field) through the
//! primary key. Replies that list fields use primary-key order (field bytes), the same in
//! both engines; Redis's own order is its hash table's.

pub mod hdel;
pub mod hexists;
pub mod hget;
pub mod hgetall;
pub mod hincrby;
pub mod hlen;
pub mod hrandfield;
pub mod hscan;
pub mod hset;
pub mod hstrlen;

use crate::commands::Ctx;
use crate::errors::Result;
use crate::store::{Access, Entry, KeyType};

/// The live hash at `key`, or None; WRONGTYPE for another type.
pub(crate) fn lookup(ctx: &Ctx, key: &[u8], access: Access) -> Result<Option<Entry>> {
    ctx.lookup_kind(key, KeyType::Hash, access)
}

/// Runs `write` on the hash at `key` (created when missing), all-or-nothing. `write`
/// returns its result and how many fields it added; the touch that follows carries that
/// count and bumps the version (Redis signals the key as modified even when no value
/// changed).
pub(crate) fn write<T>(
    ctx: &Ctx,
    key: &[u8],
    entry: Option<Entry>,
    write: impl FnOnce(i64) -> Result<(T, i64)>,
) -> Result<T> {
    let store = &ctx.store;
    let db = ctx.db();
    store.atomic(|| {
        let id = match entry {
            Some(e) => e.id,
            None => store.create_hash(db, key)?,
        };
        let (out, added) = write(id)?;
        store.touch(id, added)?;
        Ok(out)
    })
}
