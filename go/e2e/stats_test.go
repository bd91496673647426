package e2e

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// INFO's stats counters and commandstats, compared with Redis (docs/engine-contract.md,
// INFO): the same commands on the oracle and on each path move the counters by the same
// amounts.

// statsPreload is the data every keyspace step starts from (after FLUSHALL).
var statsPreload = [][]string{
	{"SET", "s", "hello"}, {"SET", "n", "10"},
	{"HSET", "h", "f", "v", "g", "w"},
	{"RPUSH", "l", "a", "b", "c"},
	{"SADD", "st", "a", "b"}, {"SADD", "st2", "b", "c"},
	{"ZADD", "z", "1", "a", "2", "b"}, {"ZADD", "z2", "2", "b", "3", "c"},
}

// statsSteps are measured one at a time: the counters' deltas around each command.
// "nokey" never exists.
var statsSteps = []string{
	// strings
	"GET s", "GET nokey", "MGET s nokey s", "STRLEN s", "STRLEN nokey", "GETRANGE s 0 1",
	"SUBSTR nokey 0 1", "GETDEL s", "GETDEL nokey", "GETEX s", "GETEX nokey PX 100",
	"GETSET s x", "GETSET nokey x", "SET s x GET", "SET nokey x GET", "SET s x", "SETNX s x",
	"SETNX nokey x", "APPEND s x", "APPEND nokey x", "INCR n", "INCRBY nokey 2",
	"INCRBYFLOAT n 1.5", "DECR n", "SETRANGE s 1 x", "MSET s 1 nokey 2", "MSETNX nokey 1 x 2",
	"SETEX s 100 x", "PSETEX nokey 100 x",
	// keys
	"EXISTS s nokey s", "EXISTS nokey", "TYPE s", "TYPE nokey", "TTL s", "TTL nokey", "PTTL s",
	"PTTL nokey", "EXPIRETIME s", "PEXPIRETIME nokey", "TOUCH s nokey", "DEL s nokey",
	"UNLINK s", "EXPIRE s 100", "EXPIRE nokey 100", "PEXPIREAT s 99999999999999", "PERSIST s",
	"PERSIST nokey", "KEYS *", "SCAN 0", "SCAN 0 TYPE string", "DBSIZE", "RANDOMKEY", "RENAME s s9",
	"RENAMENX s n", "COPY s s9", "COPY nokey s9", "MOVE s 1", "OBJECT ENCODING s",
	"OBJECT ENCODING nokey", "OBJECT FREQ nokey", "MEMORY USAGE s", "MEMORY USAGE nokey",
	// hashes
	"HGET h f", "HGET h nofield", "HGET nokey f", "HMGET h f g x", "HMGET nokey f",
	"HGETALL h", "HGETALL nokey", "HKEYS h", "HVALS nokey", "HEXISTS h f", "HEXISTS nokey f",
	"HLEN h", "HLEN nokey", "HSTRLEN h f", "HRANDFIELD h", "HRANDFIELD nokey",
	"HRANDFIELD h 2 WITHVALUES", "HSCAN h 0", "HSCAN nokey 0", "HSET h f x", "HSET nokey f x",
	"HSETNX h f x", "HDEL h f", "HDEL nokey f", "HINCRBY h n 1", "HINCRBYFLOAT nokey n 1",
	"HMSET h a b",
	// lists
	"LRANGE l 0 -1", "LRANGE nokey 0 -1", "LINDEX l 0", "LINDEX nokey 0", "LLEN l", "LLEN nokey",
	"LPOS l b", "LPOS nokey b", "LPUSH l x", "LPUSHX nokey x", "RPUSH nokey x", "LPOP l",
	"LPOP nokey", "RPOP l 2", "RPOPLPUSH l l2", "RPOPLPUSH nokey l2", "LMOVE l l LEFT RIGHT",
	"LSET l 0 x", "LINSERT l BEFORE b x", "LINSERT nokey BEFORE b x", "LREM l 0 a", "LTRIM l 0 1",
	"LMPOP 2 nokey l LEFT", "BLPOP l 1", "BRPOP nokey l 1", "BLMOVE l l2 LEFT LEFT 1",
	// sets
	"SMEMBERS st", "SMEMBERS nokey", "SISMEMBER st a", "SISMEMBER nokey a", "SMISMEMBER st a x",
	"SCARD st", "SCARD nokey", "SRANDMEMBER st", "SRANDMEMBER nokey 2", "SINTER st st2 nokey",
	"SINTER nokey st", "SUNION st nokey", "SDIFF st st2 nokey", "SINTERCARD 2 st st2",
	"SINTERSTORE d st st2", "SUNIONSTORE d st nokey", "SDIFFSTORE d st st2", "SSCAN st 0",
	"SADD st x", "SADD nokey x", "SREM st a", "SPOP st", "SPOP nokey", "SMOVE st st2 a",
	"SMOVE nokey st2 a",
	// sorted sets
	"ZSCORE z a", "ZSCORE nokey a", "ZMSCORE z a x", "ZCARD z", "ZCARD nokey", "ZCOUNT z 0 5",
	"ZLEXCOUNT z - +", "ZRANK z a", "ZREVRANK nokey a", "ZRANGE z 0 -1", "ZRANGE nokey 0 -1",
	"ZRANGE z 0 -1 REV WITHSCORES", "ZRANGEBYSCORE z 0 5", "ZREVRANGE z 0 1",
	"ZRANGEBYLEX z - +", "ZREVRANGEBYSCORE z 5 0", "ZRANDMEMBER z", "ZRANDMEMBER nokey 2",
	"ZSCAN z 0", "ZUNION 2 z z2", "ZINTER 2 z nokey", "ZDIFF 2 z z2", "ZINTERCARD 2 z z2",
	"ZUNIONSTORE d 2 z z2", "ZINTERSTORE d 2 z nokey", "ZDIFFSTORE d 2 z z2",
	"ZRANGESTORE d z 0 -1", "ZRANGESTORE d nokey 0 -1", "ZADD z 5 x", "ZADD nokey 5 x",
	"ZINCRBY z 1 a", "ZREM z a", "ZPOPMIN z", "ZPOPMAX nokey", "ZMPOP 2 nokey z MIN",
	"ZREMRANGEBYRANK z 0 0", "ZREMRANGEBYSCORE nokey 0 1", "BZPOPMIN z 1",
	// transactions and errors
	"WATCH s nokey", "MULTI", "EXEC", "PUBLISH ch x", "PUBSUB CHANNELS", "PUBSUB NUMSUB ch", "GET", "HGET s f", "LPUSH s x", "NOSUCHCOMMAND x", "CONFIG GET maxclients",
	"DEL nokey",
}

// statsConn runs commands and reads INFO counters on one connection.
type statsConn struct {
	t *testing.T
	c *conn
}

func (sc statsConn) counters(section string) map[string]int64 {
	sc.t.Helper()
	v := mustParse(sc.t, sc.c.do("INFO", section))
	fields, _ := infoFields(v.str)
	out := map[string]int64{}
	for k, s := range fields {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			out[k] = n
		}
	}
	return out
}

// stepDeltas runs every step on c from the preloaded data, and returns per step the
// change of keyspace_hits, keyspace_misses and total_commands_processed it caused (the
// INFO before it is one of those commands, as in Redis).
func stepDeltas(t *testing.T, c *conn) []string {
	sc := statsConn{t, c}
	var out []string
	for _, step := range statsSteps {
		c.do("FLUSHALL")
		for _, args := range statsPreload {
			c.do(args...)
		}
		before := sc.counters("stats")
		c.do(strings.Fields(step)...)
		after := sc.counters("stats")
		out = append(out, fmt.Sprintf("%s: hits %+d misses %+d commands %+d", step,
			after["keyspace_hits"]-before["keyspace_hits"],
			after["keyspace_misses"]-before["keyspace_misses"],
			after["total_commands_processed"]-before["total_commands_processed"]))
	}
	return out
}

// commandStats parses INFO commandstats into name -> "calls=N,rejected_calls=N,failed_calls=N"
// (usec varies), checking each line's format.
func commandStats(t *testing.T, c *conn) map[string]string {
	t.Helper()
	v := mustParse(t, c.do("INFO", "commandstats"))
	fields, sections := infoFields(v.str)
	if fmt.Sprint(sections) != "[Commandstats]" {
		t.Errorf("INFO commandstats: sections %v", sections)
	}
	out := map[string]string{}
	for k, val := range fields {
		name, ok := strings.CutPrefix(k, "cmdstat_")
		if !ok || !regexpMatch(`^calls=\d+,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=\d+,failed_calls=\d+$`, val) {
			t.Errorf("INFO commandstats line %s:%s does not look like Redis's", k, val)
			continue
		}
		var calls, usec, rej, failed int64
		var per float64
		fmt.Sscanf(val, "calls=%d,usec=%d,usec_per_call=%f,rejected_calls=%d,failed_calls=%d", &calls, &usec, &per, &rej, &failed)
		out[name] = fmt.Sprintf("calls=%d,rejected_calls=%d,failed_calls=%d", calls, rej, failed)
	}
	return out
}

// TestStatsKeyspace: keyspace_hits, keyspace_misses and total_commands_processed move as
// Redis's for each command, and INFO commandstats counts the same calls, refusals and
// failures after the whole script.
func TestStatsKeyspace(t *testing.T) {
	oracle := dial(t, startOracle(t))
	oracle.do("CONFIG", "RESETSTAT")
	want := stepDeltas(t, oracle)
	wantCmds := commandStats(t, oracle)
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		c.do("CONFIG", "RESETSTAT")
		got := stepDeltas(t, c)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("keyspace counters:\n want %s\n got  %s", want[i], got[i])
			}
		}
		gotCmds := commandStats(t, c)
		var names []string
		for name := range wantCmds {
			names = append(names, name)
		}
		for name := range gotCmds {
			if _, ok := wantCmds[name]; !ok {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, name := range names {
			if gotCmds[name] != wantCmds[name] {
				t.Errorf("cmdstat_%s: want %q, got %q", name, wantCmds[name], gotCmds[name])
			}
		}
	})
}

// expiredScript makes keys expire in every way the counter sees: the sweep, a read (Redis
// deletes there, sqlettuce's sweep later), a write that finds the key expired, and
// commands that overwrite or drop an expired key.
func expiredScript(t *testing.T, c *conn) int64 {
	sc := statsConn{t, c}
	c.do("FLUSHALL")
	before := sc.counters("stats")["expired_keys"]
	for i := 0; i < 5; i++ {
		c.do("SET", fmt.Sprintf("swept%d", i), "v", "PX", "50")
	}
	c.do("SET", "read", "v", "PX", "50")
	c.do("HSET", "written", "f", "v")
	c.do("PEXPIRE", "written", "50")
	c.do("RPUSH", "pushed", "a")
	c.do("PEXPIRE", "pushed", "50")
	c.do("SADD", "persisted", "a")
	c.do("PEXPIRE", "persisted", "50")
	c.do("SET", "kept", "v", "PX", "100000")
	c.do("SET", "overwritten", "v", "PX", "50")
	c.do("SET", "incremented", "1", "PX", "50")
	c.do("SET", "exists", "1", "PX", "50")
	c.do("SET", "deleted", "1", "PX", "50")
	time.Sleep(150 * time.Millisecond)
	c.do("SET", "overwritten", "w")
	c.do("INCR", "incremented")
	c.do("EXISTS", "exists")
	c.do("DEL", "deleted")
	c.do("GET", "read")
	c.do("HSET", "written", "g", "w")
	c.do("LPUSH", "pushed", "b")
	c.do("PERSIST", "persisted")
	// Both servers sweep what is left within a second (Redis at hz 10).
	time.Sleep(1200 * time.Millisecond)
	return sc.counters("stats")["expired_keys"] - before
}

// TestStatsExpiredKeys: every key whose TTL passes counts once in expired_keys.
func TestStatsExpiredKeys(t *testing.T) {
	oracle := dial(t, startOracle(t))
	want := expiredScript(t, oracle)
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		if got := expiredScript(t, s.dial(t)); got != want {
			t.Errorf("expired_keys grew by %d, Redis's by %d", got, want)
		}
	})
}

// rejectedScript fills maxclients (2), resets the counters, and has two more clients
// refused; it returns INFO stats after that.
func rejectedScript(t *testing.T, addr string) map[string]int64 {
	var held []*conn
	deadline := time.Now().Add(10 * time.Second)
	for len(held) < 2 {
		// The readiness probe's connection counts until the server has seen it close.
		c := dial(t, addr)
		if r := c.do("PING"); r == "+PONG\r\n" {
			held = append(held, c)
			continue
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatalf("client %d: still refused after 10 s", len(held))
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	if r := held[0].do("CONFIG", "RESETSTAT"); r != "+OK\r\n" {
		t.Fatalf("CONFIG RESETSTAT: %q", r)
	}
	for i := 0; i < 2; i++ {
		if r, closed := rawExchange(t, addr, "", 5*time.Second); r != "-ERR max number of clients reached\r\n" || !closed {
			t.Fatalf("a client past maxclients got %q (closed %v)", r, closed)
		}
	}
	return statsConn{t, held[0]}.counters("stats")
}

// TestStatsRejectedConnections: refusals at maxclients count in rejected_connections, and
// CONFIG RESETSTAT zeroes it with the other counters.
func TestStatsRejectedConnections(t *testing.T) {
	fields := []string{"rejected_connections", "total_connections_received", "total_commands_processed"}
	want := rejectedScript(t, startOracle(t, "--maxclients", "2"))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, withFlags(p, "--maxclients", "2"))
		got := rejectedScript(t, s.addr())
		for _, f := range fields {
			if got[f] != want[f] {
				t.Errorf("%s: want %d (Redis), got %d", f, want[f], got[f])
			}
		}
	})
}

// resetScript counts some of everything, resets, and returns INFO stats and
// commandstats right after CONFIG RESETSTAT.
func resetScript(t *testing.T, addr string) (map[string]int64, map[string]string) {
	c := dial(t, addr)
	defer c.Close()
	for _, args := range [][]string{{"SET", "a", "1", "PX", "1"}, {"GET", "a"}, {"GET", "b"},
		{"SET", "c", "1"}, {"GET", "c"}, {"GET"}, {"HGET", "c", "f"}} {
		c.do(args...)
	}
	other := dial(t, addr)
	other.do("PING")
	other.Close()
	time.Sleep(1200 * time.Millisecond) // "a" expires and is swept
	if r := c.do("CONFIG", "RESETSTAT"); r != "+OK\r\n" {
		t.Fatalf("CONFIG RESETSTAT: %q", r)
	}
	return statsConn{t, c}.counters("stats"), commandStats(t, c)
}

// TestStatsResetstat: CONFIG RESETSTAT zeroes what Redis's resetServerStats and
// resetCommandTableStats do.
func TestStatsResetstat(t *testing.T) {
	fields := []string{"total_connections_received", "total_commands_processed",
		"rejected_connections", "expired_keys", "keyspace_hits", "keyspace_misses"}
	want, wantCmds := resetScript(t, startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got, gotCmds := resetScript(t, s.addr())
		for _, f := range fields {
			if got[f] != want[f] {
				t.Errorf("%s after RESETSTAT: want %d (Redis), got %d", f, want[f], got[f])
			}
		}
		if fmt.Sprint(gotCmds) != fmt.Sprint(wantCmds) {
			t.Errorf("commandstats after RESETSTAT:\n want %v\n got  %v", wantCmds, gotCmds)
		}
	})
}

// blockedScript has a client wait in BLPOP until another pushes, and returns the
// commandstats of blpop and rpush after that.
func blockedScript(t *testing.T, addr string) (string, string) {
	a, b := dial(t, addr), dial(t, addr)
	defer a.Close()
	defer b.Close()
	b.do("CONFIG", "RESETSTAT")
	a.write(encode("BLPOP", "q", "5"))
	time.Sleep(200 * time.Millisecond) // a is waiting
	b.do("RPUSH", "q", "x")
	if r := a.read(); r != "*2\r\n$1\r\nq\r\n$1\r\nx\r\n" {
		t.Fatalf("BLPOP: %q", r)
	}
	cmds := commandStats(t, b)
	return cmds["blpop"], cmds["rpush"]
}

// TestStatsBlockedCommand: a blocking command that waits counts one call, when served.
func TestStatsBlockedCommand(t *testing.T) {
	wantPop, wantPush := blockedScript(t, startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		if pop, push := blockedScript(t, s.addr()); pop != wantPop || push != wantPush {
			t.Errorf("blpop %q rpush %q, want (Redis) %q %q", pop, push, wantPop, wantPush)
		}
	})
}
