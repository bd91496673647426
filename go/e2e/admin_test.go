package e2e

import (
	"bufio"
	"strconv"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Connection administration and security: AUTH with --requirepass, NOAUTH, RESET, CLIENT
// LIST/INFO/KILL/REPLY/NO-EVICT, CONFIG GET/SET, OBJECT, MEMORY USAGE, DEBUG SLEEP and
// WAIT, on every path, against real Redis where the replies are Redis's.

// withFlags is p with extra server flags.
func withFlags(p path, flags ...string) path {
	return path{name: p.name, args: append(append([]string{}, p.args...), flags...)}
}

// scriptEnd closes a script: its reply marks where the script's replies end, since
// CLIENT REPLY OFF/SKIP leave some commands without one.
var scriptEnd = []string{"ECHO", "__end__"}

// runScript sends every command of script on one new connection, pipelined, then
// scriptEnd, and returns the exact bytes replied before scriptEnd's reply.
func runScript(t *testing.T, addr string, script [][]string) string {
	t.Helper()
	c := dial(t, addr)
	defer c.Close()
	var req []byte
	for _, args := range append(script, scriptEnd) {
		req = append(req, encode(args...)...)
	}
	c.write(req)
	var out strings.Builder
	for {
		r := c.read()
		if r == "$7\r\n__end__\r\n" {
			return out.String()
		}
		out.WriteString(r)
	}
}

// compareScript runs script on sqlettuce and on Redis and requires the same bytes.
func compareScript(t *testing.T, name string, s *server, oracle string, script [][]string) {
	t.Helper()
	want := runScript(t, oracle, script)
	got := runScript(t, s.addr(), script)
	if got != want {
		wl, gl := strings.Split(want, "\r\n"), strings.Split(got, "\r\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var w, g string
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if w != g {
				t.Fatalf("%s: first difference at reply line %d:\n redis:      %q\n sqlettuce:  %q\nredis:\n%s\nsqlettuce:\n%s",
					name, i, w, g, clip(want), clip(got))
			}
		}
	}
}

func words(lines ...string) [][]string {
	out := make([][]string, len(lines))
	for i, l := range lines {
		out[i] = strings.Fields(l)
		for j, w := range out[i] {
			if w == `""` {
				out[i][j] = ""
			}
		}
	}
	return out
}

// authScript exercises AUTH, NOAUTH, HELLO's AUTH, RESET and CONFIG SET requirepass on a
// server started with --requirepass secret.
var authScript = words(
	"PING", "GET x", "NOSUCH a", "GET", "SET k v", "CLIENT REPLY OFF", "CONFIG GET requirepass",
	"AUTH wrong", "AUTH a b", "AUTH default wrong", "AUTH a b c", "AUTH",
	"HELLO 2", "HELLO 2 AUTH default wrong", "HELLO 2 AUTH nobody secret",
	"RESET", "PING",
	"AUTH secret", "PING", "SET k v", "CLIENT SETNAME n1", "SELECT 2", "GET k",
	"RESET", "GET k", "CLIENT GETNAME",
	"AUTH default secret", "CLIENT GETNAME", "GET k",
	"CLIENT REPLY OFF", "PING", "GET k", "AUTH wrong", "CLIENT REPLY ON",
	"CLIENT REPLY SKIP", "PING", "PING", "CLIENT REPLY SKIP", "CLIENT REPLY ON", "PING",
	"CLIENT REPLY OFF", "RESET", "PING",
	"AUTH secret", "CONFIG SET requirepass newpass", "CONFIG GET requirepass", "PING", "RESET", "PING",
	"AUTH secret", "AUTH newpass", "PING",
	`CONFIG SET requirepass ""`, "AUTH x", "AUTH default anything", "AUTH foo x",
	"CONFIG GET requirepass", "RESET", "PING",
	"CONFIG SET requirepass secret", "DEL k",
)

// TestAuthAgainstRedis runs the AUTH script on every path and on Redis, both started
// with --requirepass secret, and then checks a fresh connection must AUTH first.
func TestAuthAgainstRedis(t *testing.T) {
	oracle := startOracle(t, "--requirepass", "secret")
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--requirepass", "secret"))
		compareScript(t, "auth script", s, oracle, authScript)
		fresh := words("GET k", "AUTH secret", "GET k", "HELLO 2 AUTH default secret SETNAME x", "CLIENT GETNAME")
		// HELLO's reply holds the client id: compare up to it and after it.
		want, got := runScript(t, oracle, fresh), runScript(t, s.addr(), fresh)
		cut := func(r string) string {
			i := strings.Index(r, "$2\r\nid\r\n:")
			j := strings.Index(r, "$4\r\nmode\r\n")
			if i < 0 || j < i {
				return r
			}
			return r[:i] + r[j:]
		}
		if cut(got) != cut(want) {
			t.Errorf("a fresh connection:\n redis     %q\n sqlettuce %q", want, got)
		}
	})
}

// adminScript covers CONFIG, OBJECT, MEMORY USAGE, DEBUG, WAIT, CLIENT REPLY and CLIENT
// KILL/LIST errors, where Redis's replies are the reference.
var adminScript = words(
	"SET s hello", "SET i 12345", "SET big "+strings.Repeat("x", 67), "SET e44 "+strings.Repeat("x", 44),
	"SET e45 "+strings.Repeat("x", 45), "SET neg -5", "SET lz 007", "SET i3 10000000000000000000",
	"RPUSH l a b", "HSET h f v", "HSET hbig f "+strings.Repeat("x", 65), "SADD si 1 2 -3", "SADD ss a b",
	"SADD s0 01", "ZADD z 1 a", "ZADD zbig 1 "+strings.Repeat("x", 65),
	"OBJECT ENCODING s", "OBJECT ENCODING i", "OBJECT ENCODING big", "OBJECT ENCODING e44",
	"OBJECT ENCODING e45", "OBJECT ENCODING neg", "OBJECT ENCODING lz", "OBJECT ENCODING i3",
	"OBJECT ENCODING l", "OBJECT ENCODING h", "OBJECT ENCODING hbig", "OBJECT ENCODING si",
	"OBJECT ENCODING ss", "OBJECT ENCODING s0", "OBJECT ENCODING z", "OBJECT ENCODING zbig",
	"OBJECT ENCODING nokey", "OBJECT FOO", "OBJECT HELP", "OBJECT ENCODING",
	"CONFIG SET zset-max-listpack-entries 1 hash-max-ziplist-entries 0 set-max-intset-entries 2",
	"ZADD z2 1 a 2 b", "HSET h2 a b", "SADD si2 1 2 3",
	"OBJECT ENCODING z2", "OBJECT ENCODING z", "OBJECT ENCODING h2", "OBJECT ENCODING si2",
	"CONFIG SET zset-max-listpack-entries 128 hash-max-ziplist-entries 128 set-max-intset-entries 512",
	"OBJECT FREQ s", "OBJECT FREQ nokey", "OBJECT IDLETIME s", "OBJECT REFCOUNT nokey",
	"CONFIG SET maxmemory-policy allkeys-lfu", "OBJECT FREQ nokey", "OBJECT IDLETIME s",
	"CONFIG SET maxmemory-policy noeviction",
	"MEMORY USAGE nokey", "MEMORY USAGE s SAMPLES x", "MEMORY USAGE s foo", "MEMORY USAGE",
	"WAIT 0 0", "WAIT 1 1", "WAIT x 0", "WAIT 0 x", "WAIT 0 -1", "WAIT 0",
	"DEBUG SLEEP 0", "DEBUG SLEEP 0.001", "DEBUG SLEEP", "DEBUG FOO",
	"CONFIG SET foo bar", "CONFIG SET maxmemory 10mb maxmemory-policy allkeys-lru",
	"CONFIG GET maxmemory", "CONFIG GET maxmemory-policy", "CONFIG SET maxmemory 10mb maxmemory 5",
	"CONFIG SET maxmemory abc", "CONFIG SET maxmemory 1gb", "CONFIG GET maxmemory", "CONFIG SET maxmemory 0",
	"CONFIG SET maxmemory-policy nope", "CONFIG SET maxmemory-policy noeviction",
	"CONFIG SET appendonly maybe", "CONFIG SET appendfsync foo",
	"CONFIG SET hash-max-listpack-entries 64", "CONFIG GET hash-max-ziplist-entries",
	"CONFIG GET HASH-MAX-LISTPACK-ENTRIES", "CONFIG SET hash-max-listpack-entries 128",
	"CONFIG SET hash-max-listpack-entries -1", "CONFIG SET hash-max-listpack-entries 99999999999999999999",
	"CONFIG SET notify-keyspace-events KEA", "CONFIG GET notify-keyspace-events",
	"CONFIG SET notify-keyspace-events Ex", "CONFIG GET notify-keyspace-events",
	"CONFIG SET notify-keyspace-events Q", `CONFIG SET notify-keyspace-events ""`,
	"CONFIG SET timeout -1", "CONFIG SET timeout abc", "CONFIG SET timeout 0",
	"CONFIG SET save abc", "CONFIG SET save 100", `CONFIG SET save ""`, "CONFIG GET save",
	"CONFIG SET databases 20", "CONFIG SET maxclients 0", "CONFIG SET io-threads 2",
	"CONFIG SET lua-time-limit 6000", "CONFIG GET busy-reply-threshold", "CONFIG GET lua-time-limit",
	"CONFIG SET lua-time-limit 5000", "CONFIG GET slowlog-max-len", "CONFIG GET latency-monitor-threshold",
	"CONFIG SET slowlog-log-slower-than 0 slowlog-max-len 10", "CONFIG GET slowlog-log-slower-than",
	"CONFIG SET maxmemory 5 foo", "CONFIG SET a", "CONFIG RESETSTAT", "CONFIG REWRITE",
	"CONFIG GET timeout foo", "CONFIG GET nosuch", "CONFIG GET appendfs*", "CONFIG GET appendfsync appendfs*",
	"CLIENT KILL 1.2.3.4:5", "CLIENT KILL ID 9999", "CLIENT KILL id abc", "CLIENT KILL id 0",
	"CLIENT KILL ADDR 1.2.3.4:5", "CLIENT KILL LADDR 1.2.3.4:5", "CLIENT KILL skipme maybe",
	"CLIENT KILL user nobody", "CLIENT KILL user default id 9999", "CLIENT KILL foo bar",
	"CLIENT KILL ID 1 ID", "CLIENT KILL 1.2.3.4:5 extra", "CLIENT KILL TYPE master", "CLIENT KILL TYPE foo",
	"CLIENT LIST TYPE foo", "CLIENT LIST TYPE FOO", "CLIENT LIST TYPE pubsub", "CLIENT LIST TYPE master",
	"CLIENT LIST id abc", "CLIENT LIST id 0", "CLIENT LIST id -1", "CLIENT LIST id 1.5", "CLIENT LIST ID", "CLIENT LIST ID 99999", "CLIENT LIST foo",
	"CLIENT LIST TYPE normal ID 1",
	"CLIENT NO-EVICT maybe", "CLIENT NO-EVICT on", "CLIENT NO-EVICT off", "CLIENT REPLY maybe",
	"CLIENT REPLY SKIP", "CLIENT REPLY OFF", "PING", "CLIENT REPLY SKIP", "PING", "CLIENT REPLY ON",
	"CLIENT REPLY SKIP", "GET s", "GET s", "CLIENT REPLY SKIP", "NOSUCH", "PING",
	"INFO nosuch", "RESET", "RESET x",
)

// TestAdminAgainstRedis runs adminScript on every path and on Redis.
func TestAdminAgainstRedis(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		oracle := startOracle(t, "--enable-debug-command", "yes") // fresh settings per path
		s := startServer(t, p)
		compareScript(t, "admin script", s, oracle, adminScript)
	})
}

// clientFields parses a CLIENT LIST line into its field names (in order) and values.
func clientFields(t *testing.T, line string) ([]string, map[string]string) {
	t.Helper()
	var names []string
	values := map[string]string{}
	for _, kv := range strings.Split(line, " ") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("CLIENT LIST field %q is not name=value in %q", kv, line)
		}
		names = append(names, k)
		values[k] = v
	}
	return names, values
}

// bulk reads a bulk string reply's body.
func bulk(t *testing.T, raw string) string {
	t.Helper()
	v := mustParse(t, raw)
	if v.kind != '$' || v.null {
		t.Fatalf("want a bulk string, got %q", clip(raw))
	}
	return v.str
}

// TestClientListAndKill checks CLIENT LIST/INFO's fields (names and order from real
// Redis's CLIENT INFO) and values, and that CLIENT KILL really closes the connections it
// names: the victim sees the connection end.
func TestClientListAndKill(t *testing.T) {
	oracle := dial(t, startOracle(t))
	redisNames, _ := clientFields(t, strings.TrimSuffix(bulk(t, oracle.do("CLIENT", "INFO")), "\n"))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		a, b := s.dial(t), s.dial(t)
		if r := a.do("CLIENT", "SETNAME", "alpha"); r != "+OK\r\n" {
			t.Fatalf("CLIENT SETNAME: %q", r)
		}
		a.do("SELECT", "3")
		aID := mustParse(t, a.do("CLIENT", "ID")).num
		bID := mustParse(t, b.do("CLIENT", "ID")).num
		list := bulk(t, b.do("CLIENT", "LIST"))
		if !strings.HasSuffix(list, "\n") {
			t.Fatalf("CLIENT LIST must end each line with \\n: %q", list)
		}
		// (The readiness probe's connection may still be listed: its close is asynchronous.)
		lines := strings.Split(strings.TrimSuffix(list, "\n"), "\n")
		seen := map[int64]map[string]string{}
		for _, l := range lines {
			names, v := clientFields(t, l)
			if strings.Join(names, " ") != strings.Join(redisNames, " ") {
				t.Errorf("CLIENT LIST fields:\n want %v\n got  %v", redisNames, names)
			}
			id, _ := strconv.ParseInt(v["id"], 10, 64)
			seen[id] = v
		}
		av, bv := seen[aID], seen[bID]
		if av == nil || bv == nil {
			t.Fatalf("CLIENT LIST lacks id %d or %d:\n%s", aID, bID, list)
		}
		for k, want := range map[string]string{"name": "alpha", "db": "3", "cmd": "client|id",
			"addr": a.c.LocalAddr().String(), "laddr": s.addr(), "flags": "N", "user": "default",
			"resp": "2", "multi": "-1", "sub": "0", "psub": "0"} {
			if av[k] != want {
				t.Errorf("CLIENT LIST %s of the other client: want %q, got %q", k, want, av[k])
			}
		}
		if bv["cmd"] != "client|list" || bv["addr"] != b.c.LocalAddr().String() || bv["db"] != "0" {
			t.Errorf("CLIENT LIST line of the caller: %v", bv)
		}
		for _, k := range []string{"fd", "age", "idle"} {
			if n, err := strconv.Atoi(av[k]); err != nil || n < 0 {
				t.Errorf("CLIENT LIST %s: want a number >= 0, got %q", k, av[k])
			}
		}
		info := bulk(t, a.do("CLIENT", "INFO"))
		_, iv := clientFields(t, strings.TrimSuffix(info, "\n"))
		if iv["id"] != strconv.FormatInt(aID, 10) || iv["cmd"] != "client|info" || iv["name"] != "alpha" {
			t.Errorf("CLIENT INFO: %q", info)
		}
		only := bulk(t, b.do("CLIENT", "LIST", "ID", strconv.FormatInt(aID, 10), "12345"))
		if strings.Count(only, "\n") != 1 || !strings.HasPrefix(only, "id="+strconv.FormatInt(aID, 10)+" ") {
			t.Errorf("CLIENT LIST ID %d: %q", aID, only)
		}

		// New form by address: one killed, the victim's connection ends.
		if r := b.do("CLIENT", "KILL", "ADDR", a.c.LocalAddr().String(), "SKIPME", "yes"); r != ":1\r\n" {
			t.Fatalf("CLIENT KILL ADDR: want :1, got %q", r)
		}
		if closed, extra := a.expectClosed(ioTimeout); !closed {
			t.Fatalf("the killed connection stayed open (sent %q)", extra)
		}
		if r := b.do("CLIENT", "KILL", "ID", strconv.FormatInt(aID, 10)); r != ":0\r\n" {
			t.Errorf("CLIENT KILL of a killed client: want :0, got %q", r)
		}
		if l := bulk(t, b.do("CLIENT", "LIST")); strings.Contains(l, "name=alpha") {
			t.Errorf("CLIENT LIST still shows the killed client:\n%s", l)
		}
		// Old form by ip:port.
		c := s.dial(t)
		c.do("PING")
		if r := b.do("CLIENT", "KILL", c.c.LocalAddr().String()); r != "+OK\r\n" {
			t.Fatalf("CLIENT KILL ip:port: want +OK, got %q", r)
		}
		if closed, extra := c.expectClosed(ioTimeout); !closed {
			t.Fatalf("the connection killed by address stayed open (sent %q)", extra)
		}
		// SKIPME yes (the default) spares the caller; SKIPME no kills it after its reply.
		d := s.dial(t)
		d.do("PING")
		if r := b.do("CLIENT", "KILL", "LADDR", s.addr()); r != ":1\r\n" {
			t.Errorf("CLIENT KILL LADDR: want :1 (the other client only), got %q", r)
		}
		if closed, _ := d.expectClosed(ioTimeout); !closed {
			t.Errorf("the connection killed by LADDR stayed open")
		}
		if r := b.do("CLIENT", "KILL", "ID", strconv.FormatInt(bID, 10), "SKIPME", "no"); r != ":1\r\n" {
			t.Fatalf("CLIENT KILL of itself: want :1, got %q", r)
		}
		if closed, extra := b.expectClosed(ioTimeout); !closed {
			t.Fatalf("a client that killed itself stayed open (sent %q)", extra)
		}
		// Killed clients are neither listed nor counted, whenever their goroutines end.
		e := s.dial(t)
		l := bulk(t, e.do("CLIENT", "LIST"))
		for _, id := range []int64{aID, bID} {
			if strings.Contains(l, "id="+strconv.FormatInt(id, 10)+" ") {
				t.Errorf("CLIENT LIST still shows killed client %d:\n%s", id, l)
			}
		}
		if v := infoValue(t, e, "clients", "connected_clients"); v == "" || v == "0" {
			t.Errorf("INFO connected_clients: want at least this client, got %q", v)
		}
	})
}

// infoValue is one field of INFO section.
func infoValue(t *testing.T, c *conn, section, field string) string {
	t.Helper()
	fields, _ := infoFields(bulk(t, c.do("INFO", section)))
	return fields[field]
}

// TestClientReplyRaw checks CLIENT REPLY OFF and SKIP leave no reply bytes at all on the
// wire, in one pipelined batch and across batches.
func TestClientReplyRaw(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		c.write(append(encode("CLIENT", "REPLY", "OFF"), encode("SET", "a", "1")...))
		c.write(encode("INCR", "a"))
		c.write(append(encode("CLIENT", "REPLY", "ON"), encode("GET", "a")...))
		if r := c.read(); r != "+OK\r\n" {
			t.Fatalf("after CLIENT REPLY OFF, SET, INCR, REPLY ON: want +OK first, got %q", r)
		}
		if r := c.read(); r != "$1\r\n2\r\n" {
			t.Fatalf("GET after REPLY ON: want 2, got %q", r)
		}
		c.write(encode("CLIENT", "REPLY", "SKIP"))
		c.write(encode("INCR", "a"))
		c.write(encode("INCR", "a"))
		if r := c.read(); r != ":4\r\n" {
			t.Fatalf("CLIENT REPLY SKIP must drop exactly the next reply: got %q", r)
		}
	})
}

// TestAdminGoRedis drives AUTH, CONFIG, INFO, CLIENT LIST/INFO/KILL and OBJECT through
// go-redis v9 (RESP2), against servers started with --requirepass.
func TestAdminGoRedis(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--requirepass", "secret"))
		ctx := ctxT(t)
		anon := newClient(t, s, 0)
		if err := anon.Ping(ctx).Err(); err == nil || err.Error() != "NOAUTH Authentication required." {
			t.Fatalf("PING without AUTH: want NOAUTH, got %v", err)
		}
		wrong := redis.NewClient(&redis.Options{Addr: s.addr(), Protocol: 2, Password: "nope", MaxRetries: -1})
		defer wrong.Close()
		if err := wrong.Ping(ctx).Err(); err == nil || !strings.HasPrefix(err.Error(), "WRONGPASS") {
			t.Fatalf("a wrong password: want WRONGPASS, got %v", err)
		}
		rdb := redis.NewClient(&redis.Options{Addr: s.addr(), Protocol: 2, Password: "secret",
			ClientName: "gr", MaxRetries: -1, ReadTimeout: ioTimeout})
		defer rdb.Close()
		if err := rdb.Ping(ctx).Err(); err != nil {
			t.Fatalf("PING with the password: %v", err)
		}
		if err := rdb.ConfigSet(ctx, "maxmemory", "10mb").Err(); err != nil {
			t.Fatal(err)
		}
		got, err := rdb.ConfigGet(ctx, "maxmemory").Result()
		if err != nil || got["maxmemory"] != "10485760" {
			t.Fatalf("CONFIG GET maxmemory after SET 10mb: %v %v", got, err)
		}
		got, err = rdb.ConfigGet(ctx, "*-max-*-entries").Result()
		if err != nil || got["hash-max-listpack-entries"] != "512" || got["zset-max-ziplist-entries"] != "128" {
			t.Fatalf("CONFIG GET *-max-*-entries: %v %v", got, err)
		}
		if err := rdb.ConfigSet(ctx, "nosuch", "1").Err(); err == nil ||
			err.Error() != "ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'" {
			t.Errorf("CONFIG SET nosuch: %v", err)
		}
		info, err := rdb.Info(ctx, "server", "clients", "replication", "keyspace").Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"# Server\r\n", "redis_version:7.0.15\r\n", "# Clients\r\n",
			"connected_clients:", "blocked_clients:0\r\n", "# Replication\r\nrole:master\r\n",
			"connected_slaves:0\r\n", "# Keyspace\r\n"} {
			if !strings.Contains(info, want) {
				t.Errorf("INFO lacks %q:\n%s", want, info)
			}
		}
		ci, err := rdb.ClientInfo(ctx).Result()
		if err != nil {
			t.Fatalf("CLIENT INFO through go-redis's parser: %v", err)
		}
		if ci.Name != "gr" || ci.DB != 0 || ci.LastCmd != "client|info" || ci.User != "default" {
			t.Errorf("CLIENT INFO parsed: %+v", ci)
		}
		list, err := rdb.ClientList(ctx).Result()
		if err != nil || !strings.Contains(list, "name=gr ") {
			t.Errorf("CLIENT LIST: %q %v", list, err)
		}
		victim := s.dial(t)
		if r := victim.do("AUTH", "secret"); r != "+OK\r\n" {
			t.Fatalf("AUTH: %q", r)
		}
		vid := mustParse(t, victim.do("CLIENT", "ID")).num
		n, err := rdb.ClientKillByFilter(ctx, "ID", strconv.FormatInt(vid, 10)).Result()
		if err != nil || n != 1 {
			t.Fatalf("CLIENT KILL ID: %d %v", n, err)
		}
		if closed, extra := victim.expectClosed(ioTimeout); !closed {
			t.Fatalf("the killed connection stayed open (sent %q)", extra)
		}
		rdb.Set(ctx, "n", "12", 0)
		if enc, err := rdb.ObjectEncoding(ctx, "n").Result(); err != nil || enc != "int" {
			t.Errorf("OBJECT ENCODING of 12: %q %v", enc, err)
		}
		if m, err := rdb.MemoryUsage(ctx, "n").Result(); err != nil || m <= 0 {
			t.Errorf("MEMORY USAGE: %d %v", m, err)
		}
	})
}

// TestAdminRedisCLI: redis-cli with -a, without it (NOAUTH), and CONFIG/INFO/CLIENT.
func TestAdminRedisCLI(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--requirepass", "secret"))
		if out := redisCLI(t, s, nil, "PING"); !strings.Contains(out, "NOAUTH Authentication required.") {
			t.Errorf("redis-cli PING without -a: %q", out)
		}
		auth := []string{"-a", "secret", "--no-auth-warning"}
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"PING"}, "PONG\n"},
			{[]string{"CONFIG", "SET", "maxmemory-policy", "allkeys-lru"}, "OK\n"},
			{[]string{"CONFIG", "GET", "maxmemory-policy"}, "maxmemory-policy\nallkeys-lru\n"},
			{[]string{"WAIT", "0", "0"}, "0\n"},
			{[]string{"DEBUG", "SLEEP", "0"}, "OK\n"},
			{[]string{"CLIENT", "NO-EVICT", "on"}, "OK\n"},
		} {
			if out := redisCLI(t, s, nil, append(auth, tc.args...)...); out != tc.want {
				t.Errorf("redis-cli %v: want %q, got %q", tc.args, tc.want, out)
			}
		}
		out := redisCLI(t, s, nil, append(auth, "INFO", "clients")...)
		if !strings.HasPrefix(out, "# Clients\r\nconnected_clients:1\r\n") {
			t.Errorf("redis-cli INFO clients: %q", out)
		}
		// Interactive-style: the session keeps its AUTH across commands read from stdin.
		out = redisCLI(t, s, []byte("CLIENT SETNAME cli\nCLIENT INFO\nCLIENT REPLY ON\n"), auth...)
		sc := bufio.NewScanner(strings.NewReader(out))
		var lines []string
		for sc.Scan() {
			lines = append(lines, sc.Text())
		}
		if len(lines) != 3 || lines[0] != "OK" || !strings.Contains(lines[1], " name=cli ") || lines[2] != "OK" {
			t.Errorf("redis-cli piped session: %q", out)
		}
	})
}

// TestDebugSleepBlocksOnlyItsClient: DEBUG SLEEP holds its own connection, not others.
func TestDebugSleepBlocksOnlyItsClient(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		sleeper, other := s.dial(t), s.dial(t)
		sleeper.write(encode("DEBUG", "SLEEP", "1"))
		if r := other.do("PING"); r != "+PONG\r\n" {
			t.Errorf("PING while another client sleeps: %q", r)
		}
		if r := sleeper.read(); r != "+OK\r\n" {
			t.Errorf("DEBUG SLEEP 1: %q", r)
		}
	})
}

// TestClientFlags: CLIENT NO-EVICT and NO-TOUCH show as flags e and T (in Redis's order);
// RESET clears NO-TOUCH and keeps NO-EVICT, as Redis does.
func TestClientFlags(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		flags := func() string {
			_, v := clientFields(t, strings.TrimSuffix(bulk(t, c.do("CLIENT", "INFO")), "\n"))
			return v["flags"]
		}
		for _, step := range []struct {
			args []string
			want string
		}{
			{[]string{"CLIENT", "NO-EVICT", "on"}, "e"},
			{[]string{"CLIENT", "NO-TOUCH", "on"}, "eT"},
			{[]string{"CLIENT", "NO-EVICT", "off"}, "T"},
			{[]string{"CLIENT", "NO-EVICT", "on"}, "eT"},
			{[]string{"RESET"}, "e"},
			{[]string{"CLIENT", "NO-EVICT", "off"}, "N"},
		} {
			c.do(step.args...)
			if got := flags(); got != step.want {
				t.Errorf("after %q: flags=%q, want %q", step.args, got, step.want)
			}
		}
	})
}

// TestClientListCmd: cmd= is the last command, also when it was refused for its arity or
// by NOAUTH, and NULL after an unknown command, as Redis shows.
func TestClientListCmd(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--requirepass", "pw"))
		a, b := s.dial(t), s.dial(t)
		b.do("AUTH", "pw")
		a.do("PING") // (a is not authenticated: find its line by its address)
		for _, step := range []struct {
			args []string
			want string
		}{
			{[]string{"GET", "k"}, "get"},
			{[]string{"NOSUCH", "k"}, "NULL"},
			{[]string{"GET"}, "get"},
			{[]string{"CLIENT", "NOSUCH"}, "NULL"},
			{[]string{"AUTH", "pw"}, "auth"},
			{[]string{"CLIENT", "SETNAME"}, "client|setname"},
		} {
			a.do(step.args...)
			var v map[string]string
			for _, line := range strings.Split(strings.TrimSuffix(bulk(t, b.do("CLIENT", "LIST")), "\n"), "\n") {
				if _, f := clientFields(t, line); f["addr"] == a.c.LocalAddr().String() {
					v = f
				}
			}
			if v["cmd"] != step.want {
				t.Errorf("after %q: cmd=%q, want %q", step.args, v["cmd"], step.want)
			}
		}
	})
}
