package e2e

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// resp3Corpus is sent after HELLO 3 (its first step) on one connection, to every path and
// to real Redis, and compared: maps, sets, doubles, nulls and nested pairs as Redis 7.0.15
// sends them, then HELLO 2 back to RESP2. (TestRandomDifferentialRESP3 covers the data
// commands at random; this pins the connection-level replies and every null shape.)
var resp3Corpus = []step{
	normed(normHelloID, "HELLO", "3"),
	normed(normHelloID, "HELLO"), // no version: the protocol stays RESP3
	cmd("HELLO", "4"),
	cmd("HELLO", "0"),
	cmd("HELLO", "x"),
	cmd("HELLO", "3", "AUTH", "bob", "pw"),
	cmd("HELLO", "3", "AUTH", "default"),
	cmd("HELLO", "3", "BOGUS"),
	normed(normHelloID, "HELLO", "3", "AUTH", "default", "any-password", "SETNAME", "resp3-name"),
	cmd("CLIENT", "GETNAME"),
	cmd("CLIENT", "SETNAME", ""),
	cmd("CLIENT", "GETNAME"),
	cmd("PING"),
	cmd("PING", "x"),
	cmd("ECHO", "x"),
	cmd("GET", "nosuch"),
	cmd("SET", "s", "v"),
	cmd("MGET", "s", "nosuch"),
	cmd("GETEX", "nosuch"),
	cmd("GETDEL", "nosuch"),
	cmd("GETSET", "nosuch", "v"),
	cmd("SET", "s", "v2", "GET"),
	cmd("SET", "nx", "v", "NX", "GET"),
	cmd("INCRBYFLOAT", "f", "1.5"),
	cmd("TYPE", "s"),
	cmd("TTL", "s"),
	cmd("EXISTS", "s", "nosuch"),
	cmd("WRONGCMD"),
	cmd("HSET", "h", "a", "1", "b", "2"),
	anyOrder("HGETALL", "h"),
	cmd("HGETALL", "nosuch"),
	anyOrder("HKEYS", "h"),
	anyOrder("HVALS", "h"),
	cmd("HKEYS", "nosuch"),
	cmd("HMGET", "h", "a", "zz"),
	cmd("HGET", "h", "zz"),
	cmd("HRANDFIELD", "nosuch"),
	cmd("HRANDFIELD", "nosuch", "2", "WITHVALUES"),
	cmd("HRANDFIELD", "h", "0", "WITHVALUES"),
	cmd("HINCRBYFLOAT", "h", "a", "0.5"),
	cmd("HSCAN", "h", "0", "MATCH", "a"),
	cmd("SADD", "set", "a", "b", "c"),
	anyOrder("SMEMBERS", "set"),
	cmd("SMEMBERS", "nosuch"),
	anyOrder("SINTER", "set"),
	cmd("SINTER", "set", "nosuch"),
	anyOrder("SUNION", "set", "nosuch"),
	anyOrder("SDIFF", "set", "nosuch"),
	cmd("SDIFF", "set", "set"),
	cmd("SPOP", "nosuch"),
	cmd("SPOP", "nosuch", "2"),
	cmd("SPOP", "set", "0"),
	cmd("SRANDMEMBER", "nosuch"),
	cmd("SRANDMEMBER", "nosuch", "2"),
	cmd("SRANDMEMBER", "set", "0"),
	cmd("SMISMEMBER", "set", "a", "zz"),
	cmd("SISMEMBER", "set", "a"),
	cmd("SINTERCARD", "1", "set"),
	cmd("ZADD", "z", "1", "a", "2", "b", "3.5", "c", "0.1", "d", "-0", "e"),
	cmd("ZSCORE", "z", "d"),
	cmd("ZSCORE", "z", "e"),
	cmd("ZSCORE", "z", "nosuch"),
	cmd("ZSCORE", "nosuch", "a"),
	cmd("ZMSCORE", "z", "a", "nosuch", "c"),
	cmd("ZMSCORE", "nosuch", "a"),
	cmd("ZINCRBY", "z", "1", "a"),
	cmd("ZINCRBY", "z", "0.1", "a"),
	cmd("ZADD", "z", "INCR", "1", "a"),
	cmd("ZADD", "z", "NX", "INCR", "1", "a"),
	cmd("ZADD", "z", "XX", "INCR", "1", "nosuch"),
	cmd("ZADD", "z", "CH", "INCR", "-1", "a"),
	cmd("ZADD", "z", "+inf", "i", "-inf", "j"),
	cmd("ZSCORE", "z", "i"),
	cmd("ZSCORE", "z", "j"),
	cmd("ZADD", "z", "1e300", "big", "1.5e-7", "tiny"),
	cmd("ZMSCORE", "z", "big", "tiny"),
	cmd("ZRANGE", "z", "0", "-1", "WITHSCORES"),
	cmd("ZRANGE", "z", "0", "-1"),
	cmd("ZRANGE", "z", "(0", "+inf", "BYSCORE", "LIMIT", "0", "2", "WITHSCORES"),
	cmd("ZRANGE", "z", "+inf", "-inf", "BYSCORE", "REV", "WITHSCORES"),
	cmd("ZRANGEBYSCORE", "z", "-inf", "+inf", "WITHSCORES"),
	cmd("ZREVRANGEBYSCORE", "z", "+inf", "-inf", "WITHSCORES", "LIMIT", "1", "2"),
	cmd("ZREVRANGE", "z", "0", "-1", "WITHSCORES"),
	cmd("ZRANGE", "nosuch", "0", "-1", "WITHSCORES"),
	cmd("ZRANGESTORE", "z2", "z", "0", "2"),
	cmd("ZUNION", "2", "z", "nosuch", "WITHSCORES"),
	cmd("ZINTER", "2", "z", "z2", "WITHSCORES"),
	cmd("ZDIFF", "2", "z", "z2", "WITHSCORES"),
	cmd("ZUNION", "1", "z"),
	cmd("ZUNION", "1", "nosuch", "WITHSCORES"),
	cmd("ZRANDMEMBER", "nosuch"),
	cmd("ZRANDMEMBER", "nosuch", "2", "WITHSCORES"),
	cmd("ZRANDMEMBER", "z", "0", "WITHSCORES"),
	cmd("ZRANDMEMBER", "z", "100", "WITHSCORES"), // the whole set, highest first, as Redis
	cmd("ZRANK", "z", "nosuch"),
	cmd("ZREVRANK", "nosuch", "a"),
	cmd("ZSCAN", "z", "0"), // a small sorted set comes back whole: scores stay bulk strings
	cmd("ZPOPMIN", "z"),
	cmd("ZPOPMAX", "z", "2"),
	cmd("ZPOPMIN", "z", "0"),
	cmd("ZPOPMIN", "nosuch"),
	cmd("ZPOPMAX", "nosuch", "2"),
	cmd("ZMPOP", "1", "z", "MIN"),
	cmd("ZMPOP", "2", "nosuch", "z", "MAX", "COUNT", "2"),
	cmd("ZMPOP", "1", "nosuch", "MIN"),
	cmd("RPUSH", "l", "a", "b", "c"),
	cmd("LMPOP", "1", "l", "LEFT"),
	cmd("LMPOP", "2", "nosuch", "l", "RIGHT", "COUNT", "5"),
	cmd("LMPOP", "1", "nosuch", "LEFT"),
	cmd("LPOP", "nosuch"),
	cmd("LPOP", "nosuch", "2"),
	cmd("RPOP", "nosuch", "2"),
	cmd("LINDEX", "nosuch", "0"),
	cmd("LPOS", "nosuch", "a"),
	cmd("LPOS", "nosuch", "a", "COUNT", "0"),
	cmd("LRANGE", "nosuch", "0", "-1"),
	cmd("LMOVE", "nosuch", "l", "LEFT", "LEFT"),
	cmd("RPOPLPUSH", "nosuch", "l"),
	normed(normConfigPort(), "CONFIG", "GET", "port"),
	anyOrder("CONFIG", "GET", "appendonly", "save"), // the contract's order, not Redis's dict's
	cmd("CONFIG", "GET", "nosuch"),
	cmd("COMMAND", "DOCS", "get"),
	cmd("COMMAND", "DOCS", "nosuch"),
	cmd("COMMAND", "INFO", "nosuch"),
	cmd("INFO", "keyspace"),
	cmd("INFO", "nosuch"),
	normed(normTime, "TIME"),
	cmd("SELECT", "1"),
	cmd("GET", "nosuch"),
	cmd("SELECT", "0"),
	normed(normHelloID, "HELLO", "2"),
	anyOrder("HGETALL", "h"),
	anyOrder("SMEMBERS", "set"),
	cmd("GET", "nosuch"),
	cmd("LMPOP", "1", "nosuch", "LEFT"),
	cmd("INFO", "keyspace"),
}

// TestRESP3Differential runs resp3Corpus on every path and on real Redis and requires the
// same replies (maps and sets of Redis's hash order in any order).
func TestRESP3Differential(t *testing.T) {
	addr := startOracle(t)
	oc := dial(t, addr)
	if r := oc.do("FLUSHALL"); r != "+OK\r\n" {
		t.Fatalf("oracle FLUSHALL: %q", r)
	}
	want := runCorpus(t, oc, resp3Corpus, true)
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got := runCorpus(t, s.dial(t), resp3Corpus, false)
		kinds := map[byte]bool{}
		for i, st := range resp3Corpus {
			if got[i] != "" {
				kinds[got[i][0]] = true
			}
			if !sameReply(want[i], got[i], st.unordered) {
				t.Errorf("step %d %q differs from Redis 7.0.15\n redis:     %q\n sqlettuce: %q",
					i, st.args, clip(want[i]), clip(got[i]))
			}
		}
		for _, k := range []byte{'%', '~', ',', '_', '='} {
			if !kinds[k] {
				t.Errorf("the corpus got no reply of RESP3 type %q", k)
			}
		}
		s.alive(t)
	})
}

// TestRESP3COMMANDShapes checks COMMAND INFO and COMMAND DOCS in RESP3 against Redis's
// shapes: flags and ACL categories are sets of simple strings, tips and key specs sets
// (empty here: the table leaves them out, docs/engine-contract.md), subcommands an array;
// docs are maps whose argument flags are sets.
func TestRESP3COMMANDShapes(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		if r := c.do("HELLO", "3"); !strings.HasPrefix(r, "%7\r\n") {
			t.Fatalf("HELLO 3: %q", r)
		}
		info := mustParse(t, c.do("COMMAND", "INFO", "get", "client"))
		if info.kind != '*' || len(info.arr) != 2 {
			t.Fatalf("COMMAND INFO get client: %+v", info)
		}
		for _, e := range info.arr {
			if e.kind != '*' || len(e.arr) != 10 {
				t.Fatalf("entry: %+v", e)
			}
			for _, i := range []int{2, 6, 7, 8} {
				if e.arr[i].kind != '~' {
					t.Errorf("%s: element %d is %q, want a set", e.arr[0].str, i, e.arr[i].kind)
				}
				for _, f := range e.arr[i].arr {
					if i != 7 && f.kind != '+' {
						t.Errorf("%s: element %d holds %q, want simple strings", e.arr[0].str, i, f.kind)
					}
				}
			}
			if e.arr[9].kind != '*' {
				t.Errorf("%s: subcommands are %q, want an array", e.arr[0].str, e.arr[9].kind)
			}
		}
		if got := info.arr[0].arr[2]; len(got.arr) != 2 || got.arr[0].str != "readonly" || got.arr[1].str != "fast" {
			t.Errorf("get's flags: %+v", got)
		}
		if subs := info.arr[1].arr[9].arr; len(subs) == 0 || subs[0].arr[2].kind != '~' {
			t.Errorf("client's subcommands: %+v", subs)
		}
		docs := mustParse(t, c.do("COMMAND", "DOCS", "zadd"))
		if docs.kind != '%' || len(docs.arr) != 2 || docs.arr[1].kind != '%' {
			t.Fatalf("COMMAND DOCS zadd: %+v", docs)
		}
		flagSets := 0
		var walk func(r reply)
		walk = func(r reply) {
			if r.kind == '%' {
				for i := 0; i+1 < len(r.arr); i += 2 {
					if r.arr[i].str == "flags" {
						if r.arr[i+1].kind != '~' {
							t.Errorf("argument flags are %q, want a set", r.arr[i+1].kind)
						}
						flagSets++
					}
				}
			}
			for _, e := range r.arr {
				walk(e)
			}
		}
		walk(docs)
		if flagSets == 0 {
			t.Errorf("COMMAND DOCS zadd: no argument flags found")
		}
	})
}

// TestRESP3InfoVerbatim: INFO is a verbatim string ("txt") in RESP3 holding exactly the
// RESP2 reply's text.
func TestRESP3InfoVerbatim(t *testing.T) {
	// Checked against redis-server 7.0.15 by hand: INFO, CLIENT INFO and CLIENT LIST reply
	// "=<len>\r\ntxt:<text>\r\n" after HELLO 3.
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := s.dial(t)
		c.do("SET", "k", "v")
		two := mustParse(t, c.do("INFO", "keyspace"))
		c.do("HELLO", "3")
		raw := c.do("INFO", "keyspace")
		if !strings.HasPrefix(raw, fmt.Sprintf("=%d\r\ntxt:", len(two.str)+4)) {
			t.Fatalf("INFO in RESP3: %q", clip(raw))
		}
		three := mustParse(t, raw)
		if three.kind != '=' || three.str != two.str {
			t.Errorf("INFO text differs between RESP2 and RESP3:\n%q\n%q", two.str, three.str)
		}
		// CLIENT INFO and CLIENT LIST are text for people too (Redis 7.0's
		// addReplyVerbatim), an empty list included.
		for _, args := range [][]string{{"CLIENT", "INFO"}, {"CLIENT", "LIST"}} {
			if r := c.do(args...); !strings.HasPrefix(r, "=") || !strings.Contains(r, "\r\ntxt:id=") {
				t.Errorf("%v in RESP3: %q", args, clip(r))
			}
		}
		if r := c.do("CLIENT", "LIST", "ID", "999999"); r != "=4\r\ntxt:\r\n" {
			t.Errorf("empty CLIENT LIST in RESP3: %q", r)
		}
	})
}

// TestRESP3RedisCLI runs redis-cli -3 (which sends HELLO 3 on connect) over the same
// commands against every path and real Redis: its rendering of maps (1# "a" => "1"), sets
// (1~), doubles ((double) 1.5), nulls and nested pairs must be the same.
func TestRESP3RedisCLI(t *testing.T) {
	script := strings.Join([]string{
		"FLUSHALL",
		"HSET h a 1",
		"HGETALL h",
		"HGETALL nosuch",
		"SADD s x",
		"SMEMBERS s",
		"SPOP nosuch 3",
		"ZADD z 1.5 a 2 b 0.1 c",
		"ZSCORE z a",
		"ZSCORE z c",
		"ZSCORE z nosuch",
		"ZRANGE z 0 -1 WITHSCORES",
		"ZPOPMIN z",
		"ZPOPMAX z 5",
		"ZADD z 1 a",
		"ZMPOP 1 z MIN",
		"ZMPOP 1 z MIN",
		"GET nosuch",
		"MGET nosuch s",
		"LMPOP 1 nosuch LEFT",
		"CONFIG GET appendonly",
		"CLIENT GETNAME",
		"INFO keyspace",
		"HELLO 2",
		"HGETALL h",
		"GET nosuch",
	}, "\n") + "\n"
	addr := startOracle(t)
	_, portText, _ := strings.Cut(addr, ":")
	oport, err := strconv.Atoi(portText)
	if err != nil {
		t.Fatalf("oracle address %q", addr)
	}
	// HELLO 2's reply shows the connection's id, which differs between servers.
	idRE := regexp.MustCompile(`("id"\n +8\) \(integer\) )[0-9]+`)
	cli := func(s *server) string {
		return idRE.ReplaceAllString(redisCLI(t, s, []byte(script), "-3", "--no-raw"), "${1}ID")
	}
	want := cli(&server{port: oport})
	if !strings.Contains(want, "1# \"a\" => \"1\"") || !strings.Contains(want, "(double) 1.5") {
		t.Fatalf("redis-cli -3 against Redis did not show RESP3 types:\n%s", want)
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		if got := cli(s); got != want {
			t.Errorf("redis-cli -3 output differs from Redis's:\n--- redis\n%s\n--- sqlettuce\n%s", want, got)
		}
		// One-shot, as a script would run it.
		if got := redisCLI(t, s, nil, "-3", "--no-raw", "HGETALL", "h"); got != "1# \"a\" => \"1\"\n" {
			t.Errorf("redis-cli -3 HGETALL: %q", got)
		}
	})
}

// goRedisLog collects what go-redis logs, so a test can require that nothing was logged.
type goRedisLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *goRedisLog) Printf(_ context.Context, format string, v ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, v...))
}

func (l *goRedisLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// TestGoRedisRESP3 does typical calls with go-redis in its default protocol (3: HELLO 3 on
// connect) and in RESP2, on every path, and requires the same typed results from both and
// nothing logged by go-redis (it logs when a handshake step fails or a reply cannot be read).
func TestGoRedisRESP3(t *testing.T) {
	log := &goRedisLog{}
	redis.SetLogger(log)
	t.Cleanup(func() { redis.SetLogger(&goRedisLog{}) })
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		for _, proto := range []int{3, 2} {
			t.Run(fmt.Sprintf("protocol %d", proto), func(t *testing.T) {
				opts := &redis.Options{Addr: s.addr(), DialTimeout: 30 * time.Second,
					ReadTimeout: 60 * time.Second, ClientName: fmt.Sprintf("e2e-resp%d", proto),
					MaxRetries: -1}
				if proto == 2 {
					opts.Protocol = 2 // 0 is go-redis's default, 3
				}
				c := redis.NewClient(opts)
				defer c.Close()
				goRedisTypedCalls(t, c, proto)
				if lines := log.take(); len(lines) > 0 {
					t.Errorf("go-redis logged:\n%s", strings.Join(lines, "\n"))
				}
			})
		}
	})
}

func goRedisTypedCalls(t *testing.T, c *redis.Client, proto int) {
	t.Helper()
	ctx := ctxT(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.FlushDB(ctx).Err())
	hello, err := c.Do(ctx, "HELLO").Result()
	if err != nil {
		t.Fatalf("HELLO: %v", err)
	}
	switch h := hello.(type) {
	case map[interface{}]interface{}: // RESP3 map
		if proto != 3 || h["proto"] != int64(3) || h["server"] != "redis" || h["version"] != "7.0.15" {
			t.Errorf("HELLO in protocol %d: %#v", proto, h)
		}
	case []interface{}: // RESP2 flat array
		if proto != 2 || len(h) != 14 || h[5] != int64(2) {
			t.Errorf("HELLO in protocol %d: %#v", proto, h)
		}
	default:
		t.Errorf("HELLO: %T %#v", hello, hello)
	}
	if got, err := c.ClientGetName(ctx).Result(); err != nil || got != fmt.Sprintf("e2e-resp%d", proto) {
		t.Errorf("CLIENT GETNAME after the handshake: %q, %v", got, err)
	}
	if _, err := c.Get(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("GET missing: want redis.Nil, got %v", err)
	}
	must(c.HSet(ctx, "h", "a", "1", "b", "2").Err())
	if m, err := c.HGetAll(ctx, "h").Result(); err != nil || len(m) != 2 || m["a"] != "1" || m["b"] != "2" {
		t.Errorf("HGETALL: %v %v", m, err)
	}
	if m, err := c.HGetAll(ctx, "missing").Result(); err != nil || len(m) != 0 {
		t.Errorf("HGETALL missing: %v %v", m, err)
	}
	if kv, err := c.HRandFieldWithValues(ctx, "h", 5).Result(); err != nil || len(kv) != 2 || kv[0].Value == "" {
		t.Errorf("HRANDFIELD WITHVALUES: %v %v", kv, err)
	}
	if f, err := c.HIncrByFloat(ctx, "h", "a", 0.5).Result(); err != nil || f != 1.5 {
		t.Errorf("HINCRBYFLOAT: %v %v", f, err)
	}
	must(c.SAdd(ctx, "s", "x", "y", "z").Err())
	if ms, err := c.SMembers(ctx, "s").Result(); err != nil || len(ms) != 3 {
		t.Errorf("SMEMBERS: %v %v", ms, err)
	}
	if ms, err := c.SMembersMap(ctx, "s").Result(); err != nil || len(ms) != 3 {
		t.Errorf("SMEMBERS as a map: %v %v", ms, err)
	}
	if ms, err := c.SInter(ctx, "s", "s").Result(); err != nil || len(ms) != 3 {
		t.Errorf("SINTER: %v %v", ms, err)
	}
	if ms, err := c.SRandMemberN(ctx, "s", -4).Result(); err != nil || len(ms) != 4 {
		t.Errorf("SRANDMEMBER -4: %v %v", ms, err)
	}
	if ms, err := c.SPopN(ctx, "s", 2).Result(); err != nil || len(ms) != 2 {
		t.Errorf("SPOP 2: %v %v", ms, err)
	}
	must(c.ZAdd(ctx, "z", redis.Z{Score: 1.5, Member: "a"}, redis.Z{Score: 2, Member: "b"},
		redis.Z{Score: 0.1, Member: "c"}).Err())
	if f, err := c.ZScore(ctx, "z", "a").Result(); err != nil || f != 1.5 {
		t.Errorf("ZSCORE: %v %v", f, err)
	}
	if _, err := c.ZScore(ctx, "z", "missing").Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("ZSCORE missing: want redis.Nil, got %v", err)
	}
	if fs, err := c.ZMScore(ctx, "z", "a", "missing", "c").Result(); err != nil || len(fs) != 3 || fs[0] != 1.5 || fs[1] != 0 || fs[2] != 0.1 {
		t.Errorf("ZMSCORE: %v %v", fs, err)
	}
	if f, err := c.ZIncrBy(ctx, "z", 1, "a").Result(); err != nil || f != 2.5 {
		t.Errorf("ZINCRBY: %v %v", f, err)
	}
	if f, err := c.ZAddArgsIncr(ctx, "z", redis.ZAddArgs{Members: []redis.Z{{Score: -1, Member: "a"}}}).Result(); err != nil || f != 1.5 {
		t.Errorf("ZADD INCR: %v %v", f, err)
	}
	if _, err := c.ZAddArgsIncr(ctx, "z", redis.ZAddArgs{NX: true, Members: []redis.Z{{Score: 1, Member: "a"}}}).Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("ZADD NX INCR on an existing member: want redis.Nil, got %v", err)
	}
	wantZ := []redis.Z{{Score: 0.1, Member: "c"}, {Score: 1.5, Member: "a"}, {Score: 2, Member: "b"}}
	sameZ := func(name string, got []redis.Z, err error, want []redis.Z) {
		t.Helper()
		if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %v %v, want %v", name, got, err, want)
		}
	}
	zs, err := c.ZRangeWithScores(ctx, "z", 0, -1).Result()
	sameZ("ZRANGE WITHSCORES", zs, err, wantZ)
	zs, err = c.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{Key: "z", Start: "(0.1", Stop: "+inf", ByScore: true}).Result()
	sameZ("ZRANGE BYSCORE WITHSCORES", zs, err, wantZ[1:])
	zs, err = c.ZRevRangeByScoreWithScores(ctx, "z", &redis.ZRangeBy{Min: "-inf", Max: "+inf"}).Result()
	sameZ("ZREVRANGEBYSCORE WITHSCORES", zs, err, []redis.Z{wantZ[2], wantZ[1], wantZ[0]})
	zs, err = c.ZUnionWithScores(ctx, redis.ZStore{Keys: []string{"z"}}).Result()
	sameZ("ZUNION WITHSCORES", zs, err, wantZ)
	zs, err = c.ZInterWithScores(ctx, &redis.ZStore{Keys: []string{"z", "z"}}).Result()
	sameZ("ZINTER WITHSCORES", zs, err, []redis.Z{{Score: 0.2, Member: "c"}, {Score: 3, Member: "a"}, {Score: 4, Member: "b"}})
	zs, err = c.ZDiffWithScores(ctx, "z", "missing").Result()
	sameZ("ZDIFF WITHSCORES", zs, err, wantZ)
	zs, err = c.ZRandMemberWithScores(ctx, "z", 10).Result()
	sameZ("ZRANDMEMBER 10 WITHSCORES (the whole set, highest first)", zs, err, []redis.Z{wantZ[2], wantZ[1], wantZ[0]})
	if ms, err := c.ZRange(ctx, "z", 0, -1).Result(); err != nil || strings.Join(ms, ",") != "c,a,b" {
		t.Errorf("ZRANGE: %v %v", ms, err)
	}
	zs, err = c.ZPopMin(ctx, "z").Result()
	sameZ("ZPOPMIN", zs, err, wantZ[:1])
	zs, err = c.ZPopMax(ctx, "z", 5).Result()
	sameZ("ZPOPMAX 5", zs, err, []redis.Z{wantZ[2], wantZ[1]})
	must(c.ZAdd(ctx, "z", redis.Z{Score: 1, Member: "a"}, redis.Z{Score: 2, Member: "b"}).Err())
	if key, zs, err := c.ZMPop(ctx, "min", 5, "missing", "z").Result(); err != nil || key != "z" || fmt.Sprint(zs) != fmt.Sprint([]redis.Z{{Score: 1, Member: "a"}, {Score: 2, Member: "b"}}) {
		t.Errorf("ZMPOP: %q %v %v", key, zs, err)
	}
	if _, _, err := c.ZMPop(ctx, "min", 1, "missing").Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("ZMPOP on nothing: want redis.Nil, got %v", err)
	}
	must(c.RPush(ctx, "l", "a", "b", "c").Err())
	if key, vs, err := c.LMPop(ctx, "left", 2, "missing", "l").Result(); err != nil || key != "l" || strings.Join(vs, ",") != "a,b" {
		t.Errorf("LMPOP: %q %v %v", key, vs, err)
	}
	if _, _, err := c.LMPop(ctx, "left", 1, "missing").Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("LMPOP on nothing: want redis.Nil, got %v", err)
	}
	if _, err := c.LPop(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
		t.Errorf("LPOP missing: want redis.Nil, got %v", err)
	}
	if vs, err := c.MGet(ctx, "missing", "l").Result(); err != nil || len(vs) != 2 || vs[0] != nil {
		t.Errorf("MGET: %#v %v", vs, err)
	}
	if m, err := c.ConfigGet(ctx, "appendonly").Result(); err != nil || m["appendonly"] != "no" {
		t.Errorf("CONFIG GET: %v %v", m, err)
	}
	if info, err := c.Info(ctx, "keyspace").Result(); err != nil || !strings.HasPrefix(info, "# Keyspace\r\ndb0:keys=") {
		t.Errorf("INFO keyspace: %q %v", info, err)
	}
	if cmds, err := c.Command(ctx).Result(); err != nil || cmds["get"] == nil || cmds["get"].Arity != 2 ||
		!cmds["get"].ReadOnly || strings.Join(sortedCopy(cmds["get"].Flags), ",") != "fast,readonly" {
		t.Errorf("COMMAND: get = %+v, %v", cmds["get"], err)
	}
	if docs, err := c.Do(ctx, "COMMAND", "DOCS", "get").Result(); err != nil || docs == nil {
		t.Errorf("COMMAND DOCS get: %v", err)
	}
	if f, err := c.IncrByFloat(ctx, "f", 0.1).Result(); err != nil || f != 0.1 {
		t.Errorf("INCRBYFLOAT: %v %v", f, err)
	}
	if n, err := c.Exists(ctx, "h", "missing").Result(); err != nil || n != 1 {
		t.Errorf("EXISTS: %v %v", n, err)
	}
}

func sortedCopy(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}

// TestRESP3Pipelined switches protocol in the middle of pipelined batches, read-only and
// writing (the writer's group), on every path: each reply is in the protocol in force when
// its command ran, as Redis sends them.
func TestRESP3Pipelined(t *testing.T) {
	batches := [][][]string{
		{{"GET", "nosuch"}, {"HELLO", "3"}, {"GET", "nosuch"}, {"HGETALL", "nosuch"}, {"HELLO", "2"}, {"GET", "nosuch"}},
		{{"HSET", "h", "f", "v"}, {"HELLO", "3"}, {"HGETALL", "h"}, {"ZADD", "z", "INCR", "1.5", "m"},
			{"SADD", "s", "x"}, {"SMEMBERS", "s"}, {"HELLO", "2"}, {"ZINCRBY", "z", "1", "m"}, {"HGETALL", "h"}},
		{{"HELLO", "3"}, {"ZADD", "z", "2", "n"}, {"ZPOPMIN", "z", "5"}, {"LMPOP", "1", "nosuch", "LEFT"}},
	}
	run := func(c *conn) []string {
		var out []string
		for _, b := range batches {
			var buf []byte
			for _, args := range b {
				buf = append(buf, encode(args...)...)
			}
			c.write(buf)
			for range b {
				out = append(out, normHelloID(c.read()))
			}
		}
		return out
	}
	oc := dial(t, startOracle(t))
	if r := oc.do("FLUSHALL"); r != "+OK\r\n" {
		t.Fatalf("oracle FLUSHALL: %q", r)
	}
	want := run(oc)
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got := run(s.dial(t))
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("reply %d differs from Redis 7.0.15\n redis:     %q\n sqlettuce: %q", i, want[i], got[i])
			}
		}
	})
}
