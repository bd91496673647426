package e2e

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// newClient is a go-redis client on s speaking RESP2 (TestGoRedisRESP3 covers RESP3).
func newClient(t *testing.T, s *server, db int) *redis.Client {
	t.Helper()
	c := redis.NewClient(&redis.Options{
		Addr:         s.addr(),
		Protocol:     2,
		DB:           db,
		DialTimeout:  30 * time.Second,
		ReadTimeout:  60 * time.Second,
		WriteTimeout: 60 * time.Second,
		PoolSize:     32,
		MaxRetries:   -1, // a retried write would hide a server that drops connections
	})
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// TestGoRedisHandshake connects with go-redis's defaults (protocol 3): HELLO 3 switches the
// connection to RESP3, and everything works; a RESP2 client still gets RESP2.
func TestGoRedisHandshake(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		def := redis.NewClient(&redis.Options{Addr: s.addr(), DialTimeout: 30 * time.Second,
			ReadTimeout: 60 * time.Second, ClientName: "e2e-default"})
		defer def.Close()
		if err := def.Ping(ctx).Err(); err != nil {
			t.Fatalf("PING with the default (protocol 3) client: %v", err)
		}
		if err := def.Set(ctx, "k", "v", 0).Err(); err != nil {
			t.Fatalf("SET: %v", err)
		}
		if got, err := def.Get(ctx, "k").Result(); err != nil || got != "v" {
			t.Fatalf("GET k: %q, %v", got, err)
		}
		if got, err := def.ClientGetName(ctx).Result(); err != nil || got != "e2e-default" {
			t.Errorf("CLIENT GETNAME after the handshake's CLIENT SETNAME: %q, %v", got, err)
		}
		if id, err := def.ClientID(ctx).Result(); err != nil || id <= 0 {
			t.Errorf("CLIENT ID: %d, %v", id, err)
		}
		// HELLO 3 is a map in RESP3; HELLO 4 is refused with Redis's NOPROTO error.
		if m, err := def.Do(ctx, "HELLO", "3").Result(); err != nil {
			t.Errorf("HELLO 3: %v", err)
		} else if hm, ok := m.(map[interface{}]interface{}); !ok || hm["proto"] != int64(3) || hm["role"] != "master" {
			t.Errorf("HELLO 3: %#v", m)
		}
		err := def.Do(ctx, "HELLO", "4").Err()
		want := "NOPROTO unsupported protocol version"
		if err == nil || err.Error() != want {
			t.Errorf("HELLO 4: want error %q, got %v", want, err)
		}
		// And a RESP2 client's HELLO 2 is a map go-redis can read.
		c2 := newClient(t, s, 0)
		hello, err := c2.Do(ctx, "HELLO", "2").Slice()
		if err != nil || len(hello) != 14 || hello[0] != "server" || hello[1] != "redis" || hello[4] != "proto" || hello[5] != int64(2) {
			t.Errorf("HELLO 2: %#v, %v", hello, err)
		}
		if got, err := c2.Get(ctx, "k").Result(); err != nil || got != "v" {
			t.Errorf("GET k on the RESP2 client: %q, %v", got, err)
		}
	})
}

// TestGoRedisStrings covers the string commands through a typed client.
func TestGoRedisStrings(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(c.Set(ctx, "s", "hello", 0).Err())
		if v, err := c.Get(ctx, "s").Result(); err != nil || v != "hello" {
			t.Errorf("GET s: %q %v", v, err)
		}
		if _, err := c.Get(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("GET missing: want redis.Nil, got %v", err)
		}
		if n, err := c.Append(ctx, "s", " world").Result(); err != nil || n != 11 {
			t.Errorf("APPEND: %d %v", n, err)
		}
		if n, err := c.StrLen(ctx, "s").Result(); err != nil || n != 11 {
			t.Errorf("STRLEN: %d %v", n, err)
		}
		if v, err := c.GetRange(ctx, "s", -5, -1).Result(); err != nil || v != "world" {
			t.Errorf("GETRANGE -5 -1: %q %v", v, err)
		}
		if n, err := c.SetRange(ctx, "s", 6, "WORLD").Result(); err != nil || n != 11 {
			t.Errorf("SETRANGE: %d %v", n, err)
		}
		if v, _ := c.Get(ctx, "s").Result(); v != "hello WORLD" {
			t.Errorf("after SETRANGE: %q", v)
		}
		if ok, err := c.SetNX(ctx, "s", "x", 0).Result(); err != nil || ok {
			t.Errorf("SETNX existing: %v %v", ok, err)
		}
		if ok, err := c.SetNX(ctx, "nx", "x", 0).Result(); err != nil || !ok {
			t.Errorf("SETNX new: %v %v", ok, err)
		}
		if ok, err := c.SetXX(ctx, "absent", "x", 0).Result(); err != nil || ok {
			t.Errorf("SET XX absent: %v %v", ok, err)
		}
		if old, err := c.SetArgs(ctx, "nx", "y", redis.SetArgs{Get: true}).Result(); err != nil || old != "x" {
			t.Errorf("SET GET: %q %v", old, err)
		}
		if old, err := c.GetSet(ctx, "nx", "z").Result(); err != nil || old != "y" {
			t.Errorf("GETSET: %q %v", old, err)
		}
		if v, err := c.GetDel(ctx, "nx").Result(); err != nil || v != "z" {
			t.Errorf("GETDEL: %q %v", v, err)
		}
		if n, _ := c.Exists(ctx, "nx").Result(); n != 0 {
			t.Errorf("EXISTS after GETDEL: %d", n)
		}
		// Counters.
		if n, err := c.Incr(ctx, "ctr").Result(); err != nil || n != 1 {
			t.Errorf("INCR: %d %v", n, err)
		}
		if n, err := c.IncrBy(ctx, "ctr", 41).Result(); err != nil || n != 42 {
			t.Errorf("INCRBY: %d %v", n, err)
		}
		if n, err := c.DecrBy(ctx, "ctr", 2).Result(); err != nil || n != 40 {
			t.Errorf("DECRBY: %d %v", n, err)
		}
		if n, err := c.Decr(ctx, "ctr").Result(); err != nil || n != 39 {
			t.Errorf("DECR: %d %v", n, err)
		}
		if f, err := c.IncrByFloat(ctx, "flt", 2.5).Result(); err != nil || f != 2.5 {
			t.Errorf("INCRBYFLOAT: %v %v", f, err)
		}
		if err := c.Incr(ctx, "s").Err(); err == nil || err.Error() != "ERR value is not an integer or out of range" {
			t.Errorf("INCR on text: want the not-an-integer error, got %v", err)
		}
		must(c.Set(ctx, "max", strconv.FormatInt(1<<63-1, 10), 0).Err())
		if err := c.Incr(ctx, "max").Err(); err == nil || err.Error() != "ERR increment or decrement would overflow" {
			t.Errorf("INCR at max int64: want the overflow error, got %v", err)
		}
		// MSET / MGET / MSETNX.
		must(c.MSet(ctx, "a", "1", "b", "2", "c", "3").Err())
		vals, err := c.MGet(ctx, "a", "nope", "b", "c").Result()
		if err != nil || fmt.Sprint(vals) != "[1 <nil> 2 3]" {
			t.Errorf("MGET: %v %v", vals, err)
		}
		if ok, err := c.MSetNX(ctx, "a", "9", "d", "4").Result(); err != nil || ok {
			t.Errorf("MSETNX with one existing: %v %v", ok, err)
		}
		if n, _ := c.Exists(ctx, "d").Result(); n != 0 {
			t.Errorf("MSETNX must set nothing when one key exists")
		}
		if ok, err := c.MSetNX(ctx, "d", "4", "e", "5").Result(); err != nil || !ok {
			t.Errorf("MSETNX all new: %v %v", ok, err)
		}
		// Key commands.
		if typ, _ := c.Type(ctx, "a").Result(); typ != "string" {
			t.Errorf("TYPE a: %q", typ)
		}
		if typ, _ := c.Type(ctx, "nope").Result(); typ != "none" {
			t.Errorf("TYPE nope: %q", typ)
		}
		must(c.Rename(ctx, "a", "a2").Err())
		if ok, _ := c.RenameNX(ctx, "a2", "b").Result(); ok {
			t.Errorf("RENAMENX onto an existing key must fail")
		}
		if ok, err := c.Copy(ctx, "a2", "a3", 0, false).Result(); err != nil || ok != 1 {
			t.Errorf("COPY: %v %v", ok, err)
		}
		if n, _ := c.Touch(ctx, "a2", "a3", "nope").Result(); n != 2 {
			t.Errorf("TOUCH: %d", n)
		}
		if n, _ := c.Del(ctx, "a2", "a3", "nope").Result(); n != 2 {
			t.Errorf("DEL: %d", n)
		}
		if n, _ := c.Unlink(ctx, "b", "nope").Result(); n != 1 {
			t.Errorf("UNLINK: %d", n)
		}
		if n, _ := c.DBSize(ctx).Result(); n <= 0 {
			t.Errorf("DBSIZE: %d", n)
		}
		if k, err := c.RandomKey(ctx).Result(); err != nil || k == "" {
			t.Errorf("RANDOMKEY: %q %v", k, err)
		}
		if tm, err := c.Time(ctx).Result(); err != nil || tm.Year() < 2024 {
			t.Errorf("TIME: %v %v", tm, err)
		}
		must(c.FlushDB(ctx).Err())
		if _, err := c.RandomKey(ctx).Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("RANDOMKEY on an empty db: want nil, got %v", err)
		}
	})
}

// TestGoRedisExpiry covers TTLs through go-redis. Only long TTLs are read, so a slow
// machine cannot make them fail; one short PX checks that expiry happens at all.
func TestGoRedisExpiry(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		if err := c.Set(ctx, "k", "v", 1000*time.Second).Err(); err != nil {
			t.Fatal(err)
		}
		if ttl, _ := c.TTL(ctx, "k").Result(); ttl < 900*time.Second || ttl > 1000*time.Second {
			t.Errorf("TTL after SET EX 1000: %v", ttl)
		}
		if ttl, _ := c.PTTL(ctx, "k").Result(); ttl < 900*time.Second || ttl > 1000*time.Second {
			t.Errorf("PTTL after SET EX 1000: %v", ttl)
		}
		if ttl, _ := c.TTL(ctx, "missing").Result(); ttl != -2 {
			t.Errorf("TTL missing: want -2 (as a Duration), got %v", ttl)
		}
		c.Set(ctx, "p", "v", 0)
		if ttl, _ := c.TTL(ctx, "p").Result(); ttl != -1 {
			t.Errorf("TTL persistent: want -1, got %v", ttl)
		}
		at := time.Now().Add(2 * time.Hour).Truncate(time.Second)
		if ok, err := c.ExpireAt(ctx, "p", at).Result(); err != nil || !ok {
			t.Errorf("EXPIREAT: %v %v", ok, err)
		}
		if et, err := c.ExpireTime(ctx, "p").Result(); err != nil || et != time.Duration(at.Unix())*time.Second {
			t.Errorf("EXPIRETIME: want %v, got %v %v", time.Duration(at.Unix())*time.Second, et, err)
		}
		if pt, err := c.Do(ctx, "PEXPIRETIME", "p").Int64(); err != nil || pt != at.UnixMilli() {
			t.Errorf("PEXPIRETIME: want %d, got %d %v", at.UnixMilli(), pt, err)
		}
		if ok, _ := c.ExpireNX(ctx, "p", time.Hour).Result(); ok {
			t.Errorf("EXPIRE NX on a key with a TTL must do nothing")
		}
		if ok, _ := c.ExpireGT(ctx, "p", 3*time.Hour).Result(); !ok {
			t.Errorf("EXPIRE GT with a later time must apply")
		}
		if ok, _ := c.ExpireLT(ctx, "p", 4*time.Hour).Result(); ok {
			t.Errorf("EXPIRE LT with a later time must do nothing")
		}
		if ok, _ := c.Persist(ctx, "p").Result(); !ok {
			t.Errorf("PERSIST on a key with a TTL must reply 1")
		}
		if ok, _ := c.Persist(ctx, "p").Result(); ok {
			t.Errorf("PERSIST twice must reply 0")
		}
		if v, err := c.GetEx(ctx, "p", 500*time.Second).Result(); err != nil || v != "v" {
			t.Errorf("GETEX EX: %q %v", v, err)
		}
		if ttl, _ := c.TTL(ctx, "p").Result(); ttl < 400*time.Second {
			t.Errorf("TTL after GETEX EX 500: %v", ttl)
		}
		// KEEPTTL keeps, plain SET clears.
		c.SetArgs(ctx, "p", "w", redis.SetArgs{KeepTTL: true})
		if ttl, _ := c.TTL(ctx, "p").Result(); ttl < 400*time.Second {
			t.Errorf("TTL after SET KEEPTTL: %v", ttl)
		}
		c.Set(ctx, "p", "x", 0)
		if ttl, _ := c.TTL(ctx, "p").Result(); ttl != -1 {
			t.Errorf("TTL after a plain SET: %v", ttl)
		}
		// An expiry in the past deletes at once.
		c.Set(ctx, "gone", "v", 0)
		if ok, _ := c.ExpireAt(ctx, "gone", time.Unix(1000, 0)).Result(); !ok {
			t.Errorf("EXPIREAT in the past must reply 1")
		}
		if n, _ := c.Exists(ctx, "gone").Result(); n != 0 {
			t.Errorf("a key expired in the past still exists")
		}
		// A short expiry does expire; poll instead of sleeping a fixed time.
		c.Set(ctx, "short", "v", 50*time.Millisecond)
		deadline := time.Now().Add(30 * time.Second)
		for {
			n, err := c.Exists(ctx, "short").Result()
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("a key set with PX 50 still exists after 30 s")
			}
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := c.Get(ctx, "short").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("GET of an expired key: want nil, got %v", err)
		}
	})
}

// TestGoRedisPipeline sends 1000 commands in one go-redis pipeline.
func TestGoRedisPipeline(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		cmds, err := c.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			for i := 0; i < 500; i++ {
				pipe.Set(ctx, fmt.Sprintf("p:%d", i), i, 0)
				pipe.Incr(ctx, "p:count")
			}
			return nil
		})
		if err != nil {
			t.Fatalf("pipeline: %v", err)
		}
		if len(cmds) != 1000 {
			t.Fatalf("pipeline: %d results", len(cmds))
		}
		for i, cmd := range cmds {
			if cmd.Err() != nil {
				t.Fatalf("pipeline command %d (%v): %v", i, cmd.Args(), cmd.Err())
			}
			if i%2 == 1 {
				if n := cmd.(*redis.IntCmd).Val(); n != int64(i/2+1) {
					t.Fatalf("pipelined INCR %d: got %d", i/2, n)
				}
			}
		}
		// A pipeline mixing errors and successes: each command keeps its own reply.
		cmds, _ = c.Pipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, "txt", "abc", 0)
			pipe.Incr(ctx, "txt")
			pipe.Set(ctx, "after", "ok", 0)
			pipe.Get(ctx, "after")
			return nil
		})
		if cmds[1].Err() == nil || cmds[2].Err() != nil || cmds[3].(*redis.StringCmd).Val() != "ok" {
			t.Errorf("a failing command in a pipeline must not affect its neighbours: %v", cmds)
		}
		keys := make([]string, 500)
		for i := range keys {
			keys[i] = fmt.Sprintf("p:%d", i)
		}
		vals, err := c.MGet(ctx, keys...).Result()
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if v != strconv.Itoa(i) {
				t.Fatalf("MGET p:%d = %v", i, v)
			}
		}
	})
}

// TestGoRedisScanKeys checks SCAN (every key present for the whole scan comes back at
// least once, with MATCH, COUNT and TYPE) and KEYS patterns.
func TestGoRedisScanKeys(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		const n = 1000
		pairs := make([]any, 0, 2*n)
		for i := 0; i < n; i++ {
			pairs = append(pairs, fmt.Sprintf("user:%d", i), "x")
		}
		pairs = append(pairs, "other:1", "y", "other:2", "y", "h*llo", "z", "hallo", "z", "hello", "z")
		if err := c.MSet(ctx, pairs...).Err(); err != nil {
			t.Fatal(err)
		}
		scanAll := func(match, typ string, count int64) map[string]int {
			seen := map[string]int{}
			var cursor uint64
			for round := 0; ; round++ {
				if round > 100000 {
					t.Fatalf("SCAN did not finish")
				}
				var keys []string
				var err error
				if typ != "" {
					keys, cursor, err = c.ScanType(ctx, cursor, match, count, typ).Result()
				} else {
					keys, cursor, err = c.Scan(ctx, cursor, match, count).Result()
				}
				if err != nil {
					t.Fatalf("SCAN: %v", err)
				}
				for _, k := range keys {
					seen[k]++
				}
				if cursor == 0 {
					return seen
				}
			}
		}
		for _, count := range []int64{0, 7, 100, 5000} {
			seen := scanAll("", "", count)
			if len(seen) != n+5 {
				t.Errorf("SCAN COUNT %d: %d distinct keys, want %d", count, len(seen), n+5)
			}
			for i := 0; i < n; i++ {
				if seen[fmt.Sprintf("user:%d", i)] == 0 {
					t.Errorf("SCAN COUNT %d never returned user:%d", count, i)
					break
				}
			}
		}
		if seen := scanAll("other:*", "", 10); len(seen) != 2 || seen["other:1"] == 0 || seen["other:2"] == 0 {
			t.Errorf("SCAN MATCH other:*: %v", seen)
		}
		if seen := scanAll("", "string", 50); len(seen) != n+5 {
			t.Errorf("SCAN TYPE string: %d keys", len(seen))
		}
		if seen := scanAll("", "list", 50); len(seen) != 0 {
			t.Errorf("SCAN TYPE list: %v", seen)
		}
		// Keys written during a scan do not disturb the keys present throughout.
		seen := map[string]int{}
		var cursor uint64
		for round := 0; ; round++ {
			keys, next, err := c.Scan(ctx, cursor, "user:*", 25).Result()
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				seen[k]++
			}
			c.Set(ctx, fmt.Sprintf("user:new:%d", round), "n", 0)
			c.Del(ctx, fmt.Sprintf("user:new:%d", round-3))
			if cursor = next; cursor == 0 {
				break
			}
		}
		for i := 0; i < n; i++ {
			if seen[fmt.Sprintf("user:%d", i)] == 0 {
				t.Errorf("SCAN with concurrent writes never returned user:%d", i)
				break
			}
		}

		sorted := func(pattern string) []string {
			ks, err := c.Keys(ctx, pattern).Result()
			if err != nil {
				t.Fatalf("KEYS %s: %v", pattern, err)
			}
			sort.Strings(ks)
			return ks
		}
		for pattern, want := range map[string]string{
			"other:*":     "[other:1 other:2]",
			"h?llo":       "[h*llo hallo hello]",
			"h[ae]llo":    "[hallo hello]",
			"h[^e]llo":    "[h*llo hallo]",
			"h\\*llo":     "[h*llo]",
			"user:99?":    "[user:990 user:991 user:992 user:993 user:994 user:995 user:996 user:997 user:998 user:999]",
			"nomatch*":    "[]",
			"other:[1-1]": "[other:1]",
		} {
			if got := fmt.Sprint(sorted(pattern)); got != want {
				t.Errorf("KEYS %s: want %s, got %s", pattern, want, got)
			}
		}
		if all := sorted("*"); len(all) < n+5 {
			t.Errorf("KEYS *: %d keys", len(all))
		}
	})
}

// TestGoRedisConcurrentIncr: 20 clients INCR one key 200 times each; no update is lost.
func TestGoRedisConcurrentIncr(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		const workers, each = 20, 200
		var wg sync.WaitGroup
		errs := make(chan error, workers)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				c := redis.NewClient(&redis.Options{Addr: s.addr(), Protocol: 2, PoolSize: 1,
					DialTimeout: 30 * time.Second, ReadTimeout: 60 * time.Second, MaxRetries: -1})
				defer c.Close()
				for i := 0; i < each; i++ {
					if err := c.Incr(ctx, "counter").Err(); err != nil {
						errs <- fmt.Errorf("worker %d INCR %d: %w", w, i, err)
						return
					}
					if err := c.Set(ctx, fmt.Sprintf("w:%d", w), i, 0).Err(); err != nil {
						errs <- fmt.Errorf("worker %d SET %d: %w", w, i, err)
						return
					}
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		c := newClient(t, s, 0)
		if got, err := c.Get(ctx, "counter").Int(); err != nil || got != workers*each {
			t.Errorf("counter after %d×%d concurrent INCR: %d (%v)", workers, each, got, err)
		}
		for w := 0; w < workers; w++ {
			if got, _ := c.Get(ctx, fmt.Sprintf("w:%d", w)).Int(); got != each-1 {
				t.Errorf("w:%d = %d, want %d", w, got, each-1)
			}
		}
	})
}

// TestGoRedisSelect: the 16 databases are separate key spaces.
func TestGoRedisSelect(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c0, c5, c15 := newClient(t, s, 0), newClient(t, s, 5), newClient(t, s, 15)
		c0.Set(ctx, "k", "zero", 0)
		c5.Set(ctx, "k", "five", 0)
		c5.Set(ctx, "only5", "x", 0)
		for _, tc := range []struct {
			c    *redis.Client
			key  string
			want string
		}{{c0, "k", "zero"}, {c5, "k", "five"}, {c15, "k", ""}, {c0, "only5", ""}, {c5, "only5", "x"}} {
			got, err := tc.c.Get(ctx, tc.key).Result()
			if tc.want == "" {
				if !errors.Is(err, redis.Nil) {
					t.Errorf("db%d GET %s: want nil, got %q %v", tc.c.Options().DB, tc.key, got, err)
				}
			} else if got != tc.want {
				t.Errorf("db%d GET %s: want %q, got %q %v", tc.c.Options().DB, tc.key, tc.want, got, err)
			}
		}
		if n, _ := c5.DBSize(ctx).Result(); n != 2 {
			t.Errorf("db5 DBSIZE: %d", n)
		}
		// COPY ... DB copies across databases.
		if n, err := c0.Copy(ctx, "k", "copied", 15, false).Result(); err != nil || n != 1 {
			t.Errorf("COPY k copied DB 15: %d %v", n, err)
		}
		if v, _ := c15.Get(ctx, "copied").Result(); v != "zero" {
			t.Errorf("db15 copied: %q", v)
		}
		// FLUSHDB empties one database, FLUSHALL every one.
		c5.FlushDB(ctx)
		if n, _ := c5.DBSize(ctx).Result(); n != 0 {
			t.Errorf("db5 after FLUSHDB: %d", n)
		}
		if n, _ := c0.DBSize(ctx).Result(); n != 1 {
			t.Errorf("db0 after db5's FLUSHDB: %d", n)
		}
		c0.FlushAll(ctx)
		if n, _ := c15.DBSize(ctx).Result(); n != 0 {
			t.Errorf("db15 after FLUSHALL: %d", n)
		}
		// SELECT on one raw connection.
		rc := s.dial(t)
		for _, st := range [][2]string{
			{"SELECT 3", "+OK\r\n"},
			{"SET k three", "+OK\r\n"},
			{"SELECT 0", "+OK\r\n"},
			{"GET k", "$-1\r\n"},
			{"SELECT 3", "+OK\r\n"},
			{"GET k", "$5\r\nthree\r\n"},
			{"SELECT 16", "-ERR DB index is out of range\r\n"},
			{"GET k", "$5\r\nthree\r\n"},
		} {
			if got := rc.do(splitArgs(st[0])...); got != st[1] {
				t.Errorf("%s: want %q, got %q", st[0], st[1], got)
			}
		}
	})
}

// TestGoRedisBinarySafe: keys and values with NUL, CR, LF and 0xFF round-trip exactly.
func TestGoRedisBinarySafe(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		all := make([]byte, 256)
		for i := range all {
			all[i] = byte(i)
		}
		pairs := [][2]string{
			{"nul\x00key", "v\x00al"},
			{"cr\rlf\nkey", "\r\n\r\n"},
			{"\xff\xfe", "\xff"},
			{"", "empty key"},
			{"empty value", ""},
			{"all bytes", string(all)},
			{"*\r\n$3\r\nfoo", "$-1\r\n"},
		}
		for _, kv := range pairs {
			if err := c.Set(ctx, kv[0], kv[1], 0).Err(); err != nil {
				t.Fatalf("SET %q: %v", kv[0], err)
			}
		}
		for _, kv := range pairs {
			got, err := c.Get(ctx, kv[0]).Result()
			if err != nil || got != kv[1] {
				t.Errorf("GET %q: want %q, got %q %v", kv[0], kv[1], got, err)
			}
			if n, _ := c.StrLen(ctx, kv[0]).Result(); n != int64(len(kv[1])) {
				t.Errorf("STRLEN %q: %d", kv[0], n)
			}
		}
		ks, _ := c.Keys(ctx, "*").Result()
		sort.Strings(ks)
		var want []string
		for _, kv := range pairs {
			want = append(want, kv[0])
		}
		sort.Strings(want)
		if fmt.Sprintf("%q", ks) != fmt.Sprintf("%q", want) {
			t.Errorf("KEYS *: want %q, got %q", want, ks)
		}
		if n, _ := c.Append(ctx, "nul\x00key", "\x00\xff").Result(); n != 6 {
			t.Errorf("APPEND binary: %d", n)
		}
		if v, _ := c.GetRange(ctx, "nul\x00key", 1, 5).Result(); v != "\x00al\x00\xff" {
			t.Errorf("GETRANGE binary: %q", v)
		}
		if v, _ := c.Get(ctx, "empty value").Result(); v != "" {
			t.Errorf("empty value: %q", v)
		}
		if n, _ := c.Exists(ctx, "empty value", "").Result(); n != 2 {
			t.Errorf("EXISTS of the empty value and the empty key: %d", n)
		}
		if err := c.Rename(ctx, "\xff\xfe", "\x00").Err(); err != nil {
			t.Errorf("RENAME binary: %v", err)
		}
		if v, _ := c.Get(ctx, "\x00").Result(); v != "\xff" {
			t.Errorf("GET after RENAME: %q", v)
		}
	})
}

// splitArgs splits a space-separated test command (tables need no quoting).
func splitArgs(s string) []string { return strings.Fields(s) }

// TestGoRedisAtomicMSet: a reader never sees half of an MSET, while writers and readers run
// on separate connections at once (readers may use other SQLite connections than the writer).
func TestGoRedisAtomicMSet(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		if err := c.MSet(ctx, "x", 0, "y", 0, "z", 0).Err(); err != nil {
			t.Fatal(err)
		}
		const rounds = 300
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		stop := make(chan struct{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(stop)
			for i := 1; i <= rounds; i++ {
				if err := c.MSet(ctx, "x", i, "y", i, "z", i).Err(); err != nil {
					errs <- fmt.Errorf("MSET %d: %w", i, err)
					return
				}
			}
		}()
		for r := 0; r < 3; r++ {
			wg.Add(1)
			go func(r int) {
				defer wg.Done()
				last := -1
				for {
					select {
					case <-stop:
						return
					default:
					}
					vals, err := c.MGet(ctx, "x", "y", "z").Result()
					if err != nil {
						errs <- fmt.Errorf("reader %d MGET: %w", r, err)
						return
					}
					if vals[0] != vals[1] || vals[1] != vals[2] {
						errs <- fmt.Errorf("reader %d saw half an MSET: %v", r, vals)
						return
					}
					n, _ := strconv.Atoi(vals[0].(string))
					if n < last {
						errs <- fmt.Errorf("reader %d went back in time: %d after %d", r, n, last)
						return
					}
					last = n
				}
			}(r)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if v, _ := c.Get(ctx, "z").Result(); v != strconv.Itoa(rounds) {
			t.Errorf("z after %d MSETs: %q", rounds, v)
		}
	})
}
