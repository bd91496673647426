package goengine

import (
	"strconv"

	"sqlettuce/go/internal/resp"
)

// CONFIG GET returns the parameters matching any of the glob patterns (matched without
// regard to case, as Redis does), in the contract's order.
// CONFIG GET parameter [parameter ...]
// https://redis.io/commands/config-get
func cmdConfigGet(c *cmd) (resp.Value, error) {
	params := []struct{ name, value string }{
		{"save", ""}, {"appendonly", "no"}, {"appendfsync", "everysec"},
		{"databases", strconv.Itoa(numDatabases)}, {"port", strconv.Itoa(c.e.opts.Port)},
		{"bind", c.e.opts.Bind}, {"maxclients", "10000"}, {"timeout", "0"},
	}
	var kv []resp.Value
	for _, p := range params {
		for _, pat := range c.argv[2:] {
			if globMatch(cString(pat), []byte(p.name), true) {
				kv = append(kv, resp.BulkString(p.name), resp.BulkString(p.value))
				break
			}
		}
	}
	return resp.Map(kv...), nil
}
