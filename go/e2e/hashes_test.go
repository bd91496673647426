package e2e

import (
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/redis/go-redis/v9"
)

// recorded is one command and the exact reply bytes Redis 7.0.15 sent for it (replies
// listing several fields or members hold sqlettuce's order, checked against Redis as a
// multiset when they were recorded: Redis's own order is its hash table's).
type recorded struct {
	args  []string
	reply string
}

func rec(reply string, args ...string) recorded { return recorded{args, reply} }

// runRecorded sends each step on one connection and compares the reply bytes.
func runRecorded(t *testing.T, c *conn, steps []recorded) {
	t.Helper()
	for i, st := range steps {
		if got := c.do(st.args...); got != st.reply {
			t.Errorf("step %d %q:\n got %q\nwant %q", i, st.args, got, st.reply)
		}
	}
}

// TestHashCommands: every hash command, its errors and edge cases, byte for byte.
func TestHashCommands(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		runRecorded(t, s.dial(t), hashSteps)
		s.alive(t)
	})
}

var hashSteps = []recorded{
	rec("+OK\r\n", "flushall"),
	rec("-ERR wrong number of arguments for 'hset' command\r\n", "hset", "h", "a", "1", "b"),
	rec(":2\r\n", "hset", "h", "a", "1", "b", "2", "a", "3"),
	rec("$1\r\n3\r\n", "hget", "h", "a"),
	rec(":0\r\n", "hset", "h", "a", "4"),
	rec("+OK\r\n", "hmset", "h", "c", "5"),
	rec("-ERR wrong number of arguments for 'hmset' command\r\n", "hmset", "h", "c"),
	rec(":0\r\n", "hsetnx", "h", "c", "6"),
	rec(":1\r\n", "hsetnx", "h", "d", "6"),
	rec("$1\r\n5\r\n", "hget", "h", "c"),
	rec("$-1\r\n", "hget", "h", "zz"),
	rec("$-1\r\n", "hget", "nokey", "a"),
	rec("*3\r\n$1\r\n4\r\n$-1\r\n$1\r\n2\r\n", "hmget", "h", "a", "zz", "b"),
	rec("*2\r\n$-1\r\n$-1\r\n", "hmget", "nokey", "a", "b"),
	rec(":4\r\n", "hlen", "h"),
	rec(":0\r\n", "hlen", "nokey"),
	rec(":1\r\n", "hstrlen", "h", "a"),
	rec(":0\r\n", "hstrlen", "h", "zz"),
	rec(":1\r\n", "hexists", "h", "a"),
	rec(":0\r\n", "hexists", "h", "zz"),
	rec(":0\r\n", "hexists", "nokey", "a"),
	rec("*8\r\n$1\r\na\r\n$1\r\n4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\nc\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n6\r\n", "hgetall", "h"),
	rec("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n", "hkeys", "h"),
	rec("*4\r\n$1\r\n4\r\n$1\r\n2\r\n$1\r\n5\r\n$1\r\n6\r\n", "hvals", "h"),
	rec("*0\r\n", "hgetall", "nokey"),
	rec("*0\r\n", "hkeys", "nokey"),
	rec(":1\r\n", "hdel", "h", "a", "a", "zz"),
	rec(":0\r\n", "hdel", "nokey", "a"),
	rec(":3\r\n", "hdel", "h", "b", "c", "d"),
	rec(":0\r\n", "exists", "h"),
	rec("+OK\r\n", "set", "s", "v"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hset", "s", "a", "1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hget", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hmget", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hgetall", "s"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hdel", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hlen", "s"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hstrlen", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hexists", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hsetnx", "s", "a", "1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hrandfield", "s"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hscan", "s", "0"),
	rec("-ERR value is not an integer or out of range\r\n", "hincrby", "s", "f", "x"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hincrby", "s", "f", "1"),
	rec(":5\r\n", "hincrby", "i", "f", "5"),
	rec(":-2\r\n", "hincrby", "i", "f", "-7"),
	rec("-ERR value is not an integer or out of range\r\n", "hincrby", "i", "f", "x"),
	rec("-ERR value is not an integer or out of range\r\n", "hincrby", "i", "f", "00"),
	rec(":3\r\n", "hset", "i", "g", "9223372036854775807", "t", "1 ", "e", ""),
	rec("-ERR increment or decrement would overflow\r\n", "hincrby", "i", "g", "1"),
	rec("-ERR hash value is not an integer\r\n", "hincrby", "i", "t", "1"),
	rec("-ERR hash value is not an integer\r\n", "hincrby", "i", "e", "1"),
	rec("-ERR hash value is not a float\r\n", "hincrbyfloat", "i", "t", "1"),
	rec("$4\r\n-1.5\r\n", "hincrbyfloat", "i", "f", "0.5"),
	rec("$3\r\n0.1\r\n", "hincrbyfloat", "i", "n", "0.1"),
	rec("$3\r\n0.3\r\n", "hincrbyfloat", "i", "n", "0.2"),
	rec("$22\r\n1000.29999999999999999\r\n", "hincrbyfloat", "i", "n", "1.0e3"),
	rec("-ERR value is NaN or Infinity\r\n", "hincrbyfloat", "i", "x", "inf"),
	rec("-ERR value is not a valid float\r\n", "hincrbyfloat", "i", "x", "nan"),
	rec("-ERR value is not a valid float\r\n", "hincrbyfloat", "i", "x", " 1"),
	rec("-ERR value is not a valid float\r\n", "hincrbyfloat", "i", "x", "1.5\x00"),
	rec(":1\r\n", "hset", "i", "inf", "inf"),
	rec("-ERR increment would produce NaN or Infinity\r\n", "hincrbyfloat", "i", "inf", "1"),
	rec("$2\r\n16\r\n", "hincrbyfloat", "i", "hex", "0x10"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "hincrbyfloat", "s", "x", "1"),
	rec("-ERR value is NaN or Infinity\r\n", "hincrbyfloat", "s", "x", "inf"),
	rec("$-1\r\n", "hrandfield", "nokey"),
	rec("*0\r\n", "hrandfield", "nokey", "3"),
	rec("-ERR value is not an integer or out of range\r\n", "hrandfield", "nokey", "x"),
	rec("-ERR syntax error\r\n", "hrandfield", "nokey", "1", "foo"),
	rec("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n", "hrandfield", "nokey", "-9223372036854775808"),
	rec("-ERR value is out of range\r\n", "hrandfield", "nokey", "4611686018427387904", "withvalues"),
	rec("*0\r\n", "hrandfield", "nokey", "-4611686018427387903", "withvalues"),
	rec(":1\r\n", "hset", "one", "f", "v"),
	rec("$1\r\nf\r\n", "hrandfield", "one"),
	rec("*0\r\n", "hrandfield", "one", "0"),
	rec("*1\r\n$1\r\nf\r\n", "hrandfield", "one", "5"),
	rec("*6\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nf\r\n$1\r\nv\r\n", "hrandfield", "one", "-3", "WITHVALUES"),
	rec("*2\r\n$1\r\n0\r\n*0\r\n", "hscan", "nokey", "0", "FOO"),
	rec("-ERR invalid cursor\r\n", "hscan", "nokey", "x"),
	rec("-ERR syntax error\r\n", "hscan", "one", "0", "COUNT", "0"),
	rec("-ERR syntax error\r\n", "hscan", "one", "0", "TYPE", "hash"),
	rec("-ERR syntax error\r\n", "hscan", "one", "0", "NOVALUES"),
	rec("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", "hscan", "one", "0"),
	rec("*2\r\n$1\r\n0\r\n*0\r\n", "hscan", "one", "0", "MATCH", "g*", "COUNT", "100"),
	rec(":1\r\n", "hset", "e", "", ""),
	rec("*2\r\n$0\r\n\r\n$0\r\n\r\n", "hgetall", "e"),
	rec(":1\r\n", "hdel", "e", ""),
	rec(":0\r\n", "exists", "e"),
}

// TestGoRedisHashes uses hashes the way an application does, through go-redis.
func TestGoRedisHashes(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		if n, err := c.HSet(ctx, "user:1", map[string]any{"name": "ada", "age": 36, "lang": "en"}).Result(); err != nil || n != 3 {
			t.Fatalf("HSET: %d %v", n, err)
		}
		if all, err := c.HGetAll(ctx, "user:1").Result(); err != nil || len(all) != 3 || all["name"] != "ada" || all["age"] != "36" {
			t.Errorf("HGETALL: %v %v", all, err)
		}
		if v, err := c.HGet(ctx, "user:1", "name").Result(); err != nil || v != "ada" {
			t.Errorf("HGET: %q %v", v, err)
		}
		if _, err := c.HGet(ctx, "user:1", "nope").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("HGET missing field: want redis.Nil, got %v", err)
		}
		if vals, err := c.HMGet(ctx, "user:1", "name", "nope", "lang").Result(); err != nil || vals[0] != "ada" || vals[1] != nil || vals[2] != "en" {
			t.Errorf("HMGET: %v %v", vals, err)
		}
		if n, err := c.HIncrBy(ctx, "user:1", "age", 1).Result(); err != nil || n != 37 {
			t.Errorf("HINCRBY: %d %v", n, err)
		}
		if f, err := c.HIncrByFloat(ctx, "user:1", "score", 0.1).Result(); err != nil || f != 0.1 {
			t.Errorf("HINCRBYFLOAT: %v %v", f, err)
		}
		if err := c.HIncrBy(ctx, "user:1", "name", 1).Err(); err == nil || err.Error() != "ERR hash value is not an integer" {
			t.Errorf("HINCRBY on text: %v", err)
		}
		if ok, err := c.HSetNX(ctx, "user:1", "name", "bob").Result(); err != nil || ok {
			t.Errorf("HSETNX existing: %v %v", ok, err)
		}
		if n, err := c.HLen(ctx, "user:1").Result(); err != nil || n != 4 {
			t.Errorf("HLEN: %d %v", n, err)
		}
		keys, err := c.HKeys(ctx, "user:1").Result()
		sort.Strings(keys)
		if err != nil || fmt.Sprint(keys) != "[age lang name score]" {
			t.Errorf("HKEYS: %v %v", keys, err)
		}
		if fields, err := c.HRandField(ctx, "user:1", -10).Result(); err != nil || len(fields) != 10 {
			t.Errorf("HRANDFIELD -10: %v %v", fields, err)
		}
		if pairs, err := c.HRandFieldWithValues(ctx, "user:1", 2).Result(); err != nil || len(pairs) != 2 || pairs[0].Key == pairs[1].Key {
			t.Errorf("HRANDFIELD 2 WITHVALUES: %v %v", pairs, err)
		}
		// A big hash scanned in small pages: every field once.
		big := map[string]any{}
		for i := 0; i < 500; i++ {
			big[fmt.Sprintf("field:%04d", i)] = i
		}
		if err := c.HSet(ctx, "big", big).Err(); err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		iter := c.HScan(ctx, "big", 0, "field:00*", 7).Iterator()
		for iter.Next(ctx) {
			f := iter.Val()
			if !iter.Next(ctx) {
				t.Fatalf("HSCAN gave a field without a value: %q", f)
			}
			seen[f]++
		}
		if err := iter.Err(); err != nil || len(seen) != 100 {
			t.Errorf("HSCAN MATCH field:00*: %d fields, %v", len(seen), err)
		}
		for f, n := range seen {
			if n != 1 {
				t.Errorf("HSCAN returned %q %d times", f, n)
			}
		}
		if n, err := c.HDel(ctx, "user:1", "name", "age", "lang", "score").Result(); err != nil || n != 4 {
			t.Errorf("HDEL: %d %v", n, err)
		}
		if n, _ := c.Exists(ctx, "user:1").Result(); n != 0 {
			t.Errorf("the emptied hash still exists")
		}
		if err := c.Set(ctx, "str", "x", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if err := c.HGet(ctx, "str", "f").Err(); err == nil || err.Error() != "WRONGTYPE Operation against a key holding the wrong kind of value" {
			t.Errorf("HGET on a string: %v", err)
		}
		// The data survives a restart.
		s2 := s.restart(t)
		c2 := newClient(t, s2, 0)
		if n, err := c2.HLen(ctx, "big").Result(); err != nil || n != 500 {
			t.Errorf("HLEN after restart: %d %v", n, err)
		}
	})
}
