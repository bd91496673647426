// OBJECT ENCODING, FREQ, IDLETIME and REFCOUNT (HELP is in help.rs): Redis's view of
// how a value is stored. sqlettuce stores every value in SQLite rows, so ENCODING names
// what Redis 7.0 would use for the same value, from the same size thresholds (the CONFIG
// encoding settings); see docs/engine-contract.md.

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;
use crate::store::{Access, Entry, KeyType};

/// Redis 7.0's encoding for a value like this one.
pub fn encoding(ctx: &Ctx, e: &Entry) -> Result<&'static str> {
    let cfg = &ctx.server.config;
    Ok(match e.kind {
        KeyType::String => {
            let v = e.value.as_deref().unwrap_or_default();
            if v.len() <= 20 && crate::numbers::parse_i64(v).is_some() {
                "int"
            } else if v.len() <= 44 {
                "embstr"
            } else {
                "raw"
            }
        }
        // 7.0 keeps every list in a quicklist (listpack-encoded lists came in 7.2).
        KeyType::List => "quicklist",
        KeyType::Hash => {
            let s = ctx.store.shape(e.id, e.kind)?;
            if e.elements <= cfg.int("hash-max-listpack-entries")
                && s.longest <= cfg.int("hash-max-listpack-value")
            {
                "listpack"
            } else {
                "hashtable"
            }
        }
        KeyType::Set => {
            let s = ctx.store.shape(e.id, e.kind)?;
            if s.non_integers == 0 && e.elements <= cfg.int("set-max-intset-entries") {
                "intset"
            } else {
                "hashtable"
            }
        }
        KeyType::Zset => {
            let s = ctx.store.shape(e.id, e.kind)?;
            if e.elements <= cfg.int("zset-max-listpack-entries")
                && s.longest <= cfg.int("zset-max-listpack-value")
            {
                "listpack"
            } else {
                "skiplist"
            }
        }
    })
}

/// The live key with its value (strings need it for their encoding). OBJECT counts a
/// keyspace hit or miss (Redis's lookupKeyRead), MEMORY USAGE does not (its dictFind).
fn entry(ctx: &Ctx, key: &[u8], access: Access) -> Result<Option<Entry>> {
    ctx.store.lookup(ctx.client.db, key, ctx.now, access, true)
}

// OBJECT ENCODING returns the internal representation of a key's value.
// OBJECT ENCODING key
// https://redis.io/commands/object-encoding
pub fn object_encoding(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match entry(ctx, &args[2], Access::Read)? {
        None => Ok(Reply::Nil),
        Some(e) => Ok(Reply::bulk_str(encoding(ctx, &e)?)),
    }
}

// OBJECT FREQ returns a key's LFU access counter (only under an LFU maxmemory-policy).
// OBJECT FREQ key
// https://redis.io/commands/object-freq
pub fn object_freq(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if entry(ctx, &args[2], Access::Read)?.is_none() {
        return Ok(Reply::Nil);
    }
    let policy = ctx
        .server
        .config
        .get("maxmemory-policy")
        .unwrap_or_default();
    if !policy.ends_with("lfu") {
        return Err(Error::LfuNotSelected);
    }
    // No access counting: every key reads as never accessed since it was loaded.
    Ok(Reply::Integer(0))
}

// OBJECT IDLETIME returns the seconds since a key was last accessed.
// OBJECT IDLETIME key
// https://redis.io/commands/object-idletime
//
// sqlettuce keeps no access times: 0, as for a key just touched.
pub fn object_idletime(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if entry(ctx, &args[2], Access::Read)?.is_none() {
        return Ok(Reply::Nil);
    }
    let policy = ctx
        .server
        .config
        .get("maxmemory-policy")
        .unwrap_or_default();
    if policy.ends_with("lfu") {
        return Err(Error::LfuSelected);
    }
    Ok(Reply::Integer(0))
}

// OBJECT REFCOUNT returns the reference count of a key's value.
// OBJECT REFCOUNT key
// https://redis.io/commands/object-refcount
pub fn object_refcount(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    Ok(match entry(ctx, &args[2], Access::Read)? {
        None => Reply::Nil,
        Some(_) => Reply::Integer(1),
    })
}

// MEMORY USAGE estimates the bytes a key and its value take.
// MEMORY USAGE key [SAMPLES count]
// https://redis.io/commands/memory-usage
//
// An estimate in Redis's terms (docs/engine-contract.md): a key's fixed overhead plus
// its bytes, plus per-element overhead for collections; never the SQLite pages.
pub fn memory_usage(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    match args.len() {
        3 => {}
        5 if crate::commands::is(&args[3], "samples") => {
            crate::commands::int_arg(&args[4])?;
        }
        _ => return Err(Error::Syntax),
    }
    let Some(e) = entry(ctx, &args[2], Access::Peek)? else {
        return Ok(Reply::Nil);
    };
    let key = args[2].len() as i64;
    let shape = ctx.store.shape(e.id, e.kind)?;
    let value = e.value.as_ref().map_or(0, |v| v.len() as i64);
    // dictEntry + robj + the key's sds: about 56 bytes with the key itself.
    let base = 56 + key;
    let per_element = match e.kind {
        KeyType::String => 0,
        KeyType::List => 11,
        KeyType::Set | KeyType::Hash => 24,
        KeyType::Zset => 32,
    };
    let bytes = base + value + shape.bytes + per_element * e.elements;
    Ok(Reply::Integer((bytes + 7) / 8 * 8))
}
