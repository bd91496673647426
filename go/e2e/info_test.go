package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

// infoLayout is docs/engine-contract.md's INFO: sections in order, fields in order.
var infoLayout = []struct {
	section string
	fields  []string
}{
	{"Server", []string{"redis_version", "redis_git_sha1", "redis_git_dirty", "redis_build_id",
		"redis_mode", "os", "arch_bits", "monotonic_clock", "multiplexing_api", "process_id",
		"process_supervised", "run_id", "tcp_port", "server_time_usec", "uptime_in_seconds",
		"uptime_in_days", "hz", "configured_hz", "executable", "config_file", "io_threads_active"}},
	{"Clients", []string{"connected_clients", "cluster_connections", "maxclients",
		"client_recent_max_input_buffer", "client_recent_max_output_buffer", "blocked_clients",
		"tracking_clients", "clients_in_timeout_table"}},
	{"Memory", []string{"used_memory", "used_memory_human", "used_memory_rss",
		"used_memory_rss_human", "used_memory_peak", "used_memory_peak_human", "total_system_memory",
		"total_system_memory_human", "maxmemory", "maxmemory_human", "maxmemory_policy",
		"mem_fragmentation_ratio", "mem_allocator", "lazyfree_pending_objects"}},
	{"Persistence", []string{"loading", "async_loading", "rdb_changes_since_last_save",
		"rdb_bgsave_in_progress", "rdb_last_save_time", "rdb_last_bgsave_status",
		"rdb_last_bgsave_time_sec", "rdb_current_bgsave_time_sec", "rdb_saves", "aof_enabled",
		"aof_rewrite_in_progress", "aof_rewrite_scheduled", "aof_last_rewrite_time_sec",
		"aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_rewrites",
		"aof_last_write_status", "module_fork_in_progress"}},
	{"Stats", []string{"total_connections_received", "total_commands_processed",
		"instantaneous_ops_per_sec", "total_net_input_bytes", "total_net_output_bytes",
		"rejected_connections", "expired_keys", "evicted_keys", "evicted_clients", "keyspace_hits",
		"keyspace_misses", "pubsub_channels", "pubsub_patterns", "latest_fork_usec", "total_forks",
		"total_error_replies"}},
	{"Replication", []string{"role", "connected_slaves", "master_failover_state", "master_replid",
		"master_replid2", "master_repl_offset", "second_repl_offset", "repl_backlog_active",
		"repl_backlog_size", "repl_backlog_first_byte_offset", "repl_backlog_histlen"}},
	{"CPU", []string{"used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children"}},
	{"Modules", []string{}},
	{"Errorstats", []string{}},
	{"Cluster", []string{"cluster_enabled"}},
	{"Sqlettuce", []string{"engine", "crossing", "sqlite_version", "db_path", "crossings", "commands",
		"transactions", "sqlite_statements", "commands_per_crossing", "commands_per_transaction"}},
	{"Keyspace", nil},
}

// everySection is what INFO and INFO default give; all and everything add Commandstats
// (as Redis 7.0).
var everySection = []string{"Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Sqlettuce", "Keyspace"}

var allSections = []string{"Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Cluster", "Sqlettuce", "Keyspace"}

// TestInfo checks INFO's layout and values against the contract, per path.
func TestInfo(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		body := func(args ...string) string {
			t.Helper()
			raw := c.do(args...)
			v := mustParse(t, raw)
			if v.kind != '$' || v.null {
				t.Fatalf("%q: want a bulk string, got %q", args, clip(raw))
			}
			return v.str
		}

		// Empty keyspace: the section header alone.
		full := body("INFO")
		if !strings.HasSuffix(full, "\r\n\r\n# Keyspace\r\n") {
			t.Errorf("INFO on an empty store must end with an empty # Keyspace section:\n%q", full)
		}
		// Layout: "# Name\r\n" then "field:value\r\n" lines; sections separated by "\r\n".
		sections := strings.Split(strings.TrimSuffix(full, "\r\n"), "\r\n\r\n")
		if len(sections) != len(infoLayout) {
			t.Fatalf("INFO: want %d sections separated by one empty line, got %d:\n%s", len(infoLayout), len(sections), full)
		}
		values := map[string]string{}
		for i, sec := range sections {
			lines := strings.Split(sec, "\r\n")
			if lines[0] != "# "+infoLayout[i].section {
				t.Errorf("INFO section %d: want header %q, got %q", i, "# "+infoLayout[i].section, lines[0])
				continue
			}
			var names []string
			for _, l := range lines[1:] {
				k, v, ok := strings.Cut(l, ":")
				if !ok {
					t.Errorf("INFO %s: line %q is not field:value", infoLayout[i].section, l)
				}
				names = append(names, k)
				values[k] = v
			}
			if infoLayout[i].fields != nil && strings.Join(names, ",") != strings.Join(infoLayout[i].fields, ",") {
				t.Errorf("INFO %s fields:\n want %v\n got  %v", infoLayout[i].section, infoLayout[i].fields, names)
			}
		}
		engine, crossing := "go", "none"
		if strings.HasPrefix(p.name, "rust/") {
			engine, crossing = "rust", strings.TrimPrefix(p.name, "rust/")
		}
		exact := map[string]string{
			"redis_version": "7.0.15", "redis_mode": "standalone", "os": "Linux", "arch_bits": "64",
			"process_id": strconv.Itoa(s.cmd.Process.Pid), "tcp_port": strconv.Itoa(s.port),
			"blocked_clients": "0", "maxclients": "10000",
			"engine": engine, "crossing": crossing, "db_path": s.db,
		}
		for k, want := range exact {
			if values[k] != want {
				t.Errorf("INFO %s: want %q, got %q", k, want, values[k])
			}
		}
		for k, re := range map[string]string{
			"run_id": `^[0-9a-f]{40}$`, "server_time_usec": `^[0-9]{16}$`, "uptime_in_seconds": `^[0-9]+$`,
			"uptime_in_days": `^[0-9]+$`, "connected_clients": `^[1-9][0-9]*$`, "sqlite_version": `^3\.[0-9]+\.[0-9]+$`,
			"crossings": `^[0-9]+$`, "commands": `^[1-9][0-9]*$`, "transactions": `^[0-9]+$`,
			"sqlite_statements": `^[0-9]+$`, "commands_per_crossing": `^[0-9]+\.[0-9]{2}$`,
			"commands_per_transaction": `^[0-9]+\.[0-9]{2}$`,
		} {
			if !regexpMatch(re, values[k]) {
				t.Errorf("INFO %s: %q does not match %s", k, values[k], re)
			}
		}

		// Keyspace lists databases with live keys, in index order.
		for _, args := range [][]string{
			{"SELECT", "3"}, {"SET", "a", "1"}, {"SET", "b", "2", "EX", "100000"},
			{"SELECT", "0"}, {"SET", "a", "1"}, {"SELECT", "12"}, {"SET", "x", "1", "PX", "100000000"},
		} {
			c.do(args...)
		}
		want := "# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\ndb3:keys=2,expires=1,avg_ttl=0\r\ndb12:keys=1,expires=1,avg_ttl=0\r\n"
		if got := body("INFO", "keyspace"); got != want {
			t.Errorf("INFO keyspace:\n want %q\n got  %q", want, got)
		}
		// Section selection: case-insensitive, contract order, unknown names ignored.
		for _, tc := range []struct {
			args []string
			want []string
		}{
			{[]string{"INFO", "default"}, everySection},
			{[]string{"INFO", "all"}, allSections},
			{[]string{"INFO", "everything"}, allSections},
			{[]string{"INFO", "commandstats", "server"}, []string{"Server", "Commandstats"}},
			{[]string{"INFO", "server"}, []string{"Server"}},
			{[]string{"INFO", "KEYSPACE", "Server"}, []string{"Server", "Keyspace"}},
			{[]string{"INFO", "clients", "nosuch", "sqlettuce"}, []string{"Clients", "Sqlettuce"}},
			{[]string{"INFO", "nosuch"}, nil},
		} {
			b := body(tc.args...)
			_, got := infoFields(b)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%q: want sections %v, got %v", tc.args, tc.want, got)
			}
			if tc.want == nil && b != "" {
				t.Errorf("%q: want the empty bulk string, got %q", tc.args, b)
			}
		}
	})
}

// specCommand is one entry of spec/commands.json, the one command table.
type specCommand struct {
	Name          string        `json:"name"`
	Arity         int64         `json:"arity"`
	Flags         []string      `json:"flags"`
	FirstKey      int64         `json:"first_key"`
	LastKey       int64         `json:"last_key"`
	Step          int64         `json:"step"`
	ACLCategories []string      `json:"acl_categories"`
	Summary       string        `json:"summary"`
	Since         string        `json:"since"`
	Group         string        `json:"group"`
	Complexity    string        `json:"complexity"`
	Subcommands   []specCommand `json:"subcommands"`
}

func loadSpec(t *testing.T) []specCommand {
	t.Helper()
	var spec struct {
		Commands []specCommand `json:"commands"`
	}
	b, err := os.ReadFile(commandsJS)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	return spec.Commands
}

// checkCommandEntry compares one COMMAND INFO entry with the command table.
func checkCommandEntry(t *testing.T, e reply, sc specCommand) {
	t.Helper()
	if e.kind != '*' || len(e.arr) != 10 {
		t.Errorf("COMMAND entry for %s: want a 10-element array, got kind %q with %d elements", sc.Name, e.kind, len(e.arr))
		return
	}
	strs := func(r reply) []string {
		var out []string
		for _, x := range r.arr {
			if x.kind != '+' {
				t.Errorf("%s: flags and ACL categories must be simple strings, got %+v", sc.Name, x)
			}
			out = append(out, x.str)
		}
		return out
	}
	got := fmt.Sprint(e.arr[0].str, e.arr[1].num, strs(e.arr[2]), e.arr[3].num, e.arr[4].num, e.arr[5].num, strs(e.arr[6]))
	want := fmt.Sprint(sc.Name, sc.Arity, sc.Flags, sc.FirstKey, sc.LastKey, sc.Step, sc.ACLCategories)
	if got != want {
		t.Errorf("COMMAND INFO %s:\n want %s\n got  %s", sc.Name, want, got)
	}
	if e.arr[7].kind != '*' || len(e.arr[7].arr) != 0 || e.arr[8].kind != '*' || len(e.arr[8].arr) != 0 {
		t.Errorf("COMMAND INFO %s: tips and key specs must be empty arrays: %+v %+v", sc.Name, e.arr[7], e.arr[8])
	}
	if len(e.arr[9].arr) != len(sc.Subcommands) {
		t.Errorf("COMMAND INFO %s: %d subcommands, want %d", sc.Name, len(e.arr[9].arr), len(sc.Subcommands))
		return
	}
	for i, sub := range sc.Subcommands {
		checkCommandEntry(t, e.arr[9].arr[i], sub)
	}
}

// TestCommandTable: COMMAND, COMMAND COUNT, COMMAND INFO and COMMAND DOCS follow
// spec/commands.json.
func TestCommandTable(t *testing.T) {
	spec := loadSpec(t)
	byName := map[string]specCommand{}
	for _, sc := range spec {
		byName[sc.Name] = sc
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		if got, want := c.do("COMMAND", "COUNT"), fmt.Sprintf(":%d\r\n", len(spec)); got != want {
			t.Errorf("COMMAND COUNT: want %q (entries in spec/commands.json), got %q", want, got)
		}
		all := mustParse(t, c.do("COMMAND"))
		if len(all.arr) != len(spec) {
			t.Errorf("COMMAND: %d entries, want %d", len(all.arr), len(spec))
		}
		seen := map[string]bool{}
		for _, e := range all.arr {
			if len(e.arr) == 0 {
				continue
			}
			name := e.arr[0].str
			sc, ok := byName[name]
			if !ok {
				t.Errorf("COMMAND lists %q, which is not in spec/commands.json", name)
				continue
			}
			seen[name] = true
			checkCommandEntry(t, e, sc)
		}
		if len(seen) != len(spec) {
			t.Errorf("COMMAND lists %d distinct commands, want %d", len(seen), len(spec))
		}
		// COMMAND INFO: case-insensitive, a null array for unknown names.
		info := mustParse(t, c.do("COMMAND", "INFO", "GET", "nosuch", "client", "Set"))
		if len(info.arr) != 4 {
			t.Fatalf("COMMAND INFO GET nosuch client Set: %d entries", len(info.arr))
		}
		checkCommandEntry(t, info.arr[0], byName["get"])
		if info.arr[1].kind != '$' || !info.arr[1].null {
			t.Errorf("COMMAND INFO nosuch: want a null ($-1, as Redis 7.0), got %+v", info.arr[1])
		}
		checkCommandEntry(t, info.arr[2], byName["client"])
		checkCommandEntry(t, info.arr[3], byName["set"])
		if got := c.do("COMMAND", "INFO", "nosuch"); got != "*1\r\n$-1\r\n" {
			t.Errorf("COMMAND INFO nosuch: want %q, got %q", "*1\r\n$-1\r\n", got)
		}
		// Subcommands resolve by their full name, as in Redis.
		sub := mustParse(t, c.do("COMMAND", "INFO", "CLIENT|SETNAME", "client|nosuch"))
		if len(sub.arr) != 2 || !sub.arr[1].null {
			t.Fatalf("COMMAND INFO CLIENT|SETNAME client|nosuch: %d entries", len(sub.arr))
		}
		for _, sc := range byName["client"].Subcommands {
			if sc.Name == "client|setname" {
				checkCommandEntry(t, sub.arr[0], sc)
			}
		}

		// COMMAND DOCS: a flat map name -> doc map; doc maps start with summary, since,
		// group, complexity.
		docs := mustParse(t, c.do("COMMAND", "DOCS", "set", "nosuch", "CLIENT"))
		if len(docs.arr) != 4 || docs.arr[0].str != "set" || docs.arr[2].str != "client" {
			t.Fatalf("COMMAND DOCS set nosuch CLIENT: want [set {...} client {...}], got %d elements", len(docs.arr))
		}
		for i, name := range []string{"set", "client"} {
			doc := docs.arr[2*i+1].arr
			sc := byName[name]
			want := []string{"summary", sc.Summary, "since", sc.Since, "group", sc.Group, "complexity", sc.Complexity}
			if len(doc) < 8 {
				t.Errorf("COMMAND DOCS %s: a doc map of %d elements", name, len(doc))
				continue
			}
			for j := range want {
				if doc[j].str != want[j] {
					t.Errorf("COMMAND DOCS %s field %d: want %q, got %q", name, j, want[j], doc[j].str)
				}
			}
		}
		setDoc := docs.arr[1].arr
		if k := setDoc[len(setDoc)-2].str; k != "arguments" {
			t.Errorf("COMMAND DOCS set: last field %q, want arguments", k)
		}
		clientDoc := docs.arr[3].arr
		if k := clientDoc[len(clientDoc)-2].str; k != "subcommands" {
			t.Errorf("COMMAND DOCS client: last field %q, want subcommands", k)
		} else if subs := clientDoc[len(clientDoc)-1].arr; len(subs) != 2*len(byName["client"].Subcommands) || subs[0].str != "client|id" {
			var names []string
			for i := 0; i < len(subs); i += 2 {
				names = append(names, subs[i].str)
			}
			t.Errorf("COMMAND DOCS client subcommands: want the %d of spec/commands.json starting with client|id, got %q",
				len(byName["client"].Subcommands), names)
		}
		alldocs := mustParse(t, c.do("COMMAND", "DOCS"))
		if len(alldocs.arr) != 2*len(spec) {
			t.Errorf("COMMAND DOCS: %d map entries, want %d", len(alldocs.arr)/2, len(spec))
		}
	})
}

// TestConfigGet: the contract's parameters, in its order, with glob patterns.
func TestConfigGet(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		port := strconv.Itoa(s.port)
		bulk := func(xs ...string) string {
			out := fmt.Sprintf("*%d\r\n", len(xs))
			for _, x := range xs {
				out += fmt.Sprintf("$%d\r\n%s\r\n", len(x), x)
			}
			return out
		}
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"CONFIG", "GET", "timeout", "save"}, bulk("save", "", "timeout", "0")},
			// A plain name echoes the name as given, as Redis 7.0 does.
			{[]string{"CONFIG", "GET", "PORT"}, bulk("PORT", port)},
			{[]string{"CONFIG", "GET", "port"}, bulk("port", port)},
			{[]string{"CONFIG", "GET", "nosuch"}, "*0\r\n"},
		} {
			if got := c.do(tc.args...); got != tc.want {
				t.Errorf("%q:\n want %q\n got  %q", tc.args, tc.want, clip(got))
			}
		}
		// Globs: the table's order, the contract's parameters first; each name once.
		first := []string{"save", "", "appendonly", "no", "appendfsync", "everysec",
			"databases", "16", "port", port, "bind", "127.0.0.1", "maxclients", "10000", "timeout", "0"}
		for _, args := range [][]string{{"CONFIG", "GET", "*"}, {"CONFIG", "GET", "*", "port", "*e*"}} {
			v := mustParse(t, c.do(args...))
			var got []string
			seen := map[string]bool{}
			for i, x := range v.arr {
				got = append(got, x.str)
				if i%2 == 0 {
					if seen[x.str] {
						t.Errorf("%q: %s twice", args, x.str)
					}
					seen[x.str] = true
				}
			}
			if len(got) < len(first) || strings.Join(got[:len(first)], ",") != strings.Join(first, ",") {
				t.Errorf("%q: want the contract's parameters first:\n want %q\n got  %q", args, first, got)
			}
			for _, name := range []string{"maxmemory", "maxmemory-policy", "requirepass",
				"hash-max-listpack-entries", "hash-max-ziplist-entries", "lua-time-limit", "busy-reply-threshold"} {
				if !seen[name] {
					t.Errorf("%q lacks %s", args, name)
				}
			}
		}
	})
}

// TestHandshake: HELLO 2 and CLIENT ID as the contract says; HELLO 4 is refused with Redis's
// text for unsupported versions, and the connection stays RESP2; HELLO 3 switches it to
// RESP3 (a map) and HELLO 2 back.
func TestHandshake(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a := s.dial(t)
		idReply := a.do("CLIENT", "ID")
		v := mustParse(t, idReply)
		if v.kind != ':' || v.num <= 0 {
			t.Fatalf("CLIENT ID: want a positive integer, got %q", idReply)
		}
		// Recorded from Redis 7.0.15, with its id replaced by this connection's.
		want := "*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n" +
			"$2\r\nid\r\n" + idReply + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"
		for _, args := range [][]string{{"HELLO"}, {"HELLO", "2"}, {"hello", "2", "SETNAME", "handshake"},
			{"HELLO", "2", "AUTH", "default", "secret"}} {
			if got := a.do(args...); got != want {
				t.Errorf("%q:\n want %q\n got  %q", args, want, got)
			}
		}
		if got := a.do("CLIENT", "GETNAME"); got != "$9\r\nhandshake\r\n" {
			t.Errorf("CLIENT GETNAME after HELLO SETNAME: %q", got)
		}
		if got, want := a.do("HELLO", "4"), "-NOPROTO unsupported protocol version\r\n"; got != want {
			t.Errorf("HELLO 4: want %q, got %q", want, got)
		}
		if got := a.do("GET", "missing"); got != "$-1\r\n" {
			t.Errorf("after HELLO 4 the connection must still speak RESP2: GET missing = %q", got)
		}
		want3 := "%7" + strings.TrimPrefix(strings.Replace(want, ":2\r\n", ":3\r\n", 1), "*14")
		if got := a.do("HELLO", "3"); got != want3 {
			t.Errorf("HELLO 3:\n want %q\n got  %q", want3, got)
		}
		if got := a.do("GET", "missing"); got != "_\r\n" {
			t.Errorf("after HELLO 3 the connection speaks RESP3: GET missing = %q", got)
		}
		if got := a.do("HELLO", "2"); got != want {
			t.Errorf("HELLO 2 back:\n want %q\n got  %q", want, got)
		}
		// go-redis sends these on connect.
		for _, args := range [][]string{{"CLIENT", "SETINFO", "LIB-NAME", "go-redis(e2e)"}, {"CLIENT", "SETINFO", "lib-ver", "9.0.0"}} {
			if got := a.do(args...); got != "+OK\r\n" {
				t.Errorf("%q: want +OK, got %q", args, got)
			}
		}
		// Ids number sessions from the engine's start: a later connection has a larger id.
		b := s.dial(t)
		w := mustParse(t, b.do("CLIENT", "ID"))
		if w.num <= v.num {
			t.Errorf("CLIENT ID of a later connection: %d, not above %d", w.num, v.num)
		}
		if got := a.do("CLIENT", "ID"); got != idReply {
			t.Errorf("CLIENT ID changed on the same connection: %q then %q", idReply, got)
		}
	})
}
