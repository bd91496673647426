package goengine

import (
	"sqlettuce/go/internal/resp"
)

// CONFIG GET returns the parameters matching any of the glob patterns (matched without
// regard to case, as Redis does), in the table's order (config.go).
// CONFIG GET parameter [parameter ...]
// https://redis.io/commands/config-get
func cmdConfigGet(c *cmd) (resp.Value, error) {
	var kv []resp.Value
	for _, s := range c.e.config.matching(c.argv[2:]) {
		kv = append(kv, resp.BulkString(s))
	}
	return resp.Map(kv...), nil
}

// CONFIG SET changes parameters, all or none.
// CONFIG SET parameter value [parameter value ...]
// https://redis.io/commands/config-set
func cmdConfigSet(c *cmd) (resp.Value, error) {
	if len(c.argv)%2 != 0 {
		return resp.Value{}, errSyntax
	}
	if err := c.e.config.set(c.argv[2:]); err != nil {
		return resp.Value{}, err
	}
	c.s.configChanged = true
	return resp.OK(), nil
}

// CONFIG RESETSTAT resets the statistics INFO reports: Redis's stats counters and every
// commandstats line (sqlettuce's own counters are since start and stay: they describe
// the engine, not a measurement window).
// CONFIG RESETSTAT
// https://redis.io/commands/config-resetstat
func cmdConfigResetstat(c *cmd) (resp.Value, error) {
	c.e.stats.reset(c.e.nextClientID.Load())
	return resp.OK(), nil
}

// CONFIG REWRITE writes the configuration file: sqlettuce runs without one, like
// redis-server started with flags only.
// CONFIG REWRITE
// https://redis.io/commands/config-rewrite
func cmdConfigRewrite(c *cmd) (resp.Value, error) { return resp.Value{}, errNoConfigFile }
