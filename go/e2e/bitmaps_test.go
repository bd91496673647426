package e2e

import (
	"context"
	"fmt"
	"net"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// bitmapScenario is what an application does with bitmaps through go-redis: one bit per
// user per day (SETBIT), daily and weekly active counts (BITCOUNT, BITOP AND/OR), the first
// user never seen (BITPOS), and packed counters (BITFIELD with OVERFLOW SAT, BITFIELD_RO).
// It returns every reply (or error text) in order, to compare with real Redis's.
func bitmapScenario(ctx context.Context, c *redis.Client) []string {
	var out []string
	note := func(cmd redis.Cmder) { out = append(out, fmt.Sprintf("%s => %v", cmd.Name(), cmd)) }
	for day := range 3 {
		key := fmt.Sprintf("active:%d", day)
		for user := int64(day); user < 200; user += int64(day + 2) {
			note(c.SetBit(ctx, key, user*7%181, 1))
		}
		note(c.BitCount(ctx, key, nil))
		note(c.BitCount(ctx, key, &redis.BitCount{Start: 1, End: -2}))
		note(c.BitCount(ctx, key, &redis.BitCount{Start: 5, End: 100, Unit: redis.BitCountIndexBit}))
	}
	note(c.BitOpAnd(ctx, "every-day", "active:0", "active:1", "active:2"))
	note(c.BitOpOr(ctx, "any-day", "active:0", "active:1", "active:2"))
	note(c.BitOpXor(ctx, "odd-days", "active:0", "active:1", "active:2"))
	note(c.BitOpNot(ctx, "never", "any-day"))
	note(c.BitCount(ctx, "every-day", nil))
	note(c.BitPos(ctx, "any-day", 0))
	note(c.BitPos(ctx, "any-day", 1, 2))
	note(c.BitPosSpan(ctx, "any-day", 0, 3, 170, "bit"))
	note(c.GetBit(ctx, "never", 3))
	note(c.Get(ctx, "odd-days"))
	// Counters: an unsigned 8-bit one that saturates, a signed 4-bit one that wraps, and a
	// write that fails and leaves the field alone.
	note(c.BitField(ctx, "counters", "OVERFLOW", "SAT", "INCRBY", "u8", "#0", 200, "INCRBY", "u8", "#0", 200,
		"INCRBY", "i4", 100, 7, "INCRBY", "i4", 100, 1))
	note(c.BitField(ctx, "counters", "OVERFLOW", "FAIL", "SET", "u8", "#1", 300, "GET", "u8", "#1"))
	note(c.BitFieldRO(ctx, "counters", "u8", "#0", "i4", 100)) // go-redis adds the GETs
	note(c.Do(ctx, "BITFIELD_RO", "counters", "SET", "u8", 0, 1))
	note(c.SetBit(ctx, "counters", -1, 1))
	note(c.LPush(ctx, "list", "a"))
	note(c.GetBit(ctx, "list", 0))
	note(c.BitOpAnd(ctx, "dst", "active:0", "list"))
	return out
}

// bitmapCLI is what a shell script asks redis-cli after bitmapScenario: the bitmap as
// redis-cli quotes it, a BITFIELD reply in raw output, an error.
var bitmapCLI = [][]string{
	{"--no-raw", "GET", "never"},
	{"--no-raw", "GET", "counters"},
	{"BITFIELD", "counters", "GET", "u8", "#0", "GET", "i4", "100"},
	{"BITCOUNT", "any-day"},
	{"SETBIT", "counters", "x", "1"},
}

// TestGoRedisBitmaps runs bitmapScenario with go-redis on every path, in its default RESP3
// and in RESP2, and compares every reply with real Redis's; redis-cli then reads the
// bitmaps and a BITFIELD reply as a script would, compared with redis-cli's output
// against Redis.
func TestGoRedisBitmaps(t *testing.T) {
	oracle := startOracle(t)
	connect := func(addr string, protocol int) *redis.Client {
		c := redis.NewClient(&redis.Options{Addr: addr, Protocol: protocol, DialTimeout: 30 * time.Second,
			ReadTimeout: 60 * time.Second, MaxRetries: -1})
		t.Cleanup(func() { c.Close() })
		return c
	}
	want := map[int][]string{}
	for _, protocol := range []int{3, 2} {
		r := connect(oracle, protocol)
		ctx := ctxT(t)
		if err := r.FlushAll(ctx).Err(); err != nil {
			t.Fatal(err)
		}
		want[protocol] = bitmapScenario(ctx, r)
	}
	host, port, _ := net.SplitHostPort(oracle)
	n, err := strconv.Atoi(port)
	if host != "127.0.0.1" || err != nil {
		t.Fatalf("oracle address %q", oracle)
	}
	var wantCLI []string
	for _, args := range bitmapCLI {
		wantCLI = append(wantCLI, redisCLI(t, &server{port: n}, nil, args...))
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		for _, protocol := range []int{3, 2} {
			c := connect(s.addr(), protocol)
			ctx := ctxT(t)
			if err := c.FlushAll(ctx).Err(); err != nil {
				t.Fatal(err)
			}
			got := bitmapScenario(ctx, c)
			if !reflect.DeepEqual(got, want[protocol]) {
				for i := range max(len(got), len(want[protocol])) {
					g, w := "(none)", "(none)"
					if i < len(got) {
						g = got[i]
					}
					if i < len(want[protocol]) {
						w = want[protocol][i]
					}
					if g != w {
						t.Errorf("RESP%d step %d:\n got %s\nwant %s", protocol, i, g, w)
					}
				}
			}
		}
		for i, args := range bitmapCLI {
			if got := redisCLI(t, s, nil, args...); got != wantCLI[i] {
				t.Errorf("redis-cli %v: %q, redis-cli against Redis: %q", args, got, wantCLI[i])
			}
		}
	})
}
