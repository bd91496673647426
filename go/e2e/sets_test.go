package e2e

import (
	"fmt"
	"sort"
	"testing"
)

// TestSetCommands: every set command, its errors and edge cases, byte for byte.
func TestSetCommands(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		runRecorded(t, s.dial(t), setSteps)
		s.alive(t)
	})
}

var setSteps = []recorded{
	rec("+OK\r\n", "flushall"),
	rec(":2\r\n", "sadd", "s", "a", "b", "a"),
	rec(":1\r\n", "sadd", "s", "b", "c"),
	rec(":1\r\n", "srem", "s", "a", "zz", "a"),
	rec(":0\r\n", "srem", "nokey", "a"),
	rec(":1\r\n", "sismember", "s", "b"),
	rec(":0\r\n", "sismember", "s", "a"),
	rec(":0\r\n", "sismember", "nokey", "a"),
	rec("*2\r\n:0\r\n:1\r\n", "smismember", "s", "a", "b"),
	rec("*1\r\n:0\r\n", "smismember", "nokey", "a"),
	rec(":2\r\n", "scard", "s"),
	rec(":0\r\n", "scard", "nokey"),
	rec("*2\r\n$1\r\nb\r\n$1\r\nc\r\n", "smembers", "s"),
	rec("*0\r\n", "smembers", "nokey"),
	rec(":2\r\n", "srem", "s", "b", "c"),
	rec(":0\r\n", "exists", "s"),
	rec("+OK\r\n", "set", "str", "v"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sadd", "str", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srem", "str", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sismember", "str", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smismember", "str", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "scard", "str"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smembers", "str"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "spop", "str"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "spop", "str", "0"),
	rec("-ERR value is out of range, must be positive\r\n", "spop", "str", "-1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srandmember", "str"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "srandmember", "str", "0"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sscan", "str", "0"),
	rec("$-1\r\n", "spop", "nokey"),
	rec("*0\r\n", "spop", "nokey", "3"),
	rec("-ERR value is out of range, must be positive\r\n", "spop", "nokey", "x"),
	rec("-ERR syntax error\r\n", "spop", "nokey", "1", "2"),
	rec("$-1\r\n", "srandmember", "nokey"),
	rec("*0\r\n", "srandmember", "nokey", "-5"),
	rec("-ERR value is not an integer or out of range\r\n", "srandmember", "nokey", "x"),
	rec("-ERR syntax error\r\n", "srandmember", "nokey", "1", "2"),
	rec("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n", "srandmember", "nokey", "-9223372036854775808"),
	rec(":1\r\n", "sadd", "one", "m"),
	rec("$1\r\nm\r\n", "srandmember", "one"),
	rec("*3\r\n$1\r\nm\r\n$1\r\nm\r\n$1\r\nm\r\n", "srandmember", "one", "-3"),
	rec("*1\r\n$1\r\nm\r\n", "srandmember", "one", "3"),
	rec("*0\r\n", "spop", "one", "0"),
	rec("$1\r\nm\r\n", "spop", "one"),
	rec(":0\r\n", "exists", "one"),
	rec(":2\r\n", "sadd", "two", "x", "y"),
	rec("*2\r\n$1\r\nx\r\n$1\r\ny\r\n", "spop", "two", "5"),
	rec(":0\r\n", "exists", "two"),
	rec(":0\r\n", "smove", "nokey", "str", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smove", "str", "nokey", "a"),
	rec(":2\r\n", "sadd", "a", "x", "y"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "smove", "a", "str", "x"),
	rec(":1\r\n", "smove", "a", "a", "x"),
	rec(":0\r\n", "smove", "a", "a", "q"),
	rec(":0\r\n", "smove", "a", "b", "q"),
	rec(":1\r\n", "smove", "a", "b", "x"),
	rec(":1\r\n", "sadd", "c", "y"),
	rec(":1\r\n", "smove", "a", "c", "y"),
	rec(":0\r\n", "exists", "a"),
	rec("*1\r\n$1\r\ny\r\n", "smembers", "c"),
	rec(":4\r\n", "sadd", "s1", "a", "b", "c", "d"),
	rec(":3\r\n", "sadd", "s2", "c", "d", "e"),
	rec(":3\r\n", "sadd", "s3", "d", "e", "f"),
	rec("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "sinter", "s1", "s2"),
	rec("*1\r\n$1\r\nd\r\n", "sinter", "s1", "s2", "s3"),
	rec("*0\r\n", "sinter", "s1", "nokey"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sinter", "nokey", "str"),
	rec("*5\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n", "sunion", "s1", "s2", "nokey"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sunion", "nokey", "str"),
	rec("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "sdiff", "s1", "s2"),
	rec("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "sdiff", "s1", "s2", "s3"),
	rec("*0\r\n", "sdiff", "nokey", "s1"),
	rec("*0\r\n", "sdiff", "s1", "s1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sdiff", "str", "nokey"),
	rec(":2\r\n", "sintercard", "2", "s1", "s2"),
	rec(":1\r\n", "sintercard", "2", "s1", "s2", "LIMIT", "1"),
	rec(":2\r\n", "sintercard", "2", "s1", "s2", "LIMIT", "0"),
	rec("-ERR numkeys should be greater than 0\r\n", "sintercard", "0", "s1"),
	rec("-ERR numkeys should be greater than 0\r\n", "sintercard", "x", "s1"),
	rec("-ERR Number of keys can't be greater than number of args\r\n", "sintercard", "3", "s1"),
	rec("-ERR syntax error\r\n", "sintercard", "1", "s1", "s2"),
	rec("-ERR syntax error\r\n", "sintercard", "1", "s1", "LIMIT"),
	rec("-ERR LIMIT can't be negative\r\n", "sintercard", "1", "s1", "LIMIT", "-1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sintercard", "2", "s1", "str"),
	rec("+OK\r\n", "set", "dst", "x"),
	rec(":1\r\n", "expire", "dst", "100"),
	rec(":2\r\n", "sinterstore", "dst", "s1", "s2"),
	rec(":-1\r\n", "ttl", "dst"),
	rec("*2\r\n$1\r\nc\r\n$1\r\nd\r\n", "smembers", "dst"),
	rec(":0\r\n", "sinterstore", "dst", "s1", "nokey"),
	rec(":0\r\n", "exists", "dst"),
	rec(":5\r\n", "sunionstore", "dst", "s1", "s2"),
	rec(":5\r\n", "scard", "dst"),
	rec(":2\r\n", "sdiffstore", "dst", "s1", "s2", "s3"),
	rec("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "smembers", "dst"),
	rec(":2\r\n", "sdiffstore", "s1", "s1", "s2"),
	rec("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "smembers", "s1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "sinterstore", "dst", "s1", "str"),
	rec("+set\r\n", "type", "dst"),
	rec("*2\r\n$1\r\n0\r\n*0\r\n", "sscan", "nokey", "0", "FOO"),
	rec("-ERR invalid cursor\r\n", "sscan", "nokey", "x"),
	rec("-ERR syntax error\r\n", "sscan", "s3", "0", "COUNT", "0"),
	rec("-ERR syntax error\r\n", "sscan", "s3", "0", "TYPE", "set"),
	rec("*2\r\n$1\r\n0\r\n*3\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\nf\r\n", "sscan", "s3", "0"),
	rec("*2\r\n$1\r\n0\r\n*1\r\n$1\r\ne\r\n", "sscan", "s3", "0", "MATCH", "e"),
	rec("*2\r\n$1\r\n0\r\n*0\r\n", "sscan", "s3", "18446744073709551615"),
	rec(":1\r\n", "sadd", "e", ""),
	rec("*1\r\n$0\r\n\r\n", "smembers", "e"),
	rec(":1\r\n", "srem", "e", ""),
	rec(":0\r\n", "exists", "e"),
}

// TestGoRedisSets uses sets the way an application does, through go-redis.
func TestGoRedisSets(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		sorted := func(v []string) string { sort.Strings(v); return fmt.Sprint(v) }
		if n, err := c.SAdd(ctx, "tags:a", "go", "rust", "sql", "go").Result(); err != nil || n != 3 {
			t.Fatalf("SADD: %d %v", n, err)
		}
		c.SAdd(ctx, "tags:b", "sql", "c", "rust")
		if m, err := c.SMembers(ctx, "tags:a").Result(); err != nil || sorted(m) != "[go rust sql]" {
			t.Errorf("SMEMBERS: %v %v", m, err)
		}
		if ok, err := c.SIsMember(ctx, "tags:a", "go").Result(); err != nil || !ok {
			t.Errorf("SISMEMBER: %v %v", ok, err)
		}
		if m, err := c.SMIsMember(ctx, "tags:a", "go", "c").Result(); err != nil || fmt.Sprint(m) != "[true false]" {
			t.Errorf("SMISMEMBER: %v %v", m, err)
		}
		if m, err := c.SInter(ctx, "tags:a", "tags:b").Result(); err != nil || sorted(m) != "[rust sql]" {
			t.Errorf("SINTER: %v %v", m, err)
		}
		if n, err := c.SInterCard(ctx, 1, "tags:a", "tags:b").Result(); err != nil || n != 1 {
			t.Errorf("SINTERCARD LIMIT 1: %d %v", n, err)
		}
		if m, err := c.SUnion(ctx, "tags:a", "tags:b").Result(); err != nil || sorted(m) != "[c go rust sql]" {
			t.Errorf("SUNION: %v %v", m, err)
		}
		if m, err := c.SDiff(ctx, "tags:a", "tags:b").Result(); err != nil || sorted(m) != "[go]" {
			t.Errorf("SDIFF: %v %v", m, err)
		}
		if n, err := c.SUnionStore(ctx, "tags:all", "tags:a", "tags:b").Result(); err != nil || n != 4 {
			t.Errorf("SUNIONSTORE: %d %v", n, err)
		}
		if ok, err := c.SMove(ctx, "tags:a", "tags:b", "go").Result(); err != nil || !ok {
			t.Errorf("SMOVE: %v %v", ok, err)
		}
		if n, _ := c.SCard(ctx, "tags:b").Result(); n != 4 {
			t.Errorf("SCARD after SMOVE: %d", n)
		}
		if m, err := c.SRandMemberN(ctx, "tags:all", -9).Result(); err != nil || len(m) != 9 {
			t.Errorf("SRANDMEMBER -9: %v %v", m, err)
		}
		popped, err := c.SPopN(ctx, "tags:all", 3).Result()
		if err != nil || len(popped) != 3 {
			t.Errorf("SPOP 3: %v %v", popped, err)
		}
		last, err := c.SPop(ctx, "tags:all").Result()
		if err != nil || sorted(append(popped, last)) != "[c go rust sql]" {
			t.Errorf("SPOP: %q %v (after %v)", last, err, popped)
		}
		if n, _ := c.Exists(ctx, "tags:all").Result(); n != 0 {
			t.Errorf("the emptied set still exists")
		}
		// SSCAN while removing each page: no member is skipped.
		var members []any
		for i := 0; i < 1000; i++ {
			members = append(members, fmt.Sprintf("member:%d", i))
		}
		if err := c.SAdd(ctx, "big", members...).Err(); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		var cursor uint64
		for calls := 0; ; calls++ {
			if calls > 10000 {
				t.Fatal("SSCAN did not end")
			}
			page, next, err := c.SScan(ctx, "big", cursor, "", 10).Result()
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range page {
				seen[m] = true
			}
			if len(page) > 0 {
				if err := c.SRem(ctx, "big", page).Err(); err != nil {
					t.Fatal(err)
				}
			}
			if cursor = next; cursor == 0 {
				break
			}
		}
		if len(seen) != 1000 {
			t.Errorf("SSCAN with SREM saw %d of 1000 members", len(seen))
		}
		if n, _ := c.Exists(ctx, "big").Result(); n != 0 {
			t.Errorf("the set emptied by SREM still exists")
		}
	})
}
