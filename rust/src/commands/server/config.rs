// CONFIG GET returns the parameters matching glob patterns.
// CONFIG GET parameter [parameter ...]
// https://redis.io/commands/config-get
//
// The parameters, their order and defaults are crate::config's table
// (docs/engine-contract.md).

use crate::commands::Ctx;
use crate::errors::{Error, Result};
use crate::resp::Reply;

pub fn get(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    let mut out = Vec::new();
    for (name, value) in ctx.server.config.matching(&args[2..]) {
        out.push(Reply::Bulk(name.into_bytes()));
        out.push(Reply::Bulk(value.into_bytes()));
    }
    Ok(Reply::Map(out))
}

// CONFIG SET changes parameters, all or none.
// CONFIG SET parameter value [parameter value ...]
// https://redis.io/commands/config-set
pub fn set(ctx: &mut Ctx, args: &[Vec<u8>]) -> Result<Reply> {
    if !args.len().is_multiple_of(2) {
        return Err(Error::Syntax);
    }
    let pairs: Vec<(&[u8], &[u8])> = args[2..]
        .chunks(2)
        .map(|p| (p[0].as_slice(), p[1].as_slice()))
        .collect();
    ctx.server.config.set(&pairs)?;
    ctx.client.config_changed = true;
    Ok(Reply::OK)
}

// CONFIG RESETSTAT resets the statistics INFO reports: Redis's stats counters and every
// commandstats line (sqlettuce's own counters are since start and stay: they describe
// the engine, not a measurement window).
// CONFIG RESETSTAT
// https://redis.io/commands/config-resetstat
pub fn resetstat(ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    ctx.stats.reset(ctx.server.connections_received());
    Ok(Reply::OK)
}

// CONFIG REWRITE writes the configuration file: sqlettuce runs without one, like
// redis-server started with flags only.
// CONFIG REWRITE
// https://redis.io/commands/config-rewrite
pub fn rewrite(_ctx: &mut Ctx, _args: &[Vec<u8>]) -> Result<Reply> {
    Err(Error::NoConfigFile)
}
