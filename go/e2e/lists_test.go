package e2e

import (
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestGoRedisLists uses the list commands through a typed client.
func TestGoRedisLists(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		if n, err := c.RPush(ctx, "q", "a", "b", "c").Result(); err != nil || n != 3 {
			t.Fatalf("RPUSH: %d %v", n, err)
		}
		if n, err := c.LPush(ctx, "q", "z").Result(); err != nil || n != 4 {
			t.Errorf("LPUSH: %d %v", n, err)
		}
		if v, err := c.LRange(ctx, "q", 0, -1).Result(); err != nil || !equalStrings(v, []string{"z", "a", "b", "c"}) {
			t.Errorf("LRANGE: %q %v", v, err)
		}
		if v, err := c.LPopCount(ctx, "q", 2).Result(); err != nil || !equalStrings(v, []string{"z", "a"}) {
			t.Errorf("LPOP 2: %q %v", v, err)
		}
		if v, err := c.RPop(ctx, "q").Result(); err != nil || v != "c" {
			t.Errorf("RPOP: %q %v", v, err)
		}
		if _, err := c.LPop(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("LPOP missing: want redis.Nil, got %v", err)
		}
		c.RPush(ctx, "q", "b", "x", "b")
		if i, err := c.LPos(ctx, "q", "b", redis.LPosArgs{Rank: -1}).Result(); err != nil || i != 3 {
			t.Errorf("LPOS RANK -1: %d %v", i, err)
		}
		if v, err := c.LPosCount(ctx, "q", "b", 0, redis.LPosArgs{}).Result(); err != nil || len(v) != 3 {
			t.Errorf("LPOS COUNT 0: %v %v", v, err)
		}
		if n, err := c.LInsertBefore(ctx, "q", "x", "w").Result(); err != nil || n != 5 {
			t.Errorf("LINSERT: %d %v", n, err)
		}
		if n, err := c.LRem(ctx, "q", 0, "b").Result(); err != nil || n != 3 {
			t.Errorf("LREM: %d %v", n, err)
		}
		if err := c.LSet(ctx, "q", -1, "X").Err(); err != nil {
			t.Errorf("LSET: %v", err)
		}
		if v, err := c.LMove(ctx, "q", "r", "LEFT", "RIGHT").Result(); err != nil || v != "w" {
			t.Errorf("LMOVE: %q %v", v, err)
		}
		if key, v, err := c.LMPop(ctx, "right", 5, "none", "q", "r").Result(); err != nil || key != "q" || !equalStrings(v, []string{"X"}) {
			t.Errorf("LMPOP: %q %q %v", key, v, err)
		}
		if n, _ := c.Exists(ctx, "q").Result(); n != 0 {
			t.Errorf("the emptied list still exists")
		}
		if n, err := c.LLen(ctx, "r").Result(); err != nil || n != 1 {
			t.Errorf("LLEN: %d %v", n, err)
		}
		if err := c.Set(ctx, "str", "v", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if err := c.LPush(ctx, "str", "a").Err(); err == nil || err.Error() != "WRONGTYPE Operation against a key holding the wrong kind of value" {
			t.Errorf("LPUSH on a string: %v", err)
		}
		// A queue: producers push, a consumer pops in order; a TTL survives the writes.
		for i := 0; i < 100; i++ {
			c.LPush(ctx, "jobs", i)
		}
		c.Expire(ctx, "jobs", time.Hour)
		for i := 0; i < 100; i++ {
			if v, err := c.RPop(ctx, "jobs").Int(); err != nil || v != i {
				t.Fatalf("RPOP job %d: %d %v", i, v, err)
			}
			if i == 50 {
				if ttl, _ := c.TTL(ctx, "jobs").Result(); ttl <= 0 {
					t.Errorf("TTL after pops: %v", ttl)
				}
			}
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
