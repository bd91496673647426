package goengine

import (
	"os"
	"strconv"
	"time"

	"sqlettuce/go/internal/resp"
)

// redisVersion is the version sqlettuce claims (docs/engine-contract.md).
const redisVersion = "7.0.15"

// infoSections are INFO's sections in the contract's order.
var infoSections = []string{"server", "clients", "sqlettuce", "keyspace"}

// INFO returns server information in the sections the contract defines.
// INFO [section [section ...]]
// https://redis.io/commands/info
func cmdInfo(c *cmd) (resp.Value, error) {
	want := map[string]bool{}
	all := len(c.argv) == 1
	for _, a := range c.argv[1:] {
		s := string(lowerBytes(a))
		if s == "default" || s == "all" || s == "everything" {
			all = true
		}
		want[s] = true
	}
	var b []byte
	for _, sec := range infoSections {
		if !all && !want[sec] {
			continue
		}
		if len(b) > 0 {
			b = append(b, "\r\n"...)
		}
		var err error
		if b, err = c.infoSection(b, sec); err != nil {
			return resp.Value{}, err
		}
	}
	// Text for people: a verbatim string in RESP3, as Redis 7.0 sends INFO.
	return resp.Verbatim(nonNil(b)), nil
}

func (c *cmd) infoSection(b []byte, sec string) ([]byte, error) {
	e := c.e
	line := func(k, v string) {
		b = append(b, k...)
		b = append(b, ':')
		b = append(b, v...)
		b = append(b, "\r\n"...)
	}
	num := func(k string, v int64) { line(k, strconv.FormatInt(v, 10)) }
	switch sec {
	case "server":
		up := int64(time.Since(e.started).Seconds())
		b = append(b, "# Server\r\n"...)
		line("redis_version", redisVersion)
		line("redis_mode", "standalone")
		line("os", "Linux")
		line("arch_bits", "64")
		num("process_id", int64(os.Getpid()))
		line("run_id", e.runID)
		num("tcp_port", int64(e.opts.Port))
		num("server_time_usec", time.Now().UnixMicro())
		num("uptime_in_seconds", up)
		num("uptime_in_days", up/86400)
	case "clients":
		b = append(b, "# Clients\r\n"...)
		num("connected_clients", e.clients.Load())
		line("blocked_clients", "0")
		line("maxclients", "10000")
	case "sqlettuce":
		b = append(b, "# Sqlettuce\r\n"...)
		line("engine", "go")
		line("crossing", "none")
		line("sqlite_version", e.sqliteVersion)
		line("db_path", e.opts.Path)
		// No engine crossing here: the cgo calls are go-sqlite3's, several per statement.
		commands, transactions := e.stats.commands.Load(), e.stats.transactions.Load()
		num("crossings", 0)
		num("commands", commands)
		num("transactions", transactions)
		num("sqlite_statements", e.stats.statements.Load())
		line("commands_per_crossing", ratio(commands, 0))
		line("commands_per_transaction", ratio(commands, transactions))
	case "keyspace":
		b = append(b, "# Keyspace\r\n"...)
		rows, err := c.q.KeyspaceStats(c.ctx, c.now)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			line("db"+strconv.FormatInt(r.Db, 10), "keys="+strconv.FormatInt(r.Keys, 10)+
				",expires="+strconv.FormatInt(r.Expires, 10)+",avg_ttl=0")
		}
	}
	return b, nil
}

func lowerBytes(b []byte) []byte {
	out := make([]byte, len(b))
	for i, ch := range b {
		out[i] = lowerByte(ch)
	}
	return out
}

// ratio is a/b with two decimals, "0.00" when b is 0 (INFO's per-crossing and
// per-transaction figures).
func ratio(a, b int64) string {
	if b == 0 {
		return "0.00"
	}
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64)
}
