package goengine

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"sqlettuce/go/internal/resp"
)

// redisVersion is the version sqlettuce claims (docs/engine-contract.md).
const redisVersion = "7.0.15"

// infoSections are INFO's sections in the contract's order; INFO with no argument (or
// default) gives them all but commandstats, which all and everything add (as Redis 7.0).
var infoSections = []string{"server", "clients", "memory", "persistence", "stats",
	"replication", "cpu", "modules", "commandstats", "errorstats", "cluster", "sqlettuce",
	"keyspace"}

// INFO returns server information in the sections the contract defines.
// INFO [section [section ...]]
// https://redis.io/commands/info
func cmdInfo(c *cmd) (resp.Value, error) {
	want := map[string]bool{}
	all, byDefault := false, len(c.argv) == 1
	for _, a := range c.argv[1:] {
		s := string(lowerBytes(a))
		switch s {
		case "all", "everything":
			all, byDefault = true, true
		case "default":
			byDefault = true
		}
		want[s] = true
	}
	var b []byte
	for _, sec := range infoSections {
		if !(byDefault && (all || sec != "commandstats")) && !want[sec] {
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
	zeros := func(keys ...string) {
		for _, k := range keys {
			line(k, "0")
		}
	}
	cfg := e.config
	switch sec {
	case "server":
		up := int64(time.Since(e.started).Seconds())
		exe, _ := os.Executable()
		b = append(b, "# Server\r\n"...)
		line("redis_version", redisVersion)
		line("redis_git_sha1", "00000000")
		zeros("redis_git_dirty", "redis_build_id")
		line("redis_mode", "standalone")
		line("os", "Linux")
		line("arch_bits", "64")
		line("monotonic_clock", "POSIX clock_gettime")
		line("multiplexing_api", "epoll")
		num("process_id", int64(os.Getpid()))
		line("process_supervised", "no")
		line("run_id", e.runID)
		num("tcp_port", int64(e.opts.Port))
		num("server_time_usec", time.Now().UnixMicro())
		num("uptime_in_seconds", up)
		num("uptime_in_days", up/86400)
		num("hz", cfg.int("hz"))
		num("configured_hz", cfg.int("hz"))
		line("executable", exe)
		line("config_file", "")
		zeros("io_threads_active")
	case "clients":
		b = append(b, "# Clients\r\n"...)
		num("connected_clients", int64(e.registry.count()))
		zeros("cluster_connections")
		num("maxclients", cfg.int("maxclients"))
		zeros("client_recent_max_input_buffer", "client_recent_max_output_buffer")
		num("blocked_clients", e.registry.blocked.Load())
		zeros("tracking_clients", "clients_in_timeout_table")
	case "memory":
		// The process's resident memory: SQLite's page caches are most of it, and they
		// are what a sqlettuce server's memory is for.
		rss := procStatusBytes("/proc/self/status", "VmRSS")
		peak := max(procStatusBytes("/proc/self/status", "VmHWM"), rss)
		total := procStatusBytes("/proc/meminfo", "MemTotal")
		maxmem := max(cfg.int("maxmemory"), 0)
		b = append(b, "# Memory\r\n"...)
		for _, f := range []struct {
			name string
			n    int64
		}{{"used_memory", rss}, {"used_memory_rss", rss}, {"used_memory_peak", peak},
			{"total_system_memory", total}, {"maxmemory", maxmem}} {
			num(f.name, f.n)
			line(f.name+"_human", humanBytes(f.n))
		}
		line("maxmemory_policy", cfg.get("maxmemory-policy"))
		line("mem_fragmentation_ratio", "1.00")
		line("mem_allocator", "libc")
		zeros("lazyfree_pending_objects")
	case "persistence":
		// Every write is committed to the SQLite file before its reply: nothing is ever
		// pending a save, and there is no fork.
		aof := "0"
		if cfg.get("appendonly") == "yes" {
			aof = "1"
		}
		b = append(b, "# Persistence\r\n"...)
		zeros("loading", "async_loading", "rdb_changes_since_last_save", "rdb_bgsave_in_progress")
		num("rdb_last_save_time", time.Now().Unix()-int64(time.Since(e.started).Seconds()))
		line("rdb_last_bgsave_status", "ok")
		line("rdb_last_bgsave_time_sec", "-1")
		line("rdb_current_bgsave_time_sec", "-1")
		zeros("rdb_saves")
		line("aof_enabled", aof)
		zeros("aof_rewrite_in_progress", "aof_rewrite_scheduled")
		line("aof_last_rewrite_time_sec", "-1")
		line("aof_current_rewrite_time_sec", "-1")
		line("aof_last_bgrewrite_status", "ok")
		zeros("aof_rewrites")
		line("aof_last_write_status", "ok")
		zeros("module_fork_in_progress")
	case "stats":
		b = append(b, "# Stats\r\n"...)
		num("total_connections_received", e.nextClientID.Load()-e.stats.connectionsAtReset.Load())
		num("total_commands_processed", e.stats.commandsProcessed())
		zeros("instantaneous_ops_per_sec", "total_net_input_bytes", "total_net_output_bytes")
		num("rejected_connections", e.stats.rejectedConnections.Load())
		num("expired_keys", e.stats.expiredKeys.Load())
		zeros("evicted_keys", "evicted_clients")
		num("keyspace_hits", e.stats.keyspaceHits.Load())
		num("keyspace_misses", e.stats.keyspaceMisses.Load())
		num("pubsub_channels", e.pubsubChannels.Load())
		num("pubsub_patterns", e.pubsubPatterns.Load())
		zeros("latest_fork_usec", "total_forks", "total_error_replies")
	case "replication":
		b = append(b, "# Replication\r\n"...)
		line("role", "master")
		zeros("connected_slaves")
		line("master_failover_state", "no-failover")
		line("master_replid", e.runID)
		line("master_replid2", strings.Repeat("0", 40))
		zeros("master_repl_offset")
		line("second_repl_offset", "-1")
		zeros("repl_backlog_active")
		line("repl_backlog_size", "1048576")
		zeros("repl_backlog_first_byte_offset", "repl_backlog_histlen")
	case "cpu":
		user, sys := cpuSeconds()
		b = append(b, "# CPU\r\n"...)
		line("used_cpu_sys", strconv.FormatFloat(sys, 'f', 6, 64))
		line("used_cpu_user", strconv.FormatFloat(user, 'f', 6, 64))
		line("used_cpu_sys_children", "0.000000")
		line("used_cpu_user_children", "0.000000")
	case "modules":
		b = append(b, "# Modules\r\n"...)
	case "commandstats":
		// One line per command called (or refused) since start or CONFIG RESETSTAT.
		b = append(b, "# Commandstats\r\n"...)
		names := make([]*command, 0, 16)
		for _, cm := range commandList {
			cs := &e.stats.byCommand[cm.index]
			if cs.calls.Load()+cs.rejected.Load()+cs.failed.Load() > 0 {
				names = append(names, cm)
			}
		}
		sort.Slice(names, func(i, j int) bool { return names[i].name < names[j].name })
		for _, cm := range names {
			cs := &e.stats.byCommand[cm.index]
			calls, usec := cs.calls.Load(), cs.usec.Load()
			perCall := 0.0
			if calls > 0 {
				perCall = float64(usec) / float64(calls)
			}
			line("cmdstat_"+cm.name, fmt.Sprintf("calls=%d,usec=%d,usec_per_call=%.2f,rejected_calls=%d,failed_calls=%d",
				calls, usec, perCall, cs.rejected.Load(), cs.failed.Load()))
		}
	case "errorstats":
		b = append(b, "# Errorstats\r\n"...)
	case "cluster":
		b = append(b, "# Cluster\r\n"...)
		zeros("cluster_enabled")
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

// procStatusBytes is a "Field:  1234 kB" line of a /proc file, in bytes (0 if unreadable).
func procStatusBytes(file, field string) int64 {
	data, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(l, field+":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		if err != nil {
			return 0
		}
		return kb * 1024
	}
	return 0
}

// humanBytes is bytesToHuman: B, then K, M, G, T, P with two decimals.
func humanBytes(n int64) string {
	if n < 1024 {
		return strconv.FormatInt(n, 10) + "B"
	}
	units := "KMGTP"
	i := 0
	for i+1 < len(units) && n >= int64(1)<<(10*(i+2)) {
		i++
	}
	return strconv.FormatFloat(float64(n)/float64(int64(1)<<(10*(i+1))), 'f', 2, 64) + units[i:i+1]
}

// cpuSeconds is utime and stime of /proc/self/stat, in seconds (ticks of 1/100 s).
func cpuSeconds() (user, sys float64) {
	data, _ := os.ReadFile("/proc/self/stat")
	s := string(data)
	if i := strings.LastIndexByte(s, ')'); i >= 0 {
		s = s[i+1:]
	}
	f := strings.Fields(s)
	tick := func(i int) float64 {
		if i >= len(f) {
			return 0
		}
		v, _ := strconv.ParseFloat(f[i], 64)
		return v / 100
	}
	return tick(11), tick(12)
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
