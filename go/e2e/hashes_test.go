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
